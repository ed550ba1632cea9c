/** @file DHCP client: configure a NIC from a DHCP server. */
#ifndef LWPXE_DHCP_H
#define LWPXE_DHCP_H

struct nic;

/**
 * How long `dhcp` waits for a lease on one NIC.  iPXE gives up after
 * about 15 s; lwIP's retransmissions (0, 2, 6 s) fit in 10 s and a
 * lease without the ARP check takes milliseconds, so 10 s is plenty and
 * keeps trying every NIC in turn bearable.
 */
#define DHCP_TIMEOUT_MS 10000UL

/**
 * Get a lease on @p nic: open it if needed, run lwIP's DHCP client until
 * bound, then fill the settings block "netN.dhcp" (ip, netmask, gateway,
 * dns, dhcp-server, lease-time, next-server, filename and every other
 * option received).  Prints nothing.
 *
 * @v nic        network card
 * @v timeout_ms give up after this long
 * @ret rc       0; -ENETDOWN if the link never came up; -ETIMEDOUT if no
 *               offer came; -EPROTO if offers came but no acknowledgement;
 *               -ECANCELED on Ctrl-C; or what opening the NIC returned
 */
int dhcp_configure(struct nic *nic, unsigned long timeout_ms);

#endif
