/** @file Freestanding memory and string functions; the mem* ones move a word at a time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The header maps these to gcc built-ins; here we define the real ones. */
#undef memcpy
#undef memset
#undef memcmp
#undef strlen

/*
 * Stop gcc from recognising the loops below as memcpy/memset/strlen and
 * compiling them into calls to themselves.
 */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

/** A machine word that may alias any object */
typedef unsigned long __attribute__((may_alias)) libc_word;

/** Size of a word in bytes */
#define WORD sizeof(libc_word)

/** Nonzero unless @p p is word-aligned */
static inline uintptr_t misaligned(const void *p)
{
	return (uintptr_t)p & (WORD - 1);
}

/** Copy forwards, a word at a time once both pointers are aligned */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	if (misaligned(d) == misaligned(s)) {
		while (n && misaligned(d)) {
			*d++ = *s++;
			n--;
		}
		while (n >= 4 * WORD) {
			libc_word a = ((const libc_word *)s)[0];
			libc_word b = ((const libc_word *)s)[1];
			libc_word c = ((const libc_word *)s)[2];
			libc_word e = ((const libc_word *)s)[3];

			((libc_word *)d)[0] = a;
			((libc_word *)d)[1] = b;
			((libc_word *)d)[2] = c;
			((libc_word *)d)[3] = e;
			d += 4 * WORD;
			s += 4 * WORD;
			n -= 4 * WORD;
		}
		while (n >= WORD) {
			*(libc_word *)d = *(const libc_word *)s;
			d += WORD;
			s += WORD;
			n -= WORD;
		}
	}
	while (n--)
		*d++ = *s++;
}

/** Copy backwards (for overlapping moves to a higher address) */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	d += n;
	s += n;
	if (misaligned(d) == misaligned(s)) {
		while (n && misaligned(d)) {
			*--d = *--s;
			n--;
		}
		while (n >= WORD) {
			d -= WORD;
			s -= WORD;
			*(libc_word *)d = *(const libc_word *)s;
			n -= WORD;
		}
	}
	while (n--)
		*--d = *--s;
}

/** Copy @p n bytes from @p src to @p dest (no overlap); returns @p dest */
void *memcpy(void *dest, const void *src, size_t n)
{
	copy_forward(dest, src, n);
	return dest;
}

/** Copy @p n bytes from @p src to @p dest (may overlap); returns @p dest */
void *memmove(void *dest, const void *src, size_t n)
{
	if ((uintptr_t)dest - (uintptr_t)src >= n)
		copy_forward(dest, src, n);
	else
		copy_backward(dest, src, n);
	return dest;
}

/** Fill @p n bytes of @p s with byte @p c; returns @p s */
void *memset(void *s, int c, size_t n)
{
	unsigned char *d = s;
	libc_word pattern = (unsigned char)c * (~(libc_word)0 / 0xff);

	while (n && misaligned(d)) {
		*d++ = (unsigned char)c;
		n--;
	}
	while (n >= 4 * WORD) {
		((libc_word *)d)[0] = pattern;
		((libc_word *)d)[1] = pattern;
		((libc_word *)d)[2] = pattern;
		((libc_word *)d)[3] = pattern;
		d += 4 * WORD;
		n -= 4 * WORD;
	}
	while (n >= WORD) {
		*(libc_word *)d = pattern;
		d += WORD;
		n -= WORD;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return s;
}

/** Compare @p n bytes; <0, 0 or >0 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	if (misaligned(x) == misaligned(y)) {
		while (n && misaligned(x)) {
			if (*x != *y)
				return *x - *y;
			x++, y++, n--;
		}
		while (n >= WORD &&
		       *(const libc_word *)x == *(const libc_word *)y) {
			x += WORD;
			y += WORD;
			n -= WORD;
		}
	}
	for (; n; x++, y++, n--) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

/** First byte @p c in the @p n bytes at @p s; NULL if none */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; p++, n--) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

/** Length of @p s in bytes */
size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

/** Compare two strings; <0, 0 or >0 */
int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

/** Compare at most @p n bytes of two strings */
int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; a++, b++, n--) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

/** Lower-case form of ASCII letter @p c */
static int lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/** Compare two strings ignoring ASCII case */
int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}

/** Compare at most @p n bytes of two strings ignoring ASCII case */
int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; a++, b++, n--) {
		int d = lower((unsigned char)*a) - lower((unsigned char)*b);

		if (d || !*a)
			return d;
	}
	return 0;
}

/** First @p c in @p s (the NUL counts); NULL if none */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/** Last @p c in @p s (the NUL counts); NULL if none */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/** First occurrence of @p needle in @p haystack; NULL if none */
char *strstr(const char *haystack, const char *needle)
{
	size_t len = strlen(needle);

	if (!len)
		return (char *)haystack;
	for (; *haystack; haystack++) {
		if (*haystack == *needle && strncmp(haystack, needle, len) == 0)
			return (char *)haystack;
	}
	return NULL;
}

/** Copy @p src with its NUL to @p dest; returns @p dest */
char *strcpy(char *dest, const char *src)
{
	return memcpy(dest, src, strlen(src) + 1);
}

/** Copy at most @p n bytes of @p src, NUL-padding the rest; returns @p dest */
char *strncpy(char *dest, const char *src, size_t n)
{
	size_t len = 0;

	while (len < n && src[len])
		len++;
	memcpy(dest, src, len);
	memset(dest + len, 0, n - len);
	return dest;
}

/** Append @p src to @p dest; returns @p dest */
char *strcat(char *dest, const char *src)
{
	strcpy(dest + strlen(dest), src);
	return dest;
}

/** Append at most @p n bytes of @p src and a NUL to @p dest; returns @p dest */
char *strncat(char *dest, const char *src, size_t n)
{
	char *end = dest + strlen(dest);
	size_t len = 0;

	while (len < n && src[len])
		len++;
	memcpy(end, src, len);
	end[len] = '\0';
	return dest;
}

/** Length of the leading run of @p s made of bytes in @p accept */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

/** Length of the leading run of @p s made of bytes not in @p reject */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

/** Heap copy of @p s; NULL if out of memory */
char *strdup(const char *s)
{
	return strndup(s, (size_t)-1);
}

/** Heap copy of at most @p n bytes of @p s, NUL-terminated; NULL if out of memory */
char *strndup(const char *s, size_t n)
{
	size_t len = 0;
	char *copy;

	while (len < n && s[len])
		len++;
	copy = malloc(len + 1);
	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}
