/** @file Unit tests for the timing-jitter entropy collector (src/crypto/jitter.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <mbedtls/sha256.h>
#include <lwpxe/errors.h>
#include <lwpxe/jitter.h>

/** Samples jitter_fill() drops first, and hashes per 32-byte block */
#define TEST_STARTUP 1024
#define TEST_BLOCK 1024

/** Samples the current source has handed out */
static unsigned int test_taken;

/** xorshift32 state of the pseudo-random source */
static uint32_t test_state = 2463534242u;

/** A stuck source: always the same value */
static uint8_t test_stuck(void)
{
	test_taken++;
	return 0x5a;
}

/** A two-valued source: seven 0x10 then one 0x11, over and over */
static uint8_t test_two_valued(void)
{
	return test_taken++ % 8 == 7 ? 0x11 : 0x10;
}

/** A good source: the top byte of xorshift32 */
static uint8_t test_pseudo(void)
{
	test_state ^= test_state << 13;
	test_state ^= test_state >> 17;
	test_state ^= test_state << 5;
	test_taken++;
	return (uint8_t)(test_state >> 24);
}

/** A stuck source is refused (by the Repetition Count Test) at a run of 41 */
static void test_stuck_refused(void **state)
{
	uint8_t out[32];

	(void)state;
	test_taken = 0;
	assert_int_equal(jitter_fill(test_stuck, out, sizeof(out)), -EIO);
	assert_int_equal(test_taken, 41);
}

/** A source that is mostly one value, never 41 in a row, is refused (by the APT) */
static void test_two_valued_refused(void **state)
{
	uint8_t out[32];

	(void)state;
	test_taken = 0;
	assert_int_equal(jitter_fill(test_two_valued, out, sizeof(out)), -EIO);
	/* 0x10 is 7/8 of the first window: its 410th sighting is sample 468 */
	assert_int_equal(test_taken, 468);
}

/** A good source passes; two runs differ; it took start-up + 2 blocks of samples */
static void test_pseudo_passes(void **state)
{
	uint8_t a[48], b[48];

	(void)state;
	test_taken = 0;
	assert_int_equal(jitter_fill(test_pseudo, a, sizeof(a)), 0);
	assert_int_equal(test_taken, TEST_STARTUP + 2 * TEST_BLOCK);
	assert_int_equal(jitter_fill(test_pseudo, b, sizeof(b)), 0);
	assert_memory_not_equal(a, b, sizeof(a));
}

/** The output is the SHA-256 of the samples after the start-up ones */
static void test_conditioning(void **state)
{
	uint32_t start = 12345;
	uint8_t samples[TEST_STARTUP + 2 * TEST_BLOCK];
	uint8_t out[48], want[2][32];

	(void)state;
	test_state = start;
	for (unsigned int i = 0; i < sizeof(samples); i++)
		samples[i] = test_pseudo();
	assert_int_equal(mbedtls_sha256(samples + TEST_STARTUP, TEST_BLOCK,
					want[0], 0), 0);
	assert_int_equal(mbedtls_sha256(samples + TEST_STARTUP + TEST_BLOCK,
					TEST_BLOCK, want[1], 0), 0);
	test_state = start;
	assert_int_equal(jitter_fill(test_pseudo, out, sizeof(out)), 0);
	assert_memory_equal(out, want[0], 32);
	assert_memory_equal(out + 32, want[1], 16);
	for (unsigned int i = 0; i + 32 <= sizeof(samples); i++)
		assert_memory_not_equal(out, samples + i, 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stuck_refused),
		cmocka_unit_test(test_two_valued_refused),
		cmocka_unit_test(test_pseudo_passes),
		cmocka_unit_test(test_conditioning),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
