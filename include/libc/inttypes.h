/** @file Minimal freestanding <inttypes.h>: printf macros for the fixed-width types. */
#ifndef LIBC_INTTYPES_H
#define LIBC_INTTYPES_H

#include <stdint.h>

#if __SIZEOF_LONG__ == 8
#define LIBC_PRI64 "l"     /* int64_t is long on x86_64 */
#define LIBC_PRIPTR "l"    /* intptr_t is long */
#else
#define LIBC_PRI64 "ll"    /* int64_t is long long on i386 */
#define LIBC_PRIPTR ""     /* intptr_t is int */
#endif

#define PRId8 "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 LIBC_PRI64 "d"
#define PRIi8 "i"
#define PRIi16 "i"
#define PRIi32 "i"
#define PRIi64 LIBC_PRI64 "i"
#define PRIu8 "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 LIBC_PRI64 "u"
#define PRIo8 "o"
#define PRIo16 "o"
#define PRIo32 "o"
#define PRIo64 LIBC_PRI64 "o"
#define PRIx8 "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 LIBC_PRI64 "x"
#define PRIX8 "X"
#define PRIX16 "X"
#define PRIX32 "X"
#define PRIX64 LIBC_PRI64 "X"
#define PRIdPTR LIBC_PRIPTR "d"
#define PRIuPTR LIBC_PRIPTR "u"
#define PRIxPTR LIBC_PRIPTR "x"
#define PRIXPTR LIBC_PRIPTR "X"
#define PRIdMAX "jd"
#define PRIuMAX "ju"
#define PRIxMAX "jx"
#define PRIXMAX "jX"

#endif
