/** @file Timing-jitter entropy: health-tested raw samples conditioned by SHA-256. */
#ifndef LWPXE_JITTER_H
#define LWPXE_JITTER_H

#include <stddef.h>
#include <stdint.h>

/** One raw timing sample (e.g. the low byte of a cycle count across a slow read) */
typedef uint8_t (*jitter_sample_fn)(void);

/**
 * Fill @p buf with @p len bytes from samples of @p sample: the NIST SP
 * 800-90B health tests run over every sample; the first 1024 (the start-up
 * test) are dropped, and each 32 bytes of output (the last block cut
 * short) is the SHA-256 of the next 1024.  Returns 0, or -EIO if a health
 * test fails.
 */
int jitter_fill(jitter_sample_fn sample, void *buf, size_t len);

#endif
