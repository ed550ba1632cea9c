/** @file The trust store: built-in roots and client credentials, parsed on first use, and roots added at run time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mbedtls/platform_util.h>
#include <lwpxe/errors.h>
#include <lwpxe/random.h>
#include <lwpxe/trust.h>
#include "trust_int.h"

/** The parsed roots, and how many parsed */
static mbedtls_x509_crt trust_root_chain;
static unsigned int trust_nroots;
static int trust_roots_parsed;

/** The parsed client certificate and key; nonzero once tried */
static mbedtls_x509_crt trust_client_chain;
static mbedtls_pk_context trust_client_pk;
static int trust_client_parsed;
static int trust_client_has_cert;
static int trust_client_has_key;

/** Parse every DER certificate of @p table into @p chain; how many parsed */
static unsigned int trust_parse_table(const struct trust_der *table,
				      mbedtls_x509_crt *chain)
{
	unsigned int n = 0;

	for (; table->data; table++) {
		/* a root with an algorithm we lack (e.g. a curve) is skipped */
		if (mbedtls_x509_crt_parse_der_nocopy(chain, table->data,
						      table->len) == 0)
			n++;
	}
	return n;
}

mbedtls_x509_crt *trust_roots(void)
{
	if (!trust_roots_parsed) {
		mbedtls_x509_crt_init(&trust_root_chain);
		trust_nroots = trust_parse_table(trust_builtin_roots,
						 &trust_root_chain);
		trust_roots_parsed = 1;
	}
	return trust_nroots ? &trust_root_chain : NULL;
}

unsigned int trust_root_count(void)
{
	trust_roots();
	return trust_nroots;
}

/** Parse @p len bytes of PEM (NUL added here, as mbedTLS wants) or DER certificates into @p chain */
static int trust_parse_any(mbedtls_x509_crt *chain, const void *data,
			   size_t len)
{
	char *pem = malloc(len + 1);
	int rc;

	if (!pem)
		return -ENOMEM;
	memcpy(pem, data, len);
	pem[len] = '\0';
	rc = strstr(pem, "-----BEGIN") ?
		mbedtls_x509_crt_parse(chain, (const unsigned char *)pem, len + 1) :
		mbedtls_x509_crt_parse_der(chain, data, len);
	free(pem);
	return rc;
}

int trust_add(const void *data, size_t len, char *why, size_t why_len)
{
	mbedtls_x509_crt added;
	int n = 0;

	trust_roots();
	mbedtls_x509_crt_init(&added);
	if (trust_parse_any(&added, data, len) >= 0) {
		for (mbedtls_x509_crt *c = &added; c && c->raw.p; c = c->next) {
			if (mbedtls_x509_crt_parse_der(&trust_root_chain,
						       c->raw.p, c->raw.len) == 0)
				n++;
		}
	}
	mbedtls_x509_crt_free(&added);
	if (!n) {
		snprintf(why, why_len, "no certificate in it");
		return -EINVAL;
	}
	trust_nroots += (unsigned int)n;
	return n;
}

/** mbedTLS's random source for key checks */
static int trust_rng(void *ctx, unsigned char *buf, size_t len)
{
	(void)ctx;
	random_bytes(buf, len);
	return 0;
}

/** Parse the built-in client certificate and key, once */
static void trust_client_parse(void)
{
	if (trust_client_parsed)
		return;
	trust_client_parsed = 1;
	mbedtls_x509_crt_init(&trust_client_chain);
	mbedtls_pk_init(&trust_client_pk);
	trust_client_has_cert = trust_parse_table(trust_builtin_client_certs,
						  &trust_client_chain) > 0;
	trust_client_has_key = trust_builtin_client_key[0].data &&
		mbedtls_pk_parse_key(&trust_client_pk,
				     trust_builtin_client_key[0].data,
				     trust_builtin_client_key[0].len, NULL, 0,
				     trust_rng, NULL) == 0;
}

mbedtls_x509_crt *trust_client_cert(void)
{
	trust_client_parse();
	return trust_client_has_cert ? &trust_client_chain : NULL;
}

mbedtls_pk_context *trust_client_key(void)
{
	trust_client_parse();
	return trust_client_has_key ? &trust_client_pk : NULL;
}

/** Parse the key in @p len bytes of PEM (NUL added here) or DER into @p pk; 0 or an mbedTLS error */
static int trust_parse_key(mbedtls_pk_context *pk, const void *data, size_t len)
{
	unsigned char *copy = malloc(len + 1);
	int rc;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, len);
	copy[len] = '\0';
	rc = mbedtls_pk_parse_key(pk, copy, strstr((char *)copy, "-----BEGIN") ?
				  len + 1 : len, NULL, 0, trust_rng, NULL);
	mbedtls_platform_zeroize(copy, len);
	free(copy);
	return rc;
}

int trust_set_client(const void *cert, size_t cert_len, const void *key,
		     size_t key_len, char *why, size_t why_len)
{
	trust_client_parse();
	mbedtls_x509_crt_free(&trust_client_chain);
	mbedtls_pk_free(&trust_client_pk);
	mbedtls_x509_crt_init(&trust_client_chain);
	mbedtls_pk_init(&trust_client_pk);
	trust_client_has_cert = trust_parse_any(&trust_client_chain, cert,
						cert_len) >= 0 &&
		trust_client_chain.raw.p;
	trust_client_has_key = trust_parse_key(&trust_client_pk, key,
					       key_len) == 0;
	if (!trust_client_has_cert || !trust_client_has_key) {
		snprintf(why, why_len, "%s", !trust_client_has_cert ?
			 "no certificate in it" :
			 "no unencrypted private key in it");
		trust_client_has_cert = trust_client_has_key = 0;
		return -EINVAL;
	}
	if (mbedtls_pk_check_pair(&trust_client_chain.pk, &trust_client_pk,
				  trust_rng, NULL) != 0) {
		snprintf(why, why_len, "the key does not fit the certificate");
		trust_client_has_cert = trust_client_has_key = 0;
		return -EINVAL;
	}
	return 0;
}
