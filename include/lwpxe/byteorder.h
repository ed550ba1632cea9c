/** @file Little- and big-endian values in byte buffers (on-disk and firmware tables, iSCSI digests, GCM blocks). */
#ifndef LWPXE_BYTEORDER_H
#define LWPXE_BYTEORDER_H

#include <stdint.h>

/** The little-endian 16-bit value at @p p */
static inline uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/*
 * On a little-endian CPU the 32-bit forms are one load or store.  Built
 * from bytes, a store stays four byte stores wherever the buffer may alias
 * other data (ChaCha20's output), and under QEMU's TCG each byte is a
 * separate guest memory access.
 */

/** The little-endian 32-bit value at @p p */
static inline uint32_t get_le32(const uint8_t *p)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
#else
	return (uint32_t)get_le16(p) | (uint32_t)get_le16(p + 2) << 16;
#endif
}

/** Store @p v at @p p little-endian */
static inline void put_le32(uint8_t *p, uint32_t v)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	__builtin_memcpy(p, &v, sizeof(v));
#else
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
#endif
}

/** The big-endian 64-bit value at @p p */
static inline uint64_t get_be64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/** Store @p v at @p p big-endian */
static inline void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

#endif
