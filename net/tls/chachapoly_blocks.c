/**
 * @file The block work of ChaCha20 and Poly1305 (RFC 8439) in portable C.
 *
 * No calls out and no data of its own: besides the firmware, the BIOS
 * images build this file for x86_64 to run in long mode
 * (arch/x86/pcbios/crypto64).  ChaCha20 keeps the sixteen state words in
 * locals and XORs the text a word at a time (in qemu-x86_64 186 MB/s
 * against mbedTLS's 137, README); Poly1305 works in 26-bit limbs, so
 * that every sum of products fits 64 bits with no carry between words.
 */
#include <lwpxe/byteorder.h>
#include <lwpxe/chachapoly.h>

/** @p x rotated left by @p n bits */
static inline uint32_t chacha20_rol(uint32_t x, unsigned int n)
{
	return x << n | x >> (32 - n);
}

/** The quarter round on four state words (RFC 8439, 2.1) */
#define CHACHA20_QR(a, b, c, d) do { \
	a += b; d = chacha20_rol(d ^ a, 16); \
	c += d; b = chacha20_rol(b ^ c, 12); \
	a += b; d = chacha20_rol(d ^ a, 8); \
	c += d; b = chacha20_rol(b ^ c, 7); \
} while (0)

/** Write word @p i of @p in XOR the key stream (@p x plus @p st) to @p out */
#define CHACHA20_OUT(i) \
	put_le32(out + 4 * (i), get_le32(in + 4 * (i)) ^ (x##i + st[i]))

/** Write @p in XOR the key stream block of @p st to @p out (either may alias) */
static void chacha20_xor_block(const uint32_t st[16], const uint8_t *in,
			       uint8_t *out)
{
	uint32_t x0 = st[0], x1 = st[1], x2 = st[2], x3 = st[3];
	uint32_t x4 = st[4], x5 = st[5], x6 = st[6], x7 = st[7];
	uint32_t x8 = st[8], x9 = st[9], x10 = st[10], x11 = st[11];
	uint32_t x12 = st[12], x13 = st[13], x14 = st[14], x15 = st[15];

	for (int i = 0; i < 10; i++) {
		CHACHA20_QR(x0, x4, x8, x12);
		CHACHA20_QR(x1, x5, x9, x13);
		CHACHA20_QR(x2, x6, x10, x14);
		CHACHA20_QR(x3, x7, x11, x15);
		CHACHA20_QR(x0, x5, x10, x15);
		CHACHA20_QR(x1, x6, x11, x12);
		CHACHA20_QR(x2, x7, x8, x13);
		CHACHA20_QR(x3, x4, x9, x14);
	}
	CHACHA20_OUT(0); CHACHA20_OUT(1); CHACHA20_OUT(2); CHACHA20_OUT(3);
	CHACHA20_OUT(4); CHACHA20_OUT(5); CHACHA20_OUT(6); CHACHA20_OUT(7);
	CHACHA20_OUT(8); CHACHA20_OUT(9); CHACHA20_OUT(10); CHACHA20_OUT(11);
	CHACHA20_OUT(12); CHACHA20_OUT(13); CHACHA20_OUT(14); CHACHA20_OUT(15);
}

void chacha20_blocks(uint32_t st[16], const uint8_t *in, uint8_t *out,
		     size_t n)
{
	for (; n; n--) {
		chacha20_xor_block(st, in, out);
		st[CHACHA20_COUNTER]++;
		in += CHACHA20_BLOCK;
		out += CHACHA20_BLOCK;
	}
}

void poly1305_blocks(uint32_t h[5], const uint32_t r[5], const uint8_t *in,
		     size_t n, uint32_t hibit)
{
	/* 2^130 = 5 (mod p): a product's limbs past the top wrap round times 5 */
	const uint64_t r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3], r4 = r[4];
	const uint64_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
	uint32_t h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4];

	for (; n; n--, in += POLY1305_BLOCK) {
		uint64_t d0, d1, d2, d3, d4;
		uint32_t c;

		h0 += get_le32(in) & POLY1305_LIMB;
		h1 += (get_le32(in + 3) >> 2) & POLY1305_LIMB;
		h2 += (get_le32(in + 6) >> 4) & POLY1305_LIMB;
		h3 += (get_le32(in + 9) >> 6) & POLY1305_LIMB;
		h4 += (get_le32(in + 12) >> 8) | hibit;

		d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
		d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
		d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
		d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
		d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

		/* partial reduction: limbs back to 26 bits (h1 may be a little over) */
		d1 += d0 >> 26; h0 = (uint32_t)d0 & POLY1305_LIMB;
		d2 += d1 >> 26; h1 = (uint32_t)d1 & POLY1305_LIMB;
		d3 += d2 >> 26; h2 = (uint32_t)d2 & POLY1305_LIMB;
		d4 += d3 >> 26; h3 = (uint32_t)d3 & POLY1305_LIMB;
		c = (uint32_t)(d4 >> 26); h4 = (uint32_t)d4 & POLY1305_LIMB;
		/* c < 2^30 (r is clamped), so c * 5 fits */
		h0 += c * 5; c = h0 >> 26; h0 &= POLY1305_LIMB;
		h1 += c;
	}
	h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4;
}
