/** @file Unit tests for src/libc/memory.c (memcpy and memmove) and the x86_64 builds' memcpy: every alignment of source and destination, and overlaps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/** Bytes of each test buffer: a long frame and room to shift it */
#define BUF 1600

/** The x86_64 builds' memcpy (arch/x86/core/memcpy_x86_64.S) */
void *__wrap_memcpy(void *dest, const void *src, size_t n);
/** How that one copies: 1 a loop, 2 REP MOVSB (0: CPUID decides at the first call) */
extern unsigned char memcpy_how;

/** Fill @p buf with a pattern that differs at every offset */
static void fill(uint8_t *buf, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 7 + seed);
}

/** Copy with @p copy @p len bytes from @p src at @p s into a fresh @p dst at @p d and check every byte of @p dst */
static void check_copy_with(void *(*copy)(void *, const void *, size_t),
			    size_t d, size_t s, size_t len)
{
	static uint8_t src[BUF], dst[BUF], want[BUF];

	fill(src, sizeof(src), 1);
	fill(dst, sizeof(dst), 99);
	memmove(want, dst, sizeof(want));
	for (size_t i = 0; i < len; i++)
		want[d + i] = src[s + i];
	assert_ptr_equal(copy(dst + d, src + s, len), dst + d);
	assert_memory_equal(dst, want, sizeof(dst));
}

/** @p copy with source and destination each at offsets 0..7, short and frame-sized lengths */
static void check_alignments(void *(*copy)(void *, const void *, size_t))
{
	for (size_t d = 0; d < 8; d++) {
		for (size_t s = 0; s < 8; s++) {
			for (size_t len = 0; len <= 140; len++)
				check_copy_with(copy, d, s, len);
			check_copy_with(copy, d, s, 1514);
			check_copy_with(copy, d, s, 1460);
		}
	}
}

/** memcpy (src/libc's) at every alignment */
static void test_memcpy_alignments(void **state)
{
	void *(*volatile copy)(void *, const void *, size_t) = memcpy;

	(void)state;
	check_alignments(copy);
}

/** The x86_64 memcpy each way at every alignment; CPUID's choice is one of the two */
static void test_wrap_memcpy(void **state)
{
	(void)state;
	memcpy_how = 0;
	check_copy_with(__wrap_memcpy, 3, 5, 100);
	assert_true(memcpy_how == 1 || memcpy_how == 2);
	memcpy_how = 1;
	check_alignments(__wrap_memcpy);
	memcpy_how = 2;
	check_alignments(__wrap_memcpy);
}

/** memmove within one buffer, @p from to @p to, checked against a copy through a second buffer */
static void check_move(size_t to, size_t from, size_t len)
{
	static uint8_t buf[BUF], want[BUF], tmp[BUF];
	void *(*volatile move)(void *, const void *, size_t) = memmove;

	fill(buf, sizeof(buf), 5);
	for (size_t i = 0; i < sizeof(buf); i++)
		want[i] = buf[i];
	for (size_t i = 0; i < len; i++)
		tmp[i] = buf[from + i];
	for (size_t i = 0; i < len; i++)
		want[to + i] = tmp[i];
	assert_ptr_equal(move(buf + to, buf + from, len), buf + to);
	assert_memory_equal(buf, want, sizeof(buf));
}

/** memmove: overlapping moves down and up by 1..17 bytes, from every alignment */
static void test_memmove_overlaps(void **state)
{
	(void)state;
	for (size_t from = 20; from < 28; from++) {
		for (size_t dist = 1; dist <= 17; dist++) {
			check_move(from - dist, from, 1000);
			check_move(from + dist, from, 1000);
			check_move(from - dist, from, 37);
			check_move(from + dist, from, 37);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy_alignments),
		cmocka_unit_test(test_wrap_memcpy),
		cmocka_unit_test(test_memmove_overlaps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
