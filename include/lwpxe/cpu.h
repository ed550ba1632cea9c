/** @file The processor: CPUID, read by `cpuid` and ${cpuvendor}/${cpumodel}. */
#ifndef LWPXE_CPU_H
#define LWPXE_CPU_H

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

#endif
