/** @file Unit tests for DHCP options (net/dhcp/options.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/dhcpopts.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>

/** One option seen by a walk */
struct seen {
	unsigned int tag;       /**< option tag */
	size_t len;             /**< value length */
	uint8_t first;          /**< first value byte (0 if empty) */
};

/** What a walk saw */
struct walk_log {
	struct seen opt[16];    /**< options in order */
	unsigned int count;     /**< how many */
	int fail_on;            /**< tag whose callback fails, or -1 */
};

/** dhcpopt_fn recording every option */
static int log_option(unsigned int tag, const uint8_t *data, size_t len,
		      void *ctx)
{
	struct walk_log *log = ctx;

	if ((int)tag == log->fail_on)
		return -EIO;
	assert_true(log->count < 16);
	log->opt[log->count].tag = tag;
	log->opt[log->count].len = len;
	log->opt[log->count].first = len ? data[0] : 0;
	log->count++;
	return 0;
}

/** Our client options for BIOS, byte for byte */
static void test_build_client(void **state)
{
	static const uint8_t expect[] = {
		60, 32, 'P', 'X', 'E', 'C', 'l', 'i', 'e', 'n', 't', ':',
		'A', 'r', 'c', 'h', ':', '0', '0', '0', '0', '0', ':',
		'U', 'N', 'D', 'I', ':', '0', '0', '3', '0', '1', '6',
		77, 4, 'i', 'P', 'X', 'E',
		93, 2, 0, 0,
		94, 3, 1, 3, 10,
	};
	uint8_t buf[DHCPOPT_CLIENT_MAX];
	int len;

	(void)state;
	len = dhcpopt_build_client(buf, sizeof(buf), 0, NULL);
	assert_int_equal(len, sizeof(expect));
	assert_memory_equal(buf, expect, sizeof(expect));
}

/** UEFI arch and a UUID: arch in the vendor class and 93, then 97 */
static void test_build_client_uuid(void **state)
{
	uint8_t uuid[16];
	uint8_t buf[DHCPOPT_CLIENT_MAX];
	int len;

	(void)state;
	for (int i = 0; i < 16; i++)
		uuid[i] = (uint8_t)(0xa0 + i);
	len = dhcpopt_build_client(buf, sizeof(buf), 7, uuid);
	assert_int_equal(len, 49 + 19);
	assert_memory_equal(&buf[2], "PXEClient:Arch:00007:UNDI:003016", 32);
	assert_int_equal(buf[40], 93);
	assert_int_equal(buf[42], 0);
	assert_int_equal(buf[43], 7);
	assert_int_equal(buf[49], 97);
	assert_int_equal(buf[50], 17);
	assert_int_equal(buf[51], 0);
	assert_memory_equal(&buf[52], uuid, 16);
	/* every byte accounted for: the result walks cleanly */
	assert_int_equal(dhcpopt_walk(buf, (size_t)len, NULL, NULL), 0);
}

/** A buffer too small for the options is refused, not overrun */
static void test_build_client_nospace(void **state)
{
	uint8_t buf[40];

	(void)state;
	assert_int_equal(dhcpopt_build_client(buf, sizeof(buf), 0, NULL),
			 -ENOSPC);
	assert_int_equal(dhcpopt_build_client(buf, 0, 0, NULL), -ENOSPC);
}

/** PAD is skipped, END stops the walk, anything after END is ignored */
static void test_walk_good(void **state)
{
	static const uint8_t opts[] = {
		0, 0,                          /* PAD PAD */
		12, 3, 'a', 'b', 'c',          /* host name */
		1, 4, 255, 255, 255, 0,        /* netmask */
		150, 0,                        /* empty option */
		0,
		255,                           /* END */
		17, 200,                       /* garbage after END */
	};
	struct walk_log log = { .fail_on = -1 };

	(void)state;
	assert_int_equal(dhcpopt_walk(opts, sizeof(opts), log_option, &log), 0);
	assert_int_equal(log.count, 3);
	assert_int_equal(log.opt[0].tag, 12);
	assert_int_equal(log.opt[0].len, 3);
	assert_int_equal(log.opt[0].first, 'a');
	assert_int_equal(log.opt[1].tag, 1);
	assert_int_equal(log.opt[1].len, 4);
	assert_int_equal(log.opt[1].first, 255);
	assert_int_equal(log.opt[2].tag, 150);
	assert_int_equal(log.opt[2].len, 0);
}

/** No END: the walk ends exactly at the end of the buffer */
static void test_walk_no_end(void **state)
{
	static const uint8_t opts[] = { 12, 1, 'x', 0, 13, 2, 0, 9 };
	struct walk_log log = { .fail_on = -1 };

	(void)state;
	assert_int_equal(dhcpopt_walk(opts, sizeof(opts), log_option, &log), 0);
	assert_int_equal(log.count, 2);
	assert_int_equal(log.opt[1].tag, 13);
	assert_int_equal(log.opt[1].len, 2);
	assert_int_equal(dhcpopt_walk(opts, 0, log_option, &log), 0);
}

/** A tag with no length byte is malformed */
static void test_walk_truncated(void **state)
{
	static const uint8_t opts[] = { 12, 1, 'x', 17 };
	struct walk_log log = { .fail_on = -1 };

	(void)state;
	assert_int_equal(dhcpopt_walk(opts, sizeof(opts), log_option, &log),
			 -EBADMSG);
	assert_int_equal(log.count, 1);
	assert_int_equal(dhcpopt_walk(opts, sizeof(opts), NULL, NULL),
			 -EBADMSG);
}

/** An option running past the end is malformed and never reaches the callback */
static void test_walk_overlong(void **state)
{
	static const uint8_t opts[] = { 12, 1, 'x', 17, 5, 'a', 'b', 'c', 'd' };
	static const uint8_t max[] = { 17, 255, 'a' };
	struct walk_log log = { .fail_on = -1 };

	(void)state;
	assert_int_equal(dhcpopt_walk(opts, sizeof(opts), log_option, &log),
			 -EBADMSG);
	assert_int_equal(log.count, 1);
	assert_int_equal(log.opt[0].tag, 12);
	/* the largest length with only one byte behind it */
	assert_int_equal(dhcpopt_walk(max, sizeof(max), NULL, NULL), -EBADMSG);
	/* exactly fitting is fine */
	assert_int_equal(dhcpopt_walk(opts, 3, NULL, NULL), 0);
}

/** A callback's error stops the walk and is returned */
static void test_walk_callback_error(void **state)
{
	static const uint8_t opts[] = { 12, 1, 'x', 17, 1, 'y', 15, 1, 'z' };
	struct walk_log log = { .fail_on = 17 };

	(void)state;
	assert_int_equal(dhcpopt_walk(opts, sizeof(opts), log_option, &log),
			 -EIO);
	assert_int_equal(log.count, 1);
}

/** 43 and 175 must hold well-formed sub-options; others are opaque */
static void test_check_encapsulated(void **state)
{
	static const uint8_t good[] = { 190, 2, 'm', 'e', 191, 1, 'p', 255 };
	static const uint8_t overlong[] = { 190, 2, 'm', 'e', 191, 9, 'p' };
	static const uint8_t truncated[] = { 190, 2, 'm', 'e', 191 };

	(void)state;
	assert_int_equal(dhcpopt_is_encapsulated(175), 1);
	assert_int_equal(dhcpopt_is_encapsulated(43), 1);
	assert_int_equal(dhcpopt_is_encapsulated(17), 0);
	assert_int_equal(dhcpopt_check(175, good, sizeof(good)), 0);
	assert_int_equal(dhcpopt_check(175, overlong, sizeof(overlong)),
			 -EBADMSG);
	assert_int_equal(dhcpopt_check(43, overlong, sizeof(overlong)),
			 -EBADMSG);
	assert_int_equal(dhcpopt_check(175, truncated, sizeof(truncated)),
			 -EBADMSG);
	assert_int_equal(dhcpopt_check(17, overlong, sizeof(overlong)), 0);
}

/** Fetch "@p block/@p name" into @p buf; returns the raw length or -error */
static int fetch(const char *block, const char *name, void *buf, size_t len,
		 const struct setting_type **type)
{
	char full[64];

	snprintf(full, sizeof(full), "%s/%s", block, name);
	return settings_fetch(full, buf, len, type);
}

/** Assert that "@p block/@p name" holds string @p text */
static void assert_string_setting(const char *block, const char *name,
				  const char *text)
{
	const struct setting_type *type = NULL;
	char buf[128];
	int len;

	len = fetch(block, name, buf, sizeof(buf), &type);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(buf, text, strlen(text));
	assert_ptr_equal(type, &setting_type_string);
}

/** Well-known tags land under their names with their types */
static void test_store_known(void **state)
{
	static const char root[] = "iscsi:10.0.0.1::::iqn.2010-04.org.example:lu0";
	static const char iqn[] = "iqn.2010-04.org.example:client";
	struct settings *block = settings_new_block(NULL, "optstest");

	(void)state;
	assert_non_null(block);
	assert_int_equal(dhcpopt_store(block, 17, root, strlen(root)), 0);
	assert_int_equal(dhcpopt_store(block, 203, iqn, strlen(iqn)), 0);
	/* a server's terminating NUL is not part of the name */
	assert_int_equal(dhcpopt_store(block, 12, "box1\0", 5), 0);
	assert_string_setting("optstest", "root-path", root);
	assert_string_setting("optstest", "initiator-iqn", iqn);
	assert_string_setting("optstest", "hostname", "box1");
	settings_free_block(block);
}

/** Unknown tags land under their number, as hex */
static void test_store_unknown(void **state)
{
	static const uint8_t value[] = { 0xde, 0xad, 0x00, 0xef };
	struct settings *block = settings_new_block(NULL, "optstest");
	const struct setting_type *type = NULL;
	uint8_t buf[8];

	(void)state;
	assert_non_null(block);
	assert_int_equal(dhcpopt_store(block, 150, value, sizeof(value)), 0);
	assert_int_equal(fetch("optstest", "150", buf, sizeof(buf), &type),
			 sizeof(value));
	assert_memory_equal(buf, value, sizeof(value));
	assert_ptr_equal(type, &setting_type_hex);
	settings_free_block(block);
}

/** 175 is walked: username/password by name, others as "175.N" */
static void test_store_encapsulated(void **state)
{
	static const uint8_t ipxe[] = {
		190, 5, 'a', 'l', 'i', 'c', 'e',
		0,
		191, 6, 's', 'e', 'c', 'r', 'e', 't',
		1, 1, 0x01,
		255,
	};
	struct settings *block = settings_new_block(NULL, "optstest");
	const struct setting_type *type = NULL;
	uint8_t buf[8];

	(void)state;
	assert_non_null(block);
	assert_int_equal(dhcpopt_store(block, 175, ipxe, sizeof(ipxe)), 0);
	assert_string_setting("optstest", "username", "alice");
	assert_string_setting("optstest", "password", "secret");
	assert_int_equal(fetch("optstest", "175.1", buf, sizeof(buf), &type), 1);
	assert_int_equal(buf[0], 0x01);
	/* the encapsulating option itself is not stored */
	assert_true(fetch("optstest", "175", buf, sizeof(buf), NULL) < 0);
	settings_free_block(block);
}

/** A malformed 175 stores nothing at all */
static void test_store_encapsulated_bad(void **state)
{
	static const uint8_t ipxe[] = {
		190, 5, 'a', 'l', 'i', 'c', 'e',
		191, 60, 's', 'e', 'c',
	};
	struct settings *block = settings_new_block(NULL, "optstest");
	char buf[8];

	(void)state;
	assert_non_null(block);
	assert_int_equal(dhcpopt_store(block, 175, ipxe, sizeof(ipxe)),
			 -EBADMSG);
	assert_true(fetch("optstest", "username", buf, sizeof(buf), NULL) < 0);
	settings_free_block(block);
}

/** A whole options buffer: every option stored, malformed buffers refused whole */
static void test_store_all(void **state)
{
	static const uint8_t opts[] = {
		12, 4, 'h', 'o', 's', 't',
		17, 9, 'n', 'f', 's', ':', '/', 'r', 'o', 'o', 't',
		175, 4, 190, 2, 'm', 'e',
		255,
	};
	static const uint8_t bad[] = { 12, 4, 'h', 'o', 's', 't', 17, 30, 'x' };
	struct settings *block = settings_new_block(NULL, "optstest");
	char buf[8];

	(void)state;
	assert_non_null(block);
	assert_int_equal(dhcpopt_store_all(block, opts, sizeof(opts)), 0);
	assert_string_setting("optstest", "hostname", "host");
	assert_string_setting("optstest", "root-path", "nfs:/root");
	assert_string_setting("optstest", "username", "me");
	settings_free_block(block);

	block = settings_new_block(NULL, "optstest");
	assert_non_null(block);
	assert_int_equal(dhcpopt_store_all(block, bad, sizeof(bad)), -EBADMSG);
	assert_true(fetch("optstest", "hostname", buf, sizeof(buf), NULL) < 0);
	settings_free_block(block);
}

/** Run the DHCP option tests */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_client),
		cmocka_unit_test(test_build_client_uuid),
		cmocka_unit_test(test_build_client_nospace),
		cmocka_unit_test(test_walk_good),
		cmocka_unit_test(test_walk_no_end),
		cmocka_unit_test(test_walk_truncated),
		cmocka_unit_test(test_walk_overlong),
		cmocka_unit_test(test_walk_callback_error),
		cmocka_unit_test(test_check_encapsulated),
		cmocka_unit_test(test_store_known),
		cmocka_unit_test(test_store_unknown),
		cmocka_unit_test(test_store_encapsulated),
		cmocka_unit_test(test_store_encapsulated_bad),
		cmocka_unit_test(test_store_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
