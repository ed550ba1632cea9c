/** @file Setting types for text, addresses and byte strings. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>
#include <lwpxe/uri.h>

/** Output that never overflows: counts everything, stores what fits */
struct type_out {
	char *buf;        /**< destination (may be NULL when len is 0) */
	size_t len;       /**< size of @c buf */
	size_t pos;       /**< characters produced so far */
};

/**
 * Add one character to @p out
 *
 * @v out       output
 * @v c         character
 */
static void type_putc(struct type_out *out, char c)
{
	if (out->pos + 1 < out->len)
		out->buf[out->pos] = c;
	out->pos++;
}

/**
 * Terminate @p out and return the full length it wanted
 *
 * @v out       output
 * @ret len     characters produced (excluding the NUL)
 */
static int type_done(struct type_out *out)
{
	if (out->len)
		out->buf[MIN(out->pos, out->len - 1)] = '\0';
	return (int)out->pos;
}

/**
 * Value of hex digit @p c
 *
 * @v c         character
 * @ret value   0..15, or -1 if not a hex digit
 */
static int type_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/** Parse a string: the text itself, without a NUL */
static int type_string_parse(const char *text, void *raw, size_t len)
{
	size_t n = strlen(text);

	memcpy(raw, text, MIN(n, len));
	return (int)n;
}

/** Format a string: the bytes themselves */
static int type_string_format(const void *raw, size_t raw_len, char *buf,
			      size_t len)
{
	struct type_out out = { buf, len, 0 };
	const char *s = raw;

	for (size_t i = 0; i < raw_len; i++)
		type_putc(&out, s[i]);
	return type_done(&out);
}

/** Parse a string with %XX escapes: the bytes they stand for */
static int type_uristring_parse(const char *text, void *raw, size_t len)
{
	return (int)uri_unescape(text, strlen(text), raw, len);
}

/** Format a string for a URI: every byte but the unreserved ones as %XX */
static int type_uristring_format(const void *raw, size_t raw_len, char *buf,
				 size_t len)
{
	struct type_out out = { buf, len, 0 };
	const char *s = raw;
	char one[4];

	for (size_t i = 0; i < raw_len; i++) {
		uri_encode(&s[i], 1, one, sizeof(one));
		for (const char *c = one; *c; c++)
			type_putc(&out, *c);
	}
	return type_done(&out);
}

/** Parse a dotted quad into 4 bytes */
static int type_ipv4_parse(const char *text, void *raw, size_t len)
{
	uint8_t addr[4];
	const char *p = text;

	for (int i = 0; i < 4; i++) {
		unsigned int part = 0;
		int digits = 0;

		while (isdigit((unsigned char)*p) && digits < 4) {
			part = part * 10 + (unsigned int)(*p++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || part > 255)
			return -EINVAL;
		addr[i] = (uint8_t)part;
		if (i < 3 && *p++ != '.')
			return -EINVAL;
	}
	if (*p)
		return -EINVAL;
	memcpy(raw, addr, MIN(len, sizeof(addr)));
	return (int)sizeof(addr);
}

/** Format the first 4 bytes as a dotted quad */
static int type_ipv4_format(const void *raw, size_t raw_len, char *buf,
			    size_t len)
{
	const uint8_t *a = raw;

	if (raw_len < 4)
		return -ERANGE;
	return snprintf(buf, len, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

/**
 * Parse hex bytes separated by @p sep (0: none, two digits each)
 *
 * @v sep       separator
 * @v text      text
 * @v raw       destination
 * @v len       size of @p raw
 * @ret len     bytes parsed, or -EINVAL
 */
static int type_hex_decode(char sep, const char *text, uint8_t *raw,
			   size_t len)
{
	size_t count = 0;
	const char *p = text;

	if (!*p)
		return 0;
	for (;;) {
		int hi = type_hexval(p[0]);
		int lo = hi < 0 ? -1 : type_hexval(p[1]);
		unsigned int byte;

		if (hi < 0)
			return -EINVAL;
		if (lo < 0 && !sep)
			return -EINVAL;
		byte = lo < 0 ? (unsigned int)hi : (unsigned int)(hi << 4 | lo);
		p += lo < 0 ? 1 : 2;
		if (count < len)
			raw[count] = (uint8_t)byte;
		count++;
		if (!*p)
			return (int)count;
		if (sep) {
			if (*p != sep)
				return -EINVAL;
			p++;
		}
	}
}

/**
 * Format bytes as lower-case hex separated by @p sep (0: none)
 *
 * @v sep       separator
 * @v raw       bytes
 * @v raw_len   number of bytes
 * @v buf       destination
 * @v len       size of @p buf
 * @ret len     text length
 */
static int type_hex_encode(char sep, const uint8_t *raw, size_t raw_len,
			   char *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	struct type_out out = { buf, len, 0 };

	for (size_t i = 0; i < raw_len; i++) {
		if (i && sep)
			type_putc(&out, sep);
		type_putc(&out, digits[raw[i] >> 4]);
		type_putc(&out, digits[raw[i] & 0xf]);
	}
	return type_done(&out);
}

/** Parse colon-separated hex */
static int type_hex_parse(const char *text, void *raw, size_t len)
{
	return type_hex_decode(':', text, raw, len);
}

/** Format colon-separated hex */
static int type_hex_format(const void *raw, size_t raw_len, char *buf,
			   size_t len)
{
	return type_hex_encode(':', raw, raw_len, buf, len);
}

/** Parse hyphen-separated hex */
static int type_hexhyp_parse(const char *text, void *raw, size_t len)
{
	return type_hex_decode('-', text, raw, len);
}

/** Format hyphen-separated hex */
static int type_hexhyp_format(const void *raw, size_t raw_len, char *buf,
			      size_t len)
{
	return type_hex_encode('-', raw, raw_len, buf, len);
}

/** Parse unseparated hex */
static int type_hexraw_parse(const char *text, void *raw, size_t len)
{
	return type_hex_decode(0, text, raw, len);
}

/** Format unseparated hex */
static int type_hexraw_format(const void *raw, size_t raw_len, char *buf,
			      size_t len)
{
	return type_hex_encode(0, raw, raw_len, buf, len);
}

/** Parse a UUID: 8-4-4-4-12 hex digits (or 32 digits) into 16 bytes */
static int type_uuid_parse(const char *text, void *raw, size_t len)
{
	uint8_t uuid[16];
	const char *p = text;
	size_t n = strlen(text);

	if (n != 36 && n != 32)
		return -EINVAL;
	for (int i = 0; i < 16; i++) {
		int hi, lo;

		if (n == 36 && (i == 4 || i == 6 || i == 8 || i == 10) &&
		    *p++ != '-')
			return -EINVAL;
		hi = type_hexval(p[0]);
		lo = hi < 0 ? -1 : type_hexval(p[1]);
		if (lo < 0)
			return -EINVAL;
		uuid[i] = (uint8_t)(hi << 4 | lo);
		p += 2;
	}
	memcpy(raw, uuid, MIN(len, sizeof(uuid)));
	return (int)sizeof(uuid);
}

/** Format 16 bytes as a UUID */
static int type_uuid_format(const void *raw, size_t raw_len, char *buf,
			    size_t len)
{
	static const uint8_t groups[] = { 4, 2, 2, 2, 6 };
	const uint8_t *u = raw;
	struct type_out out = { buf, len, 0 };
	char part[13];

	if (raw_len != 16)
		return -ERANGE;
	for (unsigned int g = 0, at = 0; g < sizeof(groups); g++) {
		if (g)
			type_putc(&out, '-');
		type_hex_encode(0, u + at, groups[g], part, sizeof(part));
		for (const char *c = part; *c; c++)
			type_putc(&out, *c);
		at += groups[g];
	}
	return type_done(&out);
}

/** Parse a MAC address: 6 bytes separated by ':' or '-' */
static int type_mac_parse(const char *text, void *raw, size_t len)
{
	uint8_t mac[6];
	char sep = strchr(text, '-') ? '-' : ':';
	int n = type_hex_decode(sep, text, mac, sizeof(mac));

	if (n != 6)
		return -EINVAL;
	memcpy(raw, mac, MIN(len, sizeof(mac)));
	return n;
}

/** Format 6 bytes as a MAC address */
static int type_mac_format(const void *raw, size_t raw_len, char *buf,
			   size_t len)
{
	if (raw_len != 6)
		return -ERANGE;
	return type_hex_encode(':', raw, raw_len, buf, len);
}

const struct setting_type setting_type_string = {
	"string", type_string_parse, type_string_format };
const struct setting_type setting_type_uristring = {
	"uristring", type_uristring_parse, type_uristring_format };
const struct setting_type setting_type_ipv4 = {
	"ipv4", type_ipv4_parse, type_ipv4_format };
const struct setting_type setting_type_hex = {
	"hex", type_hex_parse, type_hex_format };
const struct setting_type setting_type_hexhyp = {
	"hexhyp", type_hexhyp_parse, type_hexhyp_format };
const struct setting_type setting_type_hexraw = {
	"hexraw", type_hexraw_parse, type_hexraw_format };
const struct setting_type setting_type_uuid = {
	"uuid", type_uuid_parse, type_uuid_format };
const struct setting_type setting_type_mac = {
	"mac", type_mac_parse, type_mac_format };

/** Every type, for setting_type_find() */
static const struct setting_type *const setting_types[] = {
	&setting_type_string, &setting_type_uristring, &setting_type_ipv4, &setting_type_hex,
	&setting_type_hexhyp, &setting_type_hexraw, &setting_type_uint8,
	&setting_type_uint16, &setting_type_uint32, &setting_type_int8,
	&setting_type_int16, &setting_type_int32, &setting_type_uuid,
	&setting_type_mac,
};

/** Find a type by name; NULL if unknown */
const struct setting_type *setting_type_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(setting_types); i++) {
		if (strcmp(setting_types[i]->name, name) == 0)
			return setting_types[i];
	}
	return NULL;
}
