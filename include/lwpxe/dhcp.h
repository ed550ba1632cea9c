/** @file DHCP client: configure a NIC from a DHCP server. */
#ifndef LWPXE_DHCP_H
#define LWPXE_DHCP_H

#include <stddef.h>

struct nic;

/**
 * How long `dhcp` waits for a lease on one NIC.  iPXE gives up after
 * about 15 s; lwIP's retransmissions (0, 2, 6 s) fit in 10 s and a
 * lease without the ARP check takes milliseconds, so 10 s is plenty and
 * keeps trying every NIC in turn bearable.
 */
#define DHCP_TIMEOUT_MS 10000UL

/** dhcp_configure() result: the lease is the boot ROM's DHCPACK, no DHCP exchange */
#define DHCP_CACHED 1

/**
 * Get a lease on @p nic: open it if needed, run lwIP's DHCP client until
 * bound, then fill the settings block "netN.dhcp" (ip, netmask, gateway,
 * dns, dhcp-server, lease-time, next-server, filename and every other
 * option received).  If the NIC carries its boot ROM's DHCPACK
 * (nic->boot_dhcpack), that is applied instead, once, without asking a
 * server; if it cannot be used, DHCP runs as usual.  Prints nothing.
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
