/** @file Unit tests for the heap (src/core/heap.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <lwpxe/heap.h>

/** Memory for the heap: two regions kept apart by a gap never handed over */
static struct {
	unsigned char main[1 << 20];     /**< region added before the tests */
	unsigned char gap[4096];         /**< never part of the heap */
	unsigned char extra[64 << 10];   /**< region added by test_regions */
	unsigned char gap2[4096];        /**< never part of the heap */
	unsigned char odd[1000];         /**< region added misaligned */
} heap_mem __attribute__((aligned(4096)));

/** Free bytes with only the main region, measured at start-up */
static size_t heap_base;

/** Give the heap its main region */
static int setup_heap(void **state)
{
	(void)state;
	heap_add(heap_mem.main, sizeof(heap_mem.main));
	heap_base = heap_free_bytes();
	return 0;
}

/** A small deterministic PRNG (xorshift32) */
static uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/** Fill @p len bytes at @p p with a pattern derived from @p seed */
static void fill(unsigned char *p, size_t len, uint32_t seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 8));
}

/** True if @p p holds the pattern of @p seed */
static int check(const unsigned char *p, size_t len, uint32_t seed)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != (unsigned char)(seed + i * 7 + (i >> 8)))
			return 0;
	return 1;
}

/** True if @p p lies inside the memory handed to the heap */
static int in_heap(const void *p, size_t len)
{
	const unsigned char *c = p;

	return (c >= heap_mem.main && c + len <= heap_mem.main + sizeof(heap_mem.main)) ||
	       (c >= heap_mem.extra && c + len <= heap_mem.extra + sizeof(heap_mem.extra)) ||
	       (c >= heap_mem.odd && c + len <= heap_mem.odd + sizeof(heap_mem.odd));
}

/** The whole main region is free at the start, less one header */
static void test_initial(void **state)
{
	(void)state;
	assert_true(heap_base <= sizeof(heap_mem.main));
	assert_true(heap_base >= sizeof(heap_mem.main) - 64);
}

/** Allocate, use and free a few blocks in various orders */
static void test_basic(void **state)
{
	unsigned char *a, *b, *c;

	(void)state;
	a = heap_alloc(100, 1);
	b = heap_alloc(1, 1);
	c = heap_alloc(0, 1);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_true(in_heap(a, 100) && in_heap(b, 1) && in_heap(c, 1));
	assert_true(a != b && b != c && a != c);
	assert_int_equal((uintptr_t)a % 16, 0);
	assert_true(heap_size(a) >= 100);
	assert_true(heap_size(a) < 100 + 48);
	assert_true(heap_size(b) >= 1);
	assert_true(heap_free_bytes() <= heap_base - 100 - 1);
	fill(a, heap_size(a), 1);
	fill(b, heap_size(b), 2);
	fill(c, heap_size(c), 3);
	assert_true(check(a, heap_size(a), 1));
	assert_true(check(b, heap_size(b), 2));
	assert_true(check(c, heap_size(c), 3));
	heap_free(b);
	assert_true(check(a, heap_size(a), 1));
	assert_true(check(c, heap_size(c), 3));
	heap_free(a);
	heap_free(c);
	heap_free(NULL);
	assert_int_equal(heap_free_bytes(), heap_base);
}

/** Every power-of-two alignment 1..4096 with several sizes; bad alignments fail */
static void test_alignment(void **state)
{
	static const size_t sizes[] = { 1, 7, 16, 100, 5000 };
	void *blocks[13 * 5];
	unsigned int n = 0;

	(void)state;
	for (size_t align = 1; align <= 4096; align <<= 1) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			unsigned char *p = heap_alloc(sizes[i], align);

			assert_non_null(p);
			assert_int_equal((uintptr_t)p % align, 0);
			assert_true(in_heap(p, sizes[i]));
			assert_true(heap_size(p) >= sizes[i]);
			fill(p, sizes[i], n);
			blocks[n++] = p;
		}
	}
	for (unsigned int i = 0; i < n; i++)
		assert_true(check(blocks[i], 1, i));
	for (unsigned int i = 0; i < n; i += 2)
		heap_free(blocks[i]);
	for (unsigned int i = 1; i < n; i += 2) {
		assert_true(check(blocks[i], heap_size(blocks[i]) < 5000 ? 1 : 5000, i));
		heap_free(blocks[i]);
	}
	assert_int_equal(heap_free_bytes(), heap_base);
	assert_null(heap_alloc(16, 3));
	assert_null(heap_alloc(16, 24));
	assert_null(heap_alloc(16, 4097));
}

/** An aligned block's leading gap goes back to the free list, not lost */
static void test_leading_gap(void **state)
{
	unsigned char *small, *big, *gap;
	size_t before;

	(void)state;
	small = heap_alloc(40, 1);
	assert_non_null(small);
	before = heap_free_bytes();
	big = heap_alloc(1000, 4096);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % 4096, 0);
	/* Only the block itself (data rounded up plus a header) is used */
	assert_true(before - heap_free_bytes() <= 1000 + 16 + 48);
	/* The gap before it is still free: the smallest block that fits */
	gap = heap_alloc(1, 1);
	assert_non_null(gap);
	assert_true(gap > small && gap < big);
	heap_free(big);
	heap_free(small);
	heap_free(gap);
	assert_int_equal(heap_free_bytes(), heap_base);
}

/**
 * A freed large block stays whole: small blocks go to the smallest free
 * block they fit, so the same large size fits again without more memory
 */
static void test_best_fit(void **state)
{
	unsigned char *image, *fence, *small, *again;

	(void)state;
	image = heap_alloc(600 << 10, 1);
	fence = heap_alloc(100, 1);
	assert_non_null(image);
	assert_non_null(fence);
	heap_free(image);
	/* free now: image's block (lowest) and the smaller tail after fence */
	small = heap_alloc(5000, 1);
	assert_non_null(small);
	assert_true(small > fence);
	again = heap_alloc(600 << 10, 1);
	assert_ptr_equal(again, image);
	heap_free(again);
	heap_free(small);
	heap_free(fence);
	assert_int_equal(heap_free_bytes(), heap_base);
}

/** Freeing neighbours merges them: bytes come back and one big block fits */
static void test_coalescing(void **state)
{
	void *blocks[8], *all;
	size_t partial;

	(void)state;
	for (int i = 0; i < 8; i++) {
		blocks[i] = heap_alloc(1000, 1);
		assert_non_null(blocks[i]);
	}
	for (int i = 1; i < 8; i += 2)
		heap_free(blocks[i]);
	partial = heap_free_bytes();
	/* The holes between used blocks are too small for 3000 bytes: it
	 * lands where blocks[7] merged into the free tail */
	all = heap_alloc(3000, 1);
	assert_ptr_equal(all, blocks[7]);
	heap_free(all);
	assert_int_equal(heap_free_bytes(), partial);
	for (int i = 0; i < 8; i += 2)
		heap_free(blocks[i]);
	assert_true(heap_free_bytes() > partial + 4 * 1000);
	assert_int_equal(heap_free_bytes(), heap_base);
	/* One block the size of the whole heap fits only if all merged */
	all = heap_alloc(heap_base, 1);
	assert_non_null(all);
	assert_int_equal(heap_free_bytes(), 0);
	heap_free(all);
	assert_int_equal(heap_free_bytes(), heap_base);
}

/** A block grows in place into free memory after it, never over a used block, and keeps its data */
static void test_grow(void **state)
{
	unsigned char *a, *b, *c;

	(void)state;
	a = heap_alloc(1000, 16);
	b = heap_alloc(1000, 16);
	c = heap_alloc(1000, 16);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	fill(a, 1000, 1);
	assert_int_equal(heap_grow(a, 500), 0);            /* already fits */
	assert_int_equal(heap_grow(a, 1016), -1);          /* b is in the way */
	heap_free(b);
	assert_int_equal(heap_grow(a, 2000), 0);           /* into b's place */
	assert_true(heap_size(a) >= 2000 && heap_size(a) < 2048 + 32);
	assert_int_equal(heap_grow(a, 3000), -1);          /* c is in the way */
	assert_int_equal(heap_grow(c, 100000), 0);         /* the free tail */
	assert_true(heap_size(c) >= 100000);
	assert_int_equal(heap_grow(c, heap_base * 2), -1); /* more than there is */
	assert_int_equal(heap_grow(a, (size_t)-1), -1);    /* overflow */
	assert_true(check(a, 1000, 1));
	heap_free(a);
	heap_free(c);
	assert_int_equal(heap_free_bytes(), heap_base);
}

/** Running out returns NULL; freeing everything restores the heap */
static void test_exhaustion(void **state)
{
	static void *blocks[4096];
	unsigned int n = 0, big;

	(void)state;
	assert_null(heap_alloc(SIZE_MAX, 1));
	assert_null(heap_alloc(SIZE_MAX - 8, 16));
	assert_null(heap_alloc(heap_base + 1, 1));
	while (n < 4096 && (blocks[n] = heap_alloc(4000, 1)) != NULL)
		fill(blocks[n], 4000, n), n++;
	big = n;
	assert_true(big > 200 && big < 4096);
	assert_null(heap_alloc(4000, 1));
	while (n < 4096 && (blocks[n] = heap_alloc(1, 1)) != NULL)
		n++;
	assert_true(n < 4096);
	assert_null(heap_alloc(1, 1));
	assert_int_equal(heap_free_bytes(), 0);
	for (unsigned int i = 0; i < big; i++)
		assert_true(check(blocks[i], 4000, i));
	for (unsigned int i = 0; i < n; i++)
		heap_free(blocks[i]);
	assert_int_equal(heap_free_bytes(), heap_base);
}

/** Many random allocations and frees, checking no block overwrites another */
static void test_random(void **state)
{
	enum { SLOTS = 300, ROUNDS = 30000 };
	static unsigned char *ptr[SLOTS];
	static size_t len[SLOTS];
	static uint32_t seed[SLOTS];
	uint32_t rng = 0x12345678;
	unsigned int fails = 0;

	(void)state;
	for (int round = 0; round < ROUNDS; round++) {
		unsigned int i = rng_next(&rng) % SLOTS;

		if (ptr[i]) {
			assert_true(check(ptr[i], len[i], seed[i]));
			heap_free(ptr[i]);
			ptr[i] = NULL;
			continue;
		}
		len[i] = rng_next(&rng) % ((rng & 0x100) ? 64 : 6000);
		size_t align = (size_t)1 << (rng_next(&rng) % 13);
		ptr[i] = heap_alloc(len[i], align);
		if (!ptr[i]) {
			fails++;
			continue;
		}
		assert_int_equal((uintptr_t)ptr[i] % align, 0);
		assert_true(in_heap(ptr[i], len[i]));
		assert_true(heap_size(ptr[i]) >= len[i]);
		seed[i] = rng_next(&rng);
		fill(ptr[i], len[i], seed[i]);
	}
	for (int i = 0; i < SLOTS; i++) {
		if (ptr[i]) {
			assert_true(check(ptr[i], len[i], seed[i]));
			heap_free(ptr[i]);
			ptr[i] = NULL;
		}
	}
	assert_true(fails < ROUNDS / 100);
	assert_int_equal(heap_free_bytes(), heap_base);
}

/** Run @p fn(@p arg) with standard output captured into @p out */
static void capture(void (*fn)(void *), void *arg, char *out, size_t len)
{
	FILE *tmp = tmpfile();
	int saved;
	size_t got;

	assert_non_null(tmp);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	fn(arg);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	rewind(tmp);
	got = fread(out, 1, len - 1, tmp);
	out[got] = '\0';
	fclose(tmp);
}

/** heap_free() as a capture() callback */
static void do_free(void *p)
{
	heap_free(p);
}

/** Count newlines in @p s */
static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += (*s == '\n');
	return n;
}

/** Double free and a damaged header print one line and change nothing */
static void test_bad_free(void **state)
{
	unsigned char *p, *q;
	unsigned char saved[16];
	size_t after_alloc;
	char out[512];

	(void)state;
	p = heap_alloc(64, 1);
	q = heap_alloc(64, 1);
	assert_non_null(p);
	assert_non_null(q);
	heap_free(p);
	after_alloc = heap_free_bytes();
	capture(do_free, p, out, sizeof(out));
	assert_non_null(strstr(out, "double free"));
	assert_int_equal(lines(out), 1);
	assert_int_equal(heap_free_bytes(), after_alloc);

	memcpy(saved, q - 16, 16);
	memset(q - 16, 0x5a, 16);
	capture(do_free, q, out, sizeof(out));
	assert_non_null(strstr(out, "bad block header"));
	assert_int_equal(lines(out), 1);
	assert_int_equal(heap_free_bytes(), after_alloc);
	capture(do_free, q + 8, out, sizeof(out));
	assert_int_equal(lines(out), 1);
	memcpy(q - 16, saved, 16);
	assert_true(heap_size(q) >= 64);
	heap_free(q);
	assert_int_equal(heap_free_bytes(), heap_base);
}

/** Several regions: each adds its bytes; tiny ones are ignored; no block spans two */
static void test_regions(void **state)
{
	void *p, *q, *r;
	size_t two;

	(void)state;
	heap_add(heap_mem.extra, sizeof(heap_mem.extra));
	two = heap_free_bytes();
	assert_int_equal(two, heap_base + sizeof(heap_mem.extra) - 16);
	heap_add(heap_mem.odd, 20);
	heap_add(heap_mem.odd, 0);
	assert_int_equal(heap_free_bytes(), two);
	heap_add(heap_mem.odd + 3, sizeof(heap_mem.odd) - 3);
	assert_true(heap_free_bytes() > two);
	assert_true(heap_free_bytes() <= two + sizeof(heap_mem.odd) - 16);
	/* Larger than any one region though less than the total */
	assert_null(heap_alloc(heap_base + 1024, 1));
	/* Fill the main region, then the extra one, then the odd one */
	p = heap_alloc(heap_base, 1);
	assert_non_null(p);
	assert_true((unsigned char *)p >= heap_mem.main &&
		    in_heap(p, heap_base));
	q = heap_alloc(sizeof(heap_mem.extra) - 16, 1);
	assert_non_null(q);
	assert_true((unsigned char *)q >= heap_mem.extra &&
		    (unsigned char *)q < heap_mem.extra + sizeof(heap_mem.extra));
	r = heap_alloc(100, 16);
	assert_non_null(r);
	assert_true((unsigned char *)r >= heap_mem.odd &&
		    (unsigned char *)r + 100 <= heap_mem.odd + sizeof(heap_mem.odd));
	heap_free(q);
	heap_free(p);
	heap_free(r);
	assert_true(heap_free_bytes() > two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initial),
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_leading_gap),
		cmocka_unit_test(test_best_fit),
		cmocka_unit_test(test_coalescing),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_bad_free),
		cmocka_unit_test(test_regions),
	};

	return cmocka_run_group_tests(tests, setup_heap, NULL);
}
