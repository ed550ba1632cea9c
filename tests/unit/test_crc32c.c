/** @file Unit tests for CRC32C (net/iscsi/crc32c.c, arch/x86/core/crc32c.c): RFC 3720 B.4's vectors, table and SSE4.2. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/cpu.h>
#include <lwpxe/errors.h>
#include "../../net/iscsi/iscsi_int.h"
#include "sequence.h"

/** One of RFC 3720 B.4's examples: 48 or 32 bytes and the digest's bytes as sent */
struct vector {
	const char *name;       /**< what the bytes are */
	uint8_t data[48];       /**< the bytes */
	size_t len;             /**< how many */
	uint8_t digest[4];      /**< the CRC as it goes on the wire */
};

/** Fill the RFC's examples (its 32-byte patterns are made here) */
static void vectors(struct vector v[5])
{
	static const uint8_t read10[48] = {
		0x01, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0x14, 0, 0, 0, 0, 0, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 0x18,
		0x28, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0,
	};
	static const struct vector base[5] = {
		{ "32 bytes of zeroes", { 0 }, 32, { 0xaa, 0x36, 0x91, 0x8a } },
		{ "32 bytes of ones", { 0 }, 32, { 0x43, 0xab, 0xa8, 0x62 } },
		{ "32 bytes incrementing", { 0 }, 32, { 0x4e, 0x79, 0xdd, 0x46 } },
		{ "32 bytes decrementing", { 0 }, 32, { 0x5c, 0xdb, 0x3f, 0x11 } },
		{ "SCSI Read (10) PDU", { 0 }, 48, { 0x56, 0x3a, 0x96, 0xd9 } },
	};

	memcpy(v, base, sizeof(base));
	memset(v[1].data, 0xff, 32);
	for (int i = 0; i < 32; i++) {
		v[2].data[i] = (uint8_t)i;
		v[3].data[i] = (uint8_t)(31 - i);
	}
	memcpy(v[4].data, read10, sizeof(read10));
}

/** The table gives the RFC's digests, whole and in pieces */
static void test_table_vectors(void **state)
{
	struct vector v[5];

	vectors(v);
	for (int i = 0; i < 5; i++) {
		uint32_t crc = iscsi_crc32c_table(0, v[i].data, v[i].len);

		print_message("%s\n", v[i].name);
		assert_int_equal(crc, get_le32(v[i].digest));
		crc = iscsi_crc32c_table(0, v[i].data, 7);
		crc = iscsi_crc32c_table(crc, v[i].data + 7, v[i].len - 7);
		assert_int_equal(crc, get_le32(v[i].digest));
	}
	assert_int_equal(iscsi_crc32c_table(0, "123456789", 9), 0xe3069283);
	assert_int_equal(iscsi_crc32c_table(0, "", 0), 0);
}

/** The CPU's instruction, where it has one, gives the RFC's digests too */
static void test_sse42_vectors(void **state)
{
	struct vector v[5];
	uint32_t reg = ~0u;

	if (cpu_crc32c(&reg, "", 0) == -ENOTSUP) {
		uint32_t regs[4];

		/* only a CPU without SSE4.2 may say so */
		assert_true(cpu_cpuid(1, 0, regs) < 0 || !(regs[2] & (1u << 20)));
		skip();
	}
	vectors(v);
	for (int i = 0; i < 5; i++) {
		reg = ~0u;
		assert_int_equal(cpu_crc32c(&reg, v[i].data, v[i].len), 0);
		assert_int_equal(~reg, get_le32(v[i].digest));
	}
}

/** Every length and alignment: the instruction's path, the table and iscsi_crc32c() agree */
static void test_all_alignments(void **state)
{
	uint8_t buf[300];
	uint32_t seed = 12345;
	int have_cpu;
	uint32_t reg = ~0u;

	seq_fill(buf, sizeof(buf), &seed);
	have_cpu = cpu_crc32c(&reg, "", 0) == 0;
	for (size_t off = 0; off < 16; off++) {
		for (size_t len = 0; len + off <= sizeof(buf); len++) {
			uint32_t want = iscsi_crc32c_table(0, buf + off, len);

			assert_int_equal(iscsi_crc32c(0, buf + off, len), want);
			if (!have_cpu)
				continue;
			reg = ~0u;
			assert_int_equal(cpu_crc32c(&reg, buf + off, len), 0);
			assert_int_equal(~reg, want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_vectors),
		cmocka_unit_test(test_sse42_vectors),
		cmocka_unit_test(test_all_alignments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
