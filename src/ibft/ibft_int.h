/** @file iBFT internals: field offsets within each structure, byte helpers. */
#ifndef IBFT_INT_H
#define IBFT_INT_H

#include <stdint.h>

/* Table header */
#define IBFT_HDR_LENGTH 4          /**< u32 table length */
#define IBFT_HDR_REVISION 8        /**< u8 revision */
#define IBFT_HDR_CHECKSUM 9        /**< u8 checksum */
#define IBFT_HDR_OEM_ID 10         /**< 6 bytes */
#define IBFT_HDR_OEM_TABLE_ID 16   /**< 8 bytes */

/* Every structure starts with id, version, u16 length, index, flags */
#define IBFT_S_ID 0
#define IBFT_S_VERSION 1
#define IBFT_S_LENGTH 2
#define IBFT_S_INDEX 4
#define IBFT_S_FLAGS 5

/* Control structure: u16 offsets of the others */
#define IBFT_CTL_EXTENSIONS 6
#define IBFT_CTL_INITIATOR 8
#define IBFT_CTL_NIC0 10
#define IBFT_CTL_TARGET0 12
#define IBFT_CTL_NIC1 14
#define IBFT_CTL_TARGET1 16

/* Initiator: four 16-byte server addresses, then the name */
#define IBFT_INI_ISNS 6
#define IBFT_INI_SLP 22
#define IBFT_INI_RADIUS1 38
#define IBFT_INI_RADIUS2 54
#define IBFT_INI_NAME 70           /**< u16 length, u16 offset */

/* NIC */
#define IBFT_NIC_IP 6
#define IBFT_NIC_PREFIX 22
#define IBFT_NIC_ORIGIN 23
#define IBFT_NIC_GATEWAY 24
#define IBFT_NIC_DNS1 40
#define IBFT_NIC_DNS2 56
#define IBFT_NIC_DHCP 72
#define IBFT_NIC_VLAN 88
#define IBFT_NIC_MAC 90
#define IBFT_NIC_BDF 96
#define IBFT_NIC_HOSTNAME 98       /**< u16 length, u16 offset */

/* Target */
#define IBFT_TGT_IP 6
#define IBFT_TGT_PORT 22
#define IBFT_TGT_LUN 24
#define IBFT_TGT_CHAP_TYPE 32
#define IBFT_TGT_NIC 33
#define IBFT_TGT_NAME 34           /**< each string: u16 length, u16 offset */
#define IBFT_TGT_CHAP_NAME 38
#define IBFT_TGT_CHAP_SECRET 42
#define IBFT_TGT_RCHAP_NAME 46
#define IBFT_TGT_RCHAP_SECRET 50

/** Store @p v little-endian at @p p */
static inline void ibft_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

/** Store @p v little-endian at @p p */
static inline void ibft_put32(uint8_t *p, uint32_t v)
{
	ibft_put16(p, (uint16_t)v);
	ibft_put16(p + 2, (uint16_t)(v >> 16));
}

/** Load a little-endian 16-bit value */
static inline uint16_t ibft_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/** Load a little-endian 32-bit value */
static inline uint32_t ibft_get32(const uint8_t *p)
{
	return (uint32_t)ibft_get16(p) | (uint32_t)ibft_get16(p + 2) << 16;
}

#endif
