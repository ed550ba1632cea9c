/** @file TLS client connections (TLS 1.2 and 1.3 on mbedTLS): an lwIP altcp layer over TCP whose server is checked against the trust store. */
#ifndef LWPXE_TLS_H
#define LWPXE_TLS_H

#include <stddef.h>
#include <lwpxe/compiler.h>

struct altcp_pcb;

/** Room for the cause of a TLS failure, one line */
#define TLS_WHY_MAX 192

/**
 * A new, unconnected TLS client connection over TCP (IPv4) to
 * @p server, which is sent as the server name (SNI) and which the
 * certificate must carry; altcp_connect() connects it, and its
 * connected callback runs once the handshake succeeded
 *
 * @v why       the connection's cause in words, written while it
 *              lives: what the handshake waits for (the server says
 *              nothing, stopped answering), why it failed (certificate
 *              refused, no common cipher suite/version, closed by the
 *              server), "" once the handshake succeeded; it must
 *              outlive the connection, whose err callback follows a failure
 * @ret pcb     the connection, or NULL (out of memory, with @p why set)
 */
struct altcp_pcb *tls_client_new(const char *server, char *why,
				 size_t why_len);

/**
 * The TLS client, as net/tls registers it: code outside net/tls reaches
 * it through this table, as an image may leave net/tls out
 */
struct tls_client {
	/** tls_client_new() */
	struct altcp_pcb *(*client_new)(const char *server, char *why,
					size_t why_len);
};

/** Register the TLS client */
#define TLS_CLIENT(object) TABLE_ENTRY(tls_clients, object)
TABLE_DECLARE(tls_clients);

#endif
