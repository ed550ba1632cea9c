/** @file TFTP packets: read requests with options, ACK and ERROR, and reading OACK, DATA and ERROR safely. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <lwpxe/errors.h>
#include "tftp_int.h"

/** Option names (RFC 2348, RFC 7440, RFC 2349) */
static const char tftp_blksize[] = "blksize";
static const char tftp_windowsize[] = "windowsize";
static const char tftp_tsize[] = "tsize";

/** Largest tsize we take: what a size_t holds (and a long long) */
#define TFTP_TSIZE_MAX (sizeof(size_t) < 8 ? (unsigned long long)(size_t)-1 : \
			0x7fffffffffffffffULL)

/** Set @p o to a plain RFC 1350 transfer */
void tftp_opts_plain(struct tftp_opts *o)
{
	o->blksize = TFTP_BLKSIZE_PLAIN;
	o->windowsize = 1;
	o->has_tsize = 0;
	o->tsize = 0;
}

/** Store 16-bit @p v big-endian at @p out */
static void tftp_put16(uint8_t *out, unsigned int v)
{
	out[0] = (uint8_t)(v >> 8);
	out[1] = (uint8_t)v;
}

/** Append the string @p s and its NUL at @p out + *@p at; 0 or -1 if no room */
static int tftp_put_str(uint8_t *out, size_t room, size_t *at, const char *s)
{
	size_t n = strlen(s) + 1;

	if (n > room - *at)
		return -1;
	memcpy(out + *at, s, n);
	*at += n;
	return 0;
}

/** Append option @p name with the decimal @p value; 0 or -1 if no room */
static int tftp_put_opt(uint8_t *out, size_t room, size_t *at,
			const char *name, unsigned long value)
{
	char num[24];

	snprintf(num, sizeof(num), "%lu", value);
	return tftp_put_str(out, room, at, name) ||
	       tftp_put_str(out, room, at, num) ? -1 : 0;
}

/** Build a read request for @p file asking @p ask's options (NULL: none) */
size_t tftp_build_rrq(uint8_t *out, size_t room, const char *file,
		      const struct tftp_opts *ask)
{
	size_t at = 2;

	if (room < at)
		return 0;
	tftp_put16(out, TFTP_RRQ);
	if (tftp_put_str(out, room, &at, file) ||
	    tftp_put_str(out, room, &at, "octet"))
		return 0;
	if (!ask)
		return at;
	if (tftp_put_opt(out, room, &at, tftp_blksize, ask->blksize) ||
	    tftp_put_opt(out, room, &at, tftp_windowsize, ask->windowsize) ||
	    (ask->has_tsize && tftp_put_opt(out, room, &at, tftp_tsize, 0)))
		return 0;
	return at;
}

/** Build an ACK of @p block */
size_t tftp_build_ack(uint8_t *out, unsigned int block)
{
	tftp_put16(out, TFTP_ACK);
	tftp_put16(out + 2, block & 0xffff);
	return TFTP_HEADER_LEN;
}

/** Build an ERROR with @p code and @p msg, cut to fit @p room */
size_t tftp_build_error(uint8_t *out, size_t room, unsigned int code,
			const char *msg)
{
	size_t n = strlen(msg);

	if (n > room - TFTP_HEADER_LEN - 1)
		n = room - TFTP_HEADER_LEN - 1;
	tftp_put16(out, TFTP_ERROR);
	tftp_put16(out + 2, code);
	memcpy(out + TFTP_HEADER_LEN, msg, n);
	out[TFTP_HEADER_LEN + n] = 0;
	return TFTP_HEADER_LEN + n + 1;
}

/** The opcode of @p pkt, 0 if shorter than one */
unsigned int tftp_opcode(const uint8_t *pkt, size_t len)
{
	return len < 2 ? 0 : (unsigned int)(pkt[0] << 8 | pkt[1]);
}

/** The block number (or error code) of @p pkt */
unsigned int tftp_block(const uint8_t *pkt)
{
	return (unsigned int)(pkt[2] << 8 | pkt[3]);
}

/** The message of ERROR @p pkt: up to NUL, end, line break or @p max bytes */
const char *tftp_error_text(const uint8_t *pkt, size_t len, size_t max,
			    size_t *msg_len)
{
	const char *msg = (const char *)pkt + TFTP_HEADER_LEN;
	size_t n = 0;

	while (TFTP_HEADER_LEN + n < len && n < max && msg[n] &&
	       msg[n] != '\n' && msg[n] != '\r')
		n++;
	*msg_len = n;
	return msg;
}

/**
 * Read the NUL-terminated string at @p pkt + *@p at (before @p len)
 *
 * @ret s       the string, NULL if it has no NUL inside the packet
 */
static const char *tftp_get_str(const uint8_t *pkt, size_t len, size_t *at)
{
	const uint8_t *s = pkt + *at;
	const uint8_t *nul = memchr(s, 0, len - *at);

	if (!nul)
		return NULL;
	*at += (size_t)(nul - s) + 1;
	return (const char *)s;
}

/** The decimal @p s if it is one from @p min to @p max; -1 if not */
static long long tftp_number(const char *s, unsigned long long min,
			     unsigned long long max)
{
	unsigned long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > max / 10)
			return -1;
		v = v * 10 + (unsigned int)(*s - '0');
	}
	return v < min || v > max ? -1 : (long long)v;
}

/** Take the option @p name = @p value into @p got; 0 or -EPROTO */
static int tftp_take_opt(const char *name, const char *value,
			 const struct tftp_opts *asked, struct tftp_opts *got)
{
	long long v;

	if (!strcasecmp(name, tftp_blksize)) {
		v = tftp_number(value, TFTP_BLKSIZE_MIN, asked->blksize);
		got->blksize = (unsigned int)v;
	} else if (!strcasecmp(name, tftp_windowsize)) {
		v = tftp_number(value, 1, asked->windowsize);
		got->windowsize = (unsigned int)v;
	} else if (!strcasecmp(name, tftp_tsize) && asked->has_tsize) {
		v = tftp_number(value, 0, TFTP_TSIZE_MAX);
		got->tsize = (size_t)v;
		got->has_tsize = 1;
	} else {
		return 0;       /* not ours to judge: skip it */
	}
	return v < 0 ? -EPROTO : 0;
}

/** Read OACK @p pkt of @p len bytes against @p asked into @p got */
int tftp_parse_oack(const uint8_t *pkt, size_t len,
		    const struct tftp_opts *asked, struct tftp_opts *got)
{
	size_t at = 2;

	tftp_opts_plain(got);
	if (tftp_opcode(pkt, len) != TFTP_OACK)
		return -EPROTO;
	while (at < len) {
		const char *name = tftp_get_str(pkt, len, &at);
		const char *value = name && at < len ?
				    tftp_get_str(pkt, len, &at) : NULL;

		if (!value || tftp_take_opt(name, value, asked, got) < 0)
			return -EPROTO;
	}
	return 0;
}
