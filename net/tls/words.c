/** @file The causes of TLS failures in words: mbedTLS's errors and the alerts servers send (RFC 8446 section 6). */
#include <stdio.h>
#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509.h>
#include "tls_int.h"

/** A TLS alert and its name */
struct tls_alert {
	int code;               /**< AlertDescription value */
	const char *name;       /**< its name in RFC 8446 */
};

/** The alerts a server may send, by RFC 8446's names */
static const struct tls_alert tls_alerts[] = {
	{ 0, "close_notify" }, { 10, "unexpected_message" },
	{ 20, "bad_record_mac" }, { 22, "record_overflow" },
	{ 40, "handshake_failure" }, { 42, "bad_certificate" },
	{ 43, "unsupported_certificate" }, { 44, "certificate_revoked" },
	{ 45, "certificate_expired" }, { 46, "certificate_unknown" },
	{ 47, "illegal_parameter" }, { 48, "unknown_ca" },
	{ 49, "access_denied" }, { 50, "decode_error" },
	{ 51, "decrypt_error" }, { 70, "protocol_version" },
	{ 71, "insufficient_security" }, { 80, "internal_error" },
	{ 86, "inappropriate_fallback" }, { 90, "user_canceled" },
	{ 109, "missing_extension" }, { 110, "unsupported_extension" },
	{ 112, "unrecognized_name" }, { 113, "bad_certificate_status_response" },
	{ 115, "unknown_psk_identity" }, { 116, "certificate_required" },
	{ 120, "no_application_protocol" },
};

const char *tls_alert_name(int alert)
{
	for (size_t i = 0; i < sizeof(tls_alerts) / sizeof(tls_alerts[0]); i++) {
		if (tls_alerts[i].code == alert)
			return tls_alerts[i].name;
	}
	return NULL;
}

/** The cause of fatal alert @p alert from the server into @p why */
static void tls_alert_words(int alert, char *why, size_t why_len)
{
	const char *name = tls_alert_name(alert);
	char unknown[24];
	const char *what;

	if (!name) {
		snprintf(unknown, sizeof(unknown), "%d", alert);
		name = unknown;
	}
	switch (alert) {
	case 40: case 70: case 71:
		what = "no common cipher suite/version";
		break;
	case 42: case 43: case 44: case 45: case 46: case 48: case 49:
		what = "the server refused our client certificate";
		break;
	case 116:
		what = "the server requires a client certificate";
		break;
	case 112:
		what = "the server does not serve this name";
		break;
	default:
		what = "TLS handshake refused";
		break;
	}
	snprintf(why, why_len, "%s (server sent alert %s)", what, name);
}

/** mbedTLS's module error in @p err (its low-level part, ASN.1 or bignum, dropped) */
static int tls_module_error(int err)
{
	return -(int)((unsigned int)-err & 0xff80u);
}

/**
 * Words for mbedTLS error @p err from checking what the server sent:
 * its certificate, its key, its signature, its key exchange; NULL if
 * @p err is none of those
 */
static const char *tls_crypto_words(int err)
{
	int module = tls_module_error(err);

	switch (module) {
	case MBEDTLS_ERR_X509_SIG_MISMATCH:
	case MBEDTLS_ERR_PK_SIG_LEN_MISMATCH:
	case MBEDTLS_ERR_RSA_VERIFY_FAILED:
	case MBEDTLS_ERR_RSA_INVALID_PADDING:
	case MBEDTLS_ERR_ECP_VERIFY_FAILED:
	case MBEDTLS_ERR_ECP_SIG_LEN_MISMATCH:
		return "the server's signature does not verify";
	case MBEDTLS_ERR_X509_CERT_VERIFY_FAILED:
		return "the server's certificate was refused";
	case MBEDTLS_ERR_X509_ALLOC_FAILED:
	case MBEDTLS_ERR_PK_ALLOC_FAILED:
	case MBEDTLS_ERR_ECP_ALLOC_FAILED:
		return NULL;
	}
	if (module <= MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE &&
	    module >= MBEDTLS_ERR_X509_BUFFER_TOO_SMALL)
		return "malformed certificate from the server";
	if (module <= MBEDTLS_ERR_PK_BUFFER_TOO_SMALL &&
	    module >= MBEDTLS_ERR_PK_ALLOC_FAILED)
		return "unusable key in the server's certificate";
	if ((module <= MBEDTLS_ERR_RSA_BAD_INPUT_DATA &&
	     module >= MBEDTLS_ERR_RSA_RNG_FAILED) ||
	    (module <= MBEDTLS_ERR_ECP_IN_PROGRESS &&
	     module >= MBEDTLS_ERR_ECP_BAD_INPUT_DATA))
		return "bad key exchange from the server";
	return NULL;
}

/** Words for mbedTLS's TLS error @p err (the record and handshake layer); NULL if none */
static const char *tls_ssl_words(int err)
{
	switch (err) {
	case MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE:
	case MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION:
		return "no common cipher suite/version";
	case MBEDTLS_ERR_SSL_CONN_EOF:
		return "the server closed the connection during the TLS handshake";
	case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
		return "the server ended the TLS session";
	case MBEDTLS_ERR_SSL_INVALID_MAC:
		return "a TLS record from the server failed its integrity check";
	case MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE:
		return "the server chose a TLS option lwpxe did not offer";
	case MBEDTLS_ERR_SSL_BAD_CERTIFICATE:
		return "malformed certificate from the server";
	case MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH:
		return "unusable key in the server's certificate";
	case MBEDTLS_ERR_SSL_INVALID_RECORD:
	case MBEDTLS_ERR_SSL_BAD_INPUT_DATA:       /* a record too long */
	case MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER:
	case MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION:
	case MBEDTLS_ERR_SSL_DECODE_ERROR:
	case MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE:
	case MBEDTLS_ERR_SSL_UNEXPECTED_RECORD:
		return "malformed TLS message from the server (is it a TLS server?)";
	case MBEDTLS_ERR_SSL_ALLOC_FAILED:
	case MBEDTLS_ERR_X509_ALLOC_FAILED:
	case MBEDTLS_ERR_PK_ALLOC_FAILED:
	case MBEDTLS_ERR_ECP_ALLOC_FAILED:
		return "out of memory for TLS";
	default:
		return NULL;
	}
}

void tls_error_words(int err, int alert, char *why, size_t why_len)
{
	const char *words;

	if (err == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE) {
		tls_alert_words(alert, why, why_len);
		return;
	}
	words = tls_crypto_words(err);
	if (!words)
		words = tls_ssl_words(err);
	if (words)
		snprintf(why, why_len, "%s", words);
	else
		snprintf(why, why_len, "TLS failed (mbedTLS error -0x%04x)",
			 (unsigned int)-err);
}
