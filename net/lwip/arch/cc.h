/** @file lwIP port for lwpxe: compiler, byte order, diagnostics on our small libc. */
#ifndef LWPXE_ARCH_CC_H
#define LWPXE_ARCH_CC_H

#include <stdint.h>
#include <stdio.h>

/*
 * Only the standard headers lwpxe allows are used: lwIP must not pull in
 * <inttypes.h>, <unistd.h> or the full <ctype.h>.  The same file builds
 * freestanding (our libc) and hosted against glibc for unit tests.
 */

/** No <unistd.h>: lwIP then needs nothing from POSIX */
#define LWIP_NO_UNISTD_H 1
/** No <ctype.h>: lwIP uses its own character tests */
#define LWIP_NO_CTYPE_H 1
/** No <inttypes.h>: the printf formats below replace PRIu16 and friends */
#define LWIP_NO_INTTYPES_H 1

/* printf formats for lwIP's integer types (u16_t promotes to int) */
#define X8_F  "02x"   /**< u8_t as two hex digits */
#define U16_F "u"     /**< u16_t decimal */
#define S16_F "d"     /**< s16_t decimal */
#define X16_F "x"     /**< u16_t hex */
#define U32_F "u"     /**< u32_t decimal (unsigned int on i386 and x86-64) */
#define S32_F "d"     /**< s32_t decimal */
#define X32_F "x"     /**< u32_t hex */
#define SZT_F "zu"    /**< size_t decimal */

/** x86 is little endian (glibc's <endian.h> may have said so already) */
#ifndef BYTE_ORDER
#define BYTE_ORDER LITTLE_ENDIAN
#endif

/** Random number for lwIP (net/lwip/sys.c) */
uint32_t lwipglue_rand(void);

/**
 * The Internet checksum lwIP uses (LWIP_CHKSUM, net/lwip/chksum.c): the
 * ones' complement sum, not inverted, of the 16-bit words of @p data
 */
uint16_t lwpxe_chksum(const void *data, int len);

/** End the program (include/lwpxe/platform.h) */
void platform_exit(int status) __attribute__((noreturn));

/** lwIP diagnostics go to the console; @p x is a parenthesised printf list */
#define LWIP_PLATFORM_DIAG(x) do { printf x; } while (0)

/**
 * A failed lwIP assertion is a bug: say where (file and line, which name
 * it; the message texts cost undionly.kpxe 2.3 KB) and stop
 */
#define LWIP_PLATFORM_ASSERT(x) do {                                   \
		printf("lwIP assertion failed at %s:%d\n",              \
		       __FILE_NAME__, __LINE__);                          \
		platform_exit(1);                                        \
	} while (0)

#endif
