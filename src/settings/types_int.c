/** @file Numeric setting types: big-endian signed and unsigned integers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>

/**
 * Parse a decimal, 0x-hex or 0-octal integer into @p width big-endian
 * bytes.  Like iPXE, both signed and unsigned types accept any value
 * from -2^(8w-1) to 2^(8w)-1 ("-1" as uint8 is 0xff).
 *
 * @v text      text
 * @v width     1, 2 or 4 bytes
 * @v raw       destination
 * @v len       size of @p raw
 * @ret len     @p width, or -EINVAL
 */
static int type_int_parse(const char *text, unsigned int width, void *raw,
			  size_t len)
{
	unsigned long long limit = 1ULL << (8 * width);
	unsigned long long mag;
	unsigned long long value;
	int negative = 0;
	const char *p = text;
	char *end;
	uint8_t bytes[4];

	if (*p == '-' || *p == '+')
		negative = (*p++ == '-');
	if (!*p || *p == '-' || *p == '+' || *p == ' ')
		return -EINVAL;
	mag = strtoull(p, &end, 0);
	if (*end || end == p)
		return -EINVAL;
	if (negative ? mag > limit / 2 : mag >= limit)
		return -EINVAL;
	value = negative ? limit - mag : mag;
	for (unsigned int i = 0; i < width; i++)
		bytes[i] = (uint8_t)(value >> (8 * (width - 1 - i)));
	memcpy(raw, bytes, MIN(len, width));
	return (int)width;
}

/**
 * Read up to 4 big-endian bytes as a number
 *
 * @v raw       bytes
 * @v raw_len   0..4
 * @v is_signed sign-extend from the top bit of the first byte
 * @v value     receives the value
 * @ret rc      0, or -ERANGE for more than 4 bytes
 */
static int type_int_value(const void *raw, size_t raw_len, int is_signed,
			  long *value)
{
	const uint8_t *b = raw;
	unsigned long u = 0;

	if (raw_len > 4)
		return -ERANGE;
	if (is_signed && raw_len && (b[0] & 0x80))
		u = ~0UL;
	for (size_t i = 0; i < raw_len; i++)
		u = (u << 8) | b[i];
	*value = (long)u;
	return 0;
}

/** Format a signed integer in decimal */
static int type_int_format(const void *raw, size_t raw_len, char *buf,
			   size_t len)
{
	long value;
	int rc = type_int_value(raw, raw_len, 1, &value);

	if (rc < 0)
		return rc;
	return snprintf(buf, len, "%ld", value);
}

/** Format an unsigned integer as iPXE does: 0x-prefixed hex ("0" for zero) */
static int type_uint_format(const void *raw, size_t raw_len, char *buf,
			    size_t len)
{
	long value;
	int rc = type_int_value(raw, raw_len, 0, &value);

	if (rc < 0)
		return rc;
	if (value == 0)
		return snprintf(buf, len, "0");
	return snprintf(buf, len, "0x%lx", (unsigned long)value);
}

/** Parse a 1-byte integer */
static int type_int8_parse(const char *text, void *raw, size_t len)
{
	return type_int_parse(text, 1, raw, len);
}

/** Parse a 2-byte integer */
static int type_int16_parse(const char *text, void *raw, size_t len)
{
	return type_int_parse(text, 2, raw, len);
}

/** Parse a 4-byte integer */
static int type_int32_parse(const char *text, void *raw, size_t len)
{
	return type_int_parse(text, 4, raw, len);
}

const struct setting_type setting_type_uint8 = {
	"uint8", type_int8_parse, type_uint_format };
const struct setting_type setting_type_uint16 = {
	"uint16", type_int16_parse, type_uint_format };
const struct setting_type setting_type_uint32 = {
	"uint32", type_int32_parse, type_uint_format };
const struct setting_type setting_type_int8 = {
	"int8", type_int8_parse, type_int_format };
const struct setting_type setting_type_int16 = {
	"int16", type_int16_parse, type_int_format };
const struct setting_type setting_type_int32 = {
	"int32", type_int32_parse, type_int_format };
