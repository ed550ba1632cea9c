/** @file A fake NIC for unit tests: a receive queue, a transmit hook, and frame-building helpers. */
#include <string.h>
#include <lwpxe/netdev.h>
#include "lwip/netif.h"
#include "fake_nic.h"

/** Frames the queue holds */
#define FAKE_RXQ 8

/** Frames waiting to be received, first in first out */
static struct {
	uint8_t frame[FAKE_RXQ][FAKE_FRAME_MAX];   /**< frames */
	size_t len[FAKE_RXQ];                      /**< their lengths */
	unsigned int head;                         /**< next to deliver */
	unsigned int tail;                         /**< next free slot */
} fake_rxq;

/** Where frames the NIC sends go, NULL to drop them */
static int (*fake_transmit_hook)(struct nic *nic, const void *frame,
				 size_t len);

/** Called at the end of each poll, NULL for nothing */
static void (*fake_poll_hook)(struct nic *nic);

/** Fake driver: nothing to start */
static int fake_open(struct nic *nic)
{
	(void)nic;
	return 0;
}

/** Fake driver: nothing to stop */
static void fake_close(struct nic *nic)
{
	(void)nic;
}

/** Fake driver: hand the frame to the test's hook */
static int fake_transmit(struct nic *nic, const void *frame, size_t len)
{
	return fake_transmit_hook ? fake_transmit_hook(nic, frame, len) : 0;
}

/** Fake driver: deliver queued frames */
static void fake_poll(struct nic *nic)
{
	while (fake_rxq.head != fake_rxq.tail) {
		unsigned int slot = fake_rxq.head++ % FAKE_RXQ;

		nic_receive(nic, fake_rxq.frame[slot], fake_rxq.len[slot]);
	}
	if (fake_poll_hook)
		fake_poll_hook(nic);
}

/** The fake driver */
static const struct nic_operations fake_ops = {
	.open = fake_open,
	.close = fake_close,
	.transmit = fake_transmit,
	.poll = fake_poll,
};

int fake_nic_register(struct nic *nic, const uint8_t *mac, const char *driver,
		      int (*transmit)(struct nic *nic, const void *frame,
				      size_t len))
{
	memcpy(nic->mac, mac, 6);
	nic->driver = driver;
	strcpy(nic->desc.name, "unit");
	nic->op = &fake_ops;
	nic->link_up = 1;
	fake_transmit_hook = transmit;
	return nic_register(nic);
}

void fake_nic_set_poll_hook(void (*hook)(struct nic *nic))
{
	fake_poll_hook = hook;
}

uint8_t *fake_nic_rx_frame(void)
{
	uint8_t *f = fake_rxq.frame[fake_rxq.tail % FAKE_RXQ];

	memset(f, 0, FAKE_FRAME_MAX);
	return f;
}

void fake_nic_rx_commit(size_t len)
{
	fake_rxq.len[fake_rxq.tail % FAKE_RXQ] = len;
	fake_rxq.tail++;
}

void fake_nic_rx_reset(void)
{
	fake_rxq.head = fake_rxq.tail = 0;
}

void fake_put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

unsigned int fake_ip_checksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

void fake_udp_headers(uint8_t *f, size_t len, const uint8_t *dst_mac,
		      const uint8_t *src_mac, const uint8_t *src_ip,
		      const uint8_t *dst_ip, unsigned int sport,
		      unsigned int dport)
{
	memcpy(f, dst_mac, 6);
	memcpy(&f[6], src_mac, 6);
	fake_put16(&f[12], 0x0800);
	f[FAKE_IP_OFS] = 0x45;
	fake_put16(&f[FAKE_IP_OFS + 2], (unsigned int)(len - FAKE_IP_OFS));
	f[FAKE_IP_OFS + 8] = 64;
	f[FAKE_IP_OFS + 9] = 17;
	memcpy(&f[FAKE_IP_OFS + 12], src_ip, 4);
	memcpy(&f[FAKE_IP_OFS + 16], dst_ip, 4);
	fake_put16(&f[FAKE_IP_OFS + 10],
		   fake_ip_checksum(&f[FAKE_IP_OFS], 20));
	fake_put16(&f[FAKE_UDP_OFS], sport);
	fake_put16(&f[FAKE_UDP_OFS + 2], dport);
	fake_put16(&f[FAKE_UDP_OFS + 4], (unsigned int)(len - FAKE_UDP_OFS));
}

void fake_arp_reply(const uint8_t *req, const uint8_t *mac)
{
	uint8_t *f = fake_nic_rx_frame();

	memcpy(f, &req[22], 6);           /* to the sender */
	memcpy(&f[6], mac, 6);
	fake_put16(&f[12], 0x0806);
	fake_put16(&f[14], 1);            /* Ethernet */
	fake_put16(&f[16], 0x0800);       /* IPv4 */
	f[18] = 6;
	f[19] = 4;
	fake_put16(&f[20], 2);            /* reply */
	memcpy(&f[22], mac, 6);
	memcpy(&f[28], &req[38], 4);      /* the address asked for */
	memcpy(&f[32], &req[22], 6);
	memcpy(&f[38], &req[28], 4);
	fake_nic_rx_commit(60);
}

int fake_nic_open_static(struct nic *nic, const uint8_t *mac,
			 const char *driver,
			 int (*transmit)(struct nic *nic, const void *frame,
					 size_t len))
{
	ip4_addr_t ip, mask, gw;
	struct netif *netif;
	int rc = fake_nic_register(nic, mac, driver, transmit);

	if (rc < 0 || (rc = netdev_open(nic)) < 0)
		return rc;
	netif = netdev_netif(nic);
	IP4_ADDR(&ip, 10, 0, 2, 15);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	IP4_ADDR(&gw, 10, 0, 2, 2);
	netif_set_addr(netif, &ip, &mask, &gw);
	netif_set_default(netif);
	return 0;
}
