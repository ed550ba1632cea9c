/** @file Unit tests for the PE/COFF header reader (src/image/pe.c): good, foreign, truncated and malformed files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/pe.h>

/** Where the test files put the PE signature, and their length */
#define T_LFANEW 0x80
#define T_LEN 0x200

/** A PE file in @p f: @p machine, optional header @p magic, @p subsystem */
static void t_make(uint8_t *f, unsigned int machine, unsigned int magic,
		   unsigned int subsystem)
{
	uint8_t *coff = f + T_LFANEW + 4, *opt = coff + 20;

	memset(f, 0, T_LEN);
	f[0] = 'M', f[1] = 'Z';
	f[0x3c] = T_LFANEW;
	memcpy(f + T_LFANEW, "PE\0\0", 4);
	coff[0] = machine & 0xff, coff[1] = machine >> 8;
	coff[16] = 0xf0;                    /* SizeOfOptionalHeader */
	opt[0] = magic & 0xff, opt[1] = magic >> 8;
	opt[68] = subsystem & 0xff, opt[69] = subsystem >> 8;
}

/** pe_check's verdict on @p f of @p len bytes for x86_64, with its phrase in @p why */
static int t_check(const uint8_t *f, size_t len, char *why)
{
	strcpy(why, "(unset)");
	return pe_check(f, len, PE_MACHINE_X86_64, why, 80);
}

/** An x86_64 EFI application passes; its headers read back */
static void test_good(void **state)
{
	uint8_t f[T_LEN];
	struct pe_info info;
	char why[80];

	(void)state;
	t_make(f, PE_MACHINE_X86_64, PE_MAGIC_PE32PLUS, 10);
	assert_int_equal(pe_parse(f, sizeof(f), &info), 0);
	assert_int_equal(info.machine, 0x8664);
	assert_int_equal(info.magic, 0x20b);
	assert_int_equal(info.subsystem, 10);
	assert_int_equal(t_check(f, sizeof(f), why), 0);
	assert_string_equal(why, "(unset)");
}

/** Another machine, PE32, a Windows subsystem: refused, saying why */
static void test_foreign(void **state)
{
	uint8_t f[T_LEN];
	char why[80];

	(void)state;
	t_make(f, PE_MACHINE_ARM64, PE_MAGIC_PE32PLUS, 10);
	assert_int_equal(t_check(f, sizeof(f), why), -ENOEXEC);
	assert_string_equal(why, "built for ARM64 (PE machine 0xaa64), not x86_64");
	t_make(f, PE_MACHINE_I386, PE_MAGIC_PE32, 10);
	assert_int_equal(t_check(f, sizeof(f), why), -ENOEXEC);
	assert_string_equal(why, "built for i386 (PE machine 0x14c), not x86_64");
	t_make(f, 0x1234, PE_MAGIC_PE32PLUS, 10);
	assert_int_equal(t_check(f, sizeof(f), why), -ENOEXEC);
	assert_string_equal(why, "built for another machine (PE machine 0x1234), not x86_64");
	t_make(f, PE_MACHINE_X86_64, PE_MAGIC_PE32, 10);
	assert_int_equal(t_check(f, sizeof(f), why), -ENOEXEC);
	assert_string_equal(why, "not PE32+ (optional header magic 0x10b)");
	t_make(f, PE_MACHINE_X86_64, PE_MAGIC_PE32PLUS, 3);
	assert_int_equal(t_check(f, sizeof(f), why), -ENOEXEC);
	assert_string_equal(why, "not an EFI program (PE subsystem 3)");
}

/** Text, an empty file, a bare MZ, a PE signature past the end or in the middle of nowhere */
static void test_malformed(void **state)
{
	uint8_t f[T_LEN];
	struct pe_info info;
	char why[80];

	(void)state;
	assert_int_equal(t_check((const uint8_t *)"#!ipxe\necho hi\n", 15, why),
			 -ENOEXEC);
	assert_string_equal(why, "not a PE/EFI program (no MZ signature)");
	assert_int_equal(t_check(f, 0, why), -ENOEXEC);
	assert_string_equal(why, "not a PE/EFI program (no MZ signature)");
	assert_int_equal(t_check((const uint8_t *)"MZ", 2, why), -ENOEXEC);
	assert_string_equal(why, "not a PE/EFI program (no valid PE header)");
	/* e_lfanew pointing past the end, or to the last bytes, or wrapping */
	t_make(f, PE_MACHINE_X86_64, PE_MAGIC_PE32PLUS, 10);
	f[0x3c] = 0xff, f[0x3d] = 0xff, f[0x3e] = 0xff, f[0x3f] = 0xff;
	assert_int_equal(pe_parse(f, sizeof(f), &info), -ENOEXEC);
	f[0x3c] = 0xfc, f[0x3d] = 0x01, f[0x3e] = 0, f[0x3f] = 0;
	memcpy(f + 0x1fc, "PE\0\0", 4);
	assert_int_equal(pe_parse(f, sizeof(f), &info), -ENOEXEC);
	/* no PE signature where e_lfanew points */
	t_make(f, PE_MACHINE_X86_64, PE_MAGIC_PE32PLUS, 10);
	f[T_LFANEW + 1] = 'X';
	assert_int_equal(t_check(f, sizeof(f), why), -ENOEXEC);
	assert_string_equal(why, "not a PE/EFI program (no valid PE header)");
	/* an optional header too short to hold the subsystem */
	t_make(f, PE_MACHINE_X86_64, PE_MAGIC_PE32PLUS, 10);
	f[T_LFANEW + 4 + 16] = 69;
	assert_int_equal(pe_parse(f, sizeof(f), &info), -ENOEXEC);
}

/** Every truncation of a good file is refused, and read only inside its length */
static void test_truncated(void **state)
{
	uint8_t f[T_LEN];
	struct pe_info info;
	/* the signature, the COFF header and 70 bytes of optional header */
	size_t need = T_LFANEW + 4 + 20 + 70;

	(void)state;
	t_make(f, PE_MACHINE_X86_64, PE_MAGIC_PE32PLUS, 10);
	for (size_t len = 0; len < need; len++) {
		uint8_t *copy = test_malloc(len ? len : 1);

		memcpy(copy, f, len);
		assert_int_equal(pe_parse(copy, len, &info), -ENOEXEC);
		test_free(copy);
	}
	assert_int_equal(pe_parse(f, need, &info), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_foreign),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
