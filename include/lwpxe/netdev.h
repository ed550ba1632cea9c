/** @file The network layer over NICs: open/close, the lwIP netif, counters. */
#ifndef LWPXE_NETDEV_H
#define LWPXE_NETDEV_H

#include <stddef.h>
#include <stdint.h>

struct nic;
struct netif;
struct tcp_pcb;

/*
 * Every registered NIC gets an lwIP netif (added by nic_register()).
 * The glue counts frames at its boundary: tx_ok/tx_err from the driver's
 * transmit result, rx_ok/rx_err for frames handed to nic_receive().
 * Drivers count only frames they drop themselves.
 *
 * Sending: a frame the driver has no room for (-ENOBUFS) waits in a
 * backlog and goes out, in order, after the driver's next poll.  While a
 * poll hands up frames, pure TCP ACKs are held and only the last of each
 * connection goes out at the end of the poll: an ACK costs a call into
 * the boot ROM under UNDI or SNP, and a batch needs only one.
 */

/** Give a newly registered @p nic its lwIP interface (nic_register() calls this); 0 or -error */
int netdev_add(struct nic *nic);

/** Close @p nic and remove its lwIP interface (nic_unregister() calls this) */
void netdev_remove(struct nic *nic);

/**
 * Open @p nic and bring its interface up (if already open, only take
 * up the link state the driver last reported)
 *
 * @ret rc      0, -ENODEV if not registered, or the driver's -error
 */
int netdev_open(struct nic *nic);

/**
 * Take the interface down and close the NIC.  A DHCP lease is forgotten
 * without a RELEASE, so a booted OS may keep using the address.
 */
void netdev_close(struct nic *nic);

/**
 * Give open @p nic the static IPv4 address, netmask (default: its
 * address class's) and gateway its settings hold ("net0/ip", a lease's
 * included), or remove an address no longer set; `set`, `clear` and
 * netdev_open() call this
 */
void ipv4conf_apply(struct nic *nic);

/**
 * Before the first packet to IPv4 address @p addr (network byte order):
 * if no interface routes to it but an open one with an address still
 * waits for its link (a NIC just opened, its link negotiating), step the
 * poll loop until one routes to it, Ctrl-C or NETDEV_LINK_WAIT_MS; as
 * iPXE, where a connection opened before link-up goes out once the link
 * is there.  Returns at once in every other case.
 */
void netdev_wait_route(uint32_t addr);

/** How long netdev_wait_route() waits for a link, in ms */
#define NETDEV_LINK_WAIT_MS 10000

/** The lwIP interface of @p nic; NULL if it has none */
struct netif *netdev_netif(struct nic *nic);

/** The NIC behind lwIP interface @p netif; NULL if not ours */
struct nic *netdev_nic(struct netif *netif);

/**
 * Keep the receive window of connected TCP @p pcb within what @p nic can
 * hold between polls (one segment less than nic->rx_frames_max, at least
 * one): a peer that sends more while the firmware is busy elsewhere
 * overflows the NIC, and each lost segment costs a retransmission timeout
 */
void netdev_fit_tcp_window(struct nic *nic, struct tcp_pcb *pcb);

/** Frames handed up so far on all NICs (tells one received frame from the next) */
unsigned long netdev_rx_frames(void);

/** Write @p nic's MAC as "52:54:00:12:34:56" into @p buf (18 bytes); returns @p buf */
char *netdev_mac_text(const struct nic *nic, char *buf, size_t len);

#endif
