/** @file CRC32C with SSE4.2's crc32 instruction, used where CPUID says the CPU has it. */
#include <lwpxe/cpu.h>
#include <lwpxe/errors.h>

/** CPUID leaf 1, ECX: SSE4.2, which brings the crc32 instruction */
#define CRC32C_CPUID_SSE42 (1u << 20)

/** Bytes the instruction takes at once: 8 in 64-bit mode, else 4 */
#ifdef __x86_64__
#define CRC32C_WORD 8
#else
#define CRC32C_WORD 4
#endif

/** Whether the CPU has the instruction: 0 not asked yet, 1 yes, -1 no */
static int crc32c_sse42;

/** Nonzero if the CPU has SSE4.2 (CPUID is asked once) */
static int crc32c_have_sse42(void)
{
	uint32_t regs[4];

	if (!crc32c_sse42)
		crc32c_sse42 = (cpu_cpuid(1, 0, regs) == 0 &&
				(regs[2] & CRC32C_CPUID_SSE42)) ? 1 : -1;
	return crc32c_sse42 > 0;
}

/** Advance @p crc over one byte */
static inline uint32_t crc32c_byte(uint32_t crc, uint8_t byte)
{
	__asm__("crc32b %1, %0" : "+r"(crc) : "qm"(byte));
	return crc;
}

/** Advance @p crc over the CRC32C_WORD bytes at @p p (aligned to their size) */
static inline uint32_t crc32c_word(uint32_t crc, const uint8_t *p)
{
#ifdef __x86_64__
	uint64_t reg = crc;
	uint64_t word;

	__builtin_memcpy(&word, p, sizeof(word));
	__asm__("crc32q %1, %0" : "+r"(reg) : "rm"(word));
	return (uint32_t)reg;
#else
	uint32_t word;

	__builtin_memcpy(&word, p, sizeof(word));
	__asm__("crc32l %1, %0" : "+r"(crc) : "rm"(word));
	return crc;
#endif
}

int cpu_crc32c(uint32_t *reg, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t crc = *reg;

	if (!crc32c_have_sse42())
		return -ENOTSUP;
	for (; len && ((uintptr_t)p & (CRC32C_WORD - 1)); len--)
		crc = crc32c_byte(crc, *p++);
	for (; len >= CRC32C_WORD; len -= CRC32C_WORD, p += CRC32C_WORD)
		crc = crc32c_word(crc, p);
	for (; len; len--)
		crc = crc32c_byte(crc, *p++);
	*reg = crc;
	return 0;
}
