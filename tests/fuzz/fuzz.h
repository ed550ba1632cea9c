/** @file What every libFuzzer target shares: the entry point and input helpers (harness.c). */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

/** Run the code under test on one input (each target defines it); always 0 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** An input being consumed from the front */
struct fuzz_input {
	const uint8_t *data;       /**< next byte */
	size_t left;               /**< bytes left */
};

/** Start consuming @p size bytes at @p data */
void fuzz_input_init(struct fuzz_input *in, const uint8_t *data, size_t size);

/** Next byte of @p in, 0 once it is used up */
unsigned int fuzz_byte(struct fuzz_input *in);

/**
 * Take up to @p max bytes from @p in
 *
 * @v len       receives how many were taken (@p max or what is left)
 * @ret data    where they are
 */
const uint8_t *fuzz_take(struct fuzz_input *in, size_t max, size_t *len);

/**
 * The input as a NUL-terminated heap string (NULs inside end it early)
 *
 * @ret text    free() it; NULL if out of memory
 */
char *fuzz_text(const uint8_t *data, size_t size);

/**
 * The next line of @p in (up to '\n' or the end) as a NUL-terminated heap
 * string
 *
 * @ret text    free() it; NULL if out of memory
 */
char *fuzz_line(struct fuzz_input *in);

/**
 * Fail the run (abort, which libFuzzer reports with the input) unless
 * @p ok: for what the code under test promises its caller, such as
 * "the segments lie inside the file"
 *
 * @v what      the promise, printed when it is broken
 */
void fuzz_require(int ok, const char *what);

#endif
