/** @file zlib streams (RFC 1950): header, DEFLATE stream, Adler-32. */
#include <stdint.h>
#include <stdlib.h>
#include <lwpxe/errors.h>
#include "archive.h"

/** Adler-32 of @p len bytes at @p data */
static uint32_t zlib_adler32(const uint8_t *data, size_t len)
{
	uint32_t a = 1, b = 0;

	while (len) {
		size_t n = len < 5552 ? len : 5552;

		len -= n;
		while (n--) {
			a += *data++;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return b << 16 | a;
}

/** Nonzero if @p data starts with a zlib header: deflate, window <= 32K, check bits right, no preset dictionary */
static int zlib_probe(const uint8_t *data, size_t len)
{
	return len >= 2 && (data[0] & 0x0f) == 8 && (data[0] >> 4) <= 7 &&
	       ((unsigned int)data[0] << 8 | data[1]) % 31 == 0 &&
	       !(data[1] & 0x20);
}

/** Unpack a zlib stream; checks its Adler-32 */
static int zlib_extract(const uint8_t *data, size_t len,
			struct inflate_result *res)
{
	const uint8_t *trailer;
	int rc;

	if (len < 2 + 4) {
		res->why = "the zlib stream is truncated";
		return -EBADMSG;
	}
	rc = inflate(data + 2, len - 2 - 4, (size_t)-1, res);
	if (rc < 0)
		return rc;
	trailer = data + 2 + res->used;
	if (((uint32_t)trailer[0] << 24 | (uint32_t)trailer[1] << 16 |
	     (uint32_t)trailer[2] << 8 | trailer[3]) ==
	    zlib_adler32(res->data, res->len))
		return 0;
	res->why = "the Adler-32 in its trailer does not match";
	free(res->data);
	res->data = NULL;
	return -EBADMSG;
}

/** The zlib format */
const struct archive_format archive_zlib = {
	.name = "zlib",
	.probe = zlib_probe,
	.extract = zlib_extract,
};
