/** @file Unit tests for iSCSI CHAP and the login state machine (net/iscsi/chap.c, login.c, loginkeys.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include "../../net/iscsi/iscsi_int.h"

/** Credentials of the current test */
static struct iscsi_creds creds;
/** Login under test (large: static) */
static struct iscsi_login login;
/** ISID */
static const uint8_t isid[6] = { 0x80, 1, 2, 3, 4, 5 };

/** CHAP-MD5 against a digest computed independently with Python's hashlib */
static void test_chap_vector(void **state)
{
	/* hashlib.md5(bytes([1]) + b'secretsecret' + bytes(range(16))) */
	static const uint8_t want[16] = { 0x22, 0x6d, 0xc5, 0x76, 0xc3, 0x3f,
		0x04, 0xff, 0x9c, 0x3a, 0x20, 0x0f, 0xfe, 0x35, 0xf4, 0x42 };
	uint8_t chal[16], out[16];
	char hex[40];

	for (int i = 0; i < 16; i++)
		chal[i] = (uint8_t)i;
	iscsi_chap_response(1, "secretsecret", chal, 16, out);
	assert_memory_equal(out, want, 16);
	assert_int_equal(iscsi_chap_verify(1, "secretsecret", chal, 16, want, 16), 0);
	assert_int_equal(iscsi_chap_verify(2, "secretsecret", chal, 16, want, 16),
			 -EACCES);
	assert_int_equal(iscsi_chap_verify(1, "secretsecret", chal, 16, want, 15),
			 -EACCES);
	assert_int_equal(iscsi_chap_encode(want, 16, hex, sizeof(hex)), 34);
	assert_string_equal(hex, "0x226dc576c33f04ff9c3a200ffe35f442");
}

/** CHAP binary values: hex (odd length too) and base64 */
static void test_chap_decode(void **state)
{
	uint8_t out[20];

	assert_int_equal(iscsi_chap_decode("0x0a0B", out, sizeof(out)), 2);
	assert_int_equal(out[0], 0x0a);
	assert_int_equal(out[1], 0x0b);
	assert_int_equal(iscsi_chap_decode("0xabc", out, sizeof(out)), 2);
	assert_int_equal(out[0], 0x0a);
	assert_int_equal(out[1], 0xbc);
	assert_int_equal(iscsi_chap_decode("0bAAECAwQFBgcICQoLDA0ODw==", out,
					   sizeof(out)), 16);
	assert_int_equal(out[15], 15);
	assert_int_equal(iscsi_chap_decode("0xzz", out, sizeof(out)), -EINVAL);
	assert_int_equal(iscsi_chap_decode("1234", out, sizeof(out)), -EINVAL);
	assert_int_equal(iscsi_chap_decode("0x", out, sizeof(out)), -EINVAL);
	assert_int_equal(iscsi_chap_decode("0x000102030405", out, 3), -ENOSPC);
}

/** Build the next request; returns its text length and checks the header */
static int build(uint8_t *bhs)
{
	int len = iscsi_login_build(&login, bhs, 7, 1, 0);

	assert_true(len >= 0);
	assert_int_equal(bhs[0], 0x43);
	assert_memory_equal(bhs + 8, isid, 6);
	assert_int_equal(bhs[5] << 16 | bhs[6] << 8 | bhs[7], len);
	return len;
}

/** Nonzero if request text of @p len holds item @p kv */
static int has(int len, const char *kv)
{
	size_t n = strlen(kv) + 1;

	for (int i = 0; i + (int)n <= len; i += (int)strlen(login.tx + i) + 1) {
		if (!memcmp(login.tx + i, kv, n))
			return 1;
	}
	return 0;
}

/** Feed a Login Response with @p flags, status and text */
static int respond(uint8_t flags, uint16_t status, const char *text, size_t len)
{
	struct iscsi_rx_pdu pdu;

	memset(&pdu, 0, sizeof(pdu));
	pdu.opcode = ISCSI_OP_LOGIN_RSP;
	pdu.flags = flags;
	pdu.sn = (uint32_t)status << 16;
	pdu.lun[7] = 0x22;
	pdu.data_len = (uint32_t)len;
	return iscsi_login_rx(&login, &pdu, text, len);
}

/** Start a login with CHAP credentials, mutual if @p mutual */
static void start_chap(int mutual)
{
	memset(&creds, 0, sizeof(creds));
	strcpy(creds.username, "user");
	strcpy(creds.password, "secretsecret");
	if (mutual) {
		strcpy(creds.rusername, "tgt");
		strcpy(creds.rpassword, "target-secret");
	}
	iscsi_login_init(&login, "iqn.i:x", "iqn.t:y", &creds, isid);
}

/** Walk through CHAP until the target's answer is due */
static void chap_until_response(uint8_t *bhs)
{
	static const char chal[] = "CHAP_A=5\0CHAP_I=1\0"
		"CHAP_C=0x000102030405060708090a0b0c0d0e0f";
	int len;

	len = build(bhs);
	assert_int_equal(bhs[1], 0x81);   /* T, CSG 0, NSG 1 */
	assert_true(has(len, "AuthMethod=CHAP,None"));
	assert_true(has(len, "InitiatorName=iqn.i:x"));
	assert_true(has(len, "TargetName=iqn.t:y"));
	assert_true(has(len, "SessionType=Normal"));
	assert_int_equal(respond(0x01, 0, "AuthMethod=CHAP", 16), ISCSI_LOGIN_MORE);
	len = build(bhs);
	assert_int_equal(bhs[1] & 0x80, 0);
	assert_true(has(len, "CHAP_A=5"));
	assert_int_equal(respond(0x01, 0, chal, sizeof(chal)), ISCSI_LOGIN_MORE);
	len = build(bhs);
	assert_int_equal(bhs[1], 0x81);
	assert_true(has(len, "CHAP_N=user"));
	assert_true(has(len, "CHAP_R=0x226dc576c33f04ff9c3a200ffe35f442"));
}

/** One-way CHAP, then the operational stage to the full feature phase */
static void test_login_chap(void **state)
{
	static const char op[] = "HeaderDigest=None\0DataDigest=None\0"
		"MaxRecvDataSegmentLength=65536\0MaxBurstLength=131072\0"
		"FirstBurstLength=8192\0InitialR2T=Yes\0ImmediateData=No\0"
		"X-Vendor=1\0TargetPortalGroupTag=3";
	uint8_t bhs[48];
	int len;

	start_chap(0);
	chap_until_response(bhs);
	assert_int_equal(respond(0x81, 0, "", 0), ISCSI_LOGIN_MORE);
	assert_int_equal(login.stage, ISCSI_STAGE_OPERATIONAL);
	assert_int_equal(login.chap_used, 1);
	len = build(bhs);
	assert_int_equal(bhs[1], 0x87);   /* T, CSG 1, NSG 3 */
	assert_true(has(len, "HeaderDigest=None,CRC32C"));
	assert_true(has(len, "ErrorRecoveryLevel=0"));
	assert_true(has(len, "MaxRecvDataSegmentLength=262144"));
	assert_int_equal(respond(0x04, 0, op, sizeof(op)), ISCSI_LOGIN_MORE);
	len = build(bhs);
	assert_true(has(len, "X-Vendor=NotUnderstood"));
	assert_int_equal(respond(0x87, 0, "", 0), ISCSI_LOGIN_DONE);
	assert_int_equal(login.params.target_mrdsl, 65536);
	assert_int_equal(login.params.max_burst, 131072);
	assert_int_equal(login.params.first_burst, 8192);
	assert_int_equal(login.params.initial_r2t, 1);
	assert_int_equal(login.params.immediate_data, 0);
	assert_int_equal(login.params.tpgt, 3);
	assert_int_equal(login.tsih, 0x22);
}

/** Mutual CHAP: a right answer passes, a wrong one is an authentication failure */
static void test_login_mutual(void **state)
{
	uint8_t bhs[48], resp[16];
	char text[128], hex[40];
	int n;

	for (int good = 1; good >= 0; good--) {
		start_chap(1);
		chap_until_response(bhs);
		iscsi_chap_response(login.my_id, good ? "target-secret" : "wrong",
				    login.my_c, sizeof(login.my_c), resp);
		iscsi_chap_encode(resp, 16, hex, sizeof(hex));
		n = snprintf(text, sizeof(text), "CHAP_N=tgt%cCHAP_R=%s", 0, hex);
		n = respond(0x81, 0, text, (size_t)n + 1);
		if (good) {
			assert_int_equal(n, ISCSI_LOGIN_MORE);
			assert_int_equal(login.mutual_used, 1);
		} else {
			assert_int_equal(n, -EACCES);
			assert_non_null(strstr(login.why, "authentication failure"));
		}
	}
	/* A target that skips authentication fails mutual CHAP too */
	start_chap(1);
	build(bhs);
	assert_int_equal(respond(0x81, 0, "AuthMethod=None", 16), -EACCES);
	assert_non_null(strstr(login.why, "did not authenticate"));
}

/** Status classes in words, redirects, and Reject of our methods */
static void test_login_status(void **state)
{
	static const char redirect[] = "TargetAddress=10.0.0.9:3261,1";
	uint8_t bhs[48];

	start_chap(0);
	chap_until_response(bhs);
	assert_int_equal(respond(0, 0x0201, "", 0), -EACCES);
	assert_string_equal(login.why, "authentication failure (CHAP)");
	start_chap(0);
	build(bhs);
	assert_int_equal(respond(0, 0x0203, "", 0), -ENOENT);
	assert_string_equal(login.why, "target not found");
	start_chap(0);
	build(bhs);
	assert_int_equal(respond(0, 0x0301, "", 0), -EBUSY);
	assert_string_equal(login.why, "service unavailable");
	start_chap(0);
	build(bhs);
	assert_int_equal(respond(0, 0x0101, redirect, sizeof(redirect)),
			 ISCSI_LOGIN_REDIRECT);
	assert_string_equal(login.redirect, "10.0.0.9:3261,1");
	start_chap(0);
	build(bhs);
	assert_int_equal(respond(0x01, 0, "AuthMethod=Reject", 18), -EACCES);
	/* No credentials but the target insists on CHAP */
	memset(&creds, 0, sizeof(creds));
	iscsi_login_init(&login, "iqn.i:x", "iqn.t:y", &creds, isid);
	assert_true(has(build(bhs), "AuthMethod=None,CHAP"));
	assert_int_equal(respond(0x01, 0, "AuthMethod=CHAP", 16), ISCSI_LOGIN_MORE);
	assert_int_equal(iscsi_login_build(&login, bhs, 1, 1, 0), -EACCES);
	assert_non_null(strstr(login.why, "no username"));
}

/** Response text split over PDUs with the C bit, and malformed text */
static void test_login_continue(void **state)
{
	uint8_t bhs[48];

	memset(&creds, 0, sizeof(creds));
	iscsi_login_init(&login, "iqn.i:x", "iqn.t:y", &creds, isid);
	build(bhs);
	assert_int_equal(respond(0x81, 0, "AuthMethod=None", 16), ISCSI_LOGIN_MORE);
	build(bhs);
	assert_int_equal(respond(0x44, 0, "MaxBurstLen", 11), ISCSI_LOGIN_MORE);
	assert_int_equal(build(bhs), 0);
	assert_int_equal(bhs[1] & 0x80, 0);
	assert_int_equal(respond(0x87, 0, "gth=65536", 10), ISCSI_LOGIN_DONE);
	assert_int_equal(login.params.max_burst, 65536);
	/* C and T together, bad values, no '=' */
	iscsi_login_init(&login, "iqn.i:x", "iqn.t:y", &creds, isid);
	build(bhs);
	assert_int_equal(respond(0xc1, 0, "", 0), -EPROTO);
	iscsi_login_init(&login, "iqn.i:x", "iqn.t:y", &creds, isid);
	build(bhs);
	assert_int_equal(respond(0x81, 0, "garbage", 8), -EBADMSG);
	iscsi_login_init(&login, "iqn.i:x", "iqn.t:y", &creds, isid);
	login.stage = ISCSI_STAGE_OPERATIONAL;
	build(bhs);
	assert_int_equal(respond(0x87, 0, "MaxBurstLength=10", 18), -EPROTO);
	assert_int_equal(respond(0x87, 0, "HeaderDigest=MD5", 17), -EPROTO);
}

/**
 * Log in to the operational stage offering @p offer, check what we offer
 * and answer with the target's @p text
 *
 * @ret rc      what iscsi_login_rx() made of the answer
 */
static int digest_login(enum iscsi_digest_offer offer, const char *want,
			const char *text, size_t len)
{
	uint8_t bhs[48];
	char item[64];
	int n;

	memset(&creds, 0, sizeof(creds));
	iscsi_login_init(&login, "iqn.i:x", "iqn.t:y", &creds, isid);
	login.digest = offer;
	build(bhs);
	assert_int_equal(respond(0x81, 0, "AuthMethod=None", 16), ISCSI_LOGIN_MORE);
	n = build(bhs);
	snprintf(item, sizeof(item), "HeaderDigest=%s", want);
	assert_true(has(n, item));
	snprintf(item, sizeof(item), "DataDigest=%s", want);
	assert_true(has(n, item));
	return respond(0x87, 0, text, len);
}

/** HeaderDigest/DataDigest: offered, required by the target, refused */
static void test_login_digests(void **state)
{
	static const char both[] = "HeaderDigest=CRC32C\0DataDigest=CRC32C";
	static const char none[] = "HeaderDigest=None\0DataDigest=None";
	static const char header[] = "HeaderDigest=CRC32C\0DataDigest=None";
	enum iscsi_digest_offer offer;

	/* By default: none, unless the target insists */
	assert_int_equal(digest_login(ISCSI_DIGEST_AUTO, "None,CRC32C", none,
				      sizeof(none)), ISCSI_LOGIN_DONE);
	assert_int_equal(login.params.header_digest, 0);
	assert_int_equal(login.params.data_digest, 0);
	assert_int_equal(digest_login(ISCSI_DIGEST_AUTO, "None,CRC32C", both,
				      sizeof(both)), ISCSI_LOGIN_DONE);
	assert_int_equal(login.params.header_digest, 1);
	assert_int_equal(login.params.data_digest, 1);
	/* iscsi-digest crc32c: asked for, each key on its own */
	assert_int_equal(digest_login(ISCSI_DIGEST_CRC32C, "CRC32C,None", header,
				      sizeof(header)), ISCSI_LOGIN_DONE);
	assert_int_equal(login.params.header_digest, 1);
	assert_int_equal(login.params.data_digest, 0);
	/* ... and refused by the target: the login goes on without */
	assert_int_equal(digest_login(ISCSI_DIGEST_CRC32C, "CRC32C,None", none,
				      sizeof(none)), ISCSI_LOGIN_DONE);
	assert_int_equal(login.params.header_digest, 0);
	/* iscsi-digest none: a target that insists is refused */
	assert_int_equal(digest_login(ISCSI_DIGEST_NONE, "None", both,
				      sizeof(both)), -ENOTSUP);
	assert_string_equal(login.why, "target insists on HeaderDigest CRC32C "
			    "(iscsi-digest is none)");
	/* An answer that is not one value of our list */
	assert_int_equal(digest_login(ISCSI_DIGEST_AUTO, "None,CRC32C",
				      "DataDigest=CRC32C,None", 23), -EPROTO);
	assert_string_equal(login.why, "target chose DataDigest "
			    "\"CRC32C,None\", which we did not offer");
	/* The setting's values */
	assert_int_equal(iscsi_digest_parse("", &offer), 0);
	assert_int_equal(offer, ISCSI_DIGEST_AUTO);
	assert_int_equal(iscsi_digest_parse("crc32c", &offer), 0);
	assert_int_equal(offer, ISCSI_DIGEST_CRC32C);
	assert_int_equal(iscsi_digest_parse("none", &offer), 0);
	assert_int_equal(offer, ISCSI_DIGEST_NONE);
	assert_int_equal(iscsi_digest_parse("auto", &offer), 0);
	assert_int_equal(offer, ISCSI_DIGEST_AUTO);
	assert_int_equal(iscsi_digest_parse("md5", &offer), -EINVAL);
}

/** Default initiator names */
static void test_default_iqn(void **state)
{
	static const uint8_t uuid[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc,
		0xde, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8 };
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	char buf[ISCSI_NAME_MAX];

	assert_string_equal(iscsi_default_iqn(uuid, mac, buf, sizeof(buf)),
		"iqn.2024-01.org.lwpxe:uuid-12345678-9abc-def0-0102-030405060708");
	assert_string_equal(iscsi_default_iqn(NULL, mac, buf, sizeof(buf)),
		"iqn.2024-01.org.lwpxe:mac-525400123456");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chap_vector),
		cmocka_unit_test(test_chap_decode),
		cmocka_unit_test(test_login_chap),
		cmocka_unit_test(test_login_mutual),
		cmocka_unit_test(test_login_status),
		cmocka_unit_test(test_login_continue),
		cmocka_unit_test(test_login_digests),
		cmocka_unit_test(test_default_iqn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
