/** @file Unit tests for inflate (fixed, dynamic and stored blocks; hostile streams) and the gzip/zlib wrappers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include "../../src/image/archive/archive.h"

/** "hello hello hello hello" with the fixed codes (zlib, Z_FIXED) */
static const uint8_t fixed[] = {
	0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x27, 0x01 };

/** "stored!" in a stored block */
static const uint8_t stored[] = {
	0x01, 0x07, 0x00, 0xf8, 0xff, 0x73, 0x74, 0x6f, 0x72, 0x65, 0x64, 0x21 };

/** 40 lines "line N of the dynamic block test" with dynamic codes (zlib -9) */
static const uint8_t dynamic[] = {
	0x85, 0xd3, 0xbb, 0x0d, 0x02, 0x41, 0x14, 0x43, 0xd1, 0x9c, 0x2a, 0x5e,
	0x09, 0xd8, 0xe6, 0x5b, 0x0e, 0x2c, 0x83, 0x58, 0x31, 0xec, 0x06, 0x4c,
	0x42, 0xf7, 0x88, 0x06, 0xb8, 0xf9, 0x8d, 0x8e, 0xec, 0x3e, 0x2f, 0xad,
	0xb6, 0xb5, 0xde, 0x6b, 0x3c, 0x5a, 0xdd, 0x3e, 0xcb, 0xe5, 0x35, 0x4f,
	0x75, 0xed, 0xeb, 0xf4, 0xac, 0xd1, 0xde, 0x63, 0xd3, 0x7f, 0x81, 0x28,
	0x30, 0x05, 0xa1, 0x60, 0x47, 0xc1, 0x9e, 0x82, 0x03, 0x05, 0x47, 0x0a,
	0x4e, 0x14, 0x9c, 0x11, 0x8a, 0x29, 0xd1, 0x52, 0x88, 0x29, 0xd4, 0x14,
	0x72, 0x0a, 0x3d, 0x85, 0xa0, 0x42, 0x51, 0x21, 0xa9, 0xd0, 0xd4, 0x68,
	0x6a, 0xde, 0x27, 0x9a, 0x1a, 0x4d, 0x8d, 0xa6, 0x46, 0x53, 0xa3, 0xa9,
	0xd1, 0xd4, 0x68, 0x6a, 0x34, 0x0d, 0x9a, 0x06, 0x4d, 0xc3, 0xa7, 0x47,
	0xd3, 0xa0, 0x69, 0xd0, 0x34, 0x68, 0x1a, 0x34, 0x0d, 0x9a, 0xe6, 0x9f,
	0xe9, 0x17 };

/** Inflate @p len bytes at @p in with output limit @p max; 0 or -error, the output in @p res */
static int run(const uint8_t *in, size_t len, size_t max,
	       struct inflate_result *res)
{
	memset(res, 0, sizeof(*res));
	return inflate(in, len, max, res);
}

/** The three kinds of block give back what was compressed */
static void test_blocks(void **state)
{
	struct inflate_result res;
	char want[2048] = "";

	(void)state;
	assert_int_equal(run(fixed, sizeof(fixed), (size_t)-1, &res), 0);
	assert_int_equal(res.len, 23);
	assert_memory_equal(res.data, "hello hello hello hello", 23);
	assert_int_equal(res.used, sizeof(fixed));
	free(res.data);
	assert_int_equal(run(stored, sizeof(stored), 7, &res), 0);
	assert_memory_equal(res.data, "stored!", 7);
	free(res.data);
	for (int i = 0; i < 40; i++)
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
			 "line %d of the dynamic block test\n", i);
	assert_int_equal(run(dynamic, sizeof(dynamic), (size_t)-1, &res), 0);
	assert_int_equal(res.len, strlen(want));
	assert_memory_equal(res.data, want, res.len);
	free(res.data);
}

/** Each hostile stream is refused with its reason, nothing read or written out of bounds */
static void test_hostile(void **state)
{
	/* fixed block: length 3 at distance 1 before any output */
	static const uint8_t too_far[] = { 0x03, 0x02, 0x00 };
	/* a block of the reserved type 3 */
	static const uint8_t reserved[] = { 0x07 };
	/* stored block whose NLEN is not LEN's complement */
	static const uint8_t badlen[] = { 0x01, 0x07, 0x00, 0xf7, 0xff, 's' };
	/* dynamic block: four code-length codes of length 1 */
	static const uint8_t over[] = { 0x05, 0x00, 0x92, 0x04 };
	struct inflate_result res;

	(void)state;
	assert_int_equal(run(too_far, sizeof(too_far), 100, &res), -EBADMSG);
	assert_string_equal(res.why, "a distance reaches before the start");
	assert_int_equal(run(reserved, sizeof(reserved), 100, &res), -EBADMSG);
	assert_string_equal(res.why, "a block has the reserved type 3");
	assert_int_equal(run(badlen, sizeof(badlen), 100, &res), -EBADMSG);
	assert_string_equal(res.why, "a stored block's length check fails");
	assert_int_equal(run(over, sizeof(over), 100, &res), -EBADMSG);
	assert_string_equal(res.why, "a Huffman code is over-subscribed");
	for (size_t cut = 0; cut < sizeof(dynamic); cut += 7) {
		assert_int_equal(run(dynamic, cut, (size_t)-1, &res), -EBADMSG);
		assert_string_equal(res.why, "the data ends early");
	}
	assert_int_equal(run(fixed, sizeof(fixed), 5, &res), -EBADMSG);
	assert_string_equal(res.why, "it holds more than it says");
}

/** gzip and zlib wrappers: headers, names and comments skipped, checksums checked */
static void test_wrappers(void **state)
{
	uint8_t gz[64] = { 0x1f, 0x8b, 8, 0x18, 0, 0, 0, 0, 0, 3,
			   'n', 0, 'c', 0 };
	uint8_t zl[64] = { 0x78, 0x9c };
	struct inflate_result res;
	size_t n = 14;

	(void)state;
	memcpy(gz + n, fixed, sizeof(fixed));
	n += sizeof(fixed);
	/* CRC-32 and ISIZE of "hello hello hello hello" */
	memcpy(gz + n, "\xe3\x51\x3d\x8d\x17\x00\x00\x00", 8);
	n += 8;
	assert_true(archive_gzip.probe(gz, n));
	assert_false(archive_zlib.probe(gz, n));
	assert_int_equal(archive_gzip.extract(gz, n, &res), 0);
	assert_memory_equal(res.data, "hello hello hello hello", 23);
	free(res.data);
	gz[n - 8] ^= 1;
	assert_int_equal(archive_gzip.extract(gz, n, &res), -EBADMSG);
	assert_string_equal(res.why, "the CRC-32 in its trailer does not match");
	gz[3] = 0x20;
	assert_int_equal(archive_gzip.extract(gz, n, &res), -EBADMSG);
	assert_string_equal(res.why, "the gzip header has reserved flags set");
	gz[3] = 0x08;
	gz[10] = 'x';
	gz[11] = 'y';
	gz[12] = 'z';
	gz[13] = 'w';
	memset(gz + 14, 'a', 30);
	assert_int_equal(archive_gzip.extract(gz, 44, &res), -EBADMSG);
	assert_string_equal(res.why, "the gzip header is truncated");
	assert_int_equal(archive_gzip.extract(gz, 3, &res), -EBADMSG);
	assert_string_equal(res.why, "the gzip header is truncated");

	memcpy(zl + 2, fixed, sizeof(fixed));
	/* Adler-32 of "hello hello hello hello" */
	memcpy(zl + 2 + sizeof(fixed), "\x68\x03\x08\xb1", 4);
	assert_true(archive_zlib.probe(zl, 16));
	assert_int_equal(archive_zlib.extract(zl, 16, &res), 0);
	assert_int_equal(res.len, 23);
	free(res.data);
	zl[15] ^= 1;
	assert_int_equal(archive_zlib.extract(zl, 16, &res), -EBADMSG);
	assert_string_equal(res.why, "the Adler-32 in its trailer does not match");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_wrappers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
