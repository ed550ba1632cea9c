/**
 * @file Unit tests for ChaCha20 and Poly1305 (net/tls/chacha20.c, poly1305.c, chachapoly_blocks.c).
 *
 * The known answers are RFC 7539's, as mbedTLS's test suites ship them
 * (suite_data.h): ChaCha20 alone, whole and in pieces; Poly1305 alone
 * (with the RFC's cases that need every carry), whole and in pieces; and
 * ChaCha20-Poly1305 through mbedTLS's AEAD, whose key comes from the first
 * block of our key stream.  Text split at any byte must give what one
 * call gives, and the block counter wraps as mbedTLS's own did.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <mbedtls/chacha20.h>
#include <mbedtls/chachapoly.h>
#include <mbedtls/poly1305.h>
#include <lwpxe/compiler.h>
#include "sequence.h"
#include "suite_data.h"

/** Encrypt @p len bytes of @p in to @p out with a context, in pieces of @p piece bytes */
static void crypt_pieces(const uint8_t *key, const uint8_t *nonce,
			 uint32_t counter, const uint8_t *in, uint8_t *out,
			 size_t len, size_t piece)
{
	mbedtls_chacha20_context ctx;

	mbedtls_chacha20_init(&ctx);
	assert_int_equal(mbedtls_chacha20_setkey(&ctx, key), 0);
	assert_int_equal(mbedtls_chacha20_starts(&ctx, nonce, counter), 0);
	for (size_t at = 0; at < len; at += piece)
		assert_int_equal(mbedtls_chacha20_update(&ctx,
				 MIN(piece, len - at), in + at, out + at), 0);
	mbedtls_chacha20_free(&ctx);
}

/** Every ChaCha20 vector: one call, in place, and in pieces of 1, 7, 64 and 65 bytes */
static void test_rfc_vectors(void **state)
{
	static const size_t pieces[] = { 1, 7, 64, 65 };
	static struct field key, nonce, src, dst;
	static uint8_t out[FIELD_MAX];
	static char line[4096];
	unsigned int count = 0;
	FILE *f = suite_open("chacha20");
	size_t pos;

	(void)state;
	while (!suite_next(f, "chacha20_crypt", line, sizeof(line), &pos)) {
		long counter;

		suite_field(line, &pos, &key, NULL);
		suite_field(line, &pos, &nonce, NULL);
		suite_field(line, &pos, NULL, &counter);
		suite_field(line, &pos, &src, NULL);
		suite_field(line, &pos, &dst, NULL);
		assert_int_equal(key.len, 32);
		assert_int_equal(nonce.len, 12);
		assert_int_equal(src.len, dst.len);

		memset(out, 0, sizeof(out));
		assert_int_equal(mbedtls_chacha20_crypt(key.b, nonce.b,
				 (uint32_t)counter, src.len, src.b, out), 0);
		assert_memory_equal(out, dst.b, dst.len);
		memcpy(out, src.b, src.len);
		crypt_pieces(key.b, nonce.b, (uint32_t)counter, out, out,
			     src.len, src.len);
		assert_memory_equal(out, dst.b, dst.len);
		for (size_t i = 0; i < ARRAY_SIZE(pieces); i++) {
			memset(out, 0, sizeof(out));
			crypt_pieces(key.b, nonce.b, (uint32_t)counter, src.b,
				     out, src.len, pieces[i]);
			assert_memory_equal(out, dst.b, dst.len);
		}
		count++;
	}
	fclose(f);
	assert_true(count >= 8);
}

/** Every Poly1305 vector: one call, and in pieces of 1, 15, 16 and 17 bytes */
static void test_poly1305_vectors(void **state)
{
	static const size_t pieces[] = { 1, 15, 16, 17 };
	static struct field key, mac, src;
	static char line[4096];
	unsigned int count = 0;
	FILE *f = suite_open("poly1305");
	size_t pos;

	(void)state;
	while (!suite_next(f, "mbedtls_poly1305", line, sizeof(line), &pos)) {
		uint8_t got[16];

		suite_field(line, &pos, &key, NULL);
		suite_field(line, &pos, &mac, NULL);
		suite_field(line, &pos, &src, NULL);
		assert_int_equal(key.len, 32);
		assert_int_equal(mac.len, 16);

		assert_int_equal(mbedtls_poly1305_mac(key.b, src.b, src.len,
						      got), 0);
		assert_memory_equal(got, mac.b, 16);
		for (size_t i = 0; i < ARRAY_SIZE(pieces); i++) {
			mbedtls_poly1305_context ctx;

			mbedtls_poly1305_init(&ctx);
			assert_int_equal(mbedtls_poly1305_starts(&ctx, key.b), 0);
			for (size_t at = 0; at < src.len; at += pieces[i])
				assert_int_equal(mbedtls_poly1305_update(&ctx,
					src.b + at, MIN(pieces[i], src.len - at)), 0);
			memset(got, 0, sizeof(got));
			assert_int_equal(mbedtls_poly1305_finish(&ctx, got), 0);
			mbedtls_poly1305_free(&ctx);
			assert_memory_equal(got, mac.b, 16);
		}
		count++;
	}
	fclose(f);
	assert_true(count >= 11);
}

/** Every ChaCha20-Poly1305 vector through mbedTLS's AEAD, the forged tags refused */
static void test_aead_vectors(void **state)
{
	static const char enc[] = "mbedtls_chachapoly_enc";
	static const char dec[] = "mbedtls_chachapoly_dec";
	static struct field key, nonce, aad, in, out, tag;
	static uint8_t got[FIELD_MAX];
	static char line[4096];
	unsigned int count = 0, forged = 0;
	FILE *f = suite_open("chachapoly");

	(void)state;
	while (fgets(line, sizeof(line), f)) {
		int decrypt = !strncmp(line, dec, sizeof(dec) - 1) &&
			      line[sizeof(dec) - 1] == ':';
		size_t pos = sizeof(enc) - 1;
		mbedtls_chachapoly_context ctx;
		uint8_t mac[16];

		if (!decrypt && (strncmp(line, enc, pos) || line[pos] != ':'))
			continue;
		suite_field(line, &pos, &key, NULL);
		suite_field(line, &pos, &nonce, NULL);
		suite_field(line, &pos, &aad, NULL);
		suite_field(line, &pos, &in, NULL);
		suite_field(line, &pos, &out, NULL);
		suite_field(line, &pos, &tag, NULL);
		mbedtls_chachapoly_init(&ctx);
		assert_int_equal(mbedtls_chachapoly_setkey(&ctx, key.b), 0);
		if (decrypt) {
			int want = strstr(line, "AUTH_FAILED") ?
				   MBEDTLS_ERR_CHACHAPOLY_AUTH_FAILED : 0;

			assert_int_equal(mbedtls_chachapoly_auth_decrypt(&ctx,
					 in.len, nonce.b, aad.b, aad.len, tag.b,
					 in.b, got), want);
			if (!want)
				assert_memory_equal(got, out.b, out.len);
			forged += want != 0;
		} else {
			assert_int_equal(mbedtls_chachapoly_encrypt_and_tag(&ctx,
					 in.len, nonce.b, aad.b, aad.len, in.b,
					 got, mac), 0);
			assert_memory_equal(got, out.b, out.len);
			assert_memory_equal(mac, tag.b, 16);
		}
		mbedtls_chachapoly_free(&ctx);
		count++;
	}
	fclose(f);
	assert_true(count >= 5);
	assert_true(forged > 0);
}

/** Text split at random places encrypts as one call does, and as one call per block */
static void test_pieces_agree(void **state)
{
	enum { LEN = 4096 };
	static uint8_t in[LEN], whole[LEN], split[LEN];
	uint8_t key[32], nonce[12];
	uint32_t seed = 7;

	(void)state;
	for (int round = 0; round < 20; round++) {
		mbedtls_chacha20_context ctx;
		uint32_t counter;
		size_t at = 0;

		seq_fill(key, sizeof(key), &seed);
		seq_fill(nonce, sizeof(nonce), &seed);
		seq_fill(in, sizeof(in), &seed);
		counter = seed % 1000;
		mbedtls_chacha20_crypt(key, nonce, counter, LEN, in, whole);
		mbedtls_chacha20_init(&ctx);
		mbedtls_chacha20_setkey(&ctx, key);
		mbedtls_chacha20_starts(&ctx, nonce, counter);
		while (at < LEN) {
			size_t n = (size_t)(seq_next(&seed) >> 16) % 200 + 1;

			n = MIN(n, LEN - at);

			mbedtls_chacha20_update(&ctx, n, in + at, split + at);
			at += n;
		}
		mbedtls_chacha20_free(&ctx);
		assert_memory_equal(split, whole, LEN);
		for (size_t b = 0; b < LEN / 64; b++) {
			mbedtls_chacha20_crypt(key, nonce, counter + (uint32_t)b, 64,
					       in + 64 * b, split + 64 * b);
		}
		assert_memory_equal(split, whole, LEN);
	}
}

/** The 32-bit block counter wraps to 0 and leaves the nonce alone */
static void test_counter_wraps(void **state)
{
	uint8_t key[32], nonce[12], in[128], across[128], first[64];
	uint32_t seed = 3;

	(void)state;
	seq_fill(key, sizeof(key), &seed);
	seq_fill(nonce, sizeof(nonce), &seed);
	seq_fill(in, sizeof(in), &seed);
	mbedtls_chacha20_crypt(key, nonce, 0xffffffffu, sizeof(in), in, across);
	mbedtls_chacha20_crypt(key, nonce, 0, 64, in + 64, first);
	assert_memory_equal(across + 64, first, 64);
	mbedtls_chacha20_crypt(key, nonce, 0xffffffffu, 64, in, first);
	assert_memory_equal(across, first, 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_vectors),
		cmocka_unit_test(test_poly1305_vectors),
		cmocka_unit_test(test_aead_vectors),
		cmocka_unit_test(test_pieces_agree),
		cmocka_unit_test(test_counter_wraps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
