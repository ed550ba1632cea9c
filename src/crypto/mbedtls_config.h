/**
 * @file mbedTLS build configuration: only what lwpxe uses.
 *
 * The same file serves every platform.  mbedTLS is compiled freestanding
 * against our small libc, so everything that needs an operating system
 * (file systems, threads, a platform entropy source) stays off; the
 * clock is lwpxe's (src/crypto/time.c).
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
/** Tables in ROM instead of computing them at start-up */
#define MBEDTLS_AES_ROM_TABLES
/** Smaller AES tables: we encrypt a few blocks, never bulk data */
#define MBEDTLS_AES_FEWER_TABLES

/** CTR_DRBG (NIST SP 800-90A): DHCP xids, TCP ISNs, CHAP challenges */
#define MBEDTLS_CTR_DRBG_C

/** MD5: CHAP (RFC 1994) for iSCSI login */
#define MBEDTLS_MD5_C

/** SHA-256: `sanread` digests and image checks */
#define MBEDTLS_SHA256_C

#endif
