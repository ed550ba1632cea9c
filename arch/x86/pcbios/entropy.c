/** @file Entropy on BIOS: RDRAND where the CPU has it; no other source yet. */
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/random.h>

/** RDRAND attempts before giving up on one word (Intel suggests 10) */
#define PCBIOS_RDRAND_RETRIES 10

/** Nonzero if CPUID leaf 1 says the CPU has RDRAND (ECX bit 30) */
static int pcbios_has_rdrand(void)
{
	uint32_t eax = 1, ebx, ecx = 0, edx;

	__asm__ volatile("cpuid"
			 : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return (ecx >> 30) & 1;
}

/** One 32-bit word from RDRAND; 0 or -EIO if it keeps failing */
static int pcbios_rdrand32(uint32_t *value)
{
	for (int i = 0; i < PCBIOS_RDRAND_RETRIES; i++) {
		unsigned char ok;

		__asm__ volatile("rdrand %0; setc %1"
				 : "=r"(*value), "=qm"(ok) : : "cc");
		if (ok)
			return 0;
	}
	return -EIO;
}

int entropy_get(void *buf, size_t len)
{
	unsigned char *out = buf;

	/* no fallback to anything predictable: without RDRAND, fail */
	if (!pcbios_has_rdrand())
		return -ENOTSUP;
	while (len) {
		uint32_t word;
		size_t n = len < sizeof(word) ? len : sizeof(word);

		if (pcbios_rdrand32(&word) != 0)
			return -EIO;
		memcpy(out, &word, n);
		out += n;
		len -= n;
	}
	return 0;
}
