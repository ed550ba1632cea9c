/** @file RDRAND: the CPU's random number instruction, shared by the x86 firmware platforms. */
#ifndef X86_RDRAND_H
#define X86_RDRAND_H

#include <stddef.h>

/** Fill @p buf with @p len bytes from RDRAND; 0, -ENOTSUP without RDRAND, or -EIO */
int rdrand_fill(void *buf, size_t len);

#endif
