/** @file HTTP connections on lwIP's altcp: opening one per server, the pool of idle keep-alive connections, timeouts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/poll.h>
#include <lwpxe/time.h>
#include <lwpxe/tls.h>
#include "lwip/altcp.h"
#include "lwip/altcp_tcp.h"
#include "lwip/ip4.h"
#include "lwip/tcp.h"
#include "lwip_err.h"
#include "http_int.h"

/** How long the handshake may take, in ms */
#define HTTP_CONNECT_MS 10000
/** Idle connections kept for reuse */
#define HTTP_POOL_MAX 4

/** Idle connections, most recently used first */
static struct http_conn *http_pool;

unsigned int http_port(const struct uri *u)
{
	if (u->port)
		return u->port;
	return strcmp(u->scheme, "https") == 0 ? 443 : 80;
}

/** The TCP connection at the bottom of @p pcb's layers */
static struct tcp_pcb *http_conn_tcp(struct altcp_pcb *pcb)
{
	while (pcb->inner_conn)
		pcb = pcb->inner_conn;
	return pcb->state;
}

/** Drop @p c's lwIP connection without callbacks (safe inside them) */
static void http_conn_detach(struct http_conn *c)
{
	struct altcp_pcb *pcb = c->pcb;

	if (!pcb)
		return;
	c->pcb = NULL;
	altcp_arg(pcb, NULL);
	altcp_recv(pcb, NULL);
	altcp_err(pcb, NULL);
	if (altcp_close(pcb) != ERR_OK)
		altcp_abort(pcb);
}

/** lwIP: data arrived (NULL when the server closed) */
static err_t http_conn_recv(void *arg, struct altcp_pcb *pcb, struct pbuf *p,
			    err_t err)
{
	struct http_conn *c = arg;

	if (!p) {
		c->closed = 1;
		return ERR_OK;
	}
	c->last_ms = ticks_ms();
	if (!c->rx_fn) {
		/* nothing asked: a server talking on an idle connection */
		c->closed = 1;
		c->rc = -EPROTO;
	}
	for (struct pbuf *q = p; q && !c->rc; q = q->next)
		c->rc = c->rx_fn(c->rx_ctx, q->payload, q->len);
	altcp_recved(pcb, p->tot_len);
	pbuf_free(p);
	return ERR_OK;
}

/** lwIP: the connection failed (the pcb is already freed) */
static void http_conn_err(void *arg, err_t err)
{
	struct http_conn *c = arg;

	if (!c)
		return;
	c->pcb = NULL;
	c->closed = 1;
	if (err == ERR_RST)
		c->rc = c->connected ? -ECONNRESET : -ECONNREFUSED;
	else if (err == ERR_ABRT && !c->connected)
		c->rc = -ETIMEDOUT;
	else
		c->rc = -ECONNABORTED;
}

/** lwIP: the handshake finished */
static err_t http_conn_connected(void *arg, struct altcp_pcb *pcb, err_t err)
{
	struct http_conn *c = arg;
	struct tcp_pcb *tcp = http_conn_tcp(pcb);

	c->connected = 1;
	netdev_fit_tcp_window(netdev_nic(ip4_route(ip_2_ip4(&tcp->remote_ip))),
			      tcp);
	return ERR_OK;
}

/** The TLS client registered by net/tls; NULL in an image without it */
static const struct tls_client *http_tls_client(void)
{
	const struct tls_client *tls;

	TABLE_FOREACH(tls_clients, const struct tls_client *, tls)
		return tls;
	return NULL;
}

/**
 * A new, unconnected lwIP connection for @p u's scheme: plain TCP for
 * http://, TLS over it for https:// (its cause in words in c->tls_why)
 */
static struct altcp_pcb *http_conn_pcb(const struct uri *u,
				       struct http_conn *c)
{
	const struct tls_client *tls = http_tls_client();

	if (strcmp(u->scheme, "https") != 0)
		return altcp_tcp_new_ip_type(IPADDR_TYPE_V4);
	if (!tls) {
		snprintf(c->tls_why, sizeof(c->tls_why),
			 "this image has no TLS (built without HTTPS)");
		return NULL;
	}
	return tls->client_new(u->host, c->tls_why, sizeof(c->tls_why));
}

/** Wait for @p c's handshake; 0 or -error with @p why set */
static int http_conn_wait_connect(struct http_conn *c, char *why,
				  size_t why_len)
{
	while (!c->connected && !c->closed) {
		if (console_cancelled())
			return -ECANCELED;
		if (ticks_ms() - c->last_ms >= HTTP_CONNECT_MS) {
			snprintf(why, why_len, "%s%stimed out after %u s%s",
				 c->tls_why, c->tls_why[0] ? " (" : "connection ",
				 HTTP_CONNECT_MS / 1000, c->tls_why[0] ? ")" : "");
			return -ETIMEDOUT;
		}
		step_idle();
	}
	if (c->connected)
		return 0;
	snprintf(why, why_len, "%s", c->tls_why[0] ? c->tls_why :
		 c->rc == -ECONNREFUSED ? "connection refused" :
		 errmsg(c->rc ? c->rc : -ECONNRESET));
	return c->rc ? c->rc : -ECONNRESET;
}

/** Start connecting @p c to @p addr:@p port; 0 or -error with @p why set */
static int http_conn_start(struct http_conn *c, const struct uri *u,
			   uint32_t addr, char *why, size_t why_len)
{
	ip_addr_t ip;
	err_t err;
	int rc;

	c->pcb = http_conn_pcb(u, c);
	if (!c->pcb) {
		snprintf(why, why_len, "%s", c->tls_why[0] ? c->tls_why :
			 errmsg(-ENOMEM));
		return strcmp(u->scheme, "https") == 0 && !http_tls_client() ?
		       -ENOTSUP : -ENOMEM;
	}
	altcp_arg(c->pcb, c);
	altcp_recv(c->pcb, http_conn_recv);
	altcp_err(c->pcb, http_conn_err);
	altcp_nagle_disable(c->pcb);
	ip_addr_set_ip4_u32(&ip, addr);
	c->last_ms = ticks_ms();
	err = altcp_connect(c->pcb, &ip, (u16_t)c->port, http_conn_connected);
	rc = lwip_err_rc(err);
	if (rc < 0)
		snprintf(why, why_len, "%s", errmsg(rc));
	return rc;
}

int http_conn_open_new(const struct uri *u, struct http_conn **conn,
		       char *why, size_t why_len)
{
	struct http_conn *c;
	uint32_t addr;
	int rc;

	rc = dns_resolve(u->host, &addr, why, why_len);
	if (rc < 0)
		return rc;
	netdev_wait_route(addr);
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	snprintf(c->scheme, sizeof(c->scheme), "%s", u->scheme);
	snprintf(c->host, sizeof(c->host), "%s", u->host);
	c->port = http_port(u);
	rc = http_conn_start(c, u, addr, why, why_len);
	if (rc == 0)
		rc = http_conn_wait_connect(c, why, why_len);
	if (rc < 0) {
		http_conn_release(c, 0);
		return rc;
	}
	*conn = c;
	return 0;
}

/** Take the idle connection to @p u's server out of the pool; NULL if none */
static struct http_conn *http_pool_take(const struct uri *u)
{
	for (struct http_conn **pp = &http_pool; *pp; pp = &(*pp)->next) {
		struct http_conn *c = *pp;

		if (strcmp(c->scheme, u->scheme) == 0 &&
		    strcasecmp(c->host, u->host) == 0 &&
		    c->port == http_port(u)) {
			*pp = c->next;
			c->next = NULL;
			return c;
		}
	}
	return NULL;
}

int http_conn_open(const struct uri *u, struct http_conn **conn,
		   int *reused, char *why, size_t why_len)
{
	struct http_conn *c;

	while ((c = http_pool_take(u)) != NULL) {
		if (!c->closed && c->pcb) {
			*conn = c;
			*reused = 1;
			return 0;
		}
		http_conn_release(c, 0);
	}
	*reused = 0;
	return http_conn_open_new(u, conn, why, why_len);
}

int http_conn_send(struct http_conn *c, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		size_t n;
		int rc;

		if (c->closed || !c->pcb)
			return c->rc ? c->rc : -ECONNRESET;
		n = MIN(len, (size_t)altcp_sndbuf(c->pcb));
		if (n && altcp_sndqueuelen(c->pcb) < TCP_SND_QUEUELEN / 2 &&
		    altcp_write(c->pcb, p, (u16_t)n, TCP_WRITE_FLAG_COPY) ==
		    ERR_OK) {
			p += n;
			len -= n;
			continue;
		}
		altcp_output(c->pcb);
		rc = http_conn_step(c);
		if (rc < 0)
			return rc;
	}
	c->last_ms = ticks_ms();
	altcp_output(c->pcb);
	return 0;
}

int http_conn_step(struct http_conn *c)
{
	if (console_cancelled())
		return -ECANCELED;
	if (ticks_ms() - c->last_ms >= HTTP_IDLE_MS)
		return -ETIMEDOUT;
	step_idle();
	return 0;
}

/** Close the oldest idle connections beyond the pool's size */
static void http_pool_trim(void)
{
	unsigned int n = 0;

	for (struct http_conn **pp = &http_pool; *pp; n++) {
		if (n < HTTP_POOL_MAX) {
			pp = &(*pp)->next;
			continue;
		}
		struct http_conn *c = *pp;

		*pp = c->next;
		http_conn_release(c, 0);
	}
}

void http_conn_release(struct http_conn *c, int keep)
{
	c->rx_fn = NULL;
	c->rx_ctx = NULL;
	if (keep && !c->closed && !c->rc && c->pcb) {
		c->next = http_pool;
		http_pool = c;
		http_pool_trim();
		return;
	}
	http_conn_detach(c);
	free(c);
}
