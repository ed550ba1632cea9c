/** @file Entropy sources shared by the x86 firmware platforms (pcbios and UEFI). */
#ifndef X86_ENTROPY_H
#define X86_ENTROPY_H

#include <lwpxe/entropy.h>

/** The CPU's RDRAND instruction (-ENOTSUP without it, -EIO if it keeps failing) */
extern const struct entropy_source rdrand_entropy;

/** TSC cycles across PIT reads, health-tested and hashed (-EIO if the tests fail) */
extern const struct entropy_source x86_jitter_entropy;

#endif
