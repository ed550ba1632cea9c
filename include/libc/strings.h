/** @file Minimal freestanding <strings.h>: case-insensitive comparison. */
#ifndef LIBC_STRINGS_H
#define LIBC_STRINGS_H

#include <stddef.h>

/** Compare two strings ignoring ASCII case; <0, 0 or >0 */
int strcasecmp(const char *a, const char *b);
/** Compare at most @p n bytes of two strings ignoring ASCII case */
int strncasecmp(const char *a, const char *b, size_t n);

#endif
