/** @file SNTP client (RFC 4330) on lwIP's raw UDP API: one request at a time, repeated until the server answers. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/ntp.h>
#include <lwpxe/poll.h>
#include <lwpxe/random.h>
#include <lwpxe/time.h>
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/udp.h"

/** The NTP server port */
#define NTP_PORT 123

/** Requests sent before giving up, and how long each waits, in ms */
#define NTP_TRIES 3
#define NTP_ANSWER_MS 2000

/** Client request: leap indicator 0, version 4, mode 3 (client) */
#define NTP_REQUEST_FLAGS 0x23

/** The exchange in progress */
struct ntp_exchange {
	uint8_t origin[8];          /**< our transmit timestamp (a nonce) */
	int done;                   /**< a reply was taken (rc says how) */
	int rc;                     /**< 0 or the reply's failure */
	int64_t secs;               /**< the server's time */
	unsigned int ms;            /**< milliseconds past secs */
	char *why;                  /**< words for a bad reply */
	size_t why_len;             /**< room in why */
};

/** lwIP's receive callback: check a reply that echoes our nonce */
static void ntp_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
		     const ip_addr_t *addr, u16_t port)
{
	struct ntp_exchange *x = arg;
	uint8_t pkt[NTP_PACKET_LEN];
	u16_t len = pbuf_copy_partial(p, pkt, sizeof(pkt), 0);

	(void)pcb;
	(void)addr;
	(void)port;
	if (!x->done) {
		x->rc = ntp_parse_reply(pkt, len, x->origin, &x->secs, &x->ms,
					x->why, x->why_len);
		/* a stray packet that is no reply to us is not an answer */
		x->done = x->rc == 0 || len < NTP_PACKET_LEN ||
			  memcmp(pkt + NTP_OFF_ORIGINATE, x->origin, 8) == 0;
	}
	pbuf_free(p);
}

/** Send one request with a fresh nonce to @p server; 0 or -error */
static int ntp_send(struct ntp_exchange *x, struct udp_pcb *pcb,
		    const ip_addr_t *server)
{
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, NTP_PACKET_LEN, PBUF_RAM);
	err_t err;

	if (!p)
		return -ENOMEM;
	random_bytes(x->origin, sizeof(x->origin));
	memset(p->payload, 0, NTP_PACKET_LEN);
	((uint8_t *)p->payload)[0] = NTP_REQUEST_FLAGS;
	memcpy((uint8_t *)p->payload + NTP_OFF_TRANSMIT, x->origin, 8);
	err = udp_sendto(pcb, p, server, NTP_PORT);
	pbuf_free(p);
	if (err == ERR_RTE)
		return -ENETUNREACH;
	return err == ERR_OK ? 0 : -EIO;
}

/** Ask @p server up to NTP_TRIES times; 0 with the time in @p x, or -error */
static int ntp_exchange(struct ntp_exchange *x, struct udp_pcb *pcb,
			const ip_addr_t *server, uint64_t *rtt_ms)
{
	for (int i = 0; i < NTP_TRIES; i++) {
		uint64_t sent = ticks_ms();
		int rc = ntp_send(x, pcb, server);

		if (rc < 0)
			return rc;
		while (!x->done && ticks_ms() - sent < NTP_ANSWER_MS) {
			if (console_cancelled())
				return -ECANCELED;
			step_idle();
		}
		if (x->done) {
			*rtt_ms = ticks_ms() - sent;
			return x->rc;
		}
	}
	snprintf(x->why, x->why_len, "no answer after %d requests (%s)",
		 NTP_TRIES, errmsg(-ETIMEDOUT));
	return -ETIMEDOUT;
}

int ntp_sync(const char *server, char *why, size_t why_len)
{
	struct ntp_exchange x = { .why = why, .why_len = why_len };
	struct udp_pcb *pcb;
	ip_addr_t addr;
	uint32_t ip4;
	uint64_t rtt_ms = 0;
	int rc;

	rc = dns_resolve(server, &ip4, why, why_len);
	if (rc < 0)
		return rc;
	netdev_wait_route(ip4);
	ip_addr_set_ip4_u32(&addr, ip4);
	pcb = udp_new();
	if (!pcb)
		return -ENOMEM;
	udp_recv(pcb, ntp_recv, &x);
	rc = ntp_exchange(&x, pcb, &addr, &rtt_ms);
	udp_remove(pcb);
	if (rc < 0) {
		if (rc != -EPROTO && rc != -ETIMEDOUT)
			snprintf(why, why_len, "%s", errmsg(rc));
		return rc;
	}
	/* the reply left the server about half a round trip ago */
	time_set(x.secs + (int64_t)((x.ms + rtt_ms / 2 + 500) / 1000));
	return 0;
}
