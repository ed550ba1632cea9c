/** @file LZMA decoder and x86 branch filter of the BIOS unpacker (unlzma.c): whole buffers in one call. */
#ifndef PCBIOS_UNLZMA_H
#define PCBIOS_UNLZMA_H

#include <stddef.h>
#include <stdint.h>

/** Probability slots for LZMA properties lc + lp = 3 (what mkpack.sh asks xz for) */
#define UNLZMA_PROBS(lc_lp) (1846 + (0x300u << (lc_lp)))

/**
 * Decode a raw LZMA stream as `xz --format=raw --lzma1` writes it, after
 * 5 property bytes (lc/lp/pb, dictionary size): @p in, @p in_len bytes
 * in all.  The stream must end with its end marker after exactly
 * @p out_len bytes of output.  Reads and writes stay inside the buffers
 * whatever the input.
 *
 * @p probs  room for the probabilities, @p nprobs slots (UNLZMA_PROBS())
 * @return 0, -ENOTSUP for properties beyond @p nprobs, -EBADMSG for data
 *         that is corrupt, cut short or of another length
 */
int unlzma(uint8_t *out, size_t out_len, const uint8_t *in, size_t in_len,
	   uint16_t *probs, size_t nprobs);

/** Undo the x86 branch filter (`xz --x86`, start offset 0) on @p len bytes at @p buf, in place */
void unlzma_x86(uint8_t *buf, size_t len);

#endif
