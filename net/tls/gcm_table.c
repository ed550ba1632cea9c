/**
 * @file The AES-GCM engine for any CPU: mbedTLS's AES and GHASH by 4-bit tables.
 *
 * GHASH multiplies by H four bits at a time (Shoup's method, as in the
 * GCM specification): a table of the 16 multiples of H by a 4-bit
 * polynomial, and the reduction of the 4 bits that each step shifts out.
 * A block is a 128-bit number (hi, lo), first byte most significant;
 * its most significant bit is the coefficient of x^0, so multiplying by
 * x shifts right.
 */
#include <string.h>
#include <mbedtls/aes.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/gcm.h>

/** The low bits of the GCM polynomial x^128 + x^7 + x^2 + x + 1, at the top */
#define GCM_R 0xE100000000000000ull

/** The key state: the AES key and H's tables */
struct gcm_table_key {
	/** mbedTLS's AES, expanded for encryption */
	mbedtls_aes_context aes;
	/** i * H for each 4-bit polynomial i (bit 3 the coefficient of x^0): high and low halves */
	uint64_t hh[16], hl[16];
	/** The reduction of 4 bits r shifted out at the bottom, to add at the top */
	uint64_t reduce[16];
};

_Static_assert(sizeof(struct gcm_table_key) <= sizeof(struct gcm_key),
	       "gcm_table_key fits struct gcm_key");

/** Multiply (@p hi, @p lo) by x in place */
static void gcm_table_times_x(uint64_t *hi, uint64_t *lo)
{
	uint64_t out = *lo & 1;

	*lo = (*lo >> 1) | (*hi << 63);
	*hi = (*hi >> 1) ^ (out ? GCM_R : 0);
}

/** Set up mbedTLS's AES for @p key and H's tables */
static int gcm_table_setkey(struct gcm_key *k, const uint8_t *key,
			    unsigned int bits)
{
	struct gcm_table_key *t = (struct gcm_table_key *)k;
	uint8_t h[GCM_BLOCK] = { 0 };
	uint64_t hi, lo;

	mbedtls_aes_init(&t->aes);
	if (mbedtls_aes_setkey_enc(&t->aes, key, bits) ||
	    mbedtls_aes_crypt_ecb(&t->aes, MBEDTLS_AES_ENCRYPT, h, h))
		return -1;
	hi = get_be64(h);
	lo = get_be64(h + 8);
	t->hh[0] = t->hl[0] = 0;
	for (int bit = 8; bit; bit >>= 1) {
		t->hh[bit] = hi;
		t->hl[bit] = lo;
		gcm_table_times_x(&hi, &lo);
	}
	for (int i = 3; i < 16; i++) {
		int top = i & -i;

		if (i != top) {
			t->hh[i] = t->hh[top] ^ t->hh[i - top];
			t->hl[i] = t->hl[top] ^ t->hl[i - top];
		}
	}
	for (uint64_t r = 0; r < 16; r++) {
		hi = 0;
		lo = r;
		for (int i = 0; i < 4; i++)
			gcm_table_times_x(&hi, &lo);
		t->reduce[r] = hi;
	}
	return 0;
}

/** Encrypt one block with mbedTLS's AES */
static void gcm_table_encrypt(const struct gcm_key *k, const uint8_t *in,
			      uint8_t *out)
{
	const struct gcm_table_key *t = (const struct gcm_table_key *)k;

	mbedtls_aes_crypt_ecb((mbedtls_aes_context *)&t->aes,
			      MBEDTLS_AES_ENCRYPT, in, out);
}

/** Multiply (@p hi, @p lo) by x^4 and add the multiple of H for nibble @p n */
static void gcm_table_step(const struct gcm_table_key *t, uint64_t *hi,
			   uint64_t *lo, unsigned int n)
{
	unsigned int out = *lo & 0xf;

	*lo = (*lo >> 4) | (*hi << 60);
	*hi = (*hi >> 4) ^ t->reduce[out] ^ t->hh[n];
	*lo ^= t->hl[n];
}

/** Replace the block @p x by x * H */
static void gcm_table_mult(const struct gcm_table_key *t, uint8_t *x)
{
	uint64_t hi = t->hh[x[15] & 0xf], lo = t->hl[x[15] & 0xf];

	gcm_table_step(t, &hi, &lo, x[15] >> 4);
	for (int i = 14; i >= 0; i--) {
		gcm_table_step(t, &hi, &lo, x[i] & 0xf);
		gcm_table_step(t, &hi, &lo, x[i] >> 4);
	}
	put_be64(x, hi);
	put_be64(x + 8, lo);
}

/** Fold @p n blocks into the hash, one multiplication each */
static void gcm_table_ghash(const struct gcm_key *k, uint8_t *x,
			    const uint8_t *in, size_t n)
{
	const struct gcm_table_key *t = (const struct gcm_table_key *)k;

	for (; n; n--, in += GCM_BLOCK) {
		for (int i = 0; i < GCM_BLOCK; i++)
			x[i] ^= in[i];
		gcm_table_mult(t, x);
	}
}

/** Counter mode a block at a time, hashing the ciphertext */
static void gcm_table_crypt(const struct gcm_key *k, int decrypt,
			    uint8_t *ctr, uint8_t *x, const uint8_t *in,
			    uint8_t *out, size_t n)
{
	const struct gcm_table_key *t = (const struct gcm_table_key *)k;
	uint8_t stream[GCM_BLOCK];

	for (; n; n--, in += GCM_BLOCK, out += GCM_BLOCK) {
		gcm_table_encrypt(k, ctr, stream);
		gcm_inc32(ctr);
		for (int i = 0; i < GCM_BLOCK; i++) {
			uint8_t text = in[i];

			out[i] = text ^ stream[i];
			x[i] ^= decrypt ? text : out[i];
		}
		gcm_table_mult(t, x);
	}
}

const struct gcm_engine gcm_table_engine = {
	.setkey = gcm_table_setkey,
	.encrypt = gcm_table_encrypt,
	.ghash = gcm_table_ghash,
	.crypt = gcm_table_crypt,
};
