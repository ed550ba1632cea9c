/**
 * @file mbedTLS's ChaCha20 API (MBEDTLS_CHACHA20_ALT): the stream cipher of RFC 8439.
 *
 * HTTPS without AES-NI spends most of its time here: whole blocks go to
 * the ChaCha20-Poly1305 engine (include/lwpxe/chachapoly.h).
 */
#include <string.h>
#include <mbedtls/chacha20.h>
#include <mbedtls/platform_util.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/chachapoly.h>

void mbedtls_chacha20_init(mbedtls_chacha20_context *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->used = CHACHA20_BLOCK;
}

void mbedtls_chacha20_free(mbedtls_chacha20_context *ctx)
{
	if (ctx)
		mbedtls_platform_zeroize(ctx, sizeof(*ctx));
}

int mbedtls_chacha20_setkey(mbedtls_chacha20_context *ctx,
			    const unsigned char key[32])
{
	/* "expand 32-byte k" */
	ctx->state[0] = 0x61707865;
	ctx->state[1] = 0x3320646e;
	ctx->state[2] = 0x79622d32;
	ctx->state[3] = 0x6b206574;
	for (int i = 0; i < 8; i++)
		ctx->state[4 + i] = get_le32(key + 4 * i);
	return 0;
}

int mbedtls_chacha20_starts(mbedtls_chacha20_context *ctx,
			    const unsigned char nonce[12], uint32_t counter)
{
	ctx->state[CHACHA20_COUNTER] = counter;
	for (int i = 0; i < 3; i++)
		ctx->state[13 + i] = get_le32(nonce + 4 * i);
	mbedtls_platform_zeroize(ctx->keystream, sizeof(ctx->keystream));
	ctx->used = CHACHA20_BLOCK;
	return 0;
}

int mbedtls_chacha20_update(mbedtls_chacha20_context *ctx, size_t size,
			    const unsigned char *input, unsigned char *output)
{
	for (; size && ctx->used < CHACHA20_BLOCK; size--)
		*output++ = *input++ ^ ctx->keystream[ctx->used++];
	if (size >= CHACHA20_BLOCK) {
		size_t blocks = size / CHACHA20_BLOCK;

		chachapoly_engine()->chacha20(ctx->state, input, output,
					      blocks);
		input += blocks * CHACHA20_BLOCK;
		output += blocks * CHACHA20_BLOCK;
		size -= blocks * CHACHA20_BLOCK;
	}
	if (size) {
		memset(ctx->keystream, 0, sizeof(ctx->keystream));
		chachapoly_engine()->chacha20(ctx->state, ctx->keystream,
					      ctx->keystream, 1);
		for (ctx->used = 0; ctx->used < size; ctx->used++)
			output[ctx->used] = input[ctx->used] ^
					    ctx->keystream[ctx->used];
	}
	return 0;
}

int mbedtls_chacha20_crypt(const unsigned char key[32],
			   const unsigned char nonce[12], uint32_t counter,
			   size_t size, const unsigned char *input,
			   unsigned char *output)
{
	mbedtls_chacha20_context ctx;

	mbedtls_chacha20_init(&ctx);
	mbedtls_chacha20_setkey(&ctx, key);
	mbedtls_chacha20_starts(&ctx, nonce, counter);
	mbedtls_chacha20_update(&ctx, size, input, output);
	mbedtls_chacha20_free(&ctx);
	return 0;
}
