/** @file tftp:// downloads through lwIP's TFTP client: one transfer at a time, the request repeated until the server answers. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include <lwpxe/poll.h>
#include <lwpxe/time.h>
#include "lwip/apps/tftp_client.h"
#include "lwip/ip_addr.h"

/** How long to wait for the first block before asking again, in ms */
#define TFTPC_ANSWER_MS 2000

/** Read requests sent before giving up on a silent server */
#define TFTPC_TRIES 5

/** Longest pause between blocks once data flows, in ms (the server resends) */
#define TFTPC_STALL_MS 15000

/** The transfer in progress (lwIP's client runs one at a time) */
struct tftpc {
	struct fetch_buf *buf;      /**< where the data goes */
	int done;                   /**< lwIP closed the transfer */
	int rc;                     /**< failure, 0 if none */
	char *why;                  /**< words for the failure */
	size_t why_len;             /**< room in why */
	uint64_t last_ms;           /**< when the last block (or the request) went */
	unsigned long blocks;       /**< blocks received */
};

/** lwIP's open: only a server opens files */
static void *tftpc_open(const char *fname, const char *mode, u8_t write)
{
	(void)fname;
	(void)mode;
	(void)write;
	return NULL;
}

/** lwIP's close: the transfer ended (last block, error or cleanup) */
static void tftpc_close(void *handle)
{
	struct tftpc *t = handle;

	t->done = 1;
}

/** lwIP's read: we never send files */
static int tftpc_read(void *handle, void *buf, int bytes)
{
	(void)handle;
	(void)buf;
	(void)bytes;
	return -1;
}

/** lwIP's write: keep one block of data; -1 (lwIP stops) if out of memory */
static int tftpc_write(void *handle, struct pbuf *p)
{
	struct tftpc *t = handle;

	for (struct pbuf *q = p; q; q = q->next) {
		if (fetch_buf_append(t->buf, q->payload, q->len) < 0) {
			t->rc = -ENOMEM;
			snprintf(t->why, t->why_len,
				 "out of memory after %zu bytes", t->buf->len);
			return -1;
		}
	}
	t->blocks++;
	t->last_ms = ticks_ms();
	return 0;
}

/**
 * The error code of a TFTP ERROR packet: lwIP 2.2 hands it over in
 * network byte order, so a code that does not fit a byte is swapped back
 */
static unsigned int tftpc_code(int err)
{
	unsigned int code = (unsigned int)err & 0xffff;

	return code > 0xff ? lwip_ntohs((u16_t)code) : code;
}

/** lwIP's error: the server sent an ERROR packet with @p msg of @p size bytes */
static void tftpc_error(void *handle, int err, const char *msg, int size)
{
	struct tftpc *t = handle;
	unsigned int code = tftpc_code(err);
	int n = 0;

	while (n < size && n < 80 && msg[n] && msg[n] != '\n')
		n++;
	switch (code) {
	case 1:
		t->rc = -ENOENT;
		snprintf(t->why, t->why_len, "file not found");
		return;
	case 2:
		t->rc = -EACCES;
		break;
	case 3:
		t->rc = -ENOSPC;
		break;
	default:
		t->rc = -EPROTO;
		break;
	}
	snprintf(t->why, t->why_len, "server error %u: %.*s", code, n, msg);
}

/** The callbacks lwIP's client calls */
static const struct tftp_context tftpc_ctx = {
	.open = tftpc_open,
	.close = tftpc_close,
	.read = tftpc_read,
	.write = tftpc_write,
	.error = tftpc_error,
};

/** lwIP error @p err as one of ours */
static int tftpc_lwip_rc(err_t err)
{
	switch (err) {
	case ERR_MEM:
		return -ENOMEM;
	case ERR_RTE:
		return -ENETUNREACH;
	case ERR_USE:
		return -EADDRINUSE;
	case ERR_IF:
		return -ENETDOWN;
	default:
		return -EIO;
	}
}

/** Step until @p t ends, stalls or Ctrl-C; the status of the wait */
static int tftpc_wait(struct tftpc *t)
{
	while (!t->done && !t->rc) {
		uint64_t quiet = ticks_ms() - t->last_ms;

		if (console_cancelled())
			return -ECANCELED;
		if (!t->blocks && quiet >= TFTPC_ANSWER_MS)
			return -ETIMEDOUT;
		if (t->blocks && quiet >= TFTPC_STALL_MS) {
			snprintf(t->why, t->why_len,
				 "no data for %u s after %zu bytes (%s)",
				 TFTPC_STALL_MS / 1000, t->buf->len,
				 errmsg(-ETIMEDOUT));
			return -ETIMEDOUT;
		}
		step_idle();
	}
	return t->rc;
}

/** Send one read request for @p path to @p addr:@p port and wait for the transfer */
static int tftpc_attempt(struct tftpc *t, const ip_addr_t *addr, u16_t port,
			 const char *path)
{
	err_t err;
	int rc;

	err = tftp_init_client(&tftpc_ctx);
	if (err != ERR_OK)
		return tftpc_lwip_rc(err);
	t->done = 0;
	t->last_ms = ticks_ms();
	err = tftp_get(t, addr, port, path, TFTP_MODE_OCTET);
	rc = err == ERR_OK ? tftpc_wait(t) : tftpc_lwip_rc(err);
	tftp_cleanup();
	return rc;
}

/** Download @p u's file into @p buf; the fetch_protocol method */
static int tftpc_fetch(const char *uri, const struct uri *u,
		       struct fetch_buf *buf, char *why, size_t why_len)
{
	struct tftpc t = { .buf = buf, .why = why, .why_len = why_len };
	u16_t port = (u16_t)(u->port ? u->port : TFTP_PORT);
	char path[sizeof(u->path)];
	ip_addr_t addr;
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
	ip_addr_set_ip4_u32(&addr, ip4);
	for (unsigned int try = 0; rc == 0 && try < TFTPC_TRIES; try++) {
		fetch_buf_reset(buf);
		rc = tftpc_attempt(&t, &addr, port, path);
		if (rc == -ETIMEDOUT && !t.blocks && try + 1 < TFTPC_TRIES)
			rc = 0;         /* nothing came back yet: ask again */
		else
			break;
	}
	if (rc == -ETIMEDOUT && !t.blocks)
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
