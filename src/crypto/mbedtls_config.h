/**
 * @file mbedTLS build configuration: only what lwpxe uses.
 *
 * The same file serves every platform.  mbedTLS is compiled freestanding
 * against our small libc, so everything that needs an operating system
 * (file systems, threads, a platform entropy source) stays off; the
 * clock is lwpxe's (src/crypto/time.c).  Where net/tls is linked,
 * mbedtls_tls_config.h adds the TLS client (MBEDTLS_USER_CONFIG_FILE).
 */
#ifndef LWPXE_MBEDTLS_CONFIG_H
#define LWPXE_MBEDTLS_CONFIG_H

/* --- System support --- */

/** Fixed-width integers come from the compiler's stdint.h */
#define MBEDTLS_HAVE_ASM

/** mbedtls_platform_zeroize and friends; calloc/free are our heap's */
#define MBEDTLS_PLATFORM_C

/** No /dev/urandom and friends: entropy comes from the platform */
#define MBEDTLS_NO_PLATFORM_ENTROPY

/** Time: the wall clock for certificate validity, the tick for timeouts */
#define MBEDTLS_HAVE_TIME
/** Dates: X.509 validity is checked (src/crypto/time.c breaks time down) */
#define MBEDTLS_HAVE_TIME_DATE
/** Seconds are 64-bit everywhere, the unit tests' glibc build included */
#define MBEDTLS_PLATFORM_TIME_TYPE_MACRO long long
/** The wall clock: time_now() (-1 if unknown: every certificate then fails its dates) */
#define MBEDTLS_PLATFORM_TIME_MACRO crypto_time
/** gmtime_r(): our calendar */
#define MBEDTLS_PLATFORM_GMTIME_R_ALT
/** mbedtls_ms_time(): the monotonic tick */
#define MBEDTLS_PLATFORM_MS_TIME_ALT

/** Seconds since 1970-01-01 UTC from time_now(), also stored in *@p t if not NULL */
long long crypto_time(long long *t);

/* --- Modules --- */

/** AES block cipher: the core of the CTR_DRBG random generator */
#define MBEDTLS_AES_C
/** Smaller AES tables: we encrypt a few blocks, never bulk data */
#define MBEDTLS_AES_FEWER_TABLES

/** CTR_DRBG (NIST SP 800-90A): DHCP xids, TCP ISNs, CHAP challenges */
#define MBEDTLS_CTR_DRBG_C

/** MD5: CHAP (RFC 1994) for iSCSI login */
#define MBEDTLS_MD5_C

/** SHA-256: `sanread` digests and image checks */
#define MBEDTLS_SHA256_C

/* --- Certificates and signatures (src/trust: the trust store, imgverify) --- */

/** ASN.1 DER reading and writing (ECDSA signatures are written as DER) */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
/** Object identifiers of algorithms and name attributes */
#define MBEDTLS_OID_C
/** PEM certificates (--trust FILE.pem) */
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_BASE64_C
/** Big numbers for RSA and elliptic curves */
#define MBEDTLS_BIGNUM_C
/** Public keys: parsing, and RSA (PKCS#1 v1.5) and ECDSA signatures */
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDSA_C
/** The curves of the public roots: NIST P-256, P-384, P-521 */
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_SECP521R1_ENABLED
/** Message digests by name, and the hashes certificates are signed with */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
/** X.509 certificates (and revocation lists, which PKCS#7 needs to parse) */
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CRL_PARSE_C
/** PKCS#7 / CMS signed data: detached image signatures (imgverify) */
#define MBEDTLS_PKCS7_C

#endif
