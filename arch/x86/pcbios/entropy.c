/** @file Entropy on BIOS: RDRAND where the CPU has it; no other source yet. */
#include <lwpxe/random.h>
#include "../core/rdrand.h"

int entropy_get(void *buf, size_t len)
{
	/* no fallback to anything predictable: without RDRAND, fail */
	return rdrand_fill(buf, len);
}
