/** @file lwIP build options for lwpxe: every knob we set, with why (defaults in lwip/opt.h). */
#ifndef LWPXE_LWIPOPTS_H
#define LWPXE_LWIPOPTS_H

/*
 * lwipglue_rand() is declared in arch/cc.h (which every lwIP file sees) and
 * the hook functions in lwip_hooks.h, so lwIP builds without lwpxe's
 * include path.
 */

/* ---------- system model ---------- */

/** NO_SYS: one thread, no OS; lwIP runs from the poll loop */
#define NO_SYS                          1
/** SYS_LIGHTWEIGHT_PROT: nothing to protect without threads or interrupts */
#define SYS_LIGHTWEIGHT_PROT            0
/** LWIP_SOCKET: no BSD sockets, raw API only */
#define LWIP_SOCKET                     0
/** LWIP_NETCONN: no sequential API, raw API only */
#define LWIP_NETCONN                    0
/** LWIP_NETIF_API: the thread-safe netif API needs an OS */
#define LWIP_NETIF_API                  0
/**
 * LWIP_ALTCP: HTTP talks to altcp, so https:// puts a TLS layer under the
 * same client (the raw tcp_* API stays usable: iSCSI)
 */
#define LWIP_ALTCP                      1

/* ---------- memory ---------- */

/** MEM_LIBC_MALLOC: lwIP's heap is our heap (malloc/free) */
#define MEM_LIBC_MALLOC                 1
/** MEMP_MEM_MALLOC: pools too come from malloc, so no fixed limits */
#define MEMP_MEM_MALLOC                 1
/** MEM_ALIGNMENT: 8 bytes, what malloc gives on i386 and x86-64 */
#define MEM_ALIGNMENT                   8

/* ---------- random numbers ---------- */

/**
 * LWIP_RAND: DRBG output seeded from real entropy (DHCP xid, ports), never
 * a TCP port start lwIP mishandles (net/lwip/sys.c)
 */
#define LWIP_RAND()                     lwipglue_rand()
/** LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS: start UDP/TCP source ports at random */
#define LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS 1

/* ---------- hooks ---------- */

/** LWIP_HOOK_FILENAME: where our hook declarations live (net/lwip/) */
#define LWIP_HOOK_FILENAME              "lwip_hooks.h"

/* ---------- link layer ---------- */

/** LWIP_ARP: Ethernet needs ARP */
#define LWIP_ARP                        1
/** LWIP_ETHERNET: ethernet_input()/ethernet_output() */
#define LWIP_ETHERNET                   1
/** ARP_QUEUEING: keep packets sent while an ARP request is pending */
#define ARP_QUEUEING                    1
/** ETH_PAD_SIZE: no padding before the Ethernet header */
#define ETH_PAD_SIZE                    0
/** LWIP_NETIF_STATUS_CALLBACK: tell us when an address is assigned */
#define LWIP_NETIF_STATUS_CALLBACK      1
/** LWIP_NETIF_LINK_CALLBACK: tell us when the link changes */
#define LWIP_NETIF_LINK_CALLBACK        1
/** LWIP_NUM_NETIF_CLIENT_DATA: one slot per netif for our DHCP client */
#define LWIP_NUM_NETIF_CLIENT_DATA      1
/** LWIP_NETIF_TX_SINGLE_PBUF: transmit one contiguous pbuf per frame */
#define LWIP_NETIF_TX_SINGLE_PBUF       1
/** LWIP_NETIF_HOSTNAME: we do not send option 12 */
#define LWIP_NETIF_HOSTNAME             0
/** LWIP_NETIF_LOOPBACK: no loopback traffic */
#define LWIP_NETIF_LOOPBACK             0
/** LWIP_HAVE_LOOPIF: no loopback interface */
#define LWIP_HAVE_LOOPIF                0

/* ---------- IP ---------- */

/** LWIP_IPV4: IPv4 */
#define LWIP_IPV4                       1
/** LWIP_IPV6: not yet */
#define LWIP_IPV6                       0
/** IP_REASSEMBLY: accept fragmented datagrams (large DHCP/TFTP replies) */
#define IP_REASSEMBLY                   1
/**
 * IP_FRAG: fragment outgoing datagrams larger than the MTU: only `ping
 * --size` (net/diag) sends any (DHCP, DNS, TFTP and NTP requests are
 * small, TCP keeps to the MSS), so only images that link net/diag have it
 */
#ifdef LWPXE_NET_DIAG
#define IP_FRAG                         1
#else
#define IP_FRAG                         0
#endif
/** LWIP_ICMP: answer pings, report errors */
#define LWIP_ICMP                       1
/**
 * LWIP_RAW: raw IP PCBs, for `ping` (net/diag); only in images that link
 * net/diag (their build defines LWPXE_NET_DIAG), to keep BIOS images small
 */
#ifdef LWPXE_NET_DIAG
#define LWIP_RAW                        1
#else
#define LWIP_RAW                        0
#endif
/** LWIP_IGMP: no multicast */
#define LWIP_IGMP                       0
/** LWIP_AUTOIP: no link-local fallback */
#define LWIP_AUTOIP                     0

/* ---------- checksums (in software unless the driver vouches) ---------- */

/** CHECKSUM_GEN_IP: compute IP header checksums */
#define CHECKSUM_GEN_IP                 1
/** CHECKSUM_GEN_UDP: compute UDP checksums */
#define CHECKSUM_GEN_UDP                1
/** CHECKSUM_GEN_TCP: compute TCP checksums */
#define CHECKSUM_GEN_TCP                1
/** CHECKSUM_GEN_ICMP: compute ICMP checksums */
#define CHECKSUM_GEN_ICMP               1
/** CHECKSUM_CHECK_IP: verify IP header checksums */
#define CHECKSUM_CHECK_IP               1
/** CHECKSUM_CHECK_UDP: verify UDP checksums */
#define CHECKSUM_CHECK_UDP              1
/** CHECKSUM_CHECK_TCP: verify TCP checksums */
#define CHECKSUM_CHECK_TCP              1
/** CHECKSUM_CHECK_ICMP: verify ICMP checksums */
#define CHECKSUM_CHECK_ICMP             1
/**
 * LWIP_CHKSUM: our sum (net/lwip/chksum.c), 16 bytes a loop without a
 * carry test per word (lwIP's fastest, algorithm 3, tests after each of
 * its two words a loop)
 */
#define LWIP_CHKSUM                     lwpxe_chksum
/**
 * LWIP_CHECKSUM_CTRL_PER_NETIF: netdev turns the TCP/UDP checks off for a
 * frame whose driver vouches for its checksum (NIC_RX_CSUM_OK), e.g. TAP
 * frames that come from the local kernel with a partial checksum
 */
#define LWIP_CHECKSUM_CTRL_PER_NETIF    1

/* ---------- UDP and DHCP ---------- */

/** LWIP_UDP: DHCP, DNS, TFTP */
#define LWIP_UDP                        1
/** LWIP_DHCP: lwIP's DHCP client, extended by our hooks */
#define LWIP_DHCP                       1
/** LWIP_DHCP_DOES_ACD_CHECK: no ARP probe of the lease, so binding takes milliseconds */
#define LWIP_DHCP_DOES_ACD_CHECK        0
/** LWIP_ACD: address conflict detection unused */
#define LWIP_ACD                        0
/** LWIP_DHCP_BOOTP_FILE: keep siaddr and the BOOTP file field (next-server, filename) */
#define LWIP_DHCP_BOOTP_FILE            1
/** DHCP_OPTIONS_LEN: room for our client options (RFC 2131 minimum message) */
#define DHCP_OPTIONS_LEN                312
/**
 * DHCP_ADD_EXTRA_REQUEST_OPTIONS: asked for beyond lwIP's own 1, 3, 28, 6:
 * host name, domain, root path, vendor (PXE), vendor class, TFTP server,
 * boot file, iPXE encapsulated (175), iSCSI initiator IQN (203)
 */
#define DHCP_ADD_EXTRA_REQUEST_OPTIONS  ,12,15,17,43,60,66,67,175,203
/** LWIP_DHCP_MAX_DNS_SERVERS: take up to two DNS servers from option 6 */
#define LWIP_DHCP_MAX_DNS_SERVERS       2

/* ---------- DNS ---------- */

/** LWIP_DNS: resolve names in URIs and root paths */
#define LWIP_DNS                        1
/** DNS_MAX_SERVERS: as many as DHCP provides */
#define DNS_MAX_SERVERS                 2

/* ---------- TCP (sized for fast bulk receive: iSCSI, HTTP) ---------- */

/** LWIP_TCP: iSCSI and HTTP */
#define LWIP_TCP                        1
/** TCP_MSS: full Ethernet segments */
#define TCP_MSS                         1460
/** LWIP_WND_SCALE: window scaling, so the window may exceed 64 KiB */
#define LWIP_WND_SCALE                  1
/** TCP_RCV_SCALE: shift 5, windows up to 2 MiB */
#define TCP_RCV_SCALE                   5
/**
 * TCP_WND: 1 MiB receive window, room for the 8 x 128 KiB reads the SAN
 * layer keeps in flight; with 64 KiB segments from a TAP a smaller window
 * stalls the sender between our ACKs (memory comes from the heap as needed)
 */
#define TCP_WND                         (1024 * 1024)
/** TCP_SND_BUF: 16 KiB send buffer (requests and writes are small) */
#define TCP_SND_BUF                     (16 * 1024)
/** TCP_SND_QUEUELEN: enough segments for the send buffer */
#define TCP_SND_QUEUELEN                (4 * TCP_SND_BUF / TCP_MSS)
/** TCP_QUEUE_OOSEQ: keep out-of-order segments instead of dropping them */
#define TCP_QUEUE_OOSEQ                 1
/**
 * LWIP_TCP_SACK_OUT: tell the sender which out-of-order segments we hold
 * (RFC 2018), so on a lossy link it resends only what was lost, several
 * holes a round trip, instead of one hole per round trip or a timeout
 */
#define LWIP_TCP_SACK_OUT               1
/**
 * TCP_TMR_INTERVAL: lwIP's TCP timer every 50 ms, not 250: a delayed ACK
 * waits at most that long and retransmission timeouts count in 100 ms
 * ticks; on a lossy link the sender's window is a few segments, and a
 * 250 ms delayed ACK inflated its round-trip estimate and so every timeout
 */
#define TCP_TMR_INTERVAL                50
/**
 * LWIP_TCP_RTO_TIME: 1 s before the first retransmission, as RFC 6298
 * says (lwIP's 3 s made each SYN or login PDU lost on a lossy link cost
 * three seconds)
 */
#define LWIP_TCP_RTO_TIME               1000
/**
 * TCP_WND_UPDATE_THRESHOLD: acknowledge each full segment as soon as it is
 * handed to us (iSCSI and HTTP call tcp_recved() from their receive
 * callbacks), no delayed ACK: after a retransmission timeout the sender
 * sends one segment a round trip and waited up to 50 ms for our ACK each
 * time, and with an ACK for every segment fewer of its timeouts come from
 * one lost ACK (64 MiB at 20 % loss, tests/host/test_lossy.sh: iSCSI
 * 75-124 s before, 36-86 s after; HTTP 110-172 s before, 57-86 s after)
 */
#define TCP_WND_UPDATE_THRESHOLD        TCP_MSS
/** LWIP_TCP_KEEPALIVE: no keepalive (iSCSI has its own NOPs) */
#define LWIP_TCP_KEEPALIVE              0
/** TCP_LISTEN_BACKLOG: we do not serve */
#define TCP_LISTEN_BACKLOG              0

/* ---------- statistics and debugging ---------- */

#ifdef LWPXE_NET_DIAG
/** LWIP_STATS: only the IPv4 counters, for `ipstat` (net/diag) */
#define LWIP_STATS                      1
#define LINK_STATS                      0
#define ETHARP_STATS                    0
#define IPFRAG_STATS                    0
#define IP_STATS                        1
#define ICMP_STATS                      0
#define UDP_STATS                       0
#define TCP_STATS                       0
#define MEM_STATS                       0
#define MEMP_STATS                      0
#define SYS_STATS                       0
#else
/** LWIP_STATS: our own counters live in struct nic */
#define LWIP_STATS                      0
#endif
/** LWIP_STATS_DISPLAY: nothing to display */
#define LWIP_STATS_DISPLAY              0

#ifdef DEBUG
/** LWIP_DEBUG: lwIP's debug messages, only in DEBUG builds */
#define LWIP_DEBUG                      1
/** DHCP_DEBUG: trace the DHCP client when debugging */
#define DHCP_DEBUG                      LWIP_DBG_ON
#endif

#endif
