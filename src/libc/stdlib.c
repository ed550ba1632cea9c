/** @file Freestanding number parsing and sorting (malloc.c has the heap functions). */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/** Value of digit @p c in any base up to 36; 36 if not a digit */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (unsigned int)(c - 'A' + 10);
	return 36;
}

/**
 * Parse an optionally signed number, saturating at @p limit: the result
 * is the magnitude, *@p neg says the sign, *@p over says it saturated.
 * *@p end (if not NULL) gets the first unparsed character, or @p s if
 * there were no digits.
 */
static unsigned long long parse_number(const char *s, char **end, int base,
				       unsigned long long limit, bool *neg,
				       bool *over)
{
	const char *p = s;
	unsigned long long value = 0;
	bool digits = false;
	unsigned int d;

	*neg = false;
	*over = false;
	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if (*p == '-' || *p == '+')
		*neg = (*p++ == '-');
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = (p[0] == '0') ? 8 : 10;
	}
	if (base < 2 || base > 36) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	for (; (d = digit_value(*p)) < (unsigned int)base; p++) {
		digits = true;
		if (value > (limit - d) / (unsigned int)base)
			*over = true;
		else
			value = value * (unsigned int)base + d;
	}
	if (end)
		*end = (char *)(digits ? p : s);
	return *over ? limit : value;
}

/** Parse an unsigned long long; saturates at ULLONG_MAX, negates like C */
unsigned long long strtoull(const char *s, char **end, int base)
{
	bool neg, over;
	unsigned long long v = parse_number(s, end, base, ULLONG_MAX, &neg, &over);

	return (neg && !over) ? -v : v;
}

/** Parse an unsigned long; saturates at ULONG_MAX, negates like C */
unsigned long strtoul(const char *s, char **end, int base)
{
	bool neg, over;
	unsigned long v = parse_number(s, end, base, ULONG_MAX, &neg, &over);

	return (neg && !over) ? -v : v;
}

/** Parse a long long; saturates at LLONG_MIN / LLONG_MAX */
long long strtoll(const char *s, char **end, int base)
{
	bool neg, over;
	unsigned long long v = parse_number(s, end, base,
					    (unsigned long long)LLONG_MAX + 1,
					    &neg, &over);

	if (neg)
		return v ? -(long long)(v - 1) - 1 : 0;
	return v > LLONG_MAX ? LLONG_MAX : (long long)v;
}

/** Parse a long; saturates at LONG_MIN / LONG_MAX */
long strtol(const char *s, char **end, int base)
{
	bool neg, over;
	unsigned long long v = parse_number(s, end, base,
					    (unsigned long long)LONG_MAX + 1,
					    &neg, &over);

	if (neg)
		return v ? -(long)(v - 1) - 1 : 0;
	return v > LONG_MAX ? LONG_MAX : (long)v;
}

/** Parse a decimal int (no error reporting) */
int atoi(const char *s)
{
	long v = strtol(s, NULL, 10);

	return v > INT_MAX ? INT_MAX : v < INT_MIN ? INT_MIN : (int)v;
}

/** Absolute value of an int */
int abs(int v)
{
	return v < 0 ? -v : v;
}

/** Absolute value of a long */
long labs(long v)
{
	return v < 0 ? -v : v;
}

/** Swap two elements of @p size bytes */
static void swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
	while (size--) {
		unsigned char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/** Restore the max-heap property below @p root in a heap of @p n elements */
static void sift_down(unsigned char *base, size_t root, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

/** Sort @p n elements of @p size bytes with @p cmp (heapsort: no recursion, no memory) */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *a, const void *b))
{
	unsigned char *b = base;

	if (n < 2 || !size)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (size_t end = n - 1; end > 0; end--) {
		swap_bytes(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}
