/**
 * @file Fuzz target: a TLS client handshake through net/tls's altcp layer
 * (net/tls/layer.c, conf.c, words.c and the trust store), the server's
 * bytes from the input.
 *
 * The TCP connection under the layer is a fake "wire" (an altcp pcb of
 * this file) that takes what the client sends and hands the input to the
 * layer's receive callback in pieces, as TCP segments would arrive; so
 * partial and coalesced records, bogus lengths, alerts and oversized
 * records reach our receive plumbing, mbedTLS, our verify callback and
 * the words for failures.  The clock and the random numbers are fixed for
 * each input (random_bytes() is wrapped at link time, see fuzz.mk), so the
 * client sends the same bytes every time and a recorded server answer
 * (tests/fuzz/mktls.sh) replays: whole handshakes with certificates that
 * chain to the CA in tls_ca.h, then application data.
 *
 * With FUZZ_TLS_SERVER=PORT and FUZZ_TLS_RECORD=FILE in the environment,
 * the wire is a TCP connection to a server on 127.0.0.1:PORT instead:
 * the input's first two bytes, then everything the server sends, are
 * written to FILE (a new seed), and the program exits.
 */
/* the host's byte order functions for the socket (recording), not lwIP's */
#define LWIP_DONT_PROVIDE_BYTEORDER_FUNCTIONS 1
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <lwpxe/time.h>
#include <lwpxe/tls.h>
#include <lwpxe/trust.h>
#include "lwip/altcp.h"
#include "lwip/priv/altcp_priv.h"
#include "fuzz.h"
#include "tls_ca.h"

/** The name the client asks for (SNI) and checks the certificate against */
#define FUZZ_TLS_SERVER_NAME "fuzz.example"
/** The clock during each input: 2030-01-01 00:00:00 UTC */
#define FUZZ_TLS_NOW 1893456000LL

/** Input flags (second byte) */
#define FUZZ_TLS_EOF 0x01          /**< then the server closes its side */
#define FUZZ_TLS_RESET 0x02        /**< then the connection is reset */
#define FUZZ_TLS_APP_ABORTS 0x04   /**< the application aborts on its first data */
#define FUZZ_TLS_TIGHT 0x08        /**< a small send buffer, room only after acks */
#define FUZZ_TLS_ACKS 0x10         /**< what was sent is acked after each piece */

/** Send buffer of the wire: normal, and with FUZZ_TLS_TIGHT */
#define FUZZ_TLS_ROOM 0xffff
#define FUZZ_TLS_ROOM_TIGHT 300

/** What the application sends once the handshake is done */
static const char fuzz_tls_request[] =
	"GET / HTTP/1.0\r\nHost: " FUZZ_TLS_SERVER_NAME "\r\n\r\n";

/** The fake wire and the application over the TLS connection */
static struct {
	struct altcp_pcb *wire;    /**< the fake inner pcb, NULL once freed */
	struct altcp_pcb *conn;    /**< the TLS pcb, NULL once gone */
	size_t room;               /**< send buffer size */
	size_t unacked;            /**< bytes sent and not acked */
	int flags;                 /**< FUZZ_TLS_* */
	int handshaken;            /**< the application heard the handshake succeed */
	int sock;                  /**< recording: the socket to the server, else -1 */
	FILE *record;              /**< recording: the seed being written */
	char why[TLS_WHY_MAX];     /**< the connection's cause */
} fz;

/** State of the fixed random numbers */
static uint64_t fuzz_tls_rng;

/** random_bytes() for this target: the same numbers for each input (splitmix64) */
void __wrap_random_bytes(void *buf, size_t len);
void __wrap_random_bytes(void *buf, size_t len)
{
	uint8_t *out = buf;

	for (size_t i = 0; i < len; i++) {
		uint64_t z = (fuzz_tls_rng += 0x9e3779b97f4a7c15ULL);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		out[i] = (uint8_t)(z ^ (z >> 31));
	}
}

/** Wire: the client sends @p len bytes (dropped, or to the server when recording) */
static err_t fuzz_wire_write(struct altcp_pcb *pcb, const void *data, u16_t len,
			     u8_t flags)
{
	(void)pcb;
	(void)flags;
	if (len > fz.room - fz.unacked)
		return ERR_MEM;
	if (fz.sock >= 0 && send(fz.sock, data, len, MSG_NOSIGNAL) != len)
		return ERR_CONN;
	fz.unacked += len;
	if (!(fz.flags & FUZZ_TLS_TIGHT))
		fz.unacked = 0;
	return ERR_OK;
}

/** Wire: room in the send buffer */
static u16_t fuzz_wire_sndbuf(struct altcp_pcb *pcb)
{
	(void)pcb;
	return (u16_t)(fz.room - fz.unacked);
}

/** Wire: connecting succeeds at once (the test calls @p connected) */
static err_t fuzz_wire_connect(struct altcp_pcb *pcb, const ip_addr_t *ip,
			       u16_t port, altcp_connected_fn connected)
{
	(void)ip;
	(void)port;
	pcb->connected = connected;
	return ERR_OK;
}

/** Wire: closing or aborting frees it */
static err_t fuzz_wire_close(struct altcp_pcb *pcb)
{
	altcp_free(pcb);
	fz.wire = NULL;
	return ERR_OK;
}

/** Wire: abort (as close) */
static void fuzz_wire_abort(struct altcp_pcb *pcb)
{
	fuzz_wire_close(pcb);
}

/** Wire: nothing to do */
static err_t fuzz_wire_output(struct altcp_pcb *pcb)
{
	(void)pcb;
	return ERR_OK;
}

/** Wire: nothing to do */
static void fuzz_wire_recved(struct altcp_pcb *pcb, u16_t len)
{
	(void)pcb;
	(void)len;
}

/** The wire's functions */
static const struct altcp_functions fuzz_wire_fns = {
	.connect = fuzz_wire_connect,
	.close = fuzz_wire_close,
	.abort = fuzz_wire_abort,
	.write = fuzz_wire_write,
	.output = fuzz_wire_output,
	.sndbuf = fuzz_wire_sndbuf,
	.recved = fuzz_wire_recved,
};

/** Application: the handshake is done; send a request */
static err_t fuzz_app_connected(void *arg, struct altcp_pcb *conn, err_t err)
{
	(void)arg;
	(void)err;
	fuzz_require(fz.why[0] == '\0', "no cause is left after a handshake");
	fz.handshaken = 1;
	if (altcp_write(conn, fuzz_tls_request, sizeof(fuzz_tls_request) - 1,
			TCP_WRITE_FLAG_COPY) == ERR_OK)
		altcp_output(conn);
	return ERR_OK;
}

/** Application: plaintext arrived (NULL: the server closed); abort at once with FUZZ_TLS_APP_ABORTS */
static err_t fuzz_app_recv(void *arg, struct altcp_pcb *conn, struct pbuf *p,
			   err_t err)
{
	(void)arg;
	(void)err;
	if (!p)
		return ERR_OK;
	altcp_recved(conn, p->tot_len);
	pbuf_free(p);
	if (fz.flags & FUZZ_TLS_APP_ABORTS) {
		fz.conn = NULL;
		altcp_abort(conn);
		return ERR_ABRT;
	}
	return ERR_OK;
}

/** Nonzero if the list "(a, b, ...)" at the end of @p why names something twice */
static int fuzz_tls_names_twice(const char *why)
{
	const char *list = strrchr(why, '(');
	char names[TLS_WHY_MAX], *a, *b, *save_a, *save_b, copy[TLS_WHY_MAX];

	if (!list)
		return 0;
	snprintf(names, sizeof(names), "%s", list + 1);
	names[strcspn(names, ")")] = '\0';
	for (a = strtok_r(names, ",", &save_a); a; a = strtok_r(NULL, ",", &save_a)) {
		int seen = 0;

		snprintf(copy, sizeof(copy), "%s", list + 1);
		copy[strcspn(copy, ")")] = '\0';
		for (b = strtok_r(copy, ",", &save_b); b; b = strtok_r(NULL, ",", &save_b))
			seen += strcmp(a + (*a == ' '), b + (*b == ' ')) == 0;
		if (seen > 1)
			return 1;
	}
	return 0;
}

/** Nonzero if @p text holds a control character (a line break, an escape sequence) */
static int fuzz_tls_has_control(const char *text)
{
	for (; *text; text++) {
		if ((unsigned char)*text < 0x20 || *text == 0x7f)
			return 1;
	}
	return 0;
}

/** Application: the connection failed and is gone; check what its cause promises */
static void fuzz_app_err(void *arg, err_t err)
{
	(void)arg;
	(void)err;
	fz.conn = NULL;
	fuzz_require(strlen(fz.why) < sizeof(fz.why) &&
		     !fuzz_tls_has_control(fz.why),
		     "the cause is one line of text");
	fuzz_require(fz.handshaken || fz.why[0] != '\0',
		     "a failed handshake says why");
	fuzz_require(!strstr(fz.why, "mbedTLS error"),
		     "what the server sent gets words, not mbedTLS's number");
	fuzz_require(strncmp(fz.why, "name mismatch:", 14) != 0 ||
		     !fuzz_tls_names_twice(fz.why),
		     "a name mismatch lists each of the certificate's names once");
	/* (mbedTLS reads no certificate with month or day 0) */
	fuzz_require(!strstr(fz.why, "0000-00-00"),
		     "a refusal describes a certificate that was read");
}

/** Trust the CA of the recorded seeds (once) */
static void fuzz_tls_trust(void)
{
	static int done;
	char why[128];

	if (done)
		return;
	done = 1;
	if (trust_add(fuzz_tls_ca, sizeof(fuzz_tls_ca) - 1, why, sizeof(why)) < 0) {
		fprintf(stderr, "fuzz: tls_ca.h: %s\n", why);
		abort();
	}
}

/** A TLS connection over a new wire, its handshake started; 0 or -1 */
static int fuzz_tls_open(void)
{
	struct altcp_pcb *conn, *tcp;
	ip_addr_t ip;

	conn = tls_client_new(FUZZ_TLS_SERVER_NAME, fz.why, sizeof(fz.why));
	if (!conn)
		return -1;
	/* put the wire in place of the TCP connection the layer made */
	tcp = conn->inner_conn;
	fz.wire = altcp_alloc();
	if (!fz.wire) {
		altcp_abort(conn);
		return -1;
	}
	fz.wire->fns = &fuzz_wire_fns;
	altcp_arg(fz.wire, tcp->arg);
	altcp_recv(fz.wire, tcp->recv);
	altcp_sent(fz.wire, tcp->sent);
	altcp_err(fz.wire, tcp->err);
	altcp_err(tcp, NULL);
	altcp_abort(tcp);
	conn->inner_conn = fz.wire;
	fz.conn = conn;
	altcp_recv(conn, fuzz_app_recv);
	altcp_err(conn, fuzz_app_err);
	IP_ADDR4(&ip, 127, 0, 0, 1);
	if (altcp_connect(conn, &ip, 443, fuzz_app_connected) != ERR_OK)
		return -1;
	fz.wire->connected(fz.wire->arg, fz.wire, ERR_OK);
	return 0;
}

/** The server's @p len bytes at @p data reach the client as one segment */
static void fuzz_tls_segment(const uint8_t *data, size_t len)
{
	struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);

	if (!p)
		return;
	memcpy(p->payload, data, len);
	fz.wire->recv(fz.wire->arg, fz.wire, p, ERR_OK);
}

/** What was sent is acknowledged */
static void fuzz_tls_ack(void)
{
	u16_t len = (u16_t)fz.unacked;

	fz.unacked = 0;
	if (len && fz.wire->sent)
		fz.wire->sent(fz.wire->arg, fz.wire, len);
}

/** The connection ends the way the input says: reset, the server's close, else the application's */
static void fuzz_tls_end(void)
{
	altcp_err_fn err;
	void *arg;

	if (fz.conn && fz.wire && (fz.flags & FUZZ_TLS_RESET)) {
		/* as lwIP: the callback, then the pcb is freed */
		err = fz.wire->err;
		arg = fz.wire->arg;
		if (err)
			err(arg, ERR_RST);
		fuzz_wire_close(fz.wire);
		return;
	}
	if (fz.conn && fz.wire && (fz.flags & FUZZ_TLS_EOF))
		fz.wire->recv(fz.wire->arg, fz.wire, NULL, ERR_OK);
	if (fz.conn)
		altcp_close(fz.conn);
	fz.conn = NULL;
}

/** Recording: feed and keep what the server on port @p port sends until it closes; never returns */
static void fuzz_tls_record(const char *port, const char *file,
			    const uint8_t *head)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct pollfd pfd;
	uint8_t buf[4096];
	ssize_t n;

	sa.sin_port = htons((uint16_t)atoi(port));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fz.sock = socket(AF_INET, SOCK_STREAM, 0);
	fz.record = fopen(file, "wb");
	if (fz.sock < 0 || !fz.record ||
	    connect(fz.sock, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    fwrite(head, 1, 2, fz.record) != 2 || fuzz_tls_open() < 0) {
		perror("fuzz: tls: recording");
		exit(1);
	}
	pfd.fd = fz.sock;
	pfd.events = POLLIN;
	/* (10 s: only if the server hangs) */
	while (fz.conn && poll(&pfd, 1, 10000) == 1 &&
	       (n = recv(fz.sock, buf, sizeof(buf), 0)) > 0) {
		fwrite(buf, 1, (size_t)n, fz.record);
		fuzz_tls_segment(buf, (size_t)n);
	}
	fz.flags |= FUZZ_TLS_EOF;
	fuzz_tls_end();
	fprintf(stderr, "fuzz: tls: recorded %ld bytes: %s\n", ftell(fz.record),
		fz.why[0] ? fz.why : "handshake done");
	exit(fclose(fz.record) == 0 ? 0 : 1);
}

/**
 * Input: the size of the pieces the server's bytes arrive in (1 to 128,
 * or with the top bit 128 to 16384 by 128), FUZZ_TLS_* flags, then what
 * the server sends
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t piece, at = 2, len;

	if (size < 2)
		return 0;
	piece = (size_t)(data[0] & 0x7f) + 1;
	if (data[0] & 0x80)
		piece *= 128;
	memset(&fz, 0, sizeof(fz));
	fz.sock = -1;
	fz.flags = data[1];
	fz.room = FUZZ_TLS_ROOM;
	fuzz_tls_rng = 15;
	time_set(FUZZ_TLS_NOW);
	fuzz_tls_trust();
	/* (recording sends everything: the server acks nothing here) */
	if (getenv("FUZZ_TLS_SERVER") && getenv("FUZZ_TLS_RECORD"))
		fuzz_tls_record(getenv("FUZZ_TLS_SERVER"),
				getenv("FUZZ_TLS_RECORD"), data);
	if (fz.flags & FUZZ_TLS_TIGHT)
		fz.room = FUZZ_TLS_ROOM_TIGHT;
	if (fuzz_tls_open() < 0)
		return 0;
	while (at < size && fz.conn && fz.wire) {
		len = size - at < piece ? size - at : piece;
		fuzz_tls_segment(data + at, len);
		at += len;
		if ((fz.flags & FUZZ_TLS_ACKS) && fz.conn && fz.wire)
			fuzz_tls_ack();
	}
	fuzz_tls_end();
	return 0;
}
