/** @file CHAP with MD5 (RFC 1994) for iSCSI login, and its binary encodings. */
#include <ctype.h>
#include <string.h>
#include <mbedtls/md5.h>
#include <lwpxe/errors.h>
#include "iscsi_int.h"

void iscsi_chap_response(uint8_t id, const char *secret, const uint8_t *chal,
			 size_t chal_len, uint8_t out[ISCSI_CHAP_LEN])
{
	mbedtls_md5_context md5;

	mbedtls_md5_init(&md5);
	mbedtls_md5_starts(&md5);
	mbedtls_md5_update(&md5, &id, 1);
	mbedtls_md5_update(&md5, (const unsigned char *)secret, strlen(secret));
	mbedtls_md5_update(&md5, chal, chal_len);
	mbedtls_md5_finish(&md5, out);
	mbedtls_md5_free(&md5);
}

/** Value of hex digit @p c, -1 if not one */
static int chap_hexval(char c)
{
	if (isdigit((unsigned char)c))
		return c - '0';
	if (isxdigit((unsigned char)c))
		return tolower((unsigned char)c) - 'a' + 10;
	return -1;
}

/** Value of base64 character @p c, -1 if not one */
static int chap_b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/** Decode hex digits (odd count: leading nibble); length or -error */
static int chap_decode_hex(const char *p, uint8_t *out, size_t size)
{
	size_t n = strlen(p);
	size_t len = (n + 1) / 2;
	size_t i = 0;

	if (n == 0)
		return -EINVAL;
	if (len > size)
		return -ENOSPC;
	for (size_t o = 0; o < len; o++) {
		int hi = 0, lo;

		if (o > 0 || !(n & 1))
			hi = chap_hexval(p[i++]);
		lo = chap_hexval(p[i++]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[o] = (uint8_t)(hi << 4 | lo);
	}
	return (int)len;
}

/** Decode base64 (padding optional); length or -error */
static int chap_decode_b64(const char *p, uint8_t *out, size_t size)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t len = 0;

	for (; *p && *p != '='; p++) {
		int v = chap_b64val(*p);

		if (v < 0)
			return -EINVAL;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (len >= size)
				return -ENOSPC;
			out[len++] = (uint8_t)(acc >> bits);
		}
	}
	while (*p == '=')
		p++;
	if (*p || len == 0)
		return -EINVAL;
	return (int)len;
}

int iscsi_chap_decode(const char *text, uint8_t *out, size_t size)
{
	if (text[0] != '0')
		return -EINVAL;
	if (text[1] == 'x' || text[1] == 'X')
		return chap_decode_hex(text + 2, out, size);
	if (text[1] == 'b' || text[1] == 'B')
		return chap_decode_b64(text + 2, out, size);
	return -EINVAL;
}

int iscsi_chap_encode(const uint8_t *in, size_t len, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";

	if (size < 2 * len + 3)
		return -ENOSPC;
	out[0] = '0';
	out[1] = 'x';
	for (size_t i = 0; i < len; i++) {
		out[2 + 2 * i] = hex[in[i] >> 4];
		out[3 + 2 * i] = hex[in[i] & 15];
	}
	out[2 + 2 * len] = '\0';
	return (int)(2 + 2 * len);
}

int iscsi_chap_verify(uint8_t id, const char *secret, const uint8_t *chal,
		      size_t chal_len, const uint8_t *resp, size_t resp_len)
{
	uint8_t want[ISCSI_CHAP_LEN];
	uint8_t diff = 0;

	if (resp_len != ISCSI_CHAP_LEN)
		return -EACCES;
	iscsi_chap_response(id, secret, chal, chal_len, want);
	for (size_t i = 0; i < ISCSI_CHAP_LEN; i++)
		diff |= want[i] ^ resp[i];
	return diff ? -EACCES : 0;
}
