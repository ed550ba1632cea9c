/** @file TLS layer internals shared by net/tls/: the configuration all connections share and the words for failures. */
#ifndef LWPXE_TLS_INT_H
#define LWPXE_TLS_INT_H

#include <stddef.h>
#include <mbedtls/ssl.h>

/**
 * The client configuration every connection shares: TLS 1.2 and 1.3,
 * the trust store's roots (verification required), the client
 * certificate if there is one, random_bytes() as the RNG
 *
 * @ret conf    the configuration, or NULL with @p why set
 */
const mbedtls_ssl_config *tls_config(char *why, size_t why_len);

/** The name of TLS alert @p alert ("handshake_failure"); NULL if unknown */
const char *tls_alert_name(int alert);

/**
 * One line's cause for mbedTLS error @p err that ended a handshake or a
 * connection into @p why
 *
 * @v alert     the fatal alert the server sent, for
 *              MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE (-1 if unknown)
 */
void tls_error_words(int err, int alert, char *why, size_t why_len);

#endif
