/** @file Minimal freestanding <stdlib.h>: heap, number parsing, sorting. */
#ifndef LIBC_STDLIB_H
#define LIBC_STDLIB_H

#include <stddef.h>

/** Process exit statuses */
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/** Allocate @p size bytes, 16-byte aligned; NULL if out of memory */
void *malloc(size_t size);
/** Allocate @p n zeroed elements of @p size bytes; NULL if out of memory or overflow */
void *calloc(size_t n, size_t size);
/** Resize @p ptr to @p size bytes, keeping contents; NULL (old block kept) on failure */
void *realloc(void *ptr, size_t size);
/** Free a block from malloc() (NULL is ignored) */
void free(void *ptr);

/** Parse an unsigned long in @p base (0: 0x/0 prefixes); saturates on overflow */
unsigned long strtoul(const char *s, char **end, int base);
/** Parse a long in @p base (0: 0x/0 prefixes); saturates on overflow */
long strtol(const char *s, char **end, int base);
/** Parse an unsigned long long in @p base; saturates on overflow */
unsigned long long strtoull(const char *s, char **end, int base);
/** Parse a long long in @p base; saturates on overflow */
long long strtoll(const char *s, char **end, int base);
/** Parse a decimal int */
int atoi(const char *s);
/** Absolute value of an int */
int abs(int v);
/** Absolute value of a long */
long labs(long v);
/** Sort @p n elements of @p size bytes at @p base with @p cmp (not stable) */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *a, const void *b));

#endif
