/** @file SMBIOS: finding the structure table and reading structures from it (any input, checked). */
#ifndef LWPXE_SMBIOS_H
#define LWPXE_SMBIOS_H

#include <stddef.h>
#include <stdint.h>

/**
 * Read an SMBIOS entry point ("_SM_" 2.x or "_SM3_" 3.x) with valid
 * checksums at @p ep, of which @p len bytes are readable
 *
 * @v addr      receives the structure table's physical address
 * @v table_len receives its length (3.x: the maximum size it gives)
 * @ret rc      0, or -ENOENT if @p ep is not a valid entry point
 */
int smbios_entry_parse(const void *ep, size_t len, uint64_t *addr,
		       size_t *table_len);

/** One structure found in the table */
struct smbios_structure {
	const uint8_t *data;    /**< the formatted area (type, length, handle, ...) */
	size_t len;             /**< its length (from the header, at least 4) */
	const char *strings;    /**< the string set after it */
	size_t strings_len;     /**< its length, up to and including the double NUL */
};

/**
 * Find the @p instance-th (from 0) structure of type @p type in the
 * table of @p len bytes at @p table; structures running past the end,
 * with a length below 4 or without the closing double NUL end the walk,
 * as does type 127 (end of table)
 *
 * @ret rc      0, or -ENOENT
 */
int smbios_find(const void *table, size_t len, unsigned int type,
		unsigned int instance, struct smbios_structure *found);

/**
 * String number @p index (from 1, as the formatted area gives it) of
 * structure @p s
 *
 * @v text      receives its start (not NUL-terminated within @p len)
 * @v text_len  receives its length
 * @ret rc      0, or -ENOENT (index 0 or past the last string)
 */
int smbios_string(const struct smbios_structure *s, unsigned int index,
		  const char **text, size_t *text_len);

#endif
