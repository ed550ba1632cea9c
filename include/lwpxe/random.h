/** @file Random numbers: a DRBG seeded from the platform's entropy source. */
#ifndef LWPXE_RANDOM_H
#define LWPXE_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/** Platform: fill @p buf with @p len bytes of real entropy; 0 or -error */
int entropy_get(void *buf, size_t len);

/** Fill @p buf with @p len unpredictable bytes */
void random_bytes(void *buf, size_t len);

/** An unpredictable 32-bit number (DHCP xid, TCP ISN) */
uint32_t random_u32(void);

#endif
