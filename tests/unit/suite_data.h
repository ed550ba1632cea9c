/**
 * @file Reading the vectors of mbedTLS's own test suites (MBEDTLS_SUITES, the unpacked mbedTLS source).
 *
 * A vector is one line: the test function's name, then fields after
 * colons, each a quoted hex string, a bare number or a bare name.
 */
#ifndef SUITE_DATA_H
#define SUITE_DATA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Longest hex field of a vector, in bytes */
#define FIELD_MAX 512

/** A field of a vector: bytes from hex */
struct field {
	uint8_t b[FIELD_MAX];   /**< the bytes */
	size_t len;             /**< how many; SIZE_MAX for "FAIL" */
};

/** Open MBEDTLS_SUITES/test_suite_@p name.data (failing the test if it cannot) */
FILE *suite_open(const char *name);

/**
 * Read lines of @p f into @p line (@p size bytes) up to the next vector of
 * test function @p name; *@p pos is then where its fields start
 *
 * @ret rc      0, or -1 at the end of the file
 */
int suite_next(FILE *f, const char *name, char *line, size_t size,
	       size_t *pos);

/**
 * Read the field of @p line at *@p pos into @p f if quoted (hex), else
 * into @p number (strtol: 0 for a name); 0, or -1 at the end of the line
 */
int suite_field(const char *line, size_t *pos, struct field *f, long *number);

#endif
