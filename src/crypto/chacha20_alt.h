/**
 * @file mbedTLS's ChaCha20 context when MBEDTLS_CHACHA20_ALT is set: ours (net/tls/chacha20.c).
 *
 * mbedTLS's own block function works on an array whose address escapes,
 * so the compiler keeps the state in memory; ours keeps it in locals.
 */
#ifndef LWPXE_CHACHA20_ALT_H
#define LWPXE_CHACHA20_ALT_H

#include <stddef.h>
#include <stdint.h>

/** One ChaCha20 key, nonce and position (RFC 8439) */
typedef struct mbedtls_chacha20_context {
	/** Constants, key, block counter and nonce: the next block's input */
	uint32_t state[16];
	/** The key stream of the last block, of which @c used bytes are spent */
	uint8_t keystream[64];
	/** Bytes of @c keystream already used; 64 when none are left */
	size_t used;
} mbedtls_chacha20_context;

#endif
