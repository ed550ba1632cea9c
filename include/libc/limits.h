/** @file Minimal freestanding <limits.h>: gcc's own, without a system one behind it. */
#ifndef LIBC_LIMITS_H
#define LIBC_LIMITS_H

/*
 * gcc's limits.h normally chains to the C library's limits.h; there is
 * none under -nostdinc.  Defining the C library's guard tells gcc's
 * header not to look for it, and gcc's defines every standard limit.
 */
#define _LIBC_LIMITS_H_ 1
#include_next <limits.h>

#endif
