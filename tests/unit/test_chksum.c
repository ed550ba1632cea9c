/** @file Unit tests for the Internet checksum lwIP uses (net/lwip/chksum.c): RFC 1071's example, every length and alignment, carries. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "arch/cc.h"
#include "sequence.h"

/**
 * The sum as RFC 1071 defines it, byte pairs as big-endian 16-bit words (a
 * last odd byte padded with zero), then swapped to the little-endian order
 * lwIP wants it in
 */
static uint16_t reference(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < len; i += 2)
		sum += (uint32_t)p[i] << 8 | (i + 1 < len ? p[i + 1] : 0);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)(sum >> 8 | (sum & 0xff) << 8);
}

/** RFC 1071 section 3's example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2 */
static void test_rfc1071_example(void **state)
{
	static const uint8_t data[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	uint16_t sum = lwpxe_chksum(data, sizeof(data));

	(void)state;
	assert_int_equal(((const uint8_t *)&sum)[0], 0xdd);
	assert_int_equal(((const uint8_t *)&sum)[1], 0xf2);
}

/** Every length up to 80 and past a frame, at every offset in 8 bytes */
static void test_all_lengths_and_alignments(void **state)
{
	static uint8_t buf[1600];
	uint32_t seed = 1;

	(void)state;
	seq_fill(buf, sizeof(buf), &seed);
	for (size_t off = 0; off < 8; off++) {
		for (size_t len = 0; len <= 80; len++)
			assert_int_equal(lwpxe_chksum(buf + off, (int)len),
					 reference(buf + off, len));
		for (size_t len = 1400; len + off <= sizeof(buf); len += 13)
			assert_int_equal(lwpxe_chksum(buf + off, (int)len),
					 reference(buf + off, len));
	}
}

/** All-ones words carry out of every addition: the folded sum stays ffff */
static void test_carries(void **state)
{
	static uint8_t buf[65535];

	(void)state;
	memset(buf, 0xff, sizeof(buf));
	assert_int_equal(lwpxe_chksum(buf, sizeof(buf)), reference(buf, sizeof(buf)));
	assert_int_equal(lwpxe_chksum(buf, 1460), 0xffff);
	buf[0] = 0xfe;
	assert_int_equal(lwpxe_chksum(buf, 1461), reference(buf, 1461));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc1071_example),
		cmocka_unit_test(test_all_lengths_and_alignments),
		cmocka_unit_test(test_carries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
