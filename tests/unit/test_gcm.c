/**
 * @file Unit tests for AES-GCM (net/tls/gcm.c, net/tls/gcm_table.c, arch/x86/core/gcm_x86_64.c).
 *
 * The known answers are NIST's GCM validation vectors as mbedTLS's test
 * suite ships them (suite_data.h): every
 * AES-128/192/256 encryption and decryption, the decryptions that must
 * fail included, through mbedTLS's API whole and in pieces.  Each faster
 * engine the CPU can run is then checked against the table engine on
 * longer runs of blocks than the vectors have.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mbedtls/gcm.h>
#include <lwpxe/gcm.h>
#include "sequence.h"
#include "suite_data.h"

/** One NIST vector */
struct vector {
	int decrypt;            /**< a decryption (else an encryption) */
	int fails;              /**< the decryption must fail its tag */
	struct field key, iv, add, plain, cipher, tag;
};

/** Parse @p line into @p v; 0, or -1 if it is not an AES vector */
static int parse_vector(const char *line, struct vector *v)
{
	static const char enc[] = "gcm_encrypt_and_tag:MBEDTLS_CIPHER_ID_AES";
	static const char dec[] = "gcm_decrypt_and_verify:MBEDTLS_CIPHER_ID_AES";
	struct field result;
	long tag_bits;
	size_t pos;

	memset(v, 0, sizeof(*v));
	if (!strncmp(line, enc, sizeof(enc) - 1)) {
		pos = sizeof(enc) - 1;
		suite_field(line, &pos, &v->key, NULL);
		suite_field(line, &pos, &v->plain, NULL);
		suite_field(line, &pos, &v->iv, NULL);
		suite_field(line, &pos, &v->add, NULL);
		suite_field(line, &pos, &v->cipher, NULL);
		suite_field(line, &pos, NULL, &tag_bits);
		suite_field(line, &pos, &v->tag, NULL);
	} else if (!strncmp(line, dec, sizeof(dec) - 1)) {
		v->decrypt = 1;
		pos = sizeof(dec) - 1;
		suite_field(line, &pos, &v->key, NULL);
		suite_field(line, &pos, &v->cipher, NULL);
		suite_field(line, &pos, &v->iv, NULL);
		suite_field(line, &pos, &v->add, NULL);
		suite_field(line, &pos, NULL, &tag_bits);
		suite_field(line, &pos, &v->tag, NULL);
		suite_field(line, &pos, &result, NULL);
		suite_field(line, &pos, &v->plain, NULL);
		v->fails = result.len == SIZE_MAX;
	} else {
		return -1;
	}
	assert_int_equal(tag_bits, (long)v->tag.len * 8);
	return 0;
}

/** Run @p v through crypt_and_tag or auth_decrypt in one call each */
static void check_whole(const struct vector *v)
{
	mbedtls_gcm_context ctx;
	uint8_t out[FIELD_MAX], tag[16];

	mbedtls_gcm_init(&ctx);
	assert_int_equal(mbedtls_gcm_setkey(&ctx, MBEDTLS_CIPHER_ID_AES,
					    v->key.b, v->key.len * 8), 0);
	if (v->decrypt) {
		int ret = mbedtls_gcm_auth_decrypt(&ctx, v->cipher.len,
						   v->iv.b, v->iv.len,
						   v->add.b, v->add.len,
						   v->tag.b, v->tag.len,
						   v->cipher.b, out);

		if (v->fails) {
			assert_int_equal(ret, MBEDTLS_ERR_GCM_AUTH_FAILED);
		} else {
			assert_int_equal(ret, 0);
			assert_memory_equal(out, v->plain.b, v->plain.len);
		}
	} else {
		assert_int_equal(mbedtls_gcm_crypt_and_tag(&ctx, MBEDTLS_GCM_ENCRYPT,
							   v->plain.len,
							   v->iv.b, v->iv.len,
							   v->add.b, v->add.len,
							   v->plain.b, out,
							   v->tag.len, tag), 0);
		assert_memory_equal(out, v->cipher.b, v->cipher.len);
		assert_memory_equal(tag, v->tag.b, v->tag.len);
	}
	mbedtls_gcm_free(&ctx);
}

/** Run @p v through starts/update_ad/update/finish, the data in pieces of @p piece bytes */
static void check_pieces(const struct vector *v, size_t piece)
{
	const struct field *in = v->decrypt ? &v->cipher : &v->plain;
	const struct field *want = v->decrypt ? &v->plain : &v->cipher;
	mbedtls_gcm_context ctx;
	uint8_t out[FIELD_MAX], tag[16];
	size_t olen;

	mbedtls_gcm_init(&ctx);
	assert_int_equal(mbedtls_gcm_setkey(&ctx, MBEDTLS_CIPHER_ID_AES,
					    v->key.b, v->key.len * 8), 0);
	assert_int_equal(mbedtls_gcm_starts(&ctx, v->decrypt ?
					    MBEDTLS_GCM_DECRYPT :
					    MBEDTLS_GCM_ENCRYPT,
					    v->iv.b, v->iv.len), 0);
	for (size_t at = 0; at < v->add.len; at += piece)
		assert_int_equal(mbedtls_gcm_update_ad(&ctx, v->add.b + at,
				 MIN(piece, v->add.len - at)), 0);
	for (size_t at = 0; at < in->len; at += piece) {
		size_t n = MIN(piece, in->len - at);

		assert_int_equal(mbedtls_gcm_update(&ctx, in->b + at, n,
						    out + at, n, &olen), 0);
		assert_int_equal(olen, n);
	}
	assert_int_equal(mbedtls_gcm_finish(&ctx, NULL, 0, &olen, tag,
					    v->tag.len), 0);
	if (!v->fails) {
		assert_memory_equal(out, want->b, want->len);
		assert_memory_equal(tag, v->tag.b, v->tag.len);
	} else {
		assert_memory_not_equal(tag, v->tag.b, v->tag.len);
	}
	mbedtls_gcm_free(&ctx);
}

/** Every AES vector of mbedTLS's GCM suites, whole and in pieces of 1, 5 and 16 bytes */
static void test_nist_vectors(void **state)
{
	static const char *const suites[] = {
		"aes128_en", "aes128_de", "aes192_en", "aes192_de",
		"aes256_en", "aes256_de",
	};
	static char line[4096];
	unsigned int count = 0, failing = 0;

	for (size_t i = 0; i < ARRAY_SIZE(suites); i++) {
		char name[32];
		struct vector v;
		FILE *f;

		snprintf(name, sizeof(name), "gcm.%s", suites[i]);
		f = suite_open(name);
		while (fgets(line, sizeof(line), f)) {
			if (parse_vector(line, &v))
				continue;
			check_whole(&v);
			check_pieces(&v, 1);
			check_pieces(&v, 5);
			check_pieces(&v, 16);
			count++;
			failing += v.fails;
		}
		fclose(f);
	}
	print_message("%u vectors, %u of them decryptions that must fail\n",
		      count, failing);
	assert_true(count >= 1000);
	assert_true(failing > 0);
}

/** Each faster engine the CPU runs agrees with the table engine on runs of 0..40 blocks, the counter wrapping */
static void test_engines_agree(void **state)
{
	enum { MAXB = 40 };
	static const unsigned int sizes[] = { 128, 192, 256 };
	const struct gcm_engine *engine;
	unsigned int engines = 0;
	uint32_t seed = 1;

	TABLE_FOREACH(gcm_engines, const struct gcm_engine *, engine) {
		for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
			struct gcm_key fast, table;
			uint8_t key[32];

			seq_fill(key, sizeof(key), &seed);
			assert_int_equal(gcm_table_engine.setkey(&table, key,
								 sizes[s]), 0);
			if (engine->setkey(&fast, key, sizes[s]))
				continue;
			engines++;
			for (size_t n = 0; n <= MAXB; n++) {
				uint8_t in[MAXB * GCM_BLOCK];
				uint8_t out1[MAXB * GCM_BLOCK], out2[MAXB * GCM_BLOCK];
				uint8_t x1[GCM_BLOCK], x2[GCM_BLOCK];
				uint8_t c1[GCM_BLOCK], c2[GCM_BLOCK];

				seq_fill(in, sizeof(in), &seed);
				seq_fill(x1, sizeof(x1), &seed);
				seq_fill(c1, sizeof(c1), &seed);
				memset(c1 + 12, 0xff, 3);
				memcpy(x2, x1, sizeof(x1));
				memcpy(c2, c1, sizeof(c1));

				engine->ghash(&fast, x1, in, n);
				gcm_table_engine.ghash(&table, x2, in, n);
				assert_memory_equal(x1, x2, sizeof(x1));

				engine->encrypt(&fast, in, out1);
				gcm_table_engine.encrypt(&table, in, out2);
				assert_memory_equal(out1, out2, GCM_BLOCK);

				for (int decrypt = 0; decrypt <= 1; decrypt++) {
					engine->crypt(&fast, decrypt, c1, x1, in,
						      out1, n);
					memcpy(out2, in, sizeof(in));
					gcm_table_engine.crypt(&table, decrypt, c2,
							       x2, out2, out2, n);
					assert_memory_equal(out1, out2,
							    n * GCM_BLOCK);
					assert_memory_equal(x1, x2, sizeof(x1));
					assert_memory_equal(c1, c2, sizeof(c1));
				}
			}
		}
	}
	print_message("%u faster engine keys checked\n", engines);
}

/** Misuse gets mbedTLS's error codes; a failed tag leaves no plain text */
static void test_bad_input(void **state)
{
	mbedtls_gcm_context ctx;
	uint8_t key[16] = { 1 }, iv[12] = { 2 }, buf[64], tag[16];
	uint8_t text[32];
	size_t olen;

	memset(text, 0x5a, sizeof(text));
	mbedtls_gcm_init(&ctx);
	assert_int_equal(mbedtls_gcm_setkey(&ctx, MBEDTLS_CIPHER_ID_CAMELLIA,
					    key, 128), MBEDTLS_ERR_GCM_BAD_INPUT);
	assert_int_equal(mbedtls_gcm_setkey(&ctx, MBEDTLS_CIPHER_ID_AES,
					    key, 64), MBEDTLS_ERR_GCM_BAD_INPUT);
	assert_int_equal(mbedtls_gcm_starts(&ctx, MBEDTLS_GCM_ENCRYPT, iv,
					    sizeof(iv)), MBEDTLS_ERR_GCM_BAD_INPUT);
	assert_int_equal(mbedtls_gcm_setkey(&ctx, MBEDTLS_CIPHER_ID_AES,
					    key, 128), 0);
	assert_int_equal(mbedtls_gcm_starts(&ctx, MBEDTLS_GCM_ENCRYPT, iv, 0),
			 MBEDTLS_ERR_GCM_BAD_INPUT);
	assert_int_equal(mbedtls_gcm_starts(&ctx, MBEDTLS_GCM_ENCRYPT, iv,
					    sizeof(iv)), 0);
	assert_int_equal(mbedtls_gcm_update(&ctx, text, sizeof(text), buf, 31,
					    &olen),
			 MBEDTLS_ERR_GCM_BUFFER_TOO_SMALL);
	memcpy(buf, text, sizeof(text));
	assert_int_equal(mbedtls_gcm_update(&ctx, buf, sizeof(text), buf + 1,
					    sizeof(text), &olen),
			 MBEDTLS_ERR_GCM_BAD_INPUT);
	assert_int_equal(mbedtls_gcm_update(&ctx, text, 20, buf, 20, &olen), 0);
	assert_int_equal(mbedtls_gcm_update_ad(&ctx, text, 4),
			 MBEDTLS_ERR_GCM_BAD_INPUT);
	assert_int_equal(mbedtls_gcm_finish(&ctx, NULL, 0, &olen, tag, 3),
			 MBEDTLS_ERR_GCM_BAD_INPUT);

	assert_int_equal(mbedtls_gcm_crypt_and_tag(&ctx, MBEDTLS_GCM_ENCRYPT,
						   sizeof(text), iv, sizeof(iv),
						   NULL, 0, text, buf, 16, tag), 0);
	tag[0] ^= 1;
	assert_int_equal(mbedtls_gcm_auth_decrypt(&ctx, sizeof(text), iv,
						  sizeof(iv), NULL, 0, tag, 16,
						  buf, buf),
			 MBEDTLS_ERR_GCM_AUTH_FAILED);
	for (size_t i = 0; i < sizeof(text); i++)
		assert_int_equal(buf[i], 0);
	mbedtls_gcm_free(&ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nist_vectors),
		cmocka_unit_test(test_engines_agree),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
