/** @file CRC32C (Castagnoli) for the iSCSI digests: the CPU's instruction where it has one, a table otherwise. */
#include <lwpxe/cpu.h>
#include "iscsi_int.h"

/** The CRC32C polynomial 0x1EDC6F41, bit-reversed (iSCSI sends bit 0 first) */
#define CRC32C_POLY 0x82f63b78u

/** Remainders of each byte value, built on first use (zero: not yet) */
static uint32_t crc32c_table[256];

/** Fill crc32c_table (bitwise, once) */
static void crc32c_build(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t r = i;

		for (int bit = 0; bit < 8; bit++)
			r = (r >> 1) ^ ((r & 1) ? CRC32C_POLY : 0);
		crc32c_table[i] = r;
	}
}

uint32_t iscsi_crc32c_table(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t reg = ~crc;

	if (!crc32c_table[1])
		crc32c_build();
	while (len--)
		reg = (reg >> 8) ^ crc32c_table[(reg ^ *p++) & 0xff];
	return ~reg;
}

uint32_t iscsi_crc32c(uint32_t crc, const void *data, size_t len)
{
	uint32_t reg = ~crc;

	if (cpu_crc32c(&reg, data, len) == 0)
		return ~reg;
	return iscsi_crc32c_table(crc, data, len);
}
