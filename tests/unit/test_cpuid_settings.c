/** @file Unit tests for the `cpuid/` settings scope on a made-up CPU: iPXE's tag encoding, byte order, subleaves, missing leaves. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/cpu.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>

/**
 * A CPU with leaves 0-0xb and 0x80000000-0x80000004: leaf 0 says
 * "GenuineIotel", the brand leaves hold "Made-up CPU" padded with NULs,
 * leaf 0xb answers with its subleaf in EAX, the rest with the leaf
 * number in EAX and fixed patterns elsewhere
 */
int cpu_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
	static const char brand[48] = "Made-up CPU";

	if ((leaf > 0xb && leaf < CPU_CPUID_EXT) || leaf > 0x80000004u)
		return -ENOTSUP;
	regs[0] = leaf;
	regs[1] = 0x11223344;
	regs[2] = 0x55667788;
	regs[3] = 0x99aabbcc;
	if (leaf == 0) {
		memcpy(&regs[1], "Genu", 4);
		memcpy(&regs[3], "ineI", 4);
		memcpy(&regs[2], "otel", 4);
	} else if (leaf == 0xb) {
		regs[0] = subleaf;
	} else if (leaf >= 0x80000002u) {
		memcpy(regs, brand + 16 * (leaf - 0x80000002u), 16);
	}
	return 0;
}

/** The text of setting @p name ("" if unset) */
static const char *text(const char *name)
{
	static char buf[256];

	if (settings_fetch_text(name, buf, sizeof(buf)) < 0)
		buf[0] = '\0';
	return buf;
}

/** One register of one leaf, as hex digits, big-endian */
static void test_register(void **state)
{
	(void)state;
	assert_string_equal(text("cpuid/2.0x80000001"), "55667788");
	assert_string_equal(text("cpuid/3.0x80000001"), "99aabbcc");
	assert_string_equal(text("cpuid/0.0x80000001"), "80000001");
	assert_string_equal(text("cpuid/1.1"), "11223344");
	assert_string_equal(text("cpuid/3.0x80000001:uint32"), "0x99aabbcc");
}

/** iPXE's own tags of ${cpuvendor} and ${cpumodel}: several registers and leaves, little-endian */
static void test_strings(void **state)
{
	(void)state;
	assert_string_equal(text("cpuid/0x822d.0:string"), "GenuineIotel");
	assert_string_equal(text("cpuid/0x8283e4.2:string"), "Made-up CPU");
}

/** With bit 22 the top bits are ECX's subleaf */
static void test_subleaf(void **state)
{
	(void)state;
	assert_string_equal(text("cpuid/0.0x40.0.0xb"), "00000000");
	assert_string_equal(text("cpuid/5.0x40.0.0xb"), "00000005");
}

/** Leaves past the CPU's highest and malformed names leave the setting unset */
static void test_absent(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(settings_fetch("cpuid/0.0xc", buf, sizeof(buf), NULL),
			 -ENOENT);
	assert_int_equal(settings_fetch("cpuid/3.0x80000005", buf,
					sizeof(buf), NULL), -ENOENT);
	/* three leaves from 0x80000003: the third is past the highest */
	assert_int_equal(settings_fetch("cpuid/0x820000.3", buf, sizeof(buf),
					NULL), -ENOENT);
	assert_int_equal(settings_fetch("cpuid/eax.1", buf, sizeof(buf), NULL),
			 -EINVAL);
	assert_int_equal(settings_fetch("cpuid/1.", buf, sizeof(buf), NULL),
			 -EINVAL);
	assert_int_equal(settings_fetch("cpuid/", buf, sizeof(buf), NULL),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_subleaf),
		cmocka_unit_test(test_absent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
