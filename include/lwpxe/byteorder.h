/** @file Little- and big-endian values in byte buffers (on-disk and firmware tables, iSCSI digests, GCM blocks). */
#ifndef LWPXE_BYTEORDER_H
#define LWPXE_BYTEORDER_H

#include <stdint.h>

/** The little-endian 16-bit value at @p p */
static inline uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/** The little-endian 32-bit value at @p p */
static inline uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)get_le16(p) | (uint32_t)get_le16(p + 2) << 16;
}

/** Store @p v at @p p little-endian */
static inline void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
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
