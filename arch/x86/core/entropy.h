/** @file Entropy sources shared by the x86 firmware platforms (pcbios and UEFI). */
#ifndef X86_ENTROPY_H
#define X86_ENTROPY_H

#include <lwpxe/entropy.h>

/** The CPU's RDRAND instruction (-ENOTSUP without it, -EIO if it keeps failing) */
extern const struct entropy_source rdrand_entropy;

#endif
