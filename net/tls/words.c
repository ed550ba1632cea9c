/** @file The causes of TLS failures in words: mbedTLS's errors and the alerts servers send (RFC 8446 section 6). */
#include <stdio.h>
#include <mbedtls/ssl.h>
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

void tls_error_words(int err, int alert, char *why, size_t why_len)
{
	switch (err) {
	case MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE:
		tls_alert_words(alert, why, why_len);
		return;
	case MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE:
	case MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION:
		snprintf(why, why_len, "no common cipher suite/version");
		return;
	case MBEDTLS_ERR_SSL_CONN_EOF:
		snprintf(why, why_len, "the server closed the connection "
			 "during the TLS handshake");
		return;
	case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
		snprintf(why, why_len, "the server ended the TLS session");
		return;
	case MBEDTLS_ERR_SSL_INVALID_RECORD:
	case MBEDTLS_ERR_SSL_DECODE_ERROR:
	case MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE:
	case MBEDTLS_ERR_SSL_UNEXPECTED_RECORD:
		snprintf(why, why_len, "malformed TLS message from the server "
			 "(is it a TLS server?)");
		return;
	case MBEDTLS_ERR_SSL_ALLOC_FAILED:
		snprintf(why, why_len, "out of memory for TLS");
		return;
	default:
		snprintf(why, why_len, "TLS failed (mbedTLS error -0x%04x)",
			 (unsigned int)-err);
		return;
	}
}
