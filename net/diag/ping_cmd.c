/** @file The `ping` command: ICMP echo requests on an lwIP raw PCB, as iPXE's ping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/console.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/poll.h>
#include <lwpxe/script.h>
#include <lwpxe/time.h>
#include "lwip/inet_chksum.h"
#include "lwip/ip4_addr.h"
#include "lwip/pbuf.h"
#include "lwip/prot/icmp.h"
#include "lwip/prot/ip4.h"
#include "lwip/raw.h"

/** Defaults, as iPXE's: 64 bytes of payload, one request a second, no end */
#define PING_DEFAULT_SIZE 64
#define PING_DEFAULT_TIMEOUT_MS 1000
/** Largest payload: what fits in one Ethernet frame without fragments */
#define PING_MAX_SIZE 1472

/** One run of `ping` */
struct ping {
	uint16_t id;            /**< identifier in our requests */
	uint16_t seq;           /**< sequence number of the request in flight */
	int answered;           /**< nonzero once it got its reply */
	ip4_addr_t peer;        /**< who we ping */
};

/**
 * Raw PCB receive callback: take the echo reply to our request in flight
 *
 * @ret eaten   1 if it was ours (freed), 0 to let lwIP's ICMP see it
 */
static u8_t ping_recv(void *arg, struct raw_pcb *pcb, struct pbuf *p,
		      const ip_addr_t *addr)
{
	struct ping *ping = arg;
	struct icmp_echo_hdr echo;
	uint16_t hlen;

	(void)pcb;
	if (p->len < IP_HLEN)
		return 0;
	hlen = (uint16_t)(IPH_HL((struct ip_hdr *)p->payload) * 4);
	if (pbuf_copy_partial(p, &echo, sizeof(echo), hlen) != sizeof(echo) ||
	    ICMPH_TYPE(&echo) != ICMP_ER || lwip_ntohs(echo.id) != ping->id ||
	    lwip_ntohs(echo.seqno) != ping->seq ||
	    !ip4_addr_eq(ip_2_ip4(addr), &ping->peer))
		return 0;
	ping->answered = 1;
	pbuf_free(p);
	return 1;
}

/** Send echo request number ping->seq with @p size bytes of payload; 0 or -error */
static int ping_send(struct ping *ping, struct raw_pcb *pcb, unsigned int size)
{
	uint16_t len = (uint16_t)(sizeof(struct icmp_echo_hdr) + size);
	struct pbuf *p = pbuf_alloc(PBUF_IP, len, PBUF_RAM);
	struct icmp_echo_hdr *echo;
	ip_addr_t dest;
	err_t err;

	if (!p)
		return -ENOMEM;
	echo = p->payload;
	ICMPH_TYPE_SET(echo, ICMP_ECHO);
	ICMPH_CODE_SET(echo, 0);
	echo->id = lwip_htons(ping->id);
	echo->seqno = lwip_htons(ping->seq);
	for (unsigned int i = 0; i < size; i++)
		((uint8_t *)(echo + 1))[i] = (uint8_t)i;
	echo->chksum = 0;
	echo->chksum = inet_chksum(echo, len);
	ip_addr_copy_from_ip4(dest, ping->peer);
	err = raw_sendto(pcb, p, &dest);
	pbuf_free(p);
	if (err == ERR_RTE)
		return -ENETUNREACH;
	return err == ERR_OK ? 0 : -EIO;
}

/**
 * Wait out one interval of @p timeout_ms from @p start, noting the reply
 *
 * @ret rc      0, or -ECANCELED on Ctrl-C
 */
static int ping_wait(struct ping *ping, uint64_t start,
		     unsigned long timeout_ms, unsigned int size, int quiet)
{
	char peer[IP4ADDR_STRLEN_MAX];
	int reported = 0;

	ip4addr_ntoa_r(&ping->peer, peer, sizeof(peer));
	while (ticks_ms() - start < timeout_ms) {
		if (console_cancelled())
			return -ECANCELED;
		if (ping->answered && !reported && !quiet) {
			printf("%u bytes from %s: seq=%u\n", size, peer,
			       ping->seq);
			reported = 1;
		}
		step_idle();
	}
	if (!ping->answered && !quiet)
		printf("%u bytes from %s: seq=%u: timed out\n", size, peer,
		       ping->seq);
	return 0;
}

/**
 * Ping @p peer @p count times (0: until Ctrl-C) every @p timeout_ms
 *
 * @ret replies number of replies, or -error
 */
static int ping_run(struct ping *ping, unsigned int size,
		    unsigned long timeout_ms, unsigned long count, int quiet)
{
	struct raw_pcb *pcb = raw_new(IP_PROTO_ICMP);
	int replies = 0;
	int rc = 0;

	if (!pcb)
		return -ENOMEM;
	raw_recv(pcb, ping_recv, ping);
	for (unsigned long n = 0; !count || n < count; n++) {
		uint64_t start = ticks_ms();

		ping->seq++;
		ping->answered = 0;
		rc = ping_send(ping, pcb, size);
		if (rc == 0)
			rc = ping_wait(ping, start, timeout_ms, size, quiet);
		if (rc < 0)
			break;
		replies += ping->answered;
	}
	raw_remove(pcb);
	return rc < 0 ? rc : replies;
}

/** Option ids */
enum {
	PING_OPT_SIZE = 1,
	PING_OPT_TIMEOUT,
	PING_OPT_COUNT,
	PING_OPT_QUIET,
};

/** Options of `ping` */
static const struct cmd_option ping_opts[] = {
	{ .name = "size", .short_name = 's', .has_arg = 1, .id = PING_OPT_SIZE },
	{ .name = "timeout", .short_name = 't', .has_arg = 1,
	  .id = PING_OPT_TIMEOUT },
	{ .name = "count", .short_name = 'c', .has_arg = 1,
	  .id = PING_OPT_COUNT },
	{ .name = "quiet", .short_name = 'q', .id = PING_OPT_QUIET },
};

static const struct command ping_cmd;

/** Parse option value @p arg as a number up to @p max; 0 or -EINVAL (said) */
static int ping_number(const char *what, const char *arg, unsigned long max,
		       unsigned long *value)
{
	char *end;

	*value = strtoul(arg, &end, 10);
	if (!*arg || *end || *value > max) {
		printf("%sping: invalid %s \"%s\"\n", script_where(), what, arg);
		return -EINVAL;
	}
	return 0;
}

/**
 * `ping [--size N] [--timeout MS] [--count N] [--quiet] HOST`: succeed
 * once HOST answered at least one echo request
 */
static int ping_exec(int argc, char **argv)
{
	static uint16_t ping_next_id = 0x4c57;
	unsigned long size = PING_DEFAULT_SIZE;
	unsigned long timeout = PING_DEFAULT_TIMEOUT_MS;
	unsigned long count = 0;
	struct ping ping = { .id = ping_next_id++ };
	int quiet = 0, optind = 1, id, rc;
	uint32_t addr;
	char why[200];
	char *arg;

	while ((id = parse_options(&ping_cmd, ping_opts, ARRAY_SIZE(ping_opts),
				   argc, argv, &optind, &arg)) > 0) {
		rc = 0;
		if (id == PING_OPT_SIZE)
			rc = ping_number("size", arg, PING_MAX_SIZE, &size);
		else if (id == PING_OPT_TIMEOUT)
			rc = ping_number("timeout", arg, 3600000, &timeout);
		else if (id == PING_OPT_COUNT)
			rc = ping_number("count", arg, 0xffffffffu, &count);
		else
			quiet = 1;
		if (rc < 0)
			return rc;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1 || !timeout)
		return command_usage(&ping_cmd);
	rc = dns_resolve(argv[optind], &addr, why, sizeof(why));
	if (rc < 0) {
		printf("%sping: %s\n", script_where(), why);
		return rc;
	}
	netdev_wait_route(addr);
	ping.peer.addr = addr;
	rc = ping_run(&ping, (unsigned int)size, timeout, count, quiet);
	if (rc > 0)
		return 0;
	if (rc == 0)
		rc = -ETIMEDOUT;
	printf("%sping: %s: %s\n", script_where(), argv[optind],
	       rc == -ETIMEDOUT ? "no reply" : errmsg(rc));
	return rc;
}

/** The `ping` command */
static const struct command ping_cmd = {
	.name = "ping",
	.usage = "[--size N] [--timeout MS] [--count N] [--quiet] host",
	.exec = ping_exec,
};
COMMAND(ping_cmd);
