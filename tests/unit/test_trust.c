/** @file Unit tests for the trust store (src/trust): built-in roots, hostile signature files, chains that do not verify. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/time.h>
#include <lwpxe/trust.h>

/** A CMS ContentInfo of type id-data (not signed data) holding an empty string */
static const uint8_t trust_data_info[] = {
	0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07,
	0x01, 0xa0, 0x02, 0x04, 0x00,
};

/** A signed-data ContentInfo whose inner SEQUENCE claims far more than there is */
static const uint8_t trust_oversized[] = {
	0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
	0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x84, 0x7f, 0xff, 0xff, 0xf0, 0x30,
};

/** Check @p sig (@p len bytes) over "image" fails as malformed, saying @p want */
static void check_malformed(const void *sig, size_t len, const char *want)
{
	char why[128];

	assert_int_equal(trust_verify_signature("image", 5, sig, len, NULL,
						why, sizeof(why)), -EBADMSG);
	assert_string_equal(why, want);
}

/** Empty, garbage, oversized and truncated files are malformed */
static void test_malformed(void **state)
{
	uint8_t garbage[512];

	(void)state;
	srand(1);
	for (size_t i = 0; i < sizeof(garbage); i++)
		garbage[i] = (uint8_t)rand();
	check_malformed(garbage, 0, "malformed signature file: not DER CMS/PKCS#7");
	check_malformed(garbage, sizeof(garbage),
			"malformed signature file: not DER CMS/PKCS#7");
	check_malformed(trust_oversized, sizeof(trust_oversized),
			"malformed signature file: not DER CMS/PKCS#7");
	for (size_t len = 1; len < sizeof(trust_data_info); len++) {
		uint8_t *copy = malloc(len);

		memcpy(copy, trust_data_info, len);
		assert_int_equal(trust_verify_signature("image", 5, copy, len,
							NULL, (char[128]){ 0 },
							128), -EBADMSG);
		free(copy);
	}
}

/** A well-formed ContentInfo of another type is not signed data */
static void test_wrong_type(void **state)
{
	(void)state;
	check_malformed(trust_data_info, sizeof(trust_data_info),
			"malformed signature file: not CMS signed data");
}

/** The built-in roots parse; ISRG Root X1 verifies as itself, but not under another name */
static void test_roots(void **state)
{
	mbedtls_x509_crt *root = trust_roots();
	mbedtls_x509_crt one;
	char why[256], name[96] = "";

	(void)state;
	assert_true(trust_root_count() > 100);
	for (; root && root->raw.p; root = root->next) {
		trust_cert_name(root, name, sizeof(name));
		if (strcmp(name, "ISRG Root X1") == 0)
			break;
	}
	assert_string_equal(name, "ISRG Root X1");
	/* a fixed clock inside the root's validity: nothing depends on the date */
	time_set(1735689600);   /* 2025-01-01 */
	mbedtls_x509_crt_init(&one);
	assert_int_equal(mbedtls_x509_crt_parse_der(&one, root->raw.p,
						    root->raw.len), 0);
	if (trust_verify(&one, NULL, why, sizeof(why)) != 0)
		fail_msg("%s", why);
	assert_int_equal(trust_verify(&one, "host.invalid", why, sizeof(why)),
			 -EPERM);
	assert_string_equal(why, "name mismatch: host.invalid is not in the "
			    "certificate's names (ISRG Root X1)");
	time_set(4102444800LL); /* 2100-01-01 */
	assert_int_equal(trust_verify(&one, NULL, why, sizeof(why)), -EACCES);
	assert_string_equal(why, "certificate ISRG Root X1 expired on 2035-06-04");
	mbedtls_x509_crt_free(&one);
}

/** trust_add() refuses data without certificates */
static void test_add_garbage(void **state)
{
	unsigned int before = trust_root_count();
	char why[64];

	(void)state;
	assert_int_equal(trust_add("-----BEGIN CERTIFICATE-----\nAAAA\n", 33,
				   why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "no certificate in it");
	assert_int_equal(trust_add("\x30\x03\x02\x01\x00", 5, why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(trust_root_count(), before);
}

/** trust_set_client() refuses truncated or garbage certificates and keys, leaving none */
static void test_set_client_garbage(void **state)
{
	static const char pem_cert[] = "-----BEGIN CERTIFICATE-----\nAAAA\n";
	static const char pem_key[] = "-----BEGIN PRIVATE KEY-----\nAAAA\n"
		"-----END PRIVATE KEY-----\n";
	const mbedtls_x509_crt *root = trust_roots();
	char why[64];

	(void)state;
	assert_int_equal(trust_set_client(pem_cert, sizeof(pem_cert) - 1,
					  pem_key, sizeof(pem_key) - 1, why,
					  sizeof(why)), -EINVAL);
	assert_string_equal(why, "no certificate in it");
	/* a real certificate, but a key cut short */
	assert_int_equal(trust_set_client(root->raw.p, root->raw.len,
					  "\x30\x82\x01", 3, why, sizeof(why)),
			 -EINVAL);
	assert_string_equal(why, "no unencrypted private key in it");
	assert_null(trust_client_cert());
	assert_null(trust_client_key());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_roots),
		cmocka_unit_test(test_add_garbage),
		cmocka_unit_test(test_set_client_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
