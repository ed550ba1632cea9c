/** @file CPUID on x86 (32- and 64-bit), with the highest leaf checked first. */
#include <lwpxe/cpu.h>
#include <lwpxe/errors.h>

/** EFLAGS.ID: writable only on a CPU that has CPUID */
#define CPUID_EFLAGS_ID (1u << 21)

/** Nonzero if the CPU has CPUID (always on x86_64; EFLAGS.ID toggles on i386) */
static int cpuid_present(void)
{
#ifdef __x86_64__
	return 1;
#else
	uint32_t before, after;

	__asm__ volatile("pushfl\n\t"
			 "pushfl\n\t"
			 "popl %0\n\t"
			 "movl %0, %1\n\t"
			 "xorl %2, %1\n\t"
			 "pushl %1\n\t"
			 "popfl\n\t"
			 "pushfl\n\t"
			 "popl %1\n\t"
			 "popfl"
			 : "=&r"(before), "=&r"(after)
			 : "i"(CPUID_EFLAGS_ID));
	return ((before ^ after) & CPUID_EFLAGS_ID) != 0;
#endif
}

/** Run the CPUID instruction itself */
static void cpuid_raw(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]),
			   "=d"(regs[3])
			 : "a"(leaf), "c"(subleaf));
}

int cpu_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
	uint32_t max[4];

	if (!cpuid_present())
		return -ENOTSUP;
	cpuid_raw(leaf & CPU_CPUID_EXT, 0, max);
	if (leaf > max[0] ||
	    ((leaf & CPU_CPUID_EXT) && !(max[0] & CPU_CPUID_EXT)))
		return -ENOTSUP;
	cpuid_raw(leaf, subleaf, regs);
	return 0;
}
