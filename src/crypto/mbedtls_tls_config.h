/**
 * @file mbedTLS's TLS client on top of mbedtls_config.h, for the images that link net/tls.
 *
 * The Makefile names this file as MBEDTLS_USER_CONFIG_FILE for every
 * Linux, UEFI and BIOS object; an image without net/tls links none of
 * what it adds.
 */
#ifndef LWPXE_MBEDTLS_TLS_CONFIG_H
#define LWPXE_MBEDTLS_TLS_CONFIG_H

/* --- Protocol --- */

/** The TLS record layer and the client side of the handshake */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
/** TLS 1.2 (RFC 5246) and TLS 1.3 (RFC 8446) */
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
/** TLS 1.3 with (EC)DHE key exchange, as web servers offer it */
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
/** TLS 1.3's middlebox compatibility mode (RFC 8446 appendix D.4) */
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
/** TLS 1.2's ECDHE key exchanges with RSA and ECDSA certificates */
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
/** TLS 1.2's extended master secret (RFC 7627) */
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
/** Server Name Indication: the host name is sent and checked */
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
/** The server's chain is kept for describing a refusal (TLS 1.3 needs it) */
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
/** Session tickets: TLS 1.3 servers send them after the handshake */
#define MBEDTLS_SSL_SESSION_TICKETS

/* --- Algorithms --- */

/** ECDHE, and X25519 besides the NIST curves of mbedtls_config.h */
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
/** RSA-PSS signatures (TLS 1.3 with RSA certificates) */
#define MBEDTLS_PKCS1_V21
/** Ciphers by name, AES-GCM and ChaCha20-Poly1305 */
#define MBEDTLS_CIPHER_C
#define MBEDTLS_GCM_C
/** AES-GCM is ours (net/tls/gcm.c, context in gcm_alt.h): whole runs of
 * blocks per call, eight at a time with AES-NI and PCLMULQDQ */
#define MBEDTLS_GCM_ALT
/** ChaCha20 is ours (net/tls/chacha20.c, context in chacha20_alt.h): whole
 * runs of blocks per call to the engine of include/lwpxe/chachapoly.h */
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_CHACHA20_ALT
/** Poly1305 is ours (net/tls/poly1305.c, context in poly1305_alt.h): whole
 * runs of blocks per call to the engine of include/lwpxe/chachapoly.h */
#define MBEDTLS_POLY1305_C
#define MBEDTLS_POLY1305_ALT
#define MBEDTLS_CHACHAPOLY_C
/** HKDF (TLS 1.3's key schedule) */
#define MBEDTLS_HKDF_C
/** AES-NI where the CPU has it, for single blocks (checked at run time; the
 * Makefile builds the x86_64 intrinsics with AESNI_CFLAGS).  Not in the
 * 32-bit BIOS images, which run with SSE off (no FXSAVE state set up). */
#ifdef __x86_64__
#define MBEDTLS_AESNI_C
#endif
/** Full AES tables: bulk data is decrypted where AES-NI is missing */
#undef MBEDTLS_AES_FEWER_TABLES

/** The PSA crypto API that TLS 1.3 is built on */
#define MBEDTLS_PSA_CRYPTO_C
/** PSA's random numbers: random_bytes() (net/tls/psa_rng.c) */
#define MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG

#endif
