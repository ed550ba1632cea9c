/** @file Minimal freestanding <string.h>: memory and string functions. */
#ifndef LIBC_STRING_H
#define LIBC_STRING_H

#include <stddef.h>
#include <strings.h>

/** Copy @p n bytes from @p src to @p dest (no overlap); returns @p dest */
void *memcpy(void *dest, const void *src, size_t n);
/** Copy @p n bytes from @p src to @p dest (may overlap); returns @p dest */
void *memmove(void *dest, const void *src, size_t n);
/** Fill @p n bytes of @p s with byte @p c; returns @p s */
void *memset(void *s, int c, size_t n);
/** Compare @p n bytes; <0, 0 or >0 */
int memcmp(const void *a, const void *b, size_t n);
/** First byte @p c in the @p n bytes at @p s; NULL if none */
void *memchr(const void *s, int c, size_t n);

/** Length of @p s in bytes */
size_t strlen(const char *s);
/** Compare two strings; <0, 0 or >0 */
int strcmp(const char *a, const char *b);
/** Compare at most @p n bytes of two strings */
int strncmp(const char *a, const char *b, size_t n);
/** First @p c in @p s (the NUL counts); NULL if none */
char *strchr(const char *s, int c);
/** Last @p c in @p s (the NUL counts); NULL if none */
char *strrchr(const char *s, int c);
/** First occurrence of @p needle in @p haystack; NULL if none */
char *strstr(const char *haystack, const char *needle);
/** Copy @p src with its NUL to @p dest; returns @p dest */
char *strcpy(char *dest, const char *src);
/** Copy at most @p n bytes of @p src, NUL-padding the rest; returns @p dest */
char *strncpy(char *dest, const char *src, size_t n);
/** Append @p src to @p dest; returns @p dest */
char *strcat(char *dest, const char *src);
/** Append at most @p n bytes of @p src and a NUL to @p dest; returns @p dest */
char *strncat(char *dest, const char *src, size_t n);
/** Length of the leading run of @p s made of bytes in @p accept */
size_t strspn(const char *s, const char *accept);
/** Length of the leading run of @p s made of bytes not in @p reject */
size_t strcspn(const char *s, const char *reject);
/** Heap copy of @p s; NULL if out of memory */
char *strdup(const char *s);
/** Heap copy of at most @p n bytes of @p s, NUL-terminated; NULL if out of memory */
char *strndup(const char *s, size_t n);

/*
 * -ffreestanding turns off gcc's built-in knowledge of these; ask for it
 * back so small fixed-size copies become plain moves.  The real
 * functions exist in src/libc/string.c for everything else.
 */
#define memcpy(d, s, n) __builtin_memcpy(d, s, n)
#define memset(s, c, n) __builtin_memset(s, c, n)
#define memcmp(a, b, n) __builtin_memcmp(a, b, n)
#define strlen(s) __builtin_strlen(s)

#endif
