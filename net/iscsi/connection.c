/** @file iSCSI connection on lwIP TCP: connect, feed received pbufs, time out, reconnect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/poll.h>
#include <lwpxe/san.h>
#include <lwpxe/time.h>
#include "lwip/ip4.h"
#include "lwip/tcp.h"
#include "lwip_err.h"
#include "iscsi_dev.h"

/** How long the TCP handshake, and then each login step once the target has our PDU, may wait, in ms */
#define LINK_CONNECT_MS 10000
/** How long the whole login may take, however often the target answers, in ms */
#define LINK_LOGIN_MAX_MS 60000
/** Silence with commands in flight that counts as a dead connection, in ms */
#define LINK_IDLE_MS 20000
/** How long close() waits for the Logout Response, in ms */
#define LINK_LOGOUT_MS 2000
/** Redirects followed in a row before giving up */
#define LINK_REDIRECTS_MAX 5
/** Send-queue segments kept free so tcp_write() does not fail */
#define LINK_QUEUE_SPARE 4

/** Every open device */
static struct iscsi_dev *link_devs;

/** Remove @p d from the poller's list */
static void link_forget(struct iscsi_dev *d)
{
	for (struct iscsi_dev **pp = &link_devs; *pp; pp = &(*pp)->next) {
		if (*pp == d) {
			*pp = d->next;
			return;
		}
	}
}

/** The device of session @p s */
static struct iscsi_dev *link_dev(struct iscsi_session *s)
{
	return container_of(s, struct iscsi_dev, s);
}

/** Transport: bytes lwIP will take now */
static size_t link_room(struct iscsi_session *s)
{
	struct iscsi_dev *d = link_dev(s);

	if (!d->pcb || tcp_sndqueuelen(d->pcb) + LINK_QUEUE_SPARE >=
		       TCP_SND_QUEUELEN)
		return 0;
	return tcp_sndbuf(d->pcb);
}

/** Transport: queue bytes (copied) */
static int link_send(struct iscsi_session *s, const void *data, size_t len)
{
	struct iscsi_dev *d = link_dev(s);
	err_t err;

	if (!d->pcb)
		return -ENOTCONN;
	err = tcp_write(d->pcb, data, (u16_t)len,
			TCP_WRITE_FLAG_COPY | TCP_WRITE_FLAG_MORE);
	return err == ERR_OK ? 0 : -ENOBUFS;
}

/** Transport: send what was queued */
static void link_flush(struct iscsi_session *s)
{
	struct iscsi_dev *d = link_dev(s);

	if (d->pcb)
		tcp_output(d->pcb);
}

/** The lwIP transport */
static const struct iscsi_transport link_transport = {
	.room = link_room,
	.send = link_send,
	.flush = link_flush,
};

/** Take the TCP connection from @p d with its callbacks silenced; NULL if none */
static struct tcp_pcb *link_unhook(struct iscsi_dev *d)
{
	struct tcp_pcb *pcb = d->pcb;

	if (!pcb)
		return NULL;
	d->pcb = NULL;
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
	return pcb;
}

/** Drop the TCP connection without callbacks (safe inside lwIP callbacks) */
static void link_detach(struct iscsi_dev *d)
{
	struct tcp_pcb *pcb = link_unhook(d);

	if (pcb)
		tcp_abort(pcb);
}

/** Drop the connection, leave the poller's list and free @p d */
static void link_free(struct iscsi_dev *d)
{
	link_detach(d);
	link_forget(d);
	free(d);
}

/** Note that the connection is gone; the poller decides what next */
static void link_mark_lost(struct iscsi_dev *d, int rc, const char *why)
{
	if (d->lost)
		return;
	if (!d->s.rc)
		iscsi_session_error(&d->s, rc, "%s", why);
	d->lost = 1;
	d->lost_in_login = (d->state == ISCSI_LINK_LOGIN ||
			    d->state == ISCSI_LINK_CONNECTING);
	d->s.phase = ISCSI_PHASE_DOWN;
}

/** When the login gives up: 10 s after @p since (the target's last sign of life), but never past login_by */
static uint64_t link_login_deadline(const struct iscsi_dev *d, uint64_t since)
{
	uint64_t step = since + LINK_CONNECT_MS;

	return step < d->login_by ? step : d->login_by;
}

/** lwIP: received data (NULL when the target closed) */
static err_t link_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p,
		       err_t err)
{
	struct iscsi_dev *d = arg;
	int rc = 0;

	if (!p) {
		link_mark_lost(d, -ECONNRESET, "connection closed by target");
		link_detach(d);
		return ERR_ABRT;
	}
	d->last_rx = ticks_ms();
	if (d->state == ISCSI_LINK_LOGIN)
		d->deadline = link_login_deadline(d, d->last_rx);
	for (struct pbuf *q = p; q && !rc; q = q->next)
		rc = iscsi_session_rx(&d->s, q->payload, q->len);
	tcp_recved(pcb, p->tot_len);
	pbuf_free(p);
	if (d->closing) {
		link_free(d);
		return ERR_ABRT;
	}
	if (rc) {
		link_mark_lost(d, rc ? rc : -ECANCELED, "closed");
		link_detach(d);
		return ERR_ABRT;
	}
	iscsi_session_pump(&d->s);
	return ERR_OK;
}

/** lwIP: sent data was acknowledged, so there is room again */
static err_t link_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct iscsi_dev *d = arg;

	iscsi_session_pump(&d->s);
	return ERR_OK;
}

/** lwIP: the connection failed (the pcb is already freed) */
static void link_err(void *arg, err_t err)
{
	struct iscsi_dev *d = arg;
	int rc = lwip_err_rc(err);

	if (!d)
		return;
	d->pcb = NULL;
	if (err == ERR_RST && d->state == ISCSI_LINK_CONNECTING)
		link_mark_lost(d, -ECONNREFUSED, "connection refused");
	else if (err == ERR_RST)
		link_mark_lost(d, -ECONNRESET, "connection reset by target");
	else if (err == ERR_ABRT && d->state == ISCSI_LINK_CONNECTING)
		link_mark_lost(d, -ETIMEDOUT, "connection timed out");
	else
		link_mark_lost(d, rc, lwip_err_why(err, "TCP connection lost"));
}

/** lwIP: the handshake finished; start the login */
static err_t link_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct iscsi_dev *d = arg;

	d->state = ISCSI_LINK_LOGIN;
	d->last_rx = ticks_ms();
	d->login_by = d->last_rx + LINK_LOGIN_MAX_MS;
	d->deadline = link_login_deadline(d, d->last_rx);
	d->nic = netdev_nic(ip4_route(ip_2_ip4(&d->addr)));
	netdev_fit_tcp_window(d->nic, pcb);
	iscsi_session_start(&d->s, &d->login);
	return ERR_OK;
}

/** Start a TCP connection to the current portal */
static void link_connect(struct iscsi_dev *d)
{
	struct tcp_pcb *pcb = tcp_new();
	err_t err;
	int rc;

	d->lost = 0;
	d->s.rc = 0;
	d->state = ISCSI_LINK_CONNECTING;
	d->deadline = ticks_ms() + LINK_CONNECT_MS;
	if (!pcb) {
		link_mark_lost(d, -ENOMEM, "out of memory");
		return;
	}
	tcp_arg(pcb, d);
	tcp_recv(pcb, link_recv);
	tcp_sent(pcb, link_sent);
	tcp_err(pcb, link_err);
	tcp_nagle_disable(pcb);
	d->pcb = pcb;
	err = tcp_connect(pcb, &d->addr, d->port, link_connected);
	if (err != ERR_OK) {
		link_detach(d);
		rc = lwip_err_rc(err);
		link_mark_lost(d, rc, err == ERR_RTE ? "no route to target" :
			       lwip_err_why(err, "TCP connect"));
	}
}

/** Follow a login redirect "addr[:port][,tpgt]"; 0 or -error */
static int link_redirect(struct iscsi_dev *d)
{
	char host[64];
	const char *text = d->s.redirect;
	const char *colon = strchr(text, ':');
	size_t len = strcspn(text, ":,");
	unsigned long port = ISCSI_PORT;

	if (len >= sizeof(host) || ++d->redirects > LINK_REDIRECTS_MAX)
		return -EPROTO;
	memcpy(host, text, len);
	host[len] = '\0';
	if (colon)
		port = strtoul(colon + 1, NULL, 10);
	if (!ipaddr_aton(host, &d->addr) || !port || port > 65535)
		return -EPROTO;
	d->port = (uint16_t)port;
	return 0;
}

/** Nonzero if a login failure @p rc will not go away by trying again */
static int link_fatal(int rc)
{
	return rc == -EACCES || rc == -EPERM || rc == -ENOENT ||
	       rc == -ENOTSUP;
}

/**
 * Give up: fail every queued request with the reason.  Quietly: the
 * "reconnecting (n/N)" lines told the story, whoever asked for the data
 * says what failed (iscsi_link_open() for the first connection)
 */
static void link_give_up(struct iscsi_dev *d)
{
	d->state = ISCSI_LINK_FAILED;
	if (!d->opening)
		iscsi_session_fail_all(&d->s, d->s.rc ? d->s.rc : -EIO);
}

/** Decide what to do about a lost connection */
static void link_handle_loss(struct iscsi_dev *d)
{
	int rc = d->s.rc;

	link_detach(d);
	iscsi_session_reset(&d->s);
	d->lost = 0;
	if (d->lost_in_login && rc == -EAGAIN && d->s.redirect[0]) {
		if (link_redirect(d) == 0) {
			d->state = ISCSI_LINK_WAIT;
			d->deadline = ticks_ms();
			return;
		}
		iscsi_session_error(&d->s, -EPROTO, "bad redirect to \"%s\"",
				    d->s.redirect);
		link_give_up(d);
		return;
	}
	d->addr = d->home_addr;
	d->port = d->home_port;
	d->redirects = 0;
	if (d->s.completed != d->progress)
		d->attempts = 0;
	d->progress = d->s.completed;
	if (d->opening || (d->lost_in_login && link_fatal(rc)) ||
	    ++d->attempts > d->retries) {
		link_give_up(d);
		return;
	}
	printf("iSCSI %s: %s; reconnecting (%u/%u)\n", d->s.portal, d->s.why,
	       d->attempts, d->retries);
	d->state = ISCSI_LINK_WAIT;
	d->deadline = ticks_ms() + san_retry_delay_ms(d->attempts);
}

/** Nonzero if a task went out and waits for the target */
static int link_waiting(const struct iscsi_dev *d)
{
	for (const struct iscsi_task *t = d->s.tasks; t; t = t->next) {
		if (t->sent)
			return 1;
	}
	return 0;
}

/** Check timers and login progress of one device */
static void link_poll_one(struct iscsi_dev *d)
{
	uint64_t now = ticks_ms();

	if (d->state == ISCSI_LINK_LOGIN && d->s.phase == ISCSI_PHASE_FULL) {
		d->state = ISCSI_LINK_UP;
		d->redirects = 0;
		if (d->attempts && !d->opening)
			printf("iSCSI %s: reconnected\n", d->s.portal);
		iscsi_session_pump(&d->s);
	}
	if (d->state == ISCSI_LINK_LOGIN && d->s.login_result < 0 && !d->lost)
		link_mark_lost(d, d->s.login_result, d->s.why);
	/* a login PDU TCP still retransmits is loss, not a silent target */
	if (d->state == ISCSI_LINK_LOGIN && d->pcb &&
	    (d->pcb->unacked || d->pcb->unsent))
		d->deadline = link_login_deadline(d, now);
	if ((d->state == ISCSI_LINK_CONNECTING || d->state == ISCSI_LINK_LOGIN) &&
	    now > d->deadline && !d->lost)
		link_mark_lost(d, -ETIMEDOUT, d->state != ISCSI_LINK_LOGIN ?
			       "connection timed out" : now >= d->login_by ?
			       "login not done within 60 s" :
			       "no login response within 10 s");
	if (d->state == ISCSI_LINK_UP && !d->lost && link_waiting(d) &&
	    now - d->last_rx > LINK_IDLE_MS)
		link_mark_lost(d, -ETIMEDOUT, "no response for 20 s");
	if (d->lost)
		link_handle_loss(d);
	if (d->state == ISCSI_LINK_WAIT && now >= d->deadline)
		link_connect(d);
	if (d->state == ISCSI_LINK_UP)
		iscsi_session_pump(&d->s);
}

/** Poller: drive every device's connection */
static void link_poll(void)
{
	struct iscsi_dev *next;

	for (struct iscsi_dev *d = link_devs; d; d = next) {
		next = d->next;
		if (d->closing && !d->s.busy) {
			link_free(d);
			continue;
		}
		link_poll_one(d);
	}
}

/** iSCSI connection poller */
static const struct poller iscsi_poller = {
	.name = "iscsi",
	.poll = link_poll,
};
POLLER(iscsi_poller);

int iscsi_link_open(struct iscsi_dev *d)
{
	iscsi_session_init(&d->s, &link_transport, d);
	d->addr = d->home_addr;
	d->port = d->home_port;
	d->opening = 1;
	d->next = link_devs;
	link_devs = d;
	link_connect(d);
	while (d->state != ISCSI_LINK_UP && d->state != ISCSI_LINK_FAILED) {
		if (console_cancelled()) {
			iscsi_session_error(&d->s, -ECANCELED, "cancelled");
			link_detach(d);
			d->state = ISCSI_LINK_FAILED;
			d->lost_in_login = 0;
			break;
		}
		step_idle();
	}
	if (d->state == ISCSI_LINK_FAILED) {
		link_detach(d);
		link_forget(d);
		if (d->lost_in_login && d->s.rc != -ECONNREFUSED &&
		    d->s.rc != -ETIMEDOUT && d->s.rc != -ENETUNREACH)
			printf("iSCSI login to %s failed: %s\n", d->s.portal,
			       d->s.why);
		else
			printf("iSCSI %s: %s\n", d->s.portal, d->s.why);
		return d->s.rc ? d->s.rc : -EIO;
	}
	d->opening = 0;
	return 0;
}

void iscsi_link_kick(struct iscsi_dev *d)
{
	/*
	 * After giving up, a new request gets one attempt, not san-retries
	 * more: a boot loader retrying a read of a dead target hears so in
	 * seconds each time (the first request already waited them out)
	 */
	if (d->state == ISCSI_LINK_FAILED && d->s.tasks && !d->opening) {
		d->attempts = d->retries;
		d->state = ISCSI_LINK_WAIT;
		d->deadline = ticks_ms();
	}
	if (d->state == ISCSI_LINK_UP)
		iscsi_session_pump(&d->s);
}

int iscsi_link_wait(struct iscsi_dev *d, struct iscsi_task *task)
{
	while (!task->done) {
		if (console_cancelled()) {
			if (iscsi_session_cancel(&d->s, task))
				link_mark_lost(d, -ECANCELED, "a write was "
					       "cancelled while its data was "
					       "being sent");
			return -ECANCELED;
		}
		if (d->state == ISCSI_LINK_FAILED) {
			iscsi_session_cancel(&d->s, task);
			return d->s.rc ? d->s.rc : -EIO;
		}
		step_idle();
	}
	return task->rc;
}

int iscsi_link_close(struct iscsi_dev *d)
{
	uint64_t start = ticks_ms();
	struct tcp_pcb *pcb;

	if (d->s.busy) {
		/* Inside a completion: the poller or receive path frees it */
		d->closing = 1;
		iscsi_session_fail_all(&d->s, -ECANCELED);
		return 1;
	}
	/* Out of the poller first: the target hanging up after our
	 * logout is the end we asked for, not a loss to reconnect from */
	link_forget(d);
	if (d->state == ISCSI_LINK_UP && d->pcb) {
		iscsi_session_logout(&d->s);
		while (d->pcb && !d->lost && d->s.phase == ISCSI_PHASE_LOGOUT &&
		       ticks_ms() - start < LINK_LOGOUT_MS)
			step_idle();
	}
	pcb = link_unhook(d);
	if (pcb && tcp_close(pcb) != ERR_OK)
		tcp_abort(pcb);
	d->state = ISCSI_LINK_IDLE;
	iscsi_session_fail_all(&d->s, -ECANCELED);
	return 0;
}
