/**
 * @file Fuzz target: DNS answers, as lwIP's resolver (under net/dns/)
 * reads them: a query for a new name each time, answered through a fake
 * NIC from the server's address and port.
 */
#include <stdio.h>
#include <string.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/poll.h>
#include "lwip/dns.h"
#include "lwip/netif.h"
#include "fake_nic.h"
#include "fuzz.h"

/** Offsets of the DNS message in a frame, and its header length */
#define FUZZ_DNS_OFS FAKE_DATA_OFS
#define FUZZ_DNS_HDR 12

/** Input flag (first byte): the question too comes from the input */
#define FUZZ_DNS_RAW_QUESTION 0x01

static const uint8_t our_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t server_mac[6] = { 0x52, 0x54, 0, 0, 0, 3 };
static const uint8_t our_ip[4] = { 10, 0, 2, 15 };
static const uint8_t server_ip[4] = { 10, 0, 2, 3 };

/** The last query sent */
static uint8_t query[FAKE_FRAME_MAX];
static size_t query_len;

/** Fake wire: answer ARP for the server, keep the DNS query */
static int fuzz_dns_transmit(struct nic *nic, const void *frame, size_t len)
{
	const uint8_t *f = frame;

	(void)nic;
	if (len >= 42 && f[12] == 0x08 && f[13] == 0x06)
		fake_arp_reply(f, server_mac);
	else if (len > FUZZ_DNS_OFS + FUZZ_DNS_HDR && len <= sizeof(query) &&
		 f[FAKE_IP_OFS + 9] == 17 && f[FAKE_UDP_OFS + 3] == 53) {
		memcpy(query, f, len);
		query_len = len;
	}
	return 0;
}

/** The lookup ended (an address or NULL) */
static void fuzz_dns_found(const char *name, const ip_addr_t *addr, void *arg)
{
	(void)name;
	(void)addr;
	*(int *)arg = 1;
}

/** A NIC with an address and the server as the resolver's; 0 or -1 */
static int fuzz_dns_setup(void)
{
	static struct nic nic;
	ip_addr_t server;

	if (fake_nic_open_static(&nic, our_mac, "test", fuzz_dns_transmit) < 0)
		return -1;
	IP_ADDR4(&server, 10, 0, 2, 3);
	dns_setserver(0, &server);
	return 0;
}

/** Queue the answer: the query's ID, then the input (after its header, the query's question unless raw) */
static void fuzz_dns_answer(const uint8_t *data, size_t size, int raw)
{
	uint8_t *f = fake_nic_rx_frame();
	uint8_t *d = &f[FUZZ_DNS_OFS];
	size_t room = FAKE_FRAME_MAX - FUZZ_DNS_OFS;
	size_t len = 2, take;

	memcpy(d, &query[FUZZ_DNS_OFS], 2);
	take = size < FUZZ_DNS_HDR - 2 ? size : FUZZ_DNS_HDR - 2;
	memcpy(d + len, data, take);
	len += take;
	data += take;
	size -= take;
	if (!raw && len == FUZZ_DNS_HDR) {
		memcpy(d + len, &query[FUZZ_DNS_OFS + FUZZ_DNS_HDR],
		       query_len - FUZZ_DNS_OFS - FUZZ_DNS_HDR);
		len += query_len - FUZZ_DNS_OFS - FUZZ_DNS_HDR;
	}
	take = size < room - len ? size : room - len;
	memcpy(d + len, data, take);
	len += take;
	fake_udp_headers(f, FUZZ_DNS_OFS + len, our_mac, server_mac, server_ip,
			 our_ip, 53, (unsigned int)(query[FAKE_UDP_OFS] << 8 |
						    query[FAKE_UDP_OFS + 1]));
	fake_nic_rx_commit(FUZZ_DNS_OFS + len);
}

/** Input: flags, then the answer from its flags word on (ID from the query) */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned int count;
	static int ready;
	char name[32];
	ip_addr_t addr;
	int done = 0;

	if (!size)
		return 0;
	if (!ready) {
		if (fuzz_dns_setup() < 0)
			return 0;
		ready = 1;
	}
	/* a new name each time, so no answer comes from the cache */
	snprintf(name, sizeof(name), "n%u.fuzz.example", count++ % 1000);
	query_len = 0;
	if (dns_gethostbyname(name, &addr, fuzz_dns_found, &done) !=
	    ERR_INPROGRESS)
		return 0;
	for (int i = 0; i < 4 && !query_len; i++)
		step();
	if (query_len) {
		fuzz_dns_answer(data + 1, size - 1,
				data[0] & FUZZ_DNS_RAW_QUESTION);
		step();
	}
	for (int i = 0; i < 100 && !done; i++)
		dns_tmr();    /* an answer not taken: let the query time out */
	return 0;
}
