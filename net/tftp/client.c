/** @file tftp:// downloads: RFC 1350 with blksize, tsize and windowsize (RFC 2347-2349, 7440) on lwIP's raw UDP API. */
/*
 * Not lwIP's apps/tftp client: in lwIP 2.2.1 it sends no options and
 * cannot read an OACK, so every transfer would be 512-byte blocks, one
 * round trip each. Packets are built and read in packet.c, the window
 * in window.c; this file holds the socket, the timers and the transfer.
 */
#include <stdio.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include <lwpxe/netdev.h>
#include <lwpxe/poll.h>
#include <lwpxe/time.h>
#include "lwip/ip4.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/udp.h"
#include "lwip_err.h"
#include "tftp_int.h"

/** How long to wait for an answer before asking (or ACKing) again, in ms */
#define TFTPC_ANSWER_MS 2000

/** Read requests sent before giving up on a silent server */
#define TFTPC_TRIES 5

/** Longest pause between blocks once data flows, in ms (the server resends) */
#define TFTPC_STALL_MS 15000

/** Blocks per ACK we ask for: few enough for small NIC receive rings */
#define TFTPC_WINDOW 8

/** Largest block we ask for, whatever the MTU (the receive buffer's size) */
#define TFTPC_BLKSIZE_CAP 8192

/** IPv4 and UDP headers in front of a TFTP packet */
#define TFTPC_IP_UDP_LEN 28

/** The transfer in progress (one at a time) */
struct tftpc {
	struct udp_pcb *pcb;        /**< our socket */
	ip_addr_t server;           /**< the server's address */
	u16_t port;                 /**< the server's request port */
	u16_t tid;                  /**< its transfer port, 0 until it answers */
	const char *file;           /**< the file asked for */
	struct tftp_opts ask;       /**< options we ask for */
	int plain;                  /**< ask without options (after ERROR 8) */
	struct tftp_opts opts;      /**< options in force */
	struct tftp_window win;     /**< which block comes next */
	int started;                /**< the server answered: blocks flow */
	int done;                   /**< the last block came */
	int rc;                     /**< failure, 0 if none */
	unsigned int requests;      /**< read requests sent */
	uint64_t sent_ms;           /**< when we last asked or ACKed (or kept a block) */
	uint64_t moved_ms;          /**< when the transfer last moved on */
	struct fetch_buf *buf;      /**< where the data goes */
	char *why;                  /**< words for the failure */
	size_t why_len;             /**< room in why */
};

/** The datagram being read: its header and the largest block we ask for */
static uint8_t tftpc_rx[TFTP_HEADER_LEN + TFTPC_BLKSIZE_CAP];

/** Send the @p len bytes at @p pkt to @p addr:@p port */
static int tftpc_send(struct tftpc *t, const ip_addr_t *addr, u16_t port,
		      const uint8_t *pkt, size_t len)
{
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
	err_t err;

	if (!p)
		return -ENOMEM;
	memcpy(p->payload, pkt, len);
	err = udp_sendto(t->pcb, p, addr, port);
	pbuf_free(p);
	return lwip_err_rc(err);
}

/** Send ERROR @p code with @p msg to @p addr:@p port */
static void tftpc_send_error(struct tftpc *t, const ip_addr_t *addr,
			     u16_t port, unsigned int code, const char *msg)
{
	uint8_t pkt[64];

	tftpc_send(t, addr, port, pkt, tftp_build_error(pkt, sizeof(pkt), code, msg));
}

/** Fail the transfer with @p rc, telling the server (ERROR @p code, @p msg) */
static void tftpc_abort(struct tftpc *t, int rc, unsigned int code,
			const char *msg)
{
	if (t->tid)
		tftpc_send_error(t, &t->server, t->tid, code, msg);
	t->rc = rc;
}

/** Send (again) the read request, with our options unless plain */
static int tftpc_request(struct tftpc *t)
{
	size_t room = strlen(t->file) + 80;
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)room, PBUF_RAM);
	size_t len;
	err_t err;

	if (!p)
		return -ENOMEM;
	len = tftp_build_rrq(p->payload, room, t->file,
			     t->plain ? NULL : &t->ask);
	pbuf_realloc(p, (u16_t)len);
	err = udp_sendto(t->pcb, p, &t->server, t->port);
	pbuf_free(p);
	t->requests++;
	t->sent_ms = ticks_ms();
	return lwip_err_rc(err);
}

/** ACK the last block kept in order (block 0 for an OACK) */
static void tftpc_ack(struct tftpc *t)
{
	uint8_t pkt[TFTP_HEADER_LEN];

	tftpc_send(t, &t->server, t->tid, pkt,
		   tftp_build_ack(pkt, tftp_window_acked(&t->win)));
	t->sent_ms = ticks_ms();
}

/** Blocks flow with options @p o: start the window */
static void tftpc_start(struct tftpc *t, const struct tftp_opts *o)
{
	t->opts = *o;
	t->started = 1;
	t->moved_ms = ticks_ms();
	tftp_window_start(&t->win, o->windowsize);
	if (o->has_tsize)
		t->buf->expected = o->tsize;
}

/** The server agreed to options: OACK @p pkt of @p len bytes */
static void tftpc_on_oack(struct tftpc *t, const uint8_t *pkt, size_t len)
{
	struct tftp_opts got;

	if (t->plain)
		return;                 /* we asked none: not an answer of ours */
	if (t->started) {
		if (tftp_window_acked(&t->win) == 0)
			tftpc_ack(t);   /* our ACK 0 was lost */
		return;
	}
	if (tftp_parse_oack(pkt, len, &t->ask, &got) < 0) {
		snprintf(t->why, t->why_len, "the server's options are unusable");
		tftpc_abort(t, -EPROTO, TFTP_EOPTION, "bad options");
		return;
	}
	tftpc_start(t, &got);
	tftpc_ack(t);
}

/** Keep the @p len bytes of a block; the transfer fails if out of memory */
static void tftpc_keep(struct tftpc *t, const uint8_t *data, size_t len)
{
	if (fetch_buf_append(t->buf, data, len) < 0) {
		snprintf(t->why, t->why_len, "out of memory after %zu bytes",
			 t->buf->len);
		tftpc_abort(t, -ENOMEM, TFTP_ENOSPACE, "out of memory");
		return;
	}
	t->moved_ms = t->sent_ms = ticks_ms();
}

/** A block came: DATA @p pkt of @p len bytes */
static void tftpc_on_data(struct tftpc *t, const uint8_t *pkt, size_t len)
{
	unsigned int block = tftp_block(pkt);
	size_t n = len - TFTP_HEADER_LEN;
	struct tftp_opts plain;
	int last;

	if (!t->started) {
		if (block != 1)
			return;
		tftp_opts_plain(&plain);   /* the server ignored our options */
		tftpc_start(t, &plain);
	}
	if (n > t->opts.blksize)
		return;
	last = n < t->opts.blksize;
	switch (tftp_window_data(&t->win, block, last)) {
	case TFTP_KEEP:
		tftpc_keep(t, pkt + TFTP_HEADER_LEN, n);
		return;
	case TFTP_KEEP_ACK:
		tftpc_keep(t, pkt + TFTP_HEADER_LEN, n);
		if (t->rc)
			return;
		tftpc_ack(t);
		t->done = last;
		return;
	case TFTP_REACK:
		tftpc_ack(t);
		return;
	case TFTP_DROP:
		return;
	}
}

/** The server gave up: ERROR @p pkt of @p len bytes */
static void tftpc_on_error(struct tftpc *t, const uint8_t *pkt, size_t len)
{
	unsigned int code = tftp_block(pkt);
	size_t n;
	const char *msg = tftp_error_text(pkt, len, 60, &n);

	if (code == TFTP_EOPTION && !t->started && !t->plain) {
		t->plain = 1;           /* refused our options: ask without */
		t->tid = 0;
		t->requests = 0;
		t->rc = tftpc_request(t);
		return;
	}
	if (code == TFTP_ENOTFOUND) {
		snprintf(t->why, t->why_len, "file not found");
		t->rc = errno_at(-ENOENT, ERRNO_TFTP_NOT_FOUND);
		return;
	}
	t->rc = code == TFTP_EACCESS ? -EACCES :
		code == TFTP_ENOSPACE ? -ENOSPC : -EPROTO;
	snprintf(t->why, t->why_len, "server error %u: %.*s", code, (int)n, msg);
}

/**
 * Whether a packet from @p addr:@p port belongs to the transfer: the
 * server's address, and the port of its first answer (RFC 1350's
 * transfer ID); a stranger's DATA or OACK gets ERROR 5, nothing else
 */
static int tftpc_ours(struct tftpc *t, const ip_addr_t *addr, u16_t port,
		      unsigned int opcode)
{
	if (ip_addr_cmp(addr, &t->server) && (!t->tid || port == t->tid)) {
		t->tid = port;
		return 1;
	}
	if (opcode == TFTP_DATA || opcode == TFTP_OACK)
		tftpc_send_error(t, addr, port, TFTP_EBADID,
				 "unknown transfer ID");
	return 0;
}

/** lwIP's receive callback: one datagram @p p from @p addr:@p port */
static void tftpc_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
		       const ip_addr_t *addr, u16_t port)
{
	struct tftpc *t = arg;
	size_t len = p->tot_len;
	unsigned int opcode;

	(void)pcb;
	if (len > sizeof(tftpc_rx) || t->done || t->rc)
		len = 0;        /* larger than any block we asked for */
	pbuf_copy_partial(p, tftpc_rx, (u16_t)len, 0);
	pbuf_free(p);
	opcode = tftp_opcode(tftpc_rx, len);
	if (opcode != TFTP_OACK && len < TFTP_HEADER_LEN)
		return;         /* DATA and ERROR carry a number: too short */
	if ((opcode != TFTP_OACK && opcode != TFTP_DATA &&
	     opcode != TFTP_ERROR) || !tftpc_ours(t, addr, port, opcode))
		return;
	if (opcode == TFTP_OACK)
		tftpc_on_oack(t, tftpc_rx, len);
	else if (opcode == TFTP_DATA)
		tftpc_on_data(t, tftpc_rx, len);
	else
		tftpc_on_error(t, tftpc_rx, len);
}

/** One look at the clock: ask or ACK again, or give up; the status so far */
static int tftpc_tick(struct tftpc *t)
{
	uint64_t now = ticks_ms();

	if (!t->started) {
		if (now - t->sent_ms < TFTPC_ANSWER_MS)
			return 0;
		if (t->requests >= TFTPC_TRIES)
			return errno_at(-ETIMEDOUT, ERRNO_TFTP_TIMEOUT);
		return tftpc_request(t);
	}
	if (now - t->moved_ms >= TFTPC_STALL_MS) {
		snprintf(t->why, t->why_len, "no data for %u s after %zu bytes (%s)",
			 TFTPC_STALL_MS / 1000, t->buf->len, errmsg(-ETIMEDOUT));
		tftpc_abort(t, errno_at(-ETIMEDOUT, ERRNO_TFTP_TIMEOUT),
			    TFTP_EUNDEF, "timed out");
		return t->rc;
	}
	if (now - t->sent_ms >= TFTPC_ANSWER_MS)
		tftpc_ack(t);           /* our last ACK may have been lost */
	return 0;
}

/** Step until the transfer ends, fails, or Ctrl-C; its status */
static int tftpc_wait(struct tftpc *t)
{
	int rc = tftpc_request(t);

	while (!rc && !t->done && !t->rc) {
		if (console_cancelled()) {
			tftpc_abort(t, -ECANCELED, TFTP_EUNDEF, "cancelled");
			return -ECANCELED;
		}
		rc = tftpc_tick(t);
		if (!rc)
			step_idle();
	}
	return rc ? rc : t->rc;
}

/** The largest block to @p addr that needs no IP fragments, 512 if no route */
static unsigned int tftpc_blksize(const ip_addr_t *addr)
{
	struct netif *nif = ip4_route(ip_2_ip4(addr));
	unsigned int size;

	if (!nif || nif->mtu <= TFTPC_IP_UDP_LEN + TFTP_HEADER_LEN)
		return TFTP_BLKSIZE_PLAIN;
	size = nif->mtu - TFTPC_IP_UDP_LEN - TFTP_HEADER_LEN;
	return size < TFTPC_BLKSIZE_CAP ? size : TFTPC_BLKSIZE_CAP;
}

/** Download @p file from @p t->server into @p t->buf; the status */
static int tftpc_transfer(struct tftpc *t, const char *file)
{
	int rc;

	t->file = file;
	t->ask.blksize = tftpc_blksize(&t->server);
	t->ask.windowsize = TFTPC_WINDOW;
	t->ask.has_tsize = 1;
	t->ask.tsize = 0;
	t->pcb = udp_new();
	if (!t->pcb)
		return -ENOMEM;
	udp_recv(t->pcb, tftpc_recv, t);
	rc = lwip_err_rc(udp_bind(t->pcb, IP_ANY_TYPE, 0));
	if (!rc)
		rc = tftpc_wait(t);
	udp_remove(t->pcb);
	if (!rc && t->opts.has_tsize && t->buf->len != t->opts.tsize) {
		snprintf(t->why, t->why_len,
			 "got %zu bytes, the server announced %zu (tsize)",
			 t->buf->len, t->opts.tsize);
		rc = -EPROTO;
	}
	return rc;
}

/** Download @p u's file into @p buf; the fetch_protocol method */
static int tftpc_fetch(const char *uri, const struct uri *u,
		       struct fetch_buf *buf, char *why, size_t why_len)
{
	struct tftpc t = { .buf = buf, .why = why, .why_len = why_len };
	char path[sizeof(u->path)];
	uint32_t ip4;
	int rc;

	(void)uri;
	/* the file name is the path without its first '/', %XX decoded */
	rc = uri_decode(u->path + (u->path[0] == '/'), path, sizeof(path));
	if (rc < 0)
		return rc;
	if (!*path) {
		snprintf(why, why_len, "no file name in the URI");
		return -EINVAL;
	}
	rc = dns_resolve(u->host, &ip4, why, why_len);
	if (rc < 0)
		return rc;
	netdev_wait_route(ip4);
	ip_addr_set_ip4_u32(&t.server, ip4);
	t.port = (u16_t)(u->port ? u->port : TFTP_PORT);
	rc = tftpc_transfer(&t, path);
	if (rc == -ETIMEDOUT && !t.started)
		snprintf(why, why_len, "no answer from %s after %u requests (%s)",
			 u->host, TFTPC_TRIES, errmsg(rc));
	return rc;
}

/** The tftp:// protocol */
static const struct fetch_protocol tftpc_protocol = {
	.scheme = "tftp",
	.fetch = tftpc_fetch,
};
FETCH_PROTOCOL(tftpc_protocol);
