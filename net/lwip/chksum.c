/** @file The Internet checksum for lwIP (LWIP_CHKSUM): 32-bit words into a 64-bit sum, no carry test per word. */
#include <stdint.h>
#include <string.h>
#include "arch/cc.h"

/*
 * lwIP verifies every received TCP segment with this sum, so it runs over
 * each byte of a download.  lwIP's own loops test for a carry after every
 * word (a branch per word); adding 32-bit words into a 64-bit sum needs no
 * test, and the carries are folded back once at the end.  Under QEMU's TCG
 * every branch ends a translated block, so the difference is large there.
 *
 * The sum is of 16-bit words as they lie in memory, read in the CPU's
 * (little-endian) order, as lwIP's own routines return it: the result is
 * in the same byte order as the words, whatever the data's alignment.
 */

/** The 32-bit word at @p p, aligned or not */
static inline uint32_t chksum_word32(const uint8_t *p)
{
	uint32_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/** The 16-bit word at @p p, aligned or not */
static inline uint16_t chksum_word16(const uint8_t *p)
{
	uint16_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

uint16_t lwpxe_chksum(const void *data, int len)
{
	const uint8_t *p = data;
	uint64_t sum = 0;

	/* one word a statement: on i386 each is an add and an add-with-carry */
	for (; len >= 16; p += 16, len -= 16) {
		sum += chksum_word32(p);
		sum += chksum_word32(p + 4);
		sum += chksum_word32(p + 8);
		sum += chksum_word32(p + 12);
	}
	for (; len >= 4; p += 4, len -= 4)
		sum += chksum_word32(p);
	if (len >= 2) {
		sum += chksum_word16(p);
		p += 2;
		len -= 2;
	}
	if (len > 0)
		sum += *p;      /* little-endian: the first byte is the low half */
	/* 2^32 and 2^16 are 1 modulo 2^16 - 1: fold the high parts back in */
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}
