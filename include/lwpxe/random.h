/** @file Random numbers: a DRBG seeded from the platform's entropy sources. */
#ifndef LWPXE_RANDOM_H
#define LWPXE_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/**
 * Seed the generator from the first platform entropy source that works and
 * print one line naming it (or why none worked); does nothing once seeded.
 * Returns 0 or -ENODEV.
 */
int random_seed(void);

/** Fill @p buf with @p len unpredictable bytes */
void random_bytes(void *buf, size_t len);

/** An unpredictable 32-bit number (DHCP xid, TCP ISN) */
uint32_t random_u32(void);

#endif
