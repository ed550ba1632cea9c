/** @file The TLS client configuration all connections share, and PSA crypto's random numbers. */
#include <stdio.h>
#include <psa/crypto.h>
#include <lwpxe/cpu.h>
#include <lwpxe/random.h>
#include <lwpxe/trust.h>
#include "tls_int.h"

/** The shared configuration; set up on first use */
static mbedtls_ssl_config tls_conf;
static int tls_conf_ready;
/** An empty chain of roots: nothing is trusted when the store is empty */
static mbedtls_x509_crt tls_no_roots;
/** The client certificate given to the configuration, NULL if none yet */
static mbedtls_x509_crt *tls_conf_cert;

#ifdef MBEDTLS_AESNI_C
/**
 * The cipher suites offered when the CPU has AES-NI and mbedTLS has code
 * for it (x86_64: AES-GCM is then the fastest): TLS 1.3's, then TLS 1.2's
 * ECDHE with ECDSA and RSA certificates
 */
static const int tls_suites_aes_first[] = {
	MBEDTLS_TLS1_3_AES_128_GCM_SHA256,
	MBEDTLS_TLS1_3_AES_256_GCM_SHA384,
	MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	0
};

/** CPUID.1:ECX bits: AES-NI and PCLMULQDQ (carry-less multiply, GCM's hash) */
#define TLS_CPUID1_ECX_AESNI (1u << 25)
#define TLS_CPUID1_ECX_PCLMUL (1u << 1)
#endif

/**
 * The same with ChaCha20-Poly1305 first: much faster than AES-GCM in
 * software (the 32-bit BIOS images, CPUs without AES-NI)
 */
static const int tls_suites_chacha_first[] = {
	MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,
	MBEDTLS_TLS1_3_AES_128_GCM_SHA256,
	MBEDTLS_TLS1_3_AES_256_GCM_SHA384,
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	0
};

/** The suites in the order that is fastest here: AES-GCM first only where mbedTLS will run it on AES-NI */
static const int *tls_suites(void)
{
#ifdef MBEDTLS_AESNI_C
	const uint32_t want = TLS_CPUID1_ECX_AESNI | TLS_CPUID1_ECX_PCLMUL;
	uint32_t regs[4];

	if (cpu_cpuid(1, 0, regs) == 0 && (regs[2] & want) == want)
		return tls_suites_aes_first;
#endif
	return tls_suites_chacha_first;
}

/** PSA crypto's random source (MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG): random_bytes() */
psa_status_t mbedtls_psa_external_get_random(
	mbedtls_psa_external_random_context_t *context, uint8_t *output,
	size_t output_size, size_t *output_length)
{
	(void)context;
	random_bytes(output, output_size);
	*output_length = output_size;
	return PSA_SUCCESS;
}

/** mbedTLS's RNG callback: random_bytes() */
static int tls_random(void *ctx, unsigned char *buf, size_t len)
{
	(void)ctx;
	random_bytes(buf, len);
	return 0;
}

/** Set up the shared configuration; 0 or an mbedTLS error */
static int tls_config_setup(void)
{
	int rc;

	if (psa_crypto_init() != PSA_SUCCESS)
		return MBEDTLS_ERR_SSL_ALLOC_FAILED;
	mbedtls_x509_crt_init(&tls_no_roots);
	mbedtls_ssl_config_init(&tls_conf);
	rc = mbedtls_ssl_config_defaults(&tls_conf, MBEDTLS_SSL_IS_CLIENT,
					 MBEDTLS_SSL_TRANSPORT_STREAM,
					 MBEDTLS_SSL_PRESET_DEFAULT);
	if (rc != 0)
		return rc;
	mbedtls_ssl_conf_rng(&tls_conf, tls_random, NULL);
	mbedtls_ssl_conf_ciphersuites(&tls_conf, tls_suites());
	mbedtls_ssl_conf_authmode(&tls_conf, MBEDTLS_SSL_VERIFY_REQUIRED);
	mbedtls_ssl_conf_min_tls_version(&tls_conf, MBEDTLS_SSL_VERSION_TLS1_2);
	mbedtls_ssl_conf_max_tls_version(&tls_conf, MBEDTLS_SSL_VERSION_TLS1_3);
	return 0;
}

const mbedtls_ssl_config *tls_config(char *why, size_t why_len)
{
	mbedtls_x509_crt *roots, *cert = trust_client_cert();
	mbedtls_pk_context *key = trust_client_key();
	int rc;

	if (!tls_conf_ready) {
		rc = tls_config_setup();
		if (rc != 0) {
			tls_error_words(rc, -1, why, why_len);
			return NULL;
		}
		tls_conf_ready = 1;
	}
	/* looked up each time: roots and the client key may come at run time */
	roots = trust_roots();
	mbedtls_ssl_conf_ca_chain(&tls_conf, roots ? roots : &tls_no_roots,
				  NULL);
	if (cert && key && cert != tls_conf_cert) {
		if (mbedtls_ssl_conf_own_cert(&tls_conf, cert, key) != 0) {
			snprintf(why, why_len, "cannot use the client "
				 "certificate (out of memory)");
			return NULL;
		}
		tls_conf_cert = cert;
	}
	return &tls_conf;
}
