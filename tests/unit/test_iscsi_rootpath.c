/** @file Unit tests for iSCSI root paths, text keys and SCSI sense words (net/iscsi). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include "../../net/iscsi/iscsi_int.h"
#include "platform_stub.h"

/** A good root path with every field */
static void test_rootpath_full(void **state)
{
	struct iscsi_rootpath rp;
	static const uint8_t lun[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };

	assert_int_equal(iscsi_rootpath_parse("iscsi:10.0.2.2:6:3261:1:"
			 "iqn.2001-04.com.example:disk1", &rp), 0);
	assert_string_equal(rp.server, "10.0.2.2");
	assert_int_equal(rp.port, 3261);
	assert_memory_equal(rp.lun, lun, 8);
	assert_string_equal(rp.target, "iqn.2001-04.com.example:disk1");
	assert_int_equal(rp.ipv6, 0);
}

/** Empty protocol, port and LUN take their defaults; DNS names are kept */
static void test_rootpath_defaults(void **state)
{
	struct iscsi_rootpath rp;
	static const uint8_t zero[8];

	assert_int_equal(iscsi_rootpath_parse("ISCSI:san.example.com::::"
			 "iqn.x:y", &rp), 0);
	assert_string_equal(rp.server, "san.example.com");
	assert_int_equal(rp.port, 3260);
	assert_memory_equal(rp.lun, zero, 8);
	assert_string_equal(rp.target, "iqn.x:y");
}

/** IPv6 in brackets and a four-level hex LUN */
static void test_rootpath_ipv6_lun(void **state)
{
	struct iscsi_rootpath rp;
	static const uint8_t lun[8] = { 0x47, 0x52, 0x3a, 0x4f, 0x6b, 0x7e,
					0x2f, 0x99 };
	char text[32];

	assert_int_equal(iscsi_rootpath_parse("iscsi:[fe80::1:2]::3260:"
			 "4752-3A4F-6b7e-2F99:iqn.a:b", &rp), 0);
	assert_string_equal(rp.server, "fe80::1:2");
	assert_int_equal(rp.ipv6, 1);
	assert_memory_equal(rp.lun, lun, 8);
	assert_string_equal(iscsi_lun_text(lun, text, sizeof(text)),
			    "4752-3a4f-6b7e-2f99");
	assert_int_equal(iscsi_rootpath_parse("iscsi:h:::0-1-0-0:t", &rp), 0);
	assert_int_equal(rp.lun[3], 1);
	assert_string_equal(iscsi_lun_text(rp.lun, text, sizeof(text)), "0-1");
}

/** Each bad field is named in one line */
static void test_rootpath_bad(void **state)
{
	static const struct {
		const char *text;
		const char *line;
	} cases[] = {
		{ "iscsi:10.0.0.1::x::iqn.t", "bad port \"x\"" },
		{ "iscsi:10.0.0.1::70000::iqn.t", "bad port \"70000\"" },
		{ "iscsi:10.0.0.1::0::iqn.t", "bad port \"0\"" },
		{ "iscsi:10.0.0.1:::1-2-3-4-5:iqn.t", "bad LUN \"1-2-3-4-5\"" },
		{ "iscsi:10.0.0.1:::12345:iqn.t", "bad LUN \"12345\"" },
		{ "iscsi:10.0.0.1:::g:iqn.t", "bad LUN \"g\"" },
		{ "iscsi:10.0.0.1:::1--2:iqn.t", "bad LUN \"1--2\"" },
		{ "iscsi:10.0.0.1:17:::iqn.t", "bad protocol" },
		{ "iscsi:10.0.0.1::::", "bad target name \"\"" },
		{ "iscsi:::::iqn.t", "bad server \"\"" },
		{ "iscsi:bad host::::iqn.t", "bad server \"bad host\"" },
		{ "iscsi:[fe80::1::::iqn.t", "bad server" },
		{ "iscsi:[zz::1]::::iqn.t", "bad server \"zz::1\"" },
		{ "iscsi:10.0.0.1:iqn.t", "too few fields" },
		{ "http://x/y", "not an iscsi: URI" },
	};
	struct iscsi_rootpath rp;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		stub_console_reset();
		assert_int_equal(iscsi_rootpath_parse(cases[i].text, &rp),
				 -EINVAL);
		if (!strstr(stub_console_output(), cases[i].line))
			fail_msg("%s: got \"%s\"", cases[i].text,
				 stub_console_output());
		assert_non_null(strstr(stub_console_output(), "iSCSI root-path"));
	}
}

/** Collect key=value pairs */
static int collect(const char *key, const char *value, void *ctx)
{
	char *out = ctx;

	strcat(out, key);
	strcat(out, "|");
	strcat(out, value);
	strcat(out, ";");
	return 0;
}

/** Text keys: build, walk, reject malformed */
static void test_text_keys(void **state)
{
	char buf[64];
	char out[128] = "";
	size_t len = 0;

	assert_int_equal(iscsi_text_add(buf, sizeof(buf), &len, "A", "%d", 5), 0);
	assert_int_equal(iscsi_text_add(buf, sizeof(buf), &len, "Key", "v=w"), 0);
	assert_int_equal(len, 12);
	assert_memory_equal(buf, "A=5\0Key=v=w\0", 12);
	assert_int_equal(iscsi_text_foreach(buf, len, collect, out), 0);
	assert_string_equal(out, "A|5;Key|v=w;");
	len = 0;
	assert_int_equal(iscsi_text_add(buf, 8, &len, "Long", "%s", "value"),
			 -ENOSPC);
	assert_int_equal(iscsi_text_foreach("A=1", 3, collect, out), -EBADMSG);
	assert_int_equal(iscsi_text_foreach("novalue\0", 8, collect, out),
			 -EBADMSG);
	assert_int_equal(iscsi_text_foreach("=x\0", 3, collect, out), -EBADMSG);
}

/** Sense data in words, fixed and descriptor formats */
static void test_sense(void **state)
{
	uint8_t fixed[18] = { 0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0,
			      0x3a, 0x00 };
	uint8_t desc[8] = { 0x72, 0x06, 0x29, 0x00 };
	uint8_t odd[18] = { 0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0,
			    0x55, 0x66 };
	char words[80];

	assert_string_equal(scsi_sense_text(fixed, sizeof(fixed), words,
					    sizeof(words)),
			    "Not ready: medium not present");
	assert_int_equal(scsi_sense_rc(fixed, sizeof(fixed)), -EBUSY);
	assert_string_equal(scsi_sense_text(desc, sizeof(desc), words,
					    sizeof(words)),
			    "Unit attention: power on, reset or bus device "
			    "reset occurred");
	assert_int_equal(scsi_sense_key(desc, sizeof(desc)), 6);
	assert_string_equal(scsi_sense_text(odd, sizeof(odd), words,
					    sizeof(words)),
			    "Illegal request: ASC/ASCQ 55/66");
	assert_int_equal(scsi_sense_key(fixed, 2), -1);
}

/** CDBs and READ CAPACITY decoding */
static void test_scsi_cdbs(void **state)
{
	static const uint8_t cap10[8] = { 0, 0, 0xff, 0xff, 0, 0, 2, 0 };
	static const uint8_t big10[8] = { 0xff, 0xff, 0xff, 0xff, 0, 0, 2, 0 };
	static const uint8_t cap16[12] = { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 16, 0 };
	uint8_t cdb[16];
	uint64_t blocks;
	uint32_t bs;

	scsi_cdb_rw(cdb, 0, 0x12345678, 8);
	assert_int_equal(cdb[0], 0x28);
	assert_int_equal(iscsi_get32(cdb + 2), 0x12345678);
	assert_int_equal(cdb[8], 8);
	scsi_cdb_rw(cdb, 1, 0x100000000ULL, 8);
	assert_int_equal(cdb[0], 0x8a);
	assert_int_equal(iscsi_get32(cdb + 2), 1);
	assert_int_equal(iscsi_get32(cdb + 10), 8);
	scsi_cdb_rw(cdb, 0, 0, 0x10000);
	assert_int_equal(cdb[0], 0x88);
	assert_int_equal(scsi_parse_capacity(cap10, 8, 0, &blocks, &bs), 0);
	assert_int_equal(blocks, 0x10000);
	assert_int_equal(bs, 512);
	assert_int_equal(scsi_parse_capacity(big10, 8, 0, &blocks, &bs), 1);
	assert_int_equal(scsi_parse_capacity(cap16, 12, 1, &blocks, &bs), 0);
	assert_int_equal(blocks, 0x100000001ULL);
	assert_int_equal(bs, 4096);
	assert_int_equal(scsi_parse_capacity(cap10, 7, 0, &blocks, &bs), -EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rootpath_full),
		cmocka_unit_test(test_rootpath_defaults),
		cmocka_unit_test(test_rootpath_ipv6_lun),
		cmocka_unit_test(test_rootpath_bad),
		cmocka_unit_test(test_text_keys),
		cmocka_unit_test(test_sense),
		cmocka_unit_test(test_scsi_cdbs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
