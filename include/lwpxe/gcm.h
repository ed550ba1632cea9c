/** @file AES-GCM engines: the AES and GHASH work of TLS's record cipher (net/tls/gcm.c), done by the fastest engine the CPU can run. */
#ifndef LWPXE_GCM_H
#define LWPXE_GCM_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>

/** GCM's block size in bytes */
#define GCM_BLOCK 16

/** Room for one engine's key state, in 64-bit words */
#define GCM_KEY_WORDS 96

/** An engine's key state (round keys, hash key tables): its own layout */
struct gcm_key {
	/** The state, as the engine that set the key lays it out */
	uint64_t words[GCM_KEY_WORDS];
};

/**
 * An AES-GCM engine.  Blocks are in GCM's byte order; @p x is the GHASH
 * state (the running hash, as the specification writes it) and @p ctr
 * the counter block of the next block, whose last 32 bits count (inc32).
 */
struct gcm_engine {
	/** Set up @p k for AES key @p key of @p bits bits; 0, or nonzero if this engine cannot (CPU, key size) */
	int (*setkey)(struct gcm_key *k, const uint8_t *key, unsigned int bits);
	/** Encrypt the block @p in into @p out */
	void (*encrypt)(const struct gcm_key *k, const uint8_t *in, uint8_t *out);
	/** Fold @p n whole blocks at @p in into the hash @p x */
	void (*ghash)(const struct gcm_key *k, uint8_t *x, const uint8_t *in,
		      size_t n);
	/** Encrypt (or, if @p decrypt, decrypt) @p n whole blocks in counter mode from @p ctr, advancing it, and fold the ciphertext into @p x; @p out may be @p in */
	void (*crypt)(const struct gcm_key *k, int decrypt, uint8_t *ctr,
		      uint8_t *x, const uint8_t *in, uint8_t *out, size_t n);
};

/** Advance the 32-bit counter at the end of counter block @p ctr (inc32) */
static inline void gcm_inc32(uint8_t *ctr)
{
	for (int i = GCM_BLOCK - 1; i >= GCM_BLOCK - 4; i--)
		if (++ctr[i])
			break;
}

/** The engine that runs everywhere: mbedTLS's AES and 4-bit GHASH tables */
extern const struct gcm_engine gcm_table_engine;

/** Register a faster engine, tried before gcm_table_engine */
#define GCM_ENGINE(object) TABLE_ENTRY(gcm_engines, object)
TABLE_DECLARE(gcm_engines);

#endif
