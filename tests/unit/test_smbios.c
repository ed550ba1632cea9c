/** @file Unit tests for SMBIOS: entry points, the structure walk and the settings, fed hostile tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>
#include <lwpxe/smbios.h>
#include "platform_stub.h"

/**
 * A table as firmware writes it: type 0 with one string, type 1 (system:
 * manufacturer 1, product 2, serial 3, UUID), type 2 (board serial 1),
 * type 3 (asset tag 2, no strings beyond), type 127
 */
static const uint8_t good_table[] = {
	0, 5, 0x00, 0x00, 1, 'B', 'I', 'O', 'S', 0, 0,
	1, 0x19, 0x01, 0x00, 1, 2, 0, 3,
	0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 6,
	'A', 'c', 'm', 'e', 0, 'R', 'o', 'c', 'k', 'e', 't', 0,
	'S', 'N', '4', '2', 0, 0,
	2, 8, 0x02, 0x00, 0, 0, 0, 1, 'B', 'S', '1', 0, 0,
	3, 9, 0x03, 0x00, 0, 0, 0, 0, 2, 'x', 0, 'T', 'A', 'G', 0, 0,
	127, 4, 0xff, 0xff, 0, 0,
};

/** Fetch @p name as text into a static buffer ("<rc>" on failure) */
static const char *text(const char *name)
{
	static char buf[128];
	int rc = settings_fetch_text(name, buf, sizeof(buf));

	if (rc < 0)
		snprintf(buf, sizeof(buf), "<%d>", rc);
	return buf;
}

/** Forget the table after each test */
static int teardown(void **state)
{
	(void)state;
	stub_smbios_set(NULL, 0);
	return 0;
}

/** The named settings and the numbered form read the right fields */
static void test_settings(void **state)
{
	stub_smbios_set(good_table, sizeof(good_table));
	assert_string_equal(text("manufacturer"), "Acme");
	assert_string_equal(text("product"), "Rocket");
	assert_string_equal(text("serial"), "SN42");
	assert_string_equal(text("board-serial"), "BS1");
	assert_string_equal(text("asset"), "TAG");
	/* the first three fields are stored little-endian */
	assert_string_equal(text("uuid"),
			    "00112233-4455-6677-8899-aabbccddeeff");
	assert_string_equal(text("smbios/uuid"),
			    "00112233-4455-6677-8899-aabbccddeeff");
	assert_string_equal(text("smbios/1.4.0"), "Acme");
	assert_string_equal(text("smbios/0.4.0"), "BIOS");
	assert_string_equal(text("smbios/1.0xb.2"), "00:55");
	assert_string_equal(text("smbios/serial"), "SN42");
	assert_string_equal(text("smbios/1.4.0:hex"), "41:63:6d:65");
	/* past the structure, a missing type, string 0, malformed names */
	assert_string_equal(text("smbios/1.24.2"), "<-2>");
	assert_string_equal(text("smbios/9.4.0"), "<-2>");
	assert_string_equal(text("smbios/1.6.0"), "<-2>");
	assert_string_equal(text("smbios/1.4"), "<-22>");
	assert_string_equal(text("smbios/1.4.0x"), "<-22>");
	assert_string_equal(text("smbios/300.4.0"), "<-22>");
	assert_string_equal(text("smbios/-1.4.0"), "<-22>");
	assert_int_equal(settings_store_text("smbios/1.4.0", "x"), -EROFS);
}

/** Without a table every SMBIOS setting is simply absent */
static void test_absent(void **state)
{
	assert_string_equal(text("manufacturer"), "<-2>");
	assert_string_equal(text("uuid"), "<-2>");
	assert_string_equal(text("smbios/1.4.0"), "<-2>");
}

/** Hostile tables: short, lengths past the end, unterminated strings */
static void test_hostile(void **state)
{
	struct smbios_structure s;
	const char *t;
	size_t n;

	/* a formatted length below the header, or past the end */
	static const uint8_t short_hdr[] = { 1, 3, 0, 0, 0, 0 };
	static const uint8_t long_len[] = { 1, 0xff, 0, 0, 1, 0, 0 };
	/* strings that never end in a double NUL */
	static const uint8_t no_end[] = { 1, 5, 0, 0, 1, 'a', 'b', 0, 'c' };
	/* a string number past the strings there are */
	static const uint8_t few[] = { 1, 8, 0, 0, 9, 9, 9, 9, 'a', 0, 0 };

	assert_int_equal(smbios_find(short_hdr, sizeof(short_hdr), 1, 0, &s),
			 -ENOENT);
	assert_int_equal(smbios_find(long_len, sizeof(long_len), 1, 0, &s),
			 -ENOENT);
	assert_int_equal(smbios_find(no_end, sizeof(no_end), 1, 0, &s),
			 -ENOENT);
	assert_int_equal(smbios_find(few, 3, 1, 0, &s), -ENOENT);
	assert_int_equal(smbios_find(few, 0, 1, 0, &s), -ENOENT);
	assert_int_equal(smbios_find(few, sizeof(few), 1, 0, &s), 0);
	assert_int_equal(smbios_string(&s, 9, &t, &n), -ENOENT);
	assert_int_equal(smbios_string(&s, 0, &t, &n), -ENOENT);
	assert_int_equal(smbios_string(&s, 1, &t, &n), 0);
	assert_int_equal(n, 1);
	stub_smbios_set(few, sizeof(few));
	assert_string_equal(text("manufacturer"), "<-2>");
	/* the walk stops at type 127 and does not find what follows */
	assert_int_equal(smbios_find(good_table, sizeof(good_table), 3, 1, &s),
			 -ENOENT);
	/* every truncation of a good table is safe (ASan checks the reads) */
	for (size_t len = 0; len < sizeof(good_table); len++) {
		uint8_t *copy = malloc(len ? len : 1);

		assert_non_null(copy);
		memcpy(copy, good_table, len);
		stub_smbios_set(copy, len);
		text("asset");
		text("smbios/3.4.4");
		text("uuid");
		free(copy);
	}
}

/** Fill in an entry point's checksum byte at @p at so @p len bytes sum to 0 */
static void checksum(uint8_t *p, size_t len, size_t at)
{
	uint8_t sum = 0;

	p[at] = 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	p[at] = (uint8_t)-sum;
}

/** 2.x and 3.x entry points: addresses, lengths and checksums */
static void test_entry(void **state)
{
	uint8_t ep2[0x1f] = { '_', 'S', 'M', '_', 0, 0x1f, 2, 8 };
	uint8_t ep3[0x18] = { '_', 'S', 'M', '3', '_', 0, 0x18, 3 };
	uint64_t addr;
	size_t len;

	memcpy(ep2 + 0x10, "_DMI_", 5);
	ep2[0x16] = 0x34;
	ep2[0x17] = 0x01;
	ep2[0x18] = 0x00;
	ep2[0x1a] = 0x0f;
	checksum(ep2 + 0x10, 0x0f, 5);
	checksum(ep2, 0x1f, 4);
	assert_int_equal(smbios_entry_parse(ep2, sizeof(ep2), &addr, &len), 0);
	assert_int_equal(addr, 0xf0000);
	assert_int_equal(len, 0x134);
	assert_int_equal(smbios_entry_parse(ep2, 0x1e, &addr, &len), -ENOENT);
	ep2[0x18] ^= 1;
	assert_int_equal(smbios_entry_parse(ep2, sizeof(ep2), &addr, &len),
			 -ENOENT);

	ep3[0x0c] = 0x00;
	ep3[0x0d] = 0x10;
	ep3[0x14] = 0x01;
	checksum(ep3, 0x18, 5);
	assert_int_equal(smbios_entry_parse(ep3, sizeof(ep3), &addr, &len), 0);
	assert_int_equal(addr, 0x100000000ull);
	assert_int_equal(len, 0x1000);
	/* an entry point length past what is readable */
	ep3[6] = 0xff;
	checksum(ep3, 0x18, 5);
	assert_int_equal(smbios_entry_parse(ep3, sizeof(ep3), &addr, &len),
			 -ENOENT);
	assert_int_equal(smbios_entry_parse("_SM3_", 5, &addr, &len), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_settings, teardown),
		cmocka_unit_test_teardown(test_absent, teardown),
		cmocka_unit_test_teardown(test_hostile, teardown),
		cmocka_unit_test_teardown(test_entry, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
