/** @file The chunked transfer coding: chunk sizes, data, the last chunk and trailers skipped (pure: no network). */
#include <string.h>
#include <lwpxe/errors.h>
#include "http_int.h"

/** Most bytes of chunk extensions and trailers skipped in one body */
#define HTTP_CHUNKED_SKIP_MAX 16384

/** Where the decoder is */
enum {
	CHUNKED_SIZE,       /**< hex digits of a chunk size */
	CHUNKED_SIZE_END,   /**< spaces or ';' after the size, until the LF */
	CHUNKED_EXT,        /**< a chunk extension, until the LF */
	CHUNKED_DATA,       /**< chunk data */
	CHUNKED_DATA_CR,    /**< the CR after the data */
	CHUNKED_DATA_LF,    /**< the LF after the data */
	CHUNKED_TRAILER,    /**< the start of a trailer line (or the final empty one) */
	CHUNKED_TRAILER_LINE, /**< inside a trailer line, until the LF */
	CHUNKED_DONE,       /**< the body ended */
};

void http_chunked_init(struct http_chunked *c)
{
	memset(c, 0, sizeof(*c));
}

int http_chunked_done(const struct http_chunked *c)
{
	return c->state == CHUNKED_DONE;
}

/** Fail with -EBADMSG, noting @p why */
static int chunked_bad(struct http_chunked *c, const char *why)
{
	c->why = why;
	return -EBADMSG;
}

/** Value of hex digit @p ch, or -1 */
static int chunked_hex(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/** The size line ended: data follows, or the trailers after the last chunk */
static void chunked_size_done(struct http_chunked *c)
{
	c->state = c->left ? CHUNKED_DATA : CHUNKED_TRAILER;
}

/** Take one byte of a size line */
static int chunked_size_byte(struct http_chunked *c, char ch)
{
	int digit = chunked_hex(ch);

	if (c->state == CHUNKED_SIZE && digit >= 0) {
		if (c->left >> 60)
			return chunked_bad(c, "chunk size too large");
		c->left = c->left << 4 | (uint64_t)digit;
		c->digits++;
		return 0;
	}
	if (!c->digits)
		return chunked_bad(c, "malformed chunk size");
	if (ch == '\n') {
		chunked_size_done(c);
		return 0;
	}
	if (c->state == CHUNKED_EXT) {
		if (++c->skipped > HTTP_CHUNKED_SKIP_MAX)
			return chunked_bad(c, "chunk extensions too long");
		return 0;
	}
	c->state = CHUNKED_SIZE_END;
	if (ch == ';')
		c->state = CHUNKED_EXT;
	else if (ch != ' ' && ch != '\t' && ch != '\r')
		return chunked_bad(c, "malformed chunk size");
	return 0;
}

/** Take one byte of the CRLF after data, or of the trailers */
static int chunked_frame_byte(struct http_chunked *c, char ch)
{
	switch (c->state) {
	case CHUNKED_DATA_CR:
		if (ch == '\r') {
			c->state = CHUNKED_DATA_LF;
			return 0;
		}
		/* a bare LF ends the data too */
		__attribute__((fallthrough));
	case CHUNKED_DATA_LF:
		if (ch != '\n')
			return chunked_bad(c, "no CRLF after chunk data");
		c->state = CHUNKED_SIZE;
		c->digits = 0;
		c->left = 0;
		return 0;
	case CHUNKED_TRAILER:
		if (ch == '\n')
			c->state = CHUNKED_DONE;
		else if (ch != '\r')
			c->state = CHUNKED_TRAILER_LINE;
		return 0;
	default:
		if (++c->skipped > HTTP_CHUNKED_SKIP_MAX)
			return chunked_bad(c, "trailers too long");
		if (ch == '\n')
			c->state = CHUNKED_TRAILER;
		return 0;
	}
}

int http_chunked_feed(struct http_chunked *c, const char *data, size_t len,
		      http_body_fn fn, void *ctx)
{
	size_t i = 0;

	while (i < len && c->state != CHUNKED_DONE) {
		int rc;

		if (c->state == CHUNKED_DATA) {
			size_t n = len - i;

			if (n > c->left)
				n = (size_t)c->left;
			rc = fn(ctx, data + i, n);
			if (rc < 0)
				return rc;
			i += n;
			c->left -= n;
			if (!c->left)
				c->state = CHUNKED_DATA_CR;
			continue;
		}
		if (c->state <= CHUNKED_EXT)
			rc = chunked_size_byte(c, data[i]);
		else
			rc = chunked_frame_byte(c, data[i]);
		if (rc < 0)
			return rc;
		i++;
	}
	return (int)i;
}
