/** @file DHCP client: configure a NIC from a DHCP server. */
#ifndef LWPXE_DHCP_H
#define LWPXE_DHCP_H

#include <stddef.h>
#include <stdint.h>

struct nic;

/**
 * How long `dhcp` keeps trying for a lease on one NIC when neither
 * `--timeout` nor the `dhcp-timeout` setting says.  iPXE gives up after
 * about 15 s and so did we (10 s), but a server that pings each address
 * before offering it (dnsmasq's default, about 3 s an address) serves a
 * room of clients booting at once only after tens of seconds: 16 at once
 * took 14 s (tests/host/test_clients.sh), and with 10 s none got a
 * lease.  In 30 s DISCOVERs go out at about 0, 4, 12 and 28 s.
 */
#define DHCP_TIMEOUT_MS 30000UL

/** First wait for an answer to a DISCOVER, RFC 2131 section 4.1: 4 s */
#define DHCP_BACKOFF_FIRST_MS 4000UL

/** The wait doubles up to 4 s << 4 = 64 s */
#define DHCP_BACKOFF_MAX_SHIFT 4

/** Each wait is randomised by up to this much either way: 1 s */
#define DHCP_BACKOFF_JITTER_MS 1000UL

/**
 * How long to wait for an answer after the @p sent th DISCOVER: 4, 8, 16,
 * 32, then 64 s, each moved by a uniform random amount of up to 1 s
 * either way (RFC 2131 section 4.1), so clients that started together
 * drift apart
 *
 * @v sent      DISCOVERs sent so far (1 after the first)
 * @v rnd       a random number
 * @ret ms      the wait
 */
unsigned long dhcp_backoff_ms(unsigned int sent, uint32_t rnd);

/**
 * How long `dhcp` keeps trying on one NIC: the `dhcp-timeout` setting
 * (seconds) if it is set and not 0, else DHCP_TIMEOUT_MS
 *
 * @ret ms      the bound
 */
unsigned long dhcp_timeout_ms(void);

/** dhcp_configure() result: the lease is the boot ROM's DHCPACK, no DHCP exchange */
#define DHCP_CACHED 1

/**
 * Get a lease on @p nic: open it if needed, run lwIP's DHCP client until
 * bound, then fill the settings block "netN.dhcp" (ip, netmask, gateway,
 * dns, dhcp-server, lease-time, next-server, filename and every other
 * option received).  If the NIC carries its boot ROM's DHCPACK
 * (nic->boot_dhcpack), that is applied instead, once, without asking a
 * server; if it cannot be used, DHCP runs as usual.  DISCOVERs are
 * sent again after dhcp_backoff_ms(); each one after the first is said
 * in a line ("DHCP on net0: no offer yet; DISCOVER again (try 2, 4 s so
 * far)"); nothing else is printed.
 *
 * @v nic        network card
 * @v timeout_ms give up after this long
 * @ret rc       0 (a server's lease) or DHCP_CACHED (the boot ROM's);
 *               -ENETDOWN if the link never came up; -ETIMEDOUT if no
 *               offer came; -EPROTO if offers came but no acknowledgement;
 *               -ECANCELED on Ctrl-C; or what opening the NIC returned
 */
int dhcp_configure(struct nic *nic, unsigned long timeout_ms);

/**
 * Apply a cached DHCPACK to @p nic's open interface, sending nothing
 * (dhcp_configure() calls this): "netN.dhcp" as for a lease, and lwIP's
 * address, netmask, gateway and DNS servers.
 *
 * @v nic       network card (open)
 * @v msg       the BOOTP/DHCP message
 * @v len       its length
 * @ret rc      0; -EBADMSG if it is not a usable DHCPACK for this NIC
 *              (nothing is changed then); or -error from the settings
 */
int dhcp_apply_ack(struct nic *nic, const void *msg, size_t len);

#endif
