/** @file Freestanding string functions and memchr (memory.c has the word-at-a-time mem* ones). */
#include <stdlib.h>
#include <string.h>

/* The header maps strlen to a gcc built-in; here we define the real one. */
#undef strlen

/*
 * Stop gcc from recognising the loops below as strlen and compiling them
 * into calls to themselves.
 */
#ifndef __clang__    /* clang does not, with -ffreestanding */
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

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
