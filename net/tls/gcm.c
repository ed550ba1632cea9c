/**
 * @file mbedTLS's GCM API (MBEDTLS_GCM_ALT) over our engines (lwpxe/gcm.h).
 *
 * This file keeps the parts of the mode (NIST SP 800-38D): the first
 * counter block, additional data and text split at any byte, the lengths
 * and the tag.  Whole runs of blocks go to the engine in one call, so an
 * engine can keep many blocks in flight.
 */
#include <string.h>
#include <mbedtls/gcm.h>
#include <mbedtls/constant_time.h>
#include <mbedtls/platform_util.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/gcm.h>

/** GCM's limit on the text of one operation: 2^32 - 2 blocks */
#define GCM_MAX_LEN 0xFFFFFFFE0ull

/** A block of zeroes: folding it in multiplies the hash by H */
static const uint8_t gcm_zero[GCM_BLOCK];

/** Finish the hash's partial block: multiply the state by H */
static void gcm_close_block(mbedtls_gcm_context *ctx)
{
	ctx->engine->ghash(&ctx->key, ctx->x, gcm_zero, 1);
}

void mbedtls_gcm_init(mbedtls_gcm_context *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
}

int mbedtls_gcm_setkey(mbedtls_gcm_context *ctx, mbedtls_cipher_id_t cipher,
		       const unsigned char *key, unsigned int keybits)
{
	const struct gcm_engine *engine;

	if (cipher != MBEDTLS_CIPHER_ID_AES ||
	    (keybits != 128 && keybits != 192 && keybits != 256))
		return MBEDTLS_ERR_GCM_BAD_INPUT;
	mbedtls_gcm_free(ctx);
	TABLE_FOREACH(gcm_engines, const struct gcm_engine *, engine) {
		if (engine->setkey(&ctx->key, key, keybits) == 0) {
			ctx->engine = engine;
			return 0;
		}
	}
	if (gcm_table_engine.setkey(&ctx->key, key, keybits) != 0)
		return MBEDTLS_ERR_GCM_BAD_INPUT;
	ctx->engine = &gcm_table_engine;
	return 0;
}

int mbedtls_gcm_starts(mbedtls_gcm_context *ctx, int mode,
		       const unsigned char *iv, size_t iv_len)
{
	uint8_t lengths[GCM_BLOCK] = { 0 };

	if (!ctx->engine || iv_len == 0 || (uint64_t)iv_len >> 61)
		return MBEDTLS_ERR_GCM_BAD_INPUT;
	ctx->mode = mode;
	ctx->len = 0;
	ctx->add_len = 0;
	memset(ctx->x, 0, sizeof(ctx->x));
	memset(ctx->ctr, 0, sizeof(ctx->ctr));
	if (iv_len == 12) {
		memcpy(ctx->ctr, iv, iv_len);
		ctx->ctr[GCM_BLOCK - 1] = 1;
	} else {
		/* J0 = GHASH(IV, zero-padded, then the IV's length in bits) */
		ctx->engine->ghash(&ctx->key, ctx->ctr, iv, iv_len / GCM_BLOCK);
		if (iv_len % GCM_BLOCK) {
			for (size_t i = 0; i < iv_len % GCM_BLOCK; i++)
				ctx->ctr[i] ^= iv[iv_len - iv_len % GCM_BLOCK + i];
			ctx->engine->ghash(&ctx->key, ctx->ctr, gcm_zero, 1);
		}
		put_be64(lengths + 8, (uint64_t)iv_len * 8);
		ctx->engine->ghash(&ctx->key, ctx->ctr, lengths, 1);
	}
	ctx->engine->encrypt(&ctx->key, ctx->ctr, ctx->ectr0);
	gcm_inc32(ctx->ctr);
	return 0;
}

int mbedtls_gcm_update_ad(mbedtls_gcm_context *ctx, const unsigned char *add,
			  size_t add_len)
{
	uint64_t total = ctx->add_len + add_len;
	size_t offset = ctx->add_len % GCM_BLOCK;

	if (total < ctx->add_len || total >> 61 || ctx->len)
		return MBEDTLS_ERR_GCM_BAD_INPUT;
	ctx->add_len = total;
	if (offset) {
		size_t use = MIN(GCM_BLOCK - offset, add_len);

		for (size_t i = 0; i < use; i++)
			ctx->x[offset + i] ^= add[i];
		add += use;
		add_len -= use;
		if (offset + use < GCM_BLOCK)
			return 0;
		gcm_close_block(ctx);
	}
	ctx->engine->ghash(&ctx->key, ctx->x, add, add_len / GCM_BLOCK);
	add += add_len - add_len % GCM_BLOCK;
	for (size_t i = 0; i < add_len % GCM_BLOCK; i++)
		ctx->x[i] ^= add[i];
	return 0;
}

/** Run @p len (< one block) bytes of text from @p in to @p out through the key stream at @p offset of the partial block, folding the ciphertext into the hash */
static void gcm_partial(mbedtls_gcm_context *ctx, size_t offset,
			const uint8_t *in, uint8_t *out, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint8_t text = in[i];
		uint8_t result = text ^ ctx->stream[offset + i];

		ctx->x[offset + i] ^=
			ctx->mode == MBEDTLS_GCM_DECRYPT ? text : result;
		out[i] = result;
	}
}

int mbedtls_gcm_update(mbedtls_gcm_context *ctx, const unsigned char *input,
		       size_t input_length, unsigned char *output,
		       size_t output_size, size_t *output_length)
{
	size_t offset = ctx->len % GCM_BLOCK;
	size_t blocks;

	if (output_size < input_length)
		return MBEDTLS_ERR_GCM_BUFFER_TOO_SMALL;
	*output_length = input_length;
	if (input_length == 0)
		return 0;
	if (output > input && (size_t)(output - input) < input_length)
		return MBEDTLS_ERR_GCM_BAD_INPUT;
	if (ctx->len + input_length < ctx->len ||
	    ctx->len + input_length > GCM_MAX_LEN)
		return MBEDTLS_ERR_GCM_BAD_INPUT;
	if (ctx->len == 0 && ctx->add_len % GCM_BLOCK)
		gcm_close_block(ctx);
	ctx->len += input_length;
	if (offset) {
		size_t use = MIN(GCM_BLOCK - offset, input_length);

		gcm_partial(ctx, offset, input, output, use);
		input += use;
		output += use;
		input_length -= use;
		if (offset + use < GCM_BLOCK)
			return 0;
		gcm_close_block(ctx);
	}
	blocks = input_length / GCM_BLOCK;
	ctx->engine->crypt(&ctx->key, ctx->mode == MBEDTLS_GCM_DECRYPT,
			   ctx->ctr, ctx->x, input, output, blocks);
	input += blocks * GCM_BLOCK;
	output += blocks * GCM_BLOCK;
	input_length %= GCM_BLOCK;
	if (input_length) {
		ctx->engine->encrypt(&ctx->key, ctx->ctr, ctx->stream);
		gcm_inc32(ctx->ctr);
		gcm_partial(ctx, 0, input, output, input_length);
	}
	return 0;
}

int mbedtls_gcm_finish(mbedtls_gcm_context *ctx, unsigned char *output,
		       size_t output_size, size_t *output_length,
		       unsigned char *tag, size_t tag_len)
{
	uint8_t lengths[GCM_BLOCK];

	*output_length = 0;
	if (tag_len > GCM_BLOCK || tag_len < 4)
		return MBEDTLS_ERR_GCM_BAD_INPUT;
	if (ctx->len ? ctx->len % GCM_BLOCK : ctx->add_len % GCM_BLOCK)
		gcm_close_block(ctx);
	put_be64(lengths, ctx->add_len * 8);
	put_be64(lengths + 8, ctx->len * 8);
	ctx->engine->ghash(&ctx->key, ctx->x, lengths, 1);
	for (size_t i = 0; i < tag_len; i++)
		tag[i] = ctx->x[i] ^ ctx->ectr0[i];
	return 0;
}

int mbedtls_gcm_crypt_and_tag(mbedtls_gcm_context *ctx, int mode,
			      size_t length, const unsigned char *iv,
			      size_t iv_len, const unsigned char *add,
			      size_t add_len, const unsigned char *input,
			      unsigned char *output, size_t tag_len,
			      unsigned char *tag)
{
	size_t olen;
	int ret;

	if ((ret = mbedtls_gcm_starts(ctx, mode, iv, iv_len)) ||
	    (ret = mbedtls_gcm_update_ad(ctx, add, add_len)) ||
	    (ret = mbedtls_gcm_update(ctx, input, length, output, length,
				      &olen)))
		return ret;
	return mbedtls_gcm_finish(ctx, NULL, 0, &olen, tag, tag_len);
}

int mbedtls_gcm_auth_decrypt(mbedtls_gcm_context *ctx, size_t length,
			     const unsigned char *iv, size_t iv_len,
			     const unsigned char *add, size_t add_len,
			     const unsigned char *tag, size_t tag_len,
			     const unsigned char *input, unsigned char *output)
{
	uint8_t check[GCM_BLOCK];
	int ret;

	ret = mbedtls_gcm_crypt_and_tag(ctx, MBEDTLS_GCM_DECRYPT, length, iv,
					iv_len, add, add_len, input, output,
					tag_len, check);
	if (ret)
		return ret;
	if (mbedtls_ct_memcmp(tag, check, tag_len)) {
		mbedtls_platform_zeroize(output, length);
		return MBEDTLS_ERR_GCM_AUTH_FAILED;
	}
	return 0;
}

void mbedtls_gcm_free(mbedtls_gcm_context *ctx)
{
	if (ctx)
		mbedtls_platform_zeroize(ctx, sizeof(*ctx));
}
