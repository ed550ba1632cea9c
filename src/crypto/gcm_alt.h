/**
 * @file mbedTLS's GCM context when MBEDTLS_GCM_ALT is set: ours (net/tls/gcm.c).
 *
 * mbedTLS's own GCM takes one 16-byte block per call through its cipher
 * layer; ours hands whole runs of blocks to an engine (lwpxe/gcm.h).
 */
#ifndef LWPXE_GCM_ALT_H
#define LWPXE_GCM_ALT_H

#include <stdint.h>
#include <lwpxe/gcm.h>

/** One AES-GCM key and the operation under way */
typedef struct mbedtls_gcm_context {
	/** The engine that set up the key; NULL before mbedtls_gcm_setkey() */
	const struct gcm_engine *engine;
	/** The engine's key state */
	struct gcm_key key;
	/** Bytes of additional data so far */
	uint64_t add_len;
	/** Bytes of plain or cipher text so far */
	uint64_t len;
	/** The counter block of the next block of text */
	uint8_t ctr[GCM_BLOCK];
	/** The first counter block encrypted: masks the tag */
	uint8_t ectr0[GCM_BLOCK];
	/** The GHASH state, a partial block already folded in */
	uint8_t x[GCM_BLOCK];
	/** The key stream of the partial block of text */
	uint8_t stream[GCM_BLOCK];
	/** MBEDTLS_GCM_ENCRYPT or MBEDTLS_GCM_DECRYPT */
	int mode;
} mbedtls_gcm_context;

#endif
