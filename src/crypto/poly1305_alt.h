/**
 * @file mbedTLS's Poly1305 context when MBEDTLS_POLY1305_ALT is set: ours (net/tls/poly1305.c).
 *
 * Ours hands whole runs of blocks to the ChaCha20-Poly1305 engine, which
 * on BIOS runs them in long mode; mbedTLS's keeps its block function to
 * itself.
 */
#ifndef LWPXE_POLY1305_ALT_H
#define LWPXE_POLY1305_ALT_H

#include <stddef.h>
#include <stdint.h>

/** One Poly1305 key and the message so far (RFC 8439, 2.5) */
typedef struct mbedtls_poly1305_context {
	/** The clamped first half of the key, in 26-bit limbs */
	uint32_t r[5];
	/** The accumulator, in 26-bit limbs */
	uint32_t h[5];
	/** The second half of the key, added at the end */
	uint32_t s[4];
	/** Bytes of a block not yet whole */
	uint8_t queue[16];
	/** How many bytes @c queue holds */
	size_t queue_len;
} mbedtls_poly1305_context;

#endif
