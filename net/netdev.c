/** @file lwIP netif glue: frames between NIC drivers and lwIP, link state, timers. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/poll.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/ip4.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/prot/ip.h"
#include "lwip/prot/tcp.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwip/prot/ethernet.h"
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

/** Largest pure TCP ACK held back: Ethernet, IP and TCP headers with options */
#define NETDEV_ACK_MAX (SIZEOF_ETH_HDR + 60 + 60)

/** Frames kept while the driver's transmit ring is full */
#define NETDEV_TX_BACKLOG 32

/** Network layer state of one NIC (nic->upper) */
struct netdev {
	struct netif netif;   /**< lwIP interface */
	struct nic *nic;      /**< the NIC below */
	int polling;          /**< inside the driver's poll: ACKs may be held */
	size_t ack_len;       /**< length of the held ACK, 0 if none */
	uint8_t ack[NETDEV_ACK_MAX]; /**< a pure TCP ACK not yet sent */
	struct pbuf *backlog[NETDEV_TX_BACKLOG]; /**< copies of frames the ring had no room for */
	unsigned int backlog_first;  /**< index of the oldest in @c backlog */
	unsigned int backlog_count;  /**< frames in @c backlog */
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

/** Count the driver's result @p rc for one frame; ERR_OK or ERR_BUF */
static err_t netdev_sent(struct nic *nic, int rc)
{
	if (rc < 0) {
		nic->stats.tx_err++;
		return ERR_BUF;
	}
	nic->stats.tx_ok++;
	return ERR_OK;
}

/** Keep a copy of a frame for after the next poll; ERR_OK or ERR_MEM (counted) */
static err_t netdev_backlog_add(struct netdev *nd, const void *frame,
				size_t len)
{
	struct pbuf *copy = NULL;

	if (nd->backlog_count < NETDEV_TX_BACKLOG)
		copy = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
	if (!copy) {
		nd->nic->stats.tx_err++;
		return ERR_MEM;
	}
	memcpy(copy->payload, frame, len);
	nd->backlog[(nd->backlog_first + nd->backlog_count++) %
		    NETDEV_TX_BACKLOG] = copy;
	return ERR_OK;
}

/** Free the oldest frame of the backlog */
static void netdev_backlog_pop(struct netdev *nd)
{
	pbuf_free(nd->backlog[nd->backlog_first]);
	nd->backlog_first = (nd->backlog_first + 1) % NETDEV_TX_BACKLOG;
	nd->backlog_count--;
}

/** Send what the backlog holds, oldest first, until the ring is full again */
static void netdev_backlog_flush(struct netdev *nd)
{
	while (nd->backlog_count) {
		struct pbuf *p = nd->backlog[nd->backlog_first];
		int rc = nd->nic->op->transmit(nd->nic, p->payload, p->len);

		if (rc == -ENOBUFS)
			return;
		netdev_sent(nd->nic, rc);
		netdev_backlog_pop(nd);
	}
}

/** Forget what the backlog holds (the NIC closes) */
static void netdev_backlog_drop(struct netdev *nd)
{
	while (nd->backlog_count)
		netdev_backlog_pop(nd);
}

/**
 * Send one frame through the driver; behind the backlog if it holds
 * frames, into it if the ring is full
 *
 * @ret err     ERR_OK (sent or kept), ERR_BUF if the driver failed, ERR_MEM
 */
static err_t netdev_send(struct netdev *nd, const void *frame, size_t len)
{
	int rc;

	if (nd->backlog_count)
		return netdev_backlog_add(nd, frame, len);
	rc = nd->nic->op->transmit(nd->nic, frame, len);
	if (rc == -ENOBUFS)
		return netdev_backlog_add(nd, frame, len);
	return netdev_sent(nd->nic, rc);
}

/** Offset of the TCP header of @p frame if it is a pure IPv4 TCP ACK (no data, no other flag), else 0 */
static size_t netdev_pure_ack(const uint8_t *frame, size_t len)
{
	size_t ihl, doff;

	if (len < SIZEOF_ETH_HDR + 40 || len > NETDEV_ACK_MAX ||
	    frame[12] != 0x08 || frame[13] != 0x00 ||
	    (frame[14] >> 4) != 4 || frame[23] != IP_PROTO_TCP)
		return 0;
	ihl = (size_t)(frame[14] & 0x0f) * 4;
	doff = (size_t)(frame[SIZEOF_ETH_HDR + ihl + 12] >> 4) * 4;
	if (ihl < 20 || doff < 20 || SIZEOF_ETH_HDR + ihl + 20 > len ||
	    ((size_t)frame[16] << 8 | frame[17]) != ihl + doff ||
	    frame[SIZEOF_ETH_HDR + ihl + 13] != TCP_ACK)
		return 0;
	return SIZEOF_ETH_HDR + ihl;
}

/** Big-endian 32-bit value at @p p */
static uint32_t netdev_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/**
 * Whether pure ACK @p new (TCP header at @p tcp) makes the held one
 * needless: same connection, and it acknowledges more, or as much with a
 * larger window (an equal ACK is a duplicate, which the sender counts)
 */
static int netdev_ack_supersedes(const struct netdev *nd, const uint8_t *new,
				 size_t tcp)
{
	size_t held_tcp = netdev_pure_ack(nd->ack, nd->ack_len);
	int32_t more;

	if (held_tcp != tcp ||
	    memcmp(new + SIZEOF_ETH_HDR + 12, nd->ack + SIZEOF_ETH_HDR + 12, 8) ||
	    memcmp(new + tcp, nd->ack + tcp, 4))
		return 0;
	more = (int32_t)(netdev_be32(new + tcp + 8) -
			 netdev_be32(nd->ack + tcp + 8));
	if (more != 0)
		return more > 0;
	return (new[tcp + 14] << 8 | new[tcp + 15]) >
	       (nd->ack[tcp + 14] << 8 | nd->ack[tcp + 15]);
}

/** Send the held ACK, if any */
static void netdev_flush_ack(struct netdev *nd)
{
	size_t len = nd->ack_len;

	nd->ack_len = 0;
	if (len)
		netdev_send(nd, nd->ack, len);
}

/**
 * lwIP linkoutput: send one frame through the driver.  While the driver's
 * poll hands up a batch of frames, a pure TCP ACK is held back and sent
 * at the end of the batch, or before any other frame, unless a later ACK
 * of the same connection makes it needless: one ACK per batch instead of
 * one per two segments (each costs a call into the ROM under UNDI).
 *
 * @v netif     interface
 * @v p         frame (one pbuf with LWIP_NETIF_TX_SINGLE_PBUF, else a chain)
 * @ret err     ERR_OK, ERR_IF if closed, ERR_BUF if too big or the driver failed
 */
static err_t netdev_linkoutput(struct netif *netif, struct pbuf *p)
{
	static uint8_t frame[NETDEV_FRAME_MAX];
	struct nic *nic = netif->state;
	struct netdev *nd = nic->upper;
	const uint8_t *data = p->payload;
	size_t tcp;

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
	tcp = nd->polling ? netdev_pure_ack(data, p->tot_len) : 0;
	if (!tcp) {
		netdev_flush_ack(nd);
		return netdev_send(nd, data, p->tot_len);
	}
	if (nd->ack_len && !netdev_ack_supersedes(nd, data, tcp))
		netdev_flush_ack(nd);
	memcpy(nd->ack, data, p->tot_len);
	nd->ack_len = p->tot_len;
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

/** Give a newly registered @p nic its lwIP interface; 0 or -error */
static int netdev_add(struct nic *nic)
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

/** Close @p nic and remove its lwIP interface */
static void netdev_remove(struct nic *nic)
{
	struct netdev *nd = nic->upper;

	if (!nd)
		return;
	netdev_close(nic);
	if (netif_default == &nd->netif)
		netif_set_default(NULL);
	netif_remove(&nd->netif);
	free(nd);
	nic->upper = NULL;
}

/** The network layer above the NIC registry */
static const struct nic_upper netdev_upper = {
	.add = netdev_add,
	.remove = netdev_remove,
};
NIC_UPPER(netdev_upper);

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

void netdev_fit_tcp_window(struct nic *nic, struct tcp_pcb *pcb)
{
	unsigned int segments;
	tcpwnd_size_t max;

	if (!nic || !nic->rx_frames_max)
		return;
	/* one short: a segment may be smaller than the MSS */
	segments = nic->rx_frames_max > 1 ? nic->rx_frames_max - 1 : 1;
	max = (tcpwnd_size_t)segments * pcb->mss;
	if (pcb->rcv_wnd > max)
		pcb->rcv_wnd = max;
	if (pcb->rcv_ann_wnd > max)
		pcb->rcv_ann_wnd = max;
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
	/* ${netX/...} is the NIC opened last, as in iPXE */
	settings_alias("netX", nic->name);
	ipv4conf_apply(nic);
	return 0;
}

/** Nonzero if an open NIC has an IPv4 address but no link yet */
static int netdev_link_pending(void)
{
	struct nic *nic;

	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++) {
		struct netif *netif = netdev_netif(nic);

		if (netif && nic->is_open && !nic->link_up &&
		    !ip4_addr_isany(netif_ip4_addr(netif)))
			return 1;
	}
	return 0;
}

void netdev_wait_route(uint32_t addr)
{
	uint64_t start = ticks_ms();
	ip4_addr_t dest;

	ip4_addr_set_u32(&dest, addr);
	while (!ip4_route(&dest) && netdev_link_pending() &&
	       ticks_ms() - start < NETDEV_LINK_WAIT_MS &&
	       !console_cancelled())
		step_idle();
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
	netdev_backlog_drop(nic->upper);
	nic->op->close(nic);
	nic->is_open = 0;
}

void netdev_close_all(void)
{
	struct nic *nic;

	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++)
		netdev_close(nic);
}

/**
 * A received frame in a pbuf of its own, placed so that the IP header after
 * the 14-byte Ethernet header is 4-byte aligned (payload copies then run a
 * word at a time)
 *
 * @v frame     frame
 * @v len       length, at most 0xffff
 * @v tagged    nonzero to leave out the 802.1Q tag after the MAC addresses
 * @ret p       one contiguous pbuf holding the frame, or NULL without memory
 */
static struct pbuf *netdev_rx_pbuf(const uint8_t *frame, size_t len,
				   int tagged)
{
	size_t skip = tagged ? SIZEOF_VLAN_HDR : 0;
	u16_t pad = len <= 0xffff - NETDEV_RX_PAD ? NETDEV_RX_PAD : 0;
	struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)(len - skip + pad),
				    PBUF_RAM);

	if (!p)
		return NULL;
	pbuf_remove_header(p, pad);
	memcpy(p->payload, frame, 2 * ETH_HWADDR_LEN);
	memcpy((uint8_t *)p->payload + 2 * ETH_HWADDR_LEN,
	       frame + 2 * ETH_HWADDR_LEN + skip,
	       len - 2 * ETH_HWADDR_LEN - skip);
	return p;
}

/**
 * The NIC a frame received on @p nic belongs to: a VLAN device on it
 * for an 802.1Q-tagged frame with its VLAN id, else @p nic itself
 *
 * @ret nic     that NIC, or NULL for a tagged frame of no VLAN device here
 */
static struct nic *netdev_rx_nic(struct nic *nic, const uint8_t *frame,
				 size_t len)
{
	const struct eth_hdr *eth = (const void *)frame;
	const struct eth_vlan_hdr *vlan = (const void *)(eth + 1);

	if (eth->type != PP_HTONS(ETHTYPE_VLAN))
		return nic;
	if (len < SIZEOF_ETH_HDR + SIZEOF_VLAN_HDR)
		return NULL;
	for (struct nic *v = nic->vlans; v; v = v->vlan_next) {
		if (VLAN_ID(vlan) == v->vlan_tag)
			return v;
	}
	return NULL;
}

void nic_receive(struct nic *nic, const void *frame, size_t len)
{
	nic_receive_flags(nic, frame, len, 0);
}

void nic_receive_flags(struct nic *nic, const void *frame, size_t len,
		       unsigned int flags)
{
	struct nic *to = nic;
	struct netif *netif;
	struct pbuf *p;
	err_t err;

	if (!nic->is_open)
		return;
	if (len < SIZEOF_ETH_HDR || len > 0xffff) {
		nic->stats.rx_err++;
		return;
	}
	nic = netdev_rx_nic(to, frame, len);
	netif = nic ? netdev_netif(nic) : NULL;
	if (!netif || !nic->is_open) {
		to->stats.rx_err++;
		return;
	}
	p = netdev_rx_pbuf(frame, len, nic != to);
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

/** Poller: service every open NIC, then lwIP's timers; busy if frames came */
static void netdev_poll(void)
{
	unsigned long frames = netdev_frames;
	struct nic *nic;

	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++) {
		struct netdev *nd = nic->upper;

		if (!nic->is_open)
			continue;
		nd->polling = 1;
		nic->op->poll(nic);
		nd->polling = 0;
		netdev_backlog_flush(nd);
		netdev_flush_ack(nd);
		netdev_sync_link(nic);
	}
	if (netdev_lwip_ready)
		sys_check_timeouts();
	if (netdev_frames != frames)
		step_busy();
}

/** The network poller */
static const struct poller netdev_poller = {
	.name = "netdev",
	.poll = netdev_poll,
};
POLLER(netdev_poller);
