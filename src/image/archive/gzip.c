/** @file gzip files (RFC 1952): header, DEFLATE stream, CRC-32 and length. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "archive.h"

/** gzip header flags */
enum {
	GZIP_FHCRC = 0x02,     /**< a CRC-16 of the header follows it */
	GZIP_FEXTRA = 0x04,    /**< extra field, with its length */
	GZIP_FNAME = 0x08,     /**< original file name, NUL-terminated */
	GZIP_FCOMMENT = 0x10,  /**< comment, NUL-terminated */
	GZIP_FRESERVED = 0xe0, /**< must be zero */
};

/** Offsets in the fixed gzip header: ID1, ID2, CM, FLG */
enum {
	GZIP_ID1 = 0,          /**< 0x1f */
	GZIP_ID2 = 1,          /**< 0x8b */
	GZIP_CM = 2,           /**< compression method: 8, deflate */
	GZIP_FLG = 3,          /**< flags */
};

/** Length of the fixed gzip header */
#define GZIP_HEADER 10
/** Length of the gzip trailer: CRC-32, ISIZE */
#define GZIP_TRAILER 8
/** Most DEFLATE can expand: 258 bytes from under 2 bits, with margin */
#define GZIP_RATIO_MAX 1032

/** CRC-32 (IEEE 802.3, reflected) of @p len bytes at @p data */
static uint32_t gzip_crc32(const uint8_t *data, size_t len)
{
	static uint32_t table[256];
	uint32_t crc = 0xffffffffu;

	if (!table[1]) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = (c >> 1) ^ (c & 1 ? 0xedb88320u : 0);
			table[i] = c;
		}
	}
	while (len--)
		crc = (crc >> 8) ^ table[(crc ^ *data++) & 0xff];
	return ~crc;
}

/** Little-endian 32-bit value at @p p */
static uint32_t gzip_le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/** Nonzero if @p data starts with gzip's magic and method 8 (deflate) */
static int gzip_probe(const uint8_t *data, size_t len)
{
	return len > GZIP_CM && data[GZIP_ID1] == 0x1f && data[GZIP_ID2] == 0x8b &&
	       data[GZIP_CM] == 8;
}

/** Skip a NUL-terminated field at @p *pos; nonzero if it ends within @p len */
static int gzip_skip_string(const uint8_t *data, size_t len, size_t *pos)
{
	const uint8_t *nul = memchr(data + *pos, 0, len - *pos);

	if (!nul)
		return 0;
	*pos = (size_t)(nul - data) + 1;
	return 1;
}

/** Offset of the DEFLATE stream after the header; 0 if the header is bad (@p why says why) */
static size_t gzip_header(const uint8_t *data, size_t len, const char **why)
{
	unsigned int flags;
	size_t pos = GZIP_HEADER;

	*why = "the gzip header is truncated";
	if (len < GZIP_HEADER + GZIP_TRAILER)
		return 0;
	flags = data[GZIP_FLG];
	if (flags & GZIP_FRESERVED) {
		*why = "the gzip header has reserved flags set";
		return 0;
	}
	if (flags & GZIP_FEXTRA) {
		size_t xlen;

		if (len - pos < 2)
			return 0;
		xlen = data[pos] | (size_t)data[pos + 1] << 8;
		if (len - pos - 2 < xlen)
			return 0;
		pos += 2 + xlen;
	}
	if ((flags & GZIP_FNAME) && !gzip_skip_string(data, len, &pos))
		return 0;
	if ((flags & GZIP_FCOMMENT) && !gzip_skip_string(data, len, &pos))
		return 0;
	if (flags & GZIP_FHCRC)
		pos += 2;
	if (pos + GZIP_TRAILER > len)
		return 0;
	return pos;
}

/** Unpack a gzip file's first member; checks its CRC-32 and length */
static int gzip_extract(const uint8_t *data, size_t len,
			struct inflate_result *res)
{
	size_t start = gzip_header(data, len, &res->why);
	const uint8_t *trailer;
	uint32_t isize;
	int rc;

	if (!start)
		return -EBADMSG;
	isize = gzip_le32(data + len - 4);
	if ((uint64_t)isize > (uint64_t)(len - start) * GZIP_RATIO_MAX) {
		res->why = "its trailer gives a size no DEFLATE stream of "
			   "this length can produce";
		return -EBADMSG;
	}
	rc = inflate(data + start, len - start - GZIP_TRAILER, isize, res);
	if (rc < 0)
		return rc;
	trailer = data + start + res->used;
	if (res->len != isize || gzip_le32(trailer + 4) != isize)
		res->why = "the length in its trailer does not match";
	else if (gzip_le32(trailer) != gzip_crc32(res->data, res->len))
		res->why = "the CRC-32 in its trailer does not match";
	else
		return 0;
	free(res->data);
	res->data = NULL;
	return -EBADMSG;
}

/** The gzip format */
const struct archive_format archive_gzip = {
	.name = "gzip",
	.probe = gzip_probe,
	.extract = gzip_extract,
};

