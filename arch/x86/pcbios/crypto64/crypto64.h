/** @file A call from the 32-bit firmware into the 64-bit ChaCha20-Poly1305 code (laid out alike by both compilers). */
#ifndef LWPXE_PCBIOS_CRYPTO64_H
#define LWPXE_PCBIOS_CRYPTO64_H

#include <stdint.h>

/** What a call asks for */
enum crypto64_op {
	CRYPTO64_CHACHA20 = 1,  /**< chacha20_blocks(state, in, out, blocks) */
	CRYPTO64_POLY1305 = 2,  /**< poly1305_blocks(state, key, in, blocks, hibit) */
};

/** One call; addresses are 32-bit (all memory is below 4 GiB) */
struct crypto64_call {
	uint32_t op;            /**< enum crypto64_op */
	uint32_t state;         /**< ChaCha20's state or Poly1305's accumulator */
	uint32_t key;           /**< Poly1305's key limbs */
	uint32_t in;            /**< the input blocks */
	uint32_t out;           /**< ChaCha20's output blocks */
	uint32_t blocks;        /**< how many blocks */
	uint32_t hibit;         /**< Poly1305's 2^128 bit */
};

/** Run crypto64_entry(@p call) in long mode, from 32-bit code (call64.S) */
void pcbios_call64(const struct crypto64_call *call);

#endif
