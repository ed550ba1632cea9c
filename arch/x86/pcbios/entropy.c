/** @file Entropy on BIOS: RDRAND, else the timing jitter between the TSC and the PIT. */
#include "../core/entropy.h"

/* CPUs before RDRAND (the old BIOS boxes this image is for) use the jitter */
const struct entropy_source *const platform_entropy_sources[] = {
	&rdrand_entropy,
	&x86_jitter_entropy,
	NULL,
};
