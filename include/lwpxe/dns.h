/** @file Host names to IPv4 addresses: lwIP's resolver stepped by the poll loop. */
#ifndef LWPXE_DNS_H
#define LWPXE_DNS_H

#include <stddef.h>
#include <stdint.h>

/**
 * The IPv4 address of @p name (a dotted quad or a host name), waiting
 * for the DNS server by stepping the poll loop.  The servers are the
 * `dns` setting (`set dns` in the root block, else DHCP option 6); a
 * name without a dot is tried as NAME.DOMAIN (the `domain` setting,
 * DHCP option 15) first, then as written.
 *
 * @v addr      receives the address, in network byte order
 * @v why       on failure, receives one line naming the name, the cause
 *              and the servers ("cannot resolve boot.example: no DNS server")
 * @ret rc      0; -ENOENT if there is no DNS server or a server answered
 *              without an address; -ETIMEDOUT if no usable answer came;
 *              -EINVAL for an empty or invalid name; -ECANCELED on Ctrl-C
 */
int dns_resolve(const char *name, uint32_t *addr, char *why, size_t why_len);

#endif
