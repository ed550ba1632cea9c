/** @file ChaCha20-Poly1305 engines: the block work of TLS's ChaCha20 and Poly1305 (net/tls), done by the fastest engine the CPU can run. */
#ifndef LWPXE_CHACHAPOLY_H
#define LWPXE_CHACHAPOLY_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>

/** Bytes in one ChaCha20 block of key stream */
#define CHACHA20_BLOCK 64
/** The ChaCha20 state word that counts blocks */
#define CHACHA20_COUNTER 12
/** Bytes in one Poly1305 block */
#define POLY1305_BLOCK 16
/** Poly1305's 2^128 bit of a whole block, as a bit of the top 26-bit limb */
#define POLY1305_HIBIT (1u << 24)
/** The bits of one 26-bit limb */
#define POLY1305_LIMB 0x3ffffffu

/**
 * An engine.  ChaCha20's state is RFC 8439's sixteen words; Poly1305's
 * accumulator @p h and key @p r are five 26-bit limbs, least first.
 */
struct chachapoly_engine {
	/** Nonzero if this engine can run on this CPU (it sets itself up the first time) */
	int (*usable)(void);
	/** XOR @p n blocks of key stream from @p st into @p in, to @p out (may be @p in), advancing the counter */
	void (*chacha20)(uint32_t st[16], const uint8_t *in, uint8_t *out,
			 size_t n);
	/** Fold @p n blocks at @p in into @p h under key @p r, each with @p hibit (POLY1305_HIBIT, or 0 for a padded last block) */
	void (*poly1305)(uint32_t h[5], const uint32_t r[5], const uint8_t *in,
			 size_t n, uint32_t hibit);
};

/** The engine to use: the first usable registered one, else the portable one */
const struct chachapoly_engine *chachapoly_engine(void);

/** The portable block work (net/tls/chachapoly_blocks.c), as the engine members say */
void chacha20_blocks(uint32_t st[16], const uint8_t *in, uint8_t *out,
		     size_t n);
void poly1305_blocks(uint32_t h[5], const uint32_t r[5], const uint8_t *in,
		     size_t n, uint32_t hibit);

/** Register a faster engine, tried before the portable one */
#define CHACHAPOLY_ENGINE(object) TABLE_ENTRY(chachapoly_engines, object)
TABLE_DECLARE(chachapoly_engines);

#endif
