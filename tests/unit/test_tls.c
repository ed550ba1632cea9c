/** @file Unit tests for net/tls: the words for mbedTLS errors and the alerts servers send, and creating a connection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/tls.h>
#include "lwip/altcp.h"
#include "../../net/tls/tls_int.h"

/** Alerts by RFC 8446's names; unknown numbers have none */
static void test_alert_names(void **state)
{
	(void)state;
	assert_string_equal(tls_alert_name(40), "handshake_failure");
	assert_string_equal(tls_alert_name(70), "protocol_version");
	assert_string_equal(tls_alert_name(116), "certificate_required");
	assert_null(tls_alert_name(-1));
	assert_null(tls_alert_name(41));
	assert_null(tls_alert_name(256));
}

/** A server's alerts: no common suite or version, client certificate refusals, others by name or number */
static void test_alert_words(void **state)
{
	char why[TLS_WHY_MAX];

	(void)state;
	tls_error_words(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, 40, why, sizeof(why));
	assert_string_equal(why, "no common cipher suite/version "
			    "(server sent alert handshake_failure)");
	tls_error_words(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, 70, why, sizeof(why));
	assert_string_equal(why, "no common cipher suite/version "
			    "(server sent alert protocol_version)");
	tls_error_words(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, 48, why, sizeof(why));
	assert_string_equal(why, "the server refused our client certificate "
			    "(server sent alert unknown_ca)");
	tls_error_words(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, 116, why, sizeof(why));
	assert_string_equal(why, "the server requires a client certificate "
			    "(server sent alert certificate_required)");
	tls_error_words(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, 200, why, sizeof(why));
	assert_string_equal(why, "TLS handshake refused (server sent alert 200)");
	tls_error_words(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, -1, why, sizeof(why));
	assert_string_equal(why, "TLS handshake refused (server sent alert -1)");
}

/** An mbedTLS error and the words lwpxe gives it */
struct words_case {
	int err;               /**< mbedTLS error (module + low-level part) */
	const char *words;     /**< what lwpxe says */
};

/** Check the words of each of the @p n @p cases (no alert) */
static void check_words(const struct words_case *cases, size_t n)
{
	char why[TLS_WHY_MAX];

	for (size_t i = 0; i < n; i++) {
		tls_error_words(cases[i].err, -1, why, sizeof(why));
		assert_string_equal(why, cases[i].words);
	}
}

/** mbedTLS's own errors: no common version, the server closing, garbage, the rest by number */
static void test_error_words(void **state)
{
	static const struct words_case cases[] = {
		{ MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION,
		  "no common cipher suite/version" },
		{ MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE,
		  "no common cipher suite/version" },
		{ MBEDTLS_ERR_SSL_CONN_EOF,
		  "the server closed the connection during the TLS handshake" },
		{ MBEDTLS_ERR_SSL_INVALID_RECORD,
		  "malformed TLS message from the server (is it a TLS server?)" },
		{ MBEDTLS_ERR_SSL_BAD_INPUT_DATA,
		  "malformed TLS message from the server (is it a TLS server?)" },
		{ MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION,
		  "malformed TLS message from the server (is it a TLS server?)" },
		{ MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE,
		  "the server chose a TLS option lwpxe did not offer" },
		{ MBEDTLS_ERR_SSL_INVALID_MAC,
		  "a TLS record from the server failed its integrity check" },
		{ -0x1234, "TLS failed (mbedTLS error -0x1234)" },
	};
	char tiny[8];

	(void)state;
	check_words(cases, ARRAY_SIZE(cases));
	tls_error_words(MBEDTLS_ERR_SSL_CONN_EOF, -1, tiny, sizeof(tiny));
	assert_string_equal(tiny, "the ser");
}

/** Errors from checking the server's certificate, key and signature, with or without their ASN.1 part; running out of memory there */
static void test_crypto_words(void **state)
{
	static const struct words_case cases[] = {
		{ MBEDTLS_ERR_X509_INVALID_EXTENSIONS + MBEDTLS_ERR_ASN1_UNEXPECTED_TAG,
		  "malformed certificate from the server" },
		{ MBEDTLS_ERR_X509_INVALID_FORMAT,
		  "malformed certificate from the server" },
		{ MBEDTLS_ERR_PK_INVALID_PUBKEY + MBEDTLS_ERR_ASN1_OUT_OF_DATA,
		  "unusable key in the server's certificate" },
		{ MBEDTLS_ERR_ECP_VERIFY_FAILED,
		  "the server's signature does not verify" },
		{ MBEDTLS_ERR_RSA_VERIFY_FAILED,
		  "the server's signature does not verify" },
		{ MBEDTLS_ERR_ECP_INVALID_KEY, "bad key exchange from the server" },
		{ MBEDTLS_ERR_ECP_BAD_INPUT_DATA + MBEDTLS_ERR_ASN1_INVALID_LENGTH,
		  "bad key exchange from the server" },
		{ MBEDTLS_ERR_SSL_BAD_CERTIFICATE,
		  "malformed certificate from the server" },
		{ MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH,
		  "unusable key in the server's certificate" },
		{ MBEDTLS_ERR_X509_ALLOC_FAILED, "out of memory for TLS" },
	};

	(void)state;
	check_words(cases, ARRAY_SIZE(cases));
}

/** A new connection has an empty cause, and closing it before connecting frees it */
static void test_new_and_close(void **state)
{
	char why[TLS_WHY_MAX] = "old";
	struct altcp_pcb *pcb;

	(void)state;
	pcb = tls_client_new("boot.example", why, sizeof(why));
	assert_non_null(pcb);
	assert_string_equal(why, "");
	assert_int_equal(altcp_close(pcb), ERR_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alert_names),
		cmocka_unit_test(test_alert_words),
		cmocka_unit_test(test_error_words),
		cmocka_unit_test(test_crypto_words),
		cmocka_unit_test(test_new_and_close),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
