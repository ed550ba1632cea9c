/** @file The processor: CPUID, read by `cpuid` and ${cpuvendor}/${cpumodel}; its CRC32C instruction. */
#ifndef LWPXE_CPU_H
#define LWPXE_CPU_H

#include <stddef.h>
#include <stdint.h>

/** First extended CPUID leaf (`cpuid --ext`) */
#define CPU_CPUID_EXT 0x80000000u

/**
 * Platform: run CPUID leaf @p leaf with ECX = @p subleaf
 *
 * @v regs      receives EAX, EBX, ECX, EDX in that order
 * @ret rc      0, -ENOTSUP if the CPU has no CPUID or @p leaf is past its
 *              highest (basic or extended) leaf
 */
int cpu_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4]);

/**
 * Platform: advance the CRC32C register @p *reg over @p len bytes with the
 * CPU's own instruction (SSE4.2's crc32 on x86), without the initial and
 * final inversions
 *
 * @ret rc      0, -ENOTSUP if the CPU has no such instruction (CPUID says
 *              so; the caller computes the CRC with a table instead)
 */
int cpu_crc32c(uint32_t *reg, const void *data, size_t len);

#endif
