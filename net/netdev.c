/** @file lwIP netif glue: frames between NIC drivers and lwIP, link state, timers. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/poll.h>
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

/** Largest frame we send: Ethernet header, 1500 bytes, VLAN tag */
#define NETDEV_FRAME_MAX 1536

/** Bytes left free in front of a received frame: aligns the IP header */
#define NETDEV_RX_PAD 2

/**
 * Checks lwIP still makes on a frame whose driver vouches for its TCP/UDP
 * checksum (NIC_RX_CSUM_OK): all but those two; IP headers are checked
 */
#define NETDEV_CSUM_TRUSTED (NETIF_CHECKSUM_ENABLE_ALL & \
			     ~(NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP))

/** Network layer state of one NIC (nic->upper) */
struct netdev {
	struct netif netif;   /**< lwIP interface */
	struct nic *nic;      /**< the NIC below */
};

/** Nonzero once lwip_init() has run */
static int netdev_lwip_ready;

/** Frames handed up so far */
static unsigned long netdev_frames;

/** Run lwip_init() once, before the first netif is added */
static void netdev_lwip_init(void)
{
	if (netdev_lwip_ready)
		return;
	lwip_init();
	netdev_lwip_ready = 1;
}

/**
 * lwIP linkoutput: send one frame through the driver
 *
 * @v netif     interface
 * @v p         frame (one pbuf with LWIP_NETIF_TX_SINGLE_PBUF, else a chain)
 * @ret err     ERR_OK, ERR_IF if closed, ERR_BUF if too big or the driver failed
 */
static err_t netdev_linkoutput(struct netif *netif, struct pbuf *p)
{
	static uint8_t frame[NETDEV_FRAME_MAX];
	struct nic *nic = netif->state;
	const void *data = p->payload;
	int rc;

	if (!nic->is_open)
		return ERR_IF;
	if (p->len != p->tot_len) {
		if (p->tot_len > sizeof(frame) ||
		    pbuf_copy_partial(p, frame, p->tot_len, 0) != p->tot_len) {
			nic->stats.tx_err++;
			return ERR_BUF;
		}
		data = frame;
	}
	rc = nic->op->transmit(nic, data, p->tot_len);
	if (rc < 0) {
		nic->stats.tx_err++;
		return ERR_BUF;
	}
	nic->stats.tx_ok++;
	return ERR_OK;
}

/**
 * lwIP netif init callback: describe the Ethernet interface
 *
 * @v netif     interface being added (state is the NIC)
 * @ret err     ERR_OK
 */
static err_t netdev_netif_init(struct netif *netif)
{
	struct nic *nic = netif->state;

	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->output = etharp_output;
	netif->linkoutput = netdev_linkoutput;
	netif->mtu = (u16_t)nic->mtu;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, nic->mac, ETH_HWADDR_LEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		       NETIF_FLAG_ETHERNET;
	return ERR_OK;
}

int netdev_add(struct nic *nic)
{
	struct netdev *nd;

	netdev_lwip_init();
	nd = calloc(1, sizeof(*nd));
	if (!nd)
		return -ENOMEM;
	nd->nic = nic;
	if (!netif_add(&nd->netif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4,
		       nic, netdev_netif_init, ethernet_input)) {
		free(nd);
		return -ENOMEM;
	}
	if (!netif_default)
		netif_set_default(&nd->netif);
	nic->upper = nd;
	return 0;
}

struct netif *netdev_netif(struct nic *nic)
{
	struct netdev *nd = nic->upper;

	return nd ? &nd->netif : NULL;
}

struct nic *netdev_nic(struct netif *netif)
{
	if (!netif || netif->linkoutput != netdev_linkoutput)
		return NULL;
	return netif->state;
}

unsigned long netdev_rx_frames(void)
{
	return netdev_frames;
}

/** Tell lwIP the link state the driver reports, if it changed */
static void netdev_sync_link(struct nic *nic)
{
	struct netif *netif = netdev_netif(nic);

	if (!netif)
		return;
	if (nic->link_up && !netif_is_link_up(netif))
		netif_set_link_up(netif);
	else if (!nic->link_up && netif_is_link_up(netif))
		netif_set_link_down(netif);
}

int netdev_open(struct nic *nic)
{
	struct netif *netif = netdev_netif(nic);
	int rc;

	if (!netif)
		return -ENODEV;
	if (nic->is_open) {
		netdev_sync_link(nic);   /* callers act on the link at once */
		return 0;
	}
	rc = nic->op->open(nic);
	if (rc < 0)
		return rc;
	nic->is_open = 1;
	netif_set_up(netif);
	netdev_sync_link(nic);
	return 0;
}

void netdev_close(struct nic *nic)
{
	struct netif *netif = netdev_netif(nic);

	if (!netif || !nic->is_open)
		return;
	/* drop lwIP's DHCP client without a RELEASE: the lease stays valid */
	dhcp_cleanup(netif);
	netif_set_link_down(netif);
	netif_set_down(netif);
	nic->op->close(nic);
	nic->is_open = 0;
}

/**
 * A received frame in a pbuf of its own, placed so that the IP header after
 * the 14-byte Ethernet header is 4-byte aligned (payload copies then run a
 * word at a time)
 *
 * @v frame     frame
 * @v len       length, at most 0xffff
 * @ret p       one contiguous pbuf holding the frame, or NULL without memory
 */
static struct pbuf *netdev_rx_pbuf(const void *frame, size_t len)
{
	u16_t pad = len <= 0xffff - NETDEV_RX_PAD ? NETDEV_RX_PAD : 0;
	struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)(len + pad), PBUF_RAM);

	if (!p)
		return NULL;
	pbuf_remove_header(p, pad);
	memcpy(p->payload, frame, len);
	return p;
}

void nic_receive(struct nic *nic, const void *frame, size_t len)
{
	nic_receive_flags(nic, frame, len, 0);
}

void nic_receive_flags(struct nic *nic, const void *frame, size_t len,
		       unsigned int flags)
{
	struct netif *netif = netdev_netif(nic);
	struct pbuf *p;
	err_t err;

	if (!netif || !nic->is_open)
		return;
	if (len < SIZEOF_ETH_HDR || len > 0xffff) {
		nic->stats.rx_err++;
		return;
	}
	p = netdev_rx_pbuf(frame, len);
	if (!p) {
		nic->stats.rx_err++;
		return;
	}
	netdev_frames++;
	/* input runs to completion here, so the checks can be set per frame */
	if (flags & NIC_RX_CSUM_OK)
		NETIF_SET_CHECKSUM_CTRL(netif, NETDEV_CSUM_TRUSTED);
	err = netif->input(p, netif);
	NETIF_SET_CHECKSUM_CTRL(netif, NETIF_CHECKSUM_ENABLE_ALL);
	if (err != ERR_OK) {
		pbuf_free(p);
		nic->stats.rx_err++;
		return;
	}
	nic->stats.rx_ok++;
}

/** Poller: service every open NIC, then lwIP's timers */
static void netdev_poll(void)
{
	struct nic *nic;

	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++) {
		if (!nic->is_open)
			continue;
		nic->op->poll(nic);
		netdev_sync_link(nic);
	}
	if (netdev_lwip_ready)
		sys_check_timeouts();
}

/** The network poller */
static const struct poller netdev_poller = {
	.name = "netdev",
	.poll = netdev_poll,
};
POLLER(netdev_poller);
