/** @file The TLS altcp layer: an mbedTLS client session over an inner altcp_tcp connection, driven from its callbacks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/tls.h>
#include <lwpxe/trust.h>
#include "lwip/altcp.h"
#include "lwip/altcp_tcp.h"
#include "lwip/priv/altcp_priv.h"
#include "tls_int.h"

/** Most plaintext handed to the application in one pbuf (a full record) */
#define TLS_READ_MAX 16384

/** One TLS connection: the altcp pcb's state */
struct tls_state {
	mbedtls_ssl_context ssl;    /**< the mbedTLS session */
	struct altcp_pcb *conn;     /**< our pcb (inner_conn is the TCP one) */
	struct pbuf *rx;            /**< ciphertext received, not yet read by mbedTLS */
	char server[256];           /**< the server's name, as the certificate must carry it */
	char *why;                  /**< the caller's buffer for the cause */
	size_t why_len;             /**< its size */
	int verify_said;            /**< the verify callback described a refusal */
	int tcp_up;                 /**< the TCP connection is established */
	int handshaken;             /**< the handshake succeeded */
	int eof;                    /**< the server closed its side of TCP */
	int told_closed;            /**< the application was told of the close */
};

static const struct altcp_functions tls_functions;

/** mbedTLS's send: queue encrypted bytes on the inner connection */
static int tls_bio_send(void *ctx, const unsigned char *buf, size_t len)
{
	struct tls_state *t = ctx;
	struct altcp_pcb *inner = t->conn->inner_conn;
	u16_t n;

	if (!inner)
		return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
	n = (u16_t)LWIP_MIN(len, altcp_sndbuf(inner));
	if (!n || altcp_write(inner, buf, n, TCP_WRITE_FLAG_COPY) != ERR_OK)
		return MBEDTLS_ERR_SSL_WANT_WRITE;
	return n;
}

/** mbedTLS's receive: bytes from the pbufs received (0 at the server's close) */
static int tls_bio_recv(void *ctx, unsigned char *buf, size_t len)
{
	struct tls_state *t = ctx;
	u16_t n;

	if (!t->rx)
		return t->eof ? 0 : MBEDTLS_ERR_SSL_WANT_READ;
	n = pbuf_copy_partial(t->rx, buf, (u16_t)LWIP_MIN(len, t->rx->tot_len), 0);
	t->rx = pbuf_free_header(t->rx, n);
	if (t->conn->inner_conn)
		altcp_recved(t->conn->inner_conn, n);
	return n;
}

/** Describe why the server's certificate @p crt was refused, @p flags as mbedTLS's verification gives them */
static void tls_cert_words(struct tls_state *t, uint32_t flags,
			   const mbedtls_x509_crt *crt)
{
	/* mbedTLS skips certificates it cannot read and verifies none */
	if (!crt || !crt->raw.len)
		snprintf(t->why, t->why_len, "the server sent no certificate "
			 "lwpxe can read (none, or an unknown signature algorithm)");
	else
		trust_describe(flags, crt, t->server, t->why, t->why_len);
}

/** mbedTLS's per-certificate check: describe the problem nearest the root */
static int tls_verify(void *ctx, mbedtls_x509_crt *crt, int depth,
		      uint32_t *flags)
{
	struct tls_state *t = ctx;

	(void)depth;
	if (*flags && !t->verify_said) {
		tls_cert_words(t, *flags, crt);
		t->verify_said = 1;
	}
	return 0;
}

/** Stop the inner connection's callbacks reaching us */
static void tls_inner_detach(struct altcp_pcb *inner)
{
	altcp_arg(inner, NULL);
	altcp_recv(inner, NULL);
	altcp_sent(inner, NULL);
	altcp_err(inner, NULL);
}

/** Abort @p conn's inner connection and free @p conn (no callbacks) */
static void tls_abort(struct altcp_pcb *conn)
{
	struct altcp_pcb *inner = conn->inner_conn;

	if (inner) {
		conn->inner_conn = NULL;
		tls_inner_detach(inner);
		altcp_abort(inner);
	}
	altcp_free(conn);
}

/** The fatal alert the server sent, read from the record mbedTLS kept; -1 if none */
static int tls_received_alert(struct tls_state *t)
{
	const unsigned char *msg = t->ssl.MBEDTLS_PRIVATE(in_msg);

	if (!msg || t->ssl.MBEDTLS_PRIVATE(in_msgtype) != MBEDTLS_SSL_MSG_ALERT)
		return -1;
	return msg[1];
}

/** Describe mbedTLS error @p rc, end the connection and tell the application */
static void tls_fail(struct altcp_pcb *conn, int rc)
{
	struct tls_state *t = conn->state;
	altcp_err_fn err = conn->err;
	void *arg = conn->arg;

	if (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED && !t->verify_said)
		tls_cert_words(t, mbedtls_ssl_get_verify_result(&t->ssl),
			       mbedtls_ssl_get_peer_cert(&t->ssl));
	else if (rc != MBEDTLS_ERR_X509_CERT_VERIFY_FAILED)
		tls_error_words(rc, tls_received_alert(t), t->why, t->why_len);
	tls_abort(conn);
	if (err)
		err(arg, ERR_CLSD);
}

/** Tell the application once that the server closed; ERR_ABRT if it aborted */
static err_t tls_tell_closed(struct altcp_pcb *conn)
{
	struct tls_state *t = conn->state;

	if (t->told_closed || !conn->recv)
		return ERR_OK;
	t->told_closed = 1;
	return conn->recv(conn->arg, conn, NULL, ERR_OK);
}

/** Hand one record's plaintext to the application; 1 if there was some, 0 if none yet, or -mbedTLS error / ERR_ABRT as an err_t (below 0) */
static int tls_read_one(struct altcp_pcb *conn, err_t *err)
{
	struct tls_state *t = conn->state;
	struct pbuf *p = pbuf_alloc(PBUF_RAW, TLS_READ_MAX, PBUF_RAM);
	int n;

	*err = ERR_OK;
	if (!p)
		return 0;       /* read again when more arrives */
	n = mbedtls_ssl_read(&t->ssl, p->payload, TLS_READ_MAX);
	if (n <= 0) {
		pbuf_free(p);
		return n;
	}
	pbuf_realloc(p, (u16_t)n);
	if (!conn->recv) {
		pbuf_free(p);
		return 1;
	}
	*err = conn->recv(conn->arg, conn, p, ERR_OK);
	if (*err != ERR_OK && *err != ERR_ABRT)
		pbuf_free(p);   /* refused: the application asked for no more */
	return 1;
}

/** Nonzero if mbedTLS's read result @p n (with @p rx_before bytes waiting before it) asks to read again now */
static int tls_read_again(struct tls_state *t, int n, size_t rx_before)
{
	if (n > 0 || n == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
		return 1;
	/* a record that was not data (a ticket) used bytes: more may wait */
	return n == MBEDTLS_ERR_SSL_WANT_READ && t->rx &&
		t->rx->tot_len != rx_before;
}

/** Read every whole record received and hand it on; ERR_ABRT if @p conn is gone */
static err_t tls_read(struct altcp_pcb *conn)
{
	struct tls_state *t = conn->state;
	size_t before;
	err_t err;
	int n;

	do {
		before = t->rx ? t->rx->tot_len : 0;
		n = tls_read_one(conn, &err);
		if (err == ERR_ABRT)
			return ERR_ABRT;
	} while (err == ERR_OK && tls_read_again(t, n, before));
	if (conn->inner_conn)
		altcp_output(conn->inner_conn);
	if (err != ERR_OK)
		return ERR_OK;
	if (n == MBEDTLS_ERR_SSL_WANT_READ || n == MBEDTLS_ERR_SSL_WANT_WRITE)
		return t->eof && !t->rx ? tls_tell_closed(conn) : ERR_OK;
	if (n == 0 || n == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY ||
	    n == MBEDTLS_ERR_SSL_CONN_EOF)
		return tls_tell_closed(conn);
	tls_fail(conn, n);
	return ERR_ABRT;
}

/** Move @p conn on: the handshake until it ends, then records to the application; ERR_ABRT if @p conn is gone */
static err_t tls_drive(struct altcp_pcb *conn)
{
	struct tls_state *t = conn->state;
	int rc;

	if (!t->handshaken) {
		rc = mbedtls_ssl_handshake(&t->ssl);
		if (conn->inner_conn)
			altcp_output(conn->inner_conn);
		if (rc == MBEDTLS_ERR_SSL_WANT_READ ||
		    rc == MBEDTLS_ERR_SSL_WANT_WRITE)
			return ERR_OK;
		if (rc != 0) {
			tls_fail(conn, rc);
			return ERR_ABRT;
		}
		t->handshaken = 1;
		t->why[0] = '\0';
		if (conn->connected &&
		    conn->connected(conn->arg, conn, ERR_OK) == ERR_ABRT)
			return ERR_ABRT;
	}
	return tls_read(conn);
}

/** Inner connection: TCP is up, the handshake starts */
static err_t tls_inner_connected(void *arg, struct altcp_pcb *inner, err_t err)
{
	struct altcp_pcb *conn = arg;
	struct tls_state *t = conn->state;

	t->tcp_up = 1;
	snprintf(t->why, t->why_len, "no TLS answer from the server");
	return tls_drive(conn);
}

/** Inner connection: ciphertext arrived (NULL: the server closed) */
static err_t tls_inner_recv(void *arg, struct altcp_pcb *inner, struct pbuf *p,
			    err_t err)
{
	struct altcp_pcb *conn = arg;
	struct tls_state *t = conn->state;

	if (!p) {
		t->eof = 1;
	} else {
		if (t->rx)
			pbuf_cat(t->rx, p);
		else
			t->rx = p;
		if (!t->handshaken)
			snprintf(t->why, t->why_len, "the server stopped "
				 "answering during the TLS handshake");
	}
	return tls_drive(conn);
}

/** Inner connection: ciphertext was acknowledged, room to send more */
static err_t tls_inner_sent(void *arg, struct altcp_pcb *inner, u16_t len)
{
	struct altcp_pcb *conn = arg;
	struct tls_state *t = conn->state;

	if (!t->handshaken)
		return tls_drive(conn);
	return conn->sent ? conn->sent(conn->arg, conn, len) : ERR_OK;
}

/** Inner connection: it failed and is freed; so is @p arg, after the application heard */
static void tls_inner_err(void *arg, err_t err)
{
	struct altcp_pcb *conn = arg;
	struct tls_state *t = conn->state;
	altcp_err_fn err_fn = conn->err;
	void *app_arg = conn->arg;

	conn->inner_conn = NULL;
	if (t->tcp_up && !t->handshaken)
		snprintf(t->why, t->why_len, "the server reset the connection "
			 "during the TLS handshake");
	altcp_free(conn);
	if (err_fn)
		err_fn(app_arg, err);
}

/** Set up @p t's mbedTLS session for @p server; 0 or an mbedTLS error */
static int tls_session_setup(struct tls_state *t, const char *server)
{
	const mbedtls_ssl_config *conf = tls_config(t->why, t->why_len);
	int rc;

	if (!conf)
		return MBEDTLS_ERR_SSL_BAD_CONFIG;
	mbedtls_ssl_init(&t->ssl);
	snprintf(t->server, sizeof(t->server), "%s", server);
	rc = mbedtls_ssl_setup(&t->ssl, conf);
	if (rc == 0)
		rc = mbedtls_ssl_set_hostname(&t->ssl, server);
	if (rc != 0) {
		tls_error_words(rc, -1, t->why, t->why_len);
		return rc;
	}
	mbedtls_ssl_set_verify(&t->ssl, tls_verify, t);
	mbedtls_ssl_set_bio(&t->ssl, t, tls_bio_send, tls_bio_recv, NULL);
	return 0;
}

struct altcp_pcb *tls_client_new(const char *server, char *why,
				 size_t why_len)
{
	struct tls_state *t = calloc(1, sizeof(*t));
	struct altcp_pcb *inner = altcp_tcp_new_ip_type(IPADDR_TYPE_V4);
	struct altcp_pcb *conn = altcp_alloc();

	snprintf(why, why_len, "out of memory for TLS");
	if (!t || !inner || !conn) {
		free(t);
		if (inner)
			altcp_abort(inner);
		if (conn)
			altcp_free(conn);
		return NULL;
	}
	t->why = why;
	t->why_len = why_len;
	t->conn = conn;
	conn->fns = &tls_functions;
	conn->state = t;
	conn->inner_conn = inner;
	if (tls_session_setup(t, server) != 0) {
		tls_abort(conn);
		return NULL;
	}
	why[0] = '\0';
	altcp_arg(inner, conn);
	altcp_recv(inner, tls_inner_recv);
	altcp_sent(inner, tls_inner_sent);
	altcp_err(inner, tls_inner_err);
	return conn;
}

/** altcp: connect to @p ip:@p port; @p connected runs after the handshake */
static err_t tls_connect(struct altcp_pcb *conn, const ip_addr_t *ip,
			 u16_t port, altcp_connected_fn connected)
{
	conn->connected = connected;
	return altcp_connect(conn->inner_conn, ip, port, tls_inner_connected);
}

/** altcp: close, with a close_notify if the session is up */
static err_t tls_close(struct altcp_pcb *conn)
{
	struct tls_state *t = conn->state;
	struct altcp_pcb *inner = conn->inner_conn;

	if (inner) {
		if (t->handshaken)
			mbedtls_ssl_close_notify(&t->ssl);
		conn->inner_conn = NULL;
		tls_inner_detach(inner);
		if (altcp_close(inner) != ERR_OK)
			altcp_abort(inner);
	}
	altcp_free(conn);
	return ERR_OK;
}

/** The bytes a record adds to @p len bytes of plaintext, at most */
static size_t tls_overhead(struct tls_state *t, size_t len)
{
	int exp = mbedtls_ssl_get_record_expansion(&t->ssl);

	return (size_t)(exp > 0 ? exp : 256) * (len / TLS_READ_MAX + 1);
}

/** altcp: encrypt and queue @p len bytes; ERR_MEM (nothing queued) if they do not fit */
static err_t tls_write(struct altcp_pcb *conn, const void *data, u16_t len,
		       u8_t apiflags)
{
	struct tls_state *t = conn->state;
	const unsigned char *p = data;

	if (!t->handshaken || !conn->inner_conn)
		return ERR_CONN;
	if (len + tls_overhead(t, len) > altcp_sndbuf(conn->inner_conn))
		return ERR_MEM;
	while (len) {
		int n = mbedtls_ssl_write(&t->ssl, p, len);

		if (n == MBEDTLS_ERR_SSL_WANT_WRITE)
			return ERR_MEM;
		if (n < 0)
			return ERR_ABRT;
		p += n;
		len -= (u16_t)n;
	}
	return ERR_OK;
}

/** altcp: plaintext bytes that fit in the inner send buffer now, in one record */
static u16_t tls_sndbuf(struct altcp_pcb *conn)
{
	struct tls_state *t = conn->state;
	size_t room;

	if (!t->handshaken || !conn->inner_conn)
		return 0;
	room = altcp_sndbuf(conn->inner_conn);
	if (room <= tls_overhead(t, 0))
		return 0;
	return (u16_t)LWIP_MIN(room - tls_overhead(t, 0), TLS_READ_MAX - 1);
}

/** altcp: the application took data (the inner window opened as mbedTLS read it) */
static void tls_recved(struct altcp_pcb *conn, u16_t len)
{
}

/** altcp: abort without close_notify */
static void tls_abort_fn(struct altcp_pcb *conn)
{
	tls_abort(conn);
}

/** altcp: free the state of a pcb being freed */
static void tls_dealloc(struct altcp_pcb *conn)
{
	struct tls_state *t = conn->state;

	if (!t)
		return;
	conn->state = NULL;
	mbedtls_ssl_free(&t->ssl);
	if (t->rx)
		pbuf_free(t->rx);
	free(t);
}

/** The TLS layer's altcp functions (the rest pass to the inner connection) */
static const struct altcp_functions tls_functions = {
	.set_poll = altcp_default_set_poll,
	.recved = tls_recved,
	.bind = altcp_default_bind,
	.connect = tls_connect,
	.abort = tls_abort_fn,
	.close = tls_close,
	.shutdown = altcp_default_shutdown,
	.write = tls_write,
	.output = altcp_default_output,
	.mss = altcp_default_mss,
	.sndbuf = tls_sndbuf,
	.sndqueuelen = altcp_default_sndqueuelen,
	.nagle_disable = altcp_default_nagle_disable,
	.nagle_enable = altcp_default_nagle_enable,
	.nagle_disabled = altcp_default_nagle_disabled,
	.setprio = altcp_default_setprio,
	.dealloc = tls_dealloc,
	.addrinfo = altcp_default_get_tcp_addrinfo,
	.getip = altcp_default_get_ip,
	.getport = altcp_default_get_port,
#ifdef LWIP_DEBUG
	.dbg_get_tcp_state = altcp_default_dbg_get_tcp_state,
#endif
};

/** The TLS client, for net/http */
static const struct tls_client tls_client = {
	.client_new = tls_client_new,
};
TLS_CLIENT(tls_client);
