/**
 * @file mbedTLS build configuration: only what lwpxe uses.
 *
 * The same file serves every platform.  mbedTLS is compiled freestanding
 * against our small libc, so everything that needs an operating system
 * (file systems, time, threads, a platform entropy source) stays off.
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
