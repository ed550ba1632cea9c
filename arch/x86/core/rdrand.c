/** @file RDRAND: the CPU's random number instruction, shared by the x86 firmware platforms. */
#include <string.h>
#include <lwpxe/errors.h>
#include "entropy.h"

/** RDRAND attempts before giving up on one word (Intel suggests 10) */
#define RDRAND_RETRIES 10

/** Nonzero if CPUID leaf 1 says the CPU has RDRAND (ECX bit 30) */
static int rdrand_present(void)
{
	unsigned int eax = 1, ebx, ecx = 0, edx;

	__asm__ volatile("cpuid"
			 : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return (ecx >> 30) & 1;
}

/** One native word from RDRAND; 0 or -EIO if it keeps failing */
static int rdrand_word(unsigned long *value)
{
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		unsigned char ok;

		__asm__ volatile("rdrand %0; setc %1"
				 : "=r"(*value), "=qm"(ok) : : "cc");
		if (ok)
			return 0;
	}
	return -EIO;
}

/** Fill @p buf with @p len bytes from RDRAND; 0, -ENOTSUP without RDRAND, or -EIO */
static int rdrand_fill(void *buf, size_t len)
{
	unsigned char *out = buf;

	if (!rdrand_present())
		return -ENOTSUP;
	while (len) {
		unsigned long word;
		size_t n = len < sizeof(word) ? len : sizeof(word);

		if (rdrand_word(&word) != 0)
			return -EIO;
		memcpy(out, &word, n);
		out += n;
		len -= n;
	}
	return 0;
}

const struct entropy_source rdrand_entropy = {
	.name = "RDRAND",
	.fill = rdrand_fill,
};
