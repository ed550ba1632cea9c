/** @file Unit tests for settings: blocks, types, lookup order, text forms. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>

/** Remove every block and root value so each test starts empty */
static int reset(void **state)
{
	(void)state;
	settings_free_block(settings_root());
	return 0;
}

/** Fetch @p name as text into a static buffer ("<rc>" on failure) */
static const char *text(const char *name)
{
	static char buf[128];
	int rc = settings_fetch_text(name, buf, sizeof(buf));

	if (rc < 0)
		snprintf(buf, sizeof(buf), "<%d>", rc);
	return buf;
}

/** Format raw bytes with @p type into a static buffer */
static const char *fmt(const struct setting_type *type, const void *raw,
		       size_t len)
{
	static char buf[128];
	int rc = type->format(raw, len, buf, sizeof(buf));

	if (rc < 0)
		snprintf(buf, sizeof(buf), "<%d>", rc);
	return buf;
}

/** Parse @p s with @p type; returns the raw length or -error */
static int parse(const struct setting_type *type, const char *s,
		 uint8_t *raw, size_t len)
{
	memset(raw, 0xee, len);
	return type->parse(s, raw, len);
}

/** Strings, IPv4 and hex types round-trip */
static void test_types_text(void **state)
{
	uint8_t raw[32];

	assert_int_equal(parse(&setting_type_string, "hello", raw, 32), 5);
	assert_memory_equal(raw, "hello", 5);
	assert_string_equal(fmt(&setting_type_string, "hi", 2), "hi");

	assert_int_equal(parse(&setting_type_ipv4, "10.0.2.15", raw, 32), 4);
	assert_memory_equal(raw, "\x0a\x00\x02\x0f", 4);
	assert_string_equal(fmt(&setting_type_ipv4, raw, 4), "10.0.2.15");
	assert_int_equal(parse(&setting_type_ipv4, "10.0.2", raw, 32), -EINVAL);
	assert_int_equal(parse(&setting_type_ipv4, "10.0.2.256", raw, 32),
			 -EINVAL);
	assert_int_equal(parse(&setting_type_ipv4, "10.0.2.1x", raw, 32),
			 -EINVAL);
	assert_int_equal(parse(&setting_type_ipv4, "1..2.3", raw, 32), -EINVAL);
	assert_true(setting_type_ipv4.format(raw, 3, (char *)raw + 8, 20) < 0);

	assert_int_equal(parse(&setting_type_hex, "de:AD:be:ef", raw, 32), 4);
	assert_memory_equal(raw, "\xde\xad\xbe\xef", 4);
	assert_string_equal(fmt(&setting_type_hex, raw, 4), "de:ad:be:ef");
	assert_string_equal(fmt(&setting_type_hexhyp, raw, 4), "de-ad-be-ef");
	assert_string_equal(fmt(&setting_type_hexraw, raw, 4), "deadbeef");
	assert_int_equal(parse(&setting_type_hexhyp, "01-02", raw, 32), 2);
	assert_int_equal(parse(&setting_type_hexraw, "0102ff", raw, 32), 3);
	assert_memory_equal(raw, "\x01\x02\xff", 3);
	assert_int_equal(parse(&setting_type_hexraw, "012", raw, 32), -EINVAL);
	assert_int_equal(parse(&setting_type_hex, "01:zz", raw, 32), -EINVAL);
	assert_int_equal(parse(&setting_type_hex, "01-02", raw, 32), -EINVAL);
	assert_int_equal(parse(&setting_type_hex, "01:", raw, 32), -EINVAL);

	/* uristring: %XX for all but A-Z a-z 0-9 - . _ ~, decoded when set */
	assert_string_equal(fmt(&setting_type_uristring, "a b/c?d&e=f~g", 13),
			    "a%20b%2Fc%3Fd%26e%3Df~g");
	assert_string_equal(fmt(&setting_type_uristring, "\xff\x00", 2),
			    "%FF%00");
	assert_int_equal(parse(&setting_type_uristring, "x%20y%2f%zz", raw, 32),
			 7);
	assert_memory_equal(raw, "x y/%zz", 7);
	assert_int_equal(setting_type_uristring.format("a b", 3, NULL, 0), 5);
	assert_ptr_equal(setting_type_find("uristring"),
			 &setting_type_uristring);
}

/** Integers: big-endian, range-checked, formatted like iPXE */
static void test_types_int(void **state)
{
	uint8_t raw[8];

	assert_int_equal(parse(&setting_type_uint8, "200", raw, 8), 1);
	assert_int_equal(raw[0], 200);
	assert_int_equal(parse(&setting_type_uint16, "0x1234", raw, 8), 2);
	assert_memory_equal(raw, "\x12\x34", 2);
	assert_int_equal(parse(&setting_type_uint32, "4294967295", raw, 8), 4);
	assert_memory_equal(raw, "\xff\xff\xff\xff", 4);
	assert_int_equal(parse(&setting_type_int8, "-2", raw, 8), 1);
	assert_int_equal(raw[0], 0xfe);
	assert_int_equal(parse(&setting_type_uint8, "-1", raw, 8), 1);
	assert_int_equal(raw[0], 0xff);
	assert_int_equal(parse(&setting_type_uint8, "256", raw, 8), -EINVAL);
	assert_int_equal(parse(&setting_type_int8, "-129", raw, 8), -EINVAL);
	assert_int_equal(parse(&setting_type_int16, "12a", raw, 8), -EINVAL);
	assert_int_equal(parse(&setting_type_int16, "", raw, 8), -EINVAL);
	assert_int_equal(parse(&setting_type_int32, "--1", raw, 8), -EINVAL);

	/* unsigned is 0x-hex as in iPXE; any raw length 1..4 */
	assert_string_equal(fmt(&setting_type_uint8, "\x1a", 1), "0x1a");
	assert_string_equal(fmt(&setting_type_uint32, "\x0a\x00\x00\x64", 4),
			    "0xa000064");
	assert_string_equal(fmt(&setting_type_uint16, "\x01\x00\x00", 3),
			    "0x10000");
	assert_string_equal(fmt(&setting_type_uint8, "\x00", 1), "0");
	assert_string_equal(fmt(&setting_type_int8, "\xff", 1), "-1");
	assert_string_equal(fmt(&setting_type_int32, "\xff\xfe", 2), "-2");
	assert_string_equal(fmt(&setting_type_int16, "\x7f\xff", 2), "32767");
	assert_string_equal(fmt(&setting_type_int32, "\x80\x00\x00\x00", 4),
			    "-2147483648");
	assert_string_equal(fmt(&setting_type_uint32, "\xff\xff\xff\xff", 4),
			    "0xffffffff");
	assert_true(setting_type_uint8.format("12345", 5, (char *)raw, 8) < 0);
}

/** UUID and MAC types */
static void test_types_uuid_mac(void **state)
{
	static const uint8_t uuid[16] = {
		0x86, 0xa9, 0xf5, 0x46, 0xd3, 0x1b, 0x4b, 0xa2,
		0x9b, 0xbb, 0x30, 0x3b, 0x61, 0xbc, 0xf8, 0xd1 };
	uint8_t raw[16];

	assert_string_equal(fmt(&setting_type_uuid, uuid, 16),
			    "86a9f546-d31b-4ba2-9bbb-303b61bcf8d1");
	assert_int_equal(parse(&setting_type_uuid,
			       "86A9F546-D31B-4BA2-9BBB-303B61BCF8D1", raw, 16),
			 16);
	assert_memory_equal(raw, uuid, 16);
	assert_int_equal(parse(&setting_type_uuid,
			       "86a9f546d31b4ba29bbb303b61bcf8d1", raw, 16), 16);
	assert_memory_equal(raw, uuid, 16);
	assert_int_equal(parse(&setting_type_uuid,
			       "86a9f546-d31b-4ba2-9bbb-303b61bcf8dx", raw, 16),
			 -EINVAL);
	assert_int_equal(parse(&setting_type_uuid, "86a9f546", raw, 16),
			 -EINVAL);
	assert_true(setting_type_uuid.format(uuid, 15, (char *)raw, 16) < 0);

	assert_int_equal(parse(&setting_type_mac, "52:54:00:12:34:56", raw, 16),
			 6);
	assert_memory_equal(raw, "\x52\x54\x00\x12\x34\x56", 6);
	assert_string_equal(fmt(&setting_type_mac, raw, 6), "52:54:00:12:34:56");
	assert_int_equal(parse(&setting_type_mac, "52:54:00:12:34", raw, 16),
			 -EINVAL);
	assert_true(setting_type_mac.format(raw, 5, (char *)raw + 8, 8) < 0);

	assert_ptr_equal(setting_type_find("hexhyp"), &setting_type_hexhyp);
	assert_ptr_equal(setting_type_find("uint16"), &setting_type_uint16);
	assert_ptr_equal(setting_type_find("int16"), &setting_type_int16);
	assert_null(setting_type_find("float"));
}

/** Formatting never writes past the buffer, and reports the full length */
static void test_types_small_buffer(void **state)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(setting_type_hex.format("\x01\x02\x03\x04", 4, buf, 5),
			 11);
	assert_string_equal(buf, "01:0");
	assert_int_equal(buf[5], 'X');
	assert_int_equal(setting_type_string.format("abcdef", 6, buf, 3), 6);
	assert_string_equal(buf, "ab");
	assert_int_equal(setting_type_ipv4.format("\x0a\x00\x00\x01", 4, buf, 4),
			 8);
	assert_string_equal(buf, "10.");
	assert_int_equal(setting_type_uuid.format("0123456789abcdef", 16, NULL,
						  0), 36);
	assert_int_equal(setting_type_string.format("abc", 3, NULL, 0), 3);
}

/** Store and fetch raw values of each kind, with :type overrides */
static void test_store_fetch(void **state)
{
	const struct setting_type *type = NULL;
	uint8_t raw[16];
	struct settings *net0 = settings_new_block(NULL, "net0");

	assert_non_null(net0);
	assert_int_equal(settings_store(net0, "mac", NULL,
					"\x52\x54\x00\x12\x34\x56", 6), 0);
	assert_int_equal(settings_fetch("net0/mac", raw, sizeof(raw), &type), 6);
	assert_memory_equal(raw, "\x52\x54\x00\x12\x34\x56", 6);
	assert_ptr_equal(type, &setting_type_hex);
	assert_string_equal(text("net0/mac"), "52:54:00:12:34:56");
	assert_string_equal(text("net0/mac:hexhyp"), "52-54-00-12-34-56");
	assert_string_equal(text("net0/mac:hexraw"), "525400123456");
	assert_string_equal(text("net0/mac:uristring"), "RT%00%124V");
	assert_string_equal(text("mac:hex"), "52:54:00:12:34:56");

	assert_int_equal(settings_store(NULL, "ip", NULL, "\x0a\x00\x00\x64",
					4), 0);
	assert_string_equal(text("ip"), "10.0.0.100");
	assert_string_equal(text("ip:uint32"), "0xa000064");
	assert_string_equal(text("ip:hex"), "0a:00:00:64");
	assert_int_equal(settings_fetch("ip:bogus", raw, 4, NULL), -EINVAL);

	/* unknown names default to string */
	assert_int_equal(settings_store(NULL, "greeting", NULL, "hi", 2), 0);
	assert_int_equal(settings_fetch("greeting", NULL, 0, &type), 2);
	assert_ptr_equal(type, &setting_type_string);

	/* a short buffer still learns the full length */
	assert_int_equal(settings_fetch("net0/mac", raw, 2, NULL), 6);
	assert_int_equal(settings_fetch("nothere", raw, 2, NULL), -ENOENT);
	assert_int_equal(settings_fetch("net9/mac", raw, 2, NULL), -ENOENT);
	assert_string_equal(text("nothere"), "<-2>");
}

/** Text form: settings_store_text() parses with the right type */
static void test_store_text(void **state)
{
	const struct setting_type *type;
	uint8_t raw[8];

	assert_non_null(settings_new_block(NULL, "net0"));
	assert_int_equal(settings_store_text("ip", "192.168.1.2"), 0);
	assert_int_equal(settings_fetch("ip", raw, 8, &type), 4);
	assert_ptr_equal(type, &setting_type_ipv4);
	assert_int_equal(settings_store_text("ip", "192.168.1"), -EINVAL);
	assert_string_equal(text("ip"), "192.168.1.2");

	assert_int_equal(settings_store_text("count:uint8", "7"), 0);
	assert_int_equal(settings_fetch("count", raw, 8, &type), 1);
	assert_ptr_equal(type, &setting_type_uint8);
	assert_string_equal(text("count:int8"), "7");
	assert_int_equal(settings_store_text("count:uint8", "300"), -EINVAL);

	assert_int_equal(settings_store_text("net0/foo", "bar"), 0);
	assert_string_equal(text("net0/foo"), "bar");
	assert_string_equal(text("foo"), "bar");
	assert_int_equal(settings_store_text("net9/foo", "bar"), -ENOENT);
	assert_int_equal(settings_store_text("x:nosuchtype", "1"), -EINVAL);
	assert_int_equal(settings_store_text("", "1"), -EINVAL);

	/* an empty value deletes, as `set name` does in iPXE */
	assert_int_equal(settings_store_text("net0/foo", ""), 0);
	assert_string_equal(text("net0/foo"), "<-2>");
}

/** Search order: block, then children depth-first; root before blocks */
static void test_search_order(void **state)
{
	struct settings *net0 = settings_new_block(NULL, "net0");
	struct settings *dhcp = settings_new_block(net0, "dhcp");
	struct settings *net1 = settings_new_block(NULL, "net1");
	struct settings *dhcp1 = settings_new_block(net1, "dhcp");

	assert_non_null(dhcp);
	assert_non_null(dhcp1);
	assert_string_equal(settings_block_name(dhcp), "net0.dhcp");
	assert_string_equal(settings_block_name(settings_root()), "");
	assert_ptr_equal(settings_find_block("net0.dhcp"), dhcp);
	assert_ptr_equal(settings_find_block("net1.dhcp"), dhcp1);
	assert_ptr_equal(settings_find_block(""), settings_root());
	assert_null(settings_find_block("net0.proxydhcp"));

	assert_int_equal(settings_store_text("net0.dhcp/ip", "10.0.0.5"), 0);
	assert_int_equal(settings_store_text("net1.dhcp/ip", "10.1.0.5"), 0);
	assert_string_equal(text("ip"), "10.0.0.5");
	assert_string_equal(text("net0/ip"), "10.0.0.5");
	assert_string_equal(text("net1/ip"), "10.1.0.5");
	assert_string_equal(text("net1.dhcp/ip"), "10.1.0.5");

	/* a value in the parent overrides its child's; root overrides all */
	assert_int_equal(settings_store_text("net0/ip", "10.0.0.9"), 0);
	assert_string_equal(text("net0/ip"), "10.0.0.9");
	assert_string_equal(text("net0.dhcp/ip"), "10.0.0.5");
	assert_int_equal(settings_store_text("ip", "1.2.3.4"), 0);
	assert_string_equal(text("ip"), "1.2.3.4");
	assert_string_equal(text("net1/ip"), "10.1.0.5");

	/* the full name also works when creating a child */
	assert_ptr_equal(settings_new_block(net0, "net0.dhcp"), dhcp);
}

/** Numeric names resolve to the well-known setting */
static void test_numeric_names(void **state)
{
	const struct setting_def *def;

	def = setting_def_find("17");
	assert_non_null(def);
	assert_string_equal(def->name, "root-path");
	def = setting_def_find("175.190");
	assert_non_null(def);
	assert_string_equal(def->name, "username");
	assert_int_equal(def->tag, (175 << 8) | 190);
	assert_ptr_equal(setting_def_find_tag(50), setting_def_find("ip"));
	assert_ptr_equal(setting_def_find("uuid")->type, &setting_type_uuid);
	assert_null(setting_def_find("175.190.1"));
	assert_null(setting_def_find("256"));
	assert_null(setting_def_find("no-such-setting"));
	assert_null(setting_def_find_tag(0));

	assert_int_equal(settings_store_text("17", "iscsi:10.0.0.1::::iqn.x"),
			 0);
	assert_string_equal(text("root-path"), "iscsi:10.0.0.1::::iqn.x");
	assert_int_equal(settings_store_text("username", "alice"), 0);
	assert_string_equal(text("175.190"), "alice");
	assert_string_equal(text("175.190:hex"), "61:6c:69:63:65");

	/* an unknown number is a name of its own */
	assert_int_equal(settings_store(NULL, "224", &setting_type_hex, "\x01",
					1), 0);
	assert_string_equal(text("224"), "01");
}

/** Clearing values and replacing blocks */
static void test_clear_replace(void **state)
{
	struct settings *net0 = settings_new_block(NULL, "net0");
	struct settings *dhcp = settings_new_block(net0, "dhcp");
	struct settings *again;

	assert_int_equal(settings_store_text("net0.dhcp/filename", "a.efi"), 0);
	assert_int_equal(settings_store_text("filename", "b.efi"), 0);
	assert_string_equal(text("filename"), "b.efi");
	assert_int_equal(settings_clear("filename"), 0);
	assert_string_equal(text("filename"), "a.efi");
	assert_int_equal(settings_clear("filename"), -ENOENT);
	assert_int_equal(settings_clear("net9/filename"), -ENOENT);

	/* storing again replaces, keeping one value */
	assert_int_equal(settings_store_text("net0.dhcp/filename", "c.efi"), 0);
	assert_string_equal(text("filename"), "c.efi");
	assert_int_equal(settings_store(dhcp, "filename", NULL, NULL, 0), 0);
	assert_string_equal(text("filename"), "<-2>");

	/* a new block of the same name starts empty */
	assert_int_equal(settings_store_text("net0.dhcp/ip", "10.0.0.5"), 0);
	again = settings_new_block(net0, "dhcp");
	assert_ptr_equal(again, dhcp);
	assert_string_equal(text("ip"), "<-2>");
	assert_ptr_equal(settings_find_block("net0.dhcp"), again);

	/* freeing a block frees its children */
	settings_free_block(net0);
	assert_null(settings_find_block("net0"));
	assert_null(settings_find_block("net0.dhcp"));
	assert_null(settings_new_block(NULL, "bad/name"));
	assert_null(settings_new_block(NULL, ""));
}

/** settings_foreach visits values in search order with their origin */
static void collect(const struct settings *block, const char *name,
		    const struct setting_type *type, const void *data,
		    size_t len, void *ctx)
{
	char *out = ctx;
	char value[64];

	type->format(data, len, value, sizeof(value));
	snprintf(out + strlen(out), 256 - strlen(out), "%s/%s:%s=%s;",
		 settings_block_name(block), name, type->name, value);
}

/** Walking every value */
static void test_foreach(void **state)
{
	struct settings *net0 = settings_new_block(NULL, "net0");
	char out[256] = "";

	settings_new_block(net0, "dhcp");
	assert_int_equal(settings_store_text("net0.dhcp/ip", "10.0.0.5"), 0);
	assert_int_equal(settings_store_text("net0/hostname", "box"), 0);
	assert_int_equal(settings_store_text("answer:int8", "42"), 0);
	settings_foreach(NULL, collect, out);
	assert_string_equal(out, "/answer:int8=42;net0/hostname:string=box;"
			    "net0.dhcp/ip:ipv4=10.0.0.5;");
	out[0] = '\0';
	settings_foreach(net0, collect, out);
	assert_string_equal(out, "net0/hostname:string=box;"
			    "net0.dhcp/ip:ipv4=10.0.0.5;");
}

/** Text fetches into a small buffer are cut, never overrun */
static void test_fetch_text_small(void **state)
{
	char buf[6];

	assert_int_equal(settings_store_text("root-path", "iscsi:10.0.0.1"), 0);
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(settings_fetch_text("root-path", buf, 5), 14);
	assert_string_equal(buf, "iscs");
	assert_int_equal(buf[5], 'X');
	assert_int_equal(settings_fetch_text("root-path", NULL, 0), 14);
}

/** An alias ("netX") stands for another block and the blocks under it */
static void test_alias(void **state)
{
	struct settings *net1 = settings_new_block(NULL, "net1");
	struct settings *dhcp = settings_new_block(net1, "dhcp");

	assert_non_null(dhcp);
	assert_int_equal(settings_store(dhcp, "ip", NULL, "\x0a\0\0\x05", 4), 0);
	assert_string_equal(text("netX/ip"), "<-2>");
	assert_int_equal(settings_alias("netX", "net1"), 0);
	assert_string_equal(text("netX/ip"), "10.0.0.5");
	assert_string_equal(text("netX.dhcp/ip"), "10.0.0.5");
	assert_int_equal(settings_store_text("netX/hostname", "box"), 0);
	assert_string_equal(text("net1/hostname"), "box");
	assert_string_equal(text("netXY/ip"), "<-2>");
	assert_int_equal(settings_alias("netX", "net7"), 0);
	assert_string_equal(text("netX/ip"), "<-2>");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types_text),
		cmocka_unit_test(test_types_int),
		cmocka_unit_test(test_types_uuid_mac),
		cmocka_unit_test(test_types_small_buffer),
		cmocka_unit_test_setup(test_store_fetch, reset),
		cmocka_unit_test_setup(test_store_text, reset),
		cmocka_unit_test_setup(test_search_order, reset),
		cmocka_unit_test_setup(test_numeric_names, reset),
		cmocka_unit_test_setup(test_clear_replace, reset),
		cmocka_unit_test_setup(test_foreach, reset),
		cmocka_unit_test_setup(test_fetch_text_small, reset),
		cmocka_unit_test_setup(test_alias, reset),
	};

	return cmocka_run_group_tests(tests, NULL, reset);
}
