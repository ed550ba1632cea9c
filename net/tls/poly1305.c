/**
 * @file mbedTLS's Poly1305 API (MBEDTLS_POLY1305_ALT): the one-time authenticator of RFC 8439.
 *
 * Whole blocks go to the ChaCha20-Poly1305 engine
 * (include/lwpxe/chachapoly.h); this file keeps a partial block between
 * calls and does the final reduction.
 */
#include <string.h>
#include <mbedtls/poly1305.h>
#include <mbedtls/platform_util.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/chachapoly.h>

void mbedtls_poly1305_init(mbedtls_poly1305_context *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
}

void mbedtls_poly1305_free(mbedtls_poly1305_context *ctx)
{
	if (ctx)
		mbedtls_platform_zeroize(ctx, sizeof(*ctx));
}

int mbedtls_poly1305_starts(mbedtls_poly1305_context *ctx,
			    const unsigned char key[32])
{
	/* r with the bits RFC 8439 clears (2.5.1), cut into 26-bit limbs */
	uint32_t w0 = get_le32(key) & 0x0fffffff;
	uint32_t w1 = get_le32(key + 4) & 0x0ffffffc;
	uint32_t w2 = get_le32(key + 8) & 0x0ffffffc;
	uint32_t w3 = get_le32(key + 12) & 0x0ffffffc;

	ctx->r[0] = w0 & POLY1305_LIMB;
	ctx->r[1] = (w0 >> 26 | w1 << 6) & POLY1305_LIMB;
	ctx->r[2] = (w1 >> 20 | w2 << 12) & POLY1305_LIMB;
	ctx->r[3] = (w2 >> 14 | w3 << 18) & POLY1305_LIMB;
	ctx->r[4] = w3 >> 8;
	for (int i = 0; i < 4; i++)
		ctx->s[i] = get_le32(key + 16 + 4 * i);
	memset(ctx->h, 0, sizeof(ctx->h));
	ctx->queue_len = 0;
	return 0;
}

int mbedtls_poly1305_update(mbedtls_poly1305_context *ctx,
			    const unsigned char *input, size_t ilen)
{
	const struct chachapoly_engine *engine = chachapoly_engine();

	if (!ilen)
		return 0;       /* @p input may be NULL */
	if (ctx->queue_len) {
		size_t n = POLY1305_BLOCK - ctx->queue_len;

		if (n > ilen)
			n = ilen;
		memcpy(ctx->queue + ctx->queue_len, input, n);
		ctx->queue_len += n;
		input += n;
		ilen -= n;
		if (ctx->queue_len < POLY1305_BLOCK)
			return 0;
		engine->poly1305(ctx->h, ctx->r, ctx->queue, 1, POLY1305_HIBIT);
		ctx->queue_len = 0;
	}
	if (ilen >= POLY1305_BLOCK) {
		size_t blocks = ilen / POLY1305_BLOCK;

		engine->poly1305(ctx->h, ctx->r, input, blocks, POLY1305_HIBIT);
		input += blocks * POLY1305_BLOCK;
		ilen -= blocks * POLY1305_BLOCK;
	}
	memcpy(ctx->queue, input, ilen);
	ctx->queue_len = ilen;
	return 0;
}

int mbedtls_poly1305_finish(mbedtls_poly1305_context *ctx,
			    unsigned char mac[16])
{
	uint32_t *h = ctx->h;
	uint32_t g[5], c, mask;
	uint64_t f;

	if (ctx->queue_len) {
		/* the last bytes, a 1 after them, zeros to a block (2.5.1) */
		memset(ctx->queue + ctx->queue_len, 0,
		       POLY1305_BLOCK - ctx->queue_len);
		ctx->queue[ctx->queue_len] = 1;
		chachapoly_engine()->poly1305(h, ctx->r, ctx->queue, 1, 0);
		ctx->queue_len = 0;
	}

	/* carry through every limb: h < 2^130 */
	c = h[1] >> 26; h[1] &= POLY1305_LIMB;
	for (int i = 2; i < 5; i++) {
		h[i] += c; c = h[i] >> 26; h[i] &= POLY1305_LIMB;
	}
	h[0] += c * 5; c = h[0] >> 26; h[0] &= POLY1305_LIMB;
	h[1] += c;

	/* h mod p: h - p = h + 5 - 2^130, taken if it does not go below zero */
	c = 5;
	for (int i = 0; i < 4; i++) {
		g[i] = h[i] + c; c = g[i] >> 26; g[i] &= POLY1305_LIMB;
	}
	g[4] = h[4] + c - (1u << 26);
	mask = (g[4] >> 31) - 1;        /* all ones: h >= p, take g */
	for (int i = 0; i < 5; i++)
		h[i] = (h[i] & ~mask) | (g[i] & mask);

	/* the low 128 bits of h + s, little-endian */
	f = (uint64_t)(h[0] | h[1] << 26) + ctx->s[0];
	put_le32(mac, (uint32_t)f);
	f = (f >> 32) + (h[1] >> 6 | h[2] << 20) + ctx->s[1];
	put_le32(mac + 4, (uint32_t)f);
	f = (f >> 32) + (h[2] >> 12 | h[3] << 14) + ctx->s[2];
	put_le32(mac + 8, (uint32_t)f);
	f = (f >> 32) + (h[3] >> 18 | h[4] << 8) + ctx->s[3];
	put_le32(mac + 12, (uint32_t)f);
	return 0;
}

int mbedtls_poly1305_mac(const unsigned char key[32],
			 const unsigned char *input, size_t ilen,
			 unsigned char mac[16])
{
	mbedtls_poly1305_context ctx;

	mbedtls_poly1305_init(&ctx);
	mbedtls_poly1305_starts(&ctx, key);
	mbedtls_poly1305_update(&ctx, input, ilen);
	mbedtls_poly1305_finish(&ctx, mac);
	mbedtls_poly1305_free(&ctx);
	return 0;
}
