/** @file Freestanding memcpy, memmove, memset and memcmp: a word at a time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The header maps these to gcc built-ins; here we define the real ones. */
#undef memcpy
#undef memset
#undef memcmp

/*
 * Stop gcc from recognising the loops below as memcpy/memset and
 * compiling them into calls to themselves.
 */
#ifndef __clang__    /* clang does not, with -ffreestanding */
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

/** A machine word that may alias any object */
typedef unsigned long __attribute__((may_alias)) libc_word;

/** Size of a word in bytes */
#define WORD sizeof(libc_word)

/** Nonzero unless @p p is word-aligned */
static inline uintptr_t misaligned(const void *p)
{
	return (uintptr_t)p & (WORD - 1);
}

/**
 * A machine word at any address: x86 loads it in one instruction, a CPU
 * that needs alignment byte by byte
 */
typedef struct __attribute__((packed, may_alias)) {
	libc_word w;
} libc_any_word;

/**
 * Copy forwards, a word at a time once the destination is aligned; the
 * source need not be (a received frame copied to a 2-byte offset, so that
 * its IP header is aligned, would otherwise go a byte at a time)
 */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	while (n && misaligned(d)) {
		*d++ = *s++;
		n--;
	}
	while (n >= 4 * WORD) {
		libc_word a = ((const libc_any_word *)s)[0].w;
		libc_word b = ((const libc_any_word *)s)[1].w;
		libc_word c = ((const libc_any_word *)s)[2].w;
		libc_word e = ((const libc_any_word *)s)[3].w;

		((libc_word *)d)[0] = a;
		((libc_word *)d)[1] = b;
		((libc_word *)d)[2] = c;
		((libc_word *)d)[3] = e;
		d += 4 * WORD;
		s += 4 * WORD;
		n -= 4 * WORD;
	}
	while (n >= WORD) {
		*(libc_word *)d = ((const libc_any_word *)s)->w;
		d += WORD;
		s += WORD;
		n -= WORD;
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
