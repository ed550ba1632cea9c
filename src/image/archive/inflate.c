/** @file DEFLATE decompression (RFC 1951) of a whole stream held in memory. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "archive.h"

/*
 * The whole output stays in memory, so back-references read it directly
 * and no window is kept.  Huffman codes are canonical: a code is decoded
 * bit by bit against the count of codes of each length, which needs no
 * tables beyond the counts and the symbols in code order.
 */

/** Longest Huffman code */
#define INFLATE_MAX_BITS 15
/** Literal/length symbols (286 used, 288 in the fixed code) */
#define INFLATE_LITLEN 288
/** Distance symbols (30 used, 32 in the fixed code) */
#define INFLATE_DIST 32
/** Code-length code symbols */
#define INFLATE_CLEN 19

/** Bits of the input not yet read, and the output so far */
struct inflate_state {
	const uint8_t *in;     /**< input */
	size_t in_len;         /**< its length */
	size_t pos;            /**< next byte */
	unsigned int bits;     /**< bits taken from in[pos - 1] not yet used, low first */
	unsigned int nbits;    /**< how many */
	uint8_t *out;          /**< output (malloc) */
	size_t out_len;        /**< bytes in it */
	size_t out_size;       /**< room in it */
	size_t out_max;        /**< largest output allowed */
	const char *why;       /**< what was wrong, for the one line */
};

/** A canonical Huffman code */
struct inflate_huff {
	uint16_t count[INFLATE_MAX_BITS + 1];  /**< codes of each length */
	uint16_t symbol[INFLATE_LITLEN];       /**< symbols in code order */
};

/** Base lengths of length symbols 257-285 */
static const uint16_t inflate_len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
/** Extra bits of length symbols 257-285 */
static const uint8_t inflate_len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
/** Base distances of distance symbols 0-29 */
static const uint16_t inflate_dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577 };
/** Extra bits of distance symbols 0-29 */
static const uint8_t inflate_dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
/** Order in which code-length code lengths are sent */
static const uint8_t inflate_clen_order[INFLATE_CLEN] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

/** Fail with @p why; returns -EBADMSG */
static int inflate_fail(struct inflate_state *s, const char *why)
{
	s->why = why;
	return -EBADMSG;
}

/** Read @p n bits (up to 16), low first; -EBADMSG at the end of the input */
static int inflate_bits(struct inflate_state *s, unsigned int n)
{
	uint32_t v = s->bits;

	while (s->nbits < n) {
		if (s->pos >= s->in_len)
			return inflate_fail(s, "the data ends early");
		v |= (uint32_t)s->in[s->pos++] << s->nbits;
		s->nbits += 8;
	}
	s->bits = v >> n;
	s->nbits -= n;
	return (int)(v & ((1u << n) - 1));
}

/** Append @p byte to the output, growing it; 0 or -error */
static int inflate_put(struct inflate_state *s, uint8_t byte)
{
	if (s->out_len == s->out_size) {
		size_t size = s->out_size ? s->out_size * 2 : 65536;
		uint8_t *out;

		if (s->out_len >= s->out_max)
			return inflate_fail(s, "it holds more than it says");
		if (size > s->out_max)
			size = s->out_max;
		out = realloc(s->out, size);
		if (!out)
			return -ENOMEM;
		s->out = out;
		s->out_size = size;
	}
	s->out[s->out_len++] = byte;
	return 0;
}

/**
 * Build a code from the code lengths @p lengths of @p n symbols
 *
 * @ret rc      0, or -EBADMSG if the lengths over-subscribe the code
 *              (an incomplete code is allowed: its unused codes fail
 *              when met)
 */
static int inflate_build(struct inflate_state *s, struct inflate_huff *h,
			 const uint8_t *lengths, unsigned int n)
{
	uint16_t offset[INFLATE_MAX_BITS + 1];
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	for (unsigned int i = 0; i < n; i++)
		h->count[lengths[i]]++;
	for (unsigned int len = 1; len <= INFLATE_MAX_BITS; len++) {
		left = left * 2 - h->count[len];
		if (left < 0)
			return inflate_fail(s, "a Huffman code is over-subscribed");
	}
	offset[1] = 0;
	for (unsigned int len = 1; len < INFLATE_MAX_BITS; len++)
		offset[len + 1] = (uint16_t)(offset[len] + h->count[len]);
	for (unsigned int i = 0; i < n; i++) {
		if (lengths[i])
			h->symbol[offset[lengths[i]]++] = (uint16_t)i;
	}
	return 0;
}

/** Decode one symbol of code @p h; the symbol or -error */
static int inflate_decode(struct inflate_state *s, const struct inflate_huff *h)
{
	int code = 0, first = 0, index = 0;

	for (unsigned int len = 1; len <= INFLATE_MAX_BITS; len++) {
		int bit = inflate_bits(s, 1);

		if (bit < 0)
			return bit;
		code |= bit;
		if (code - first < h->count[len])
			return h->symbol[index + code - first];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return inflate_fail(s, "a Huffman code is not in the table");
}

/** A stored block: LEN, NLEN, then LEN bytes; 0 or -error */
static int inflate_stored(struct inflate_state *s)
{
	unsigned int len, nlen;

	s->bits = 0;
	s->nbits = 0;
	if (s->in_len - s->pos < 4)
		return inflate_fail(s, "the data ends early");
	len = s->in[s->pos] | (unsigned int)s->in[s->pos + 1] << 8;
	nlen = s->in[s->pos + 2] | (unsigned int)s->in[s->pos + 3] << 8;
	s->pos += 4;
	if (len != (~nlen & 0xffff))
		return inflate_fail(s, "a stored block's length check fails");
	if (s->in_len - s->pos < len)
		return inflate_fail(s, "the data ends early");
	for (unsigned int i = 0; i < len; i++) {
		int rc = inflate_put(s, s->in[s->pos++]);

		if (rc < 0)
			return rc;
	}
	return 0;
}

/** Copy @p len bytes from @p dist back in the output; 0 or -error */
static int inflate_copy(struct inflate_state *s, unsigned int len,
			unsigned int dist)
{
	if (dist > s->out_len)
		return inflate_fail(s, "a distance reaches before the start");
	while (len--) {
		int rc = inflate_put(s, s->out[s->out_len - dist]);

		if (rc < 0)
			return rc;
	}
	return 0;
}

/** The symbols of a compressed block, up to end-of-block; 0 or -error */
static int inflate_codes(struct inflate_state *s,
			 const struct inflate_huff *litlen,
			 const struct inflate_huff *dist)
{
	for (;;) {
		int sym = inflate_decode(s, litlen);
		int extra, dsym, rc;
		unsigned int len;

		if (sym < 0)
			return sym;
		if (sym < 256) {
			rc = inflate_put(s, (uint8_t)sym);
			if (rc < 0)
				return rc;
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		if (sym >= 29)
			return inflate_fail(s, "a length symbol is out of range");
		extra = inflate_bits(s, inflate_len_extra[sym]);
		if (extra < 0)
			return extra;
		len = inflate_len_base[sym] + (unsigned int)extra;
		dsym = inflate_decode(s, dist);
		if (dsym < 0)
			return dsym;
		if (dsym >= 30)
			return inflate_fail(s, "a distance symbol is out of range");
		extra = inflate_bits(s, inflate_dist_extra[dsym]);
		if (extra < 0)
			return extra;
		rc = inflate_copy(s, len, inflate_dist_base[dsym] + (unsigned int)extra);
		if (rc < 0)
			return rc;
	}
}

/** A block with the fixed codes; 0 or -error */
static int inflate_fixed(struct inflate_state *s)
{
	static struct inflate_huff litlen, dist;
	static int built;
	uint8_t lengths[INFLATE_LITLEN];

	if (!built) {
		memset(lengths, 8, 144);
		memset(lengths + 144, 9, 112);
		memset(lengths + 256, 7, 24);
		memset(lengths + 280, 8, 8);
		inflate_build(s, &litlen, lengths, INFLATE_LITLEN);
		memset(lengths, 5, INFLATE_DIST);
		inflate_build(s, &dist, lengths, INFLATE_DIST);
		built = 1;
	}
	return inflate_codes(s, &litlen, &dist);
}

/** Read the code lengths of a dynamic block into @p lengths (@p n of them); 0 or -error */
static int inflate_lengths(struct inflate_state *s,
			   const struct inflate_huff *clen, uint8_t *lengths,
			   unsigned int n)
{
	unsigned int i = 0;

	while (i < n) {
		int sym = inflate_decode(s, clen);
		int repeat, value = 0;

		if (sym < 0)
			return sym;
		if (sym < 16) {
			lengths[i++] = (uint8_t)sym;
			continue;
		}
		if (sym == 16) {
			if (i == 0)
				return inflate_fail(s, "a repeat has nothing to repeat");
			value = lengths[i - 1];
			repeat = inflate_bits(s, 2);
			repeat = repeat < 0 ? repeat : repeat + 3;
		} else if (sym == 17) {
			repeat = inflate_bits(s, 3);
			repeat = repeat < 0 ? repeat : repeat + 3;
		} else {
			repeat = inflate_bits(s, 7);
			repeat = repeat < 0 ? repeat : repeat + 11;
		}
		if (repeat < 0)
			return repeat;
		if (i + (unsigned int)repeat > n)
			return inflate_fail(s, "code lengths run past their count");
		memset(lengths + i, value, (size_t)repeat);
		i += (unsigned int)repeat;
	}
	return 0;
}

/** A block with codes sent in it; 0 or -error */
static int inflate_dynamic(struct inflate_state *s)
{
	struct inflate_huff litlen, dist, clen;
	uint8_t lengths[INFLATE_LITLEN + INFLATE_DIST];
	int nlen = inflate_bits(s, 5), ndist = inflate_bits(s, 5);
	int ncode = inflate_bits(s, 4);
	int rc;

	if (nlen < 0 || ndist < 0 || ncode < 0)
		return -EBADMSG;
	nlen += 257;
	ndist += 1;
	ncode += 4;
	if (nlen > 286 || ndist > 30)
		return inflate_fail(s, "a block declares too many codes");
	memset(lengths, 0, INFLATE_CLEN);
	for (int i = 0; i < ncode; i++) {
		int len = inflate_bits(s, 3);

		if (len < 0)
			return len;
		lengths[inflate_clen_order[i]] = (uint8_t)len;
	}
	rc = inflate_build(s, &clen, lengths, INFLATE_CLEN);
	if (rc == 0)
		rc = inflate_lengths(s, &clen, lengths,
				     (unsigned int)(nlen + ndist));
	if (rc < 0)
		return rc;
	if (lengths[256] == 0)
		return inflate_fail(s, "a block has no end-of-block code");
	rc = inflate_build(s, &litlen, lengths, (unsigned int)nlen);
	if (rc == 0)
		rc = inflate_build(s, &dist, lengths + nlen,
				   (unsigned int)ndist);
	if (rc < 0)
		return rc;
	return inflate_codes(s, &litlen, &dist);
}

/** Decompress a DEFLATE stream (see archive.h) */
int inflate(const void *in, size_t in_len, size_t max, struct inflate_result *res)
{
	struct inflate_state s = { .in = in, .in_len = in_len, .out_max = max };
	int last = 0, rc = 0;

	if (max != (size_t)-1 && max) {
		s.out = malloc(max);
		if (!s.out)
			return -ENOMEM;
		s.out_size = max;
	}

	while (!last && rc == 0) {
		int type;

		last = inflate_bits(&s, 1);
		type = inflate_bits(&s, 2);
		if (last < 0 || type < 0)
			rc = -EBADMSG;
		else if (type == 0)
			rc = inflate_stored(&s);
		else if (type == 1)
			rc = inflate_fixed(&s);
		else if (type == 2)
			rc = inflate_dynamic(&s);
		else
			rc = inflate_fail(&s, "a block has the reserved type 3");
	}
	res->why = s.why;
	if (rc < 0) {
		free(s.out);
		return rc;
	}
	res->data = s.out ? s.out : malloc(1);
	res->len = s.out_len;
	res->used = s.pos;
	return res->data ? 0 : -ENOMEM;
}
