/** @file Host names to IPv4 addresses: lwIP's resolver stepped by the poll loop. */
#ifndef LWPXE_DNS_H
#define LWPXE_DNS_H

#include <stddef.h>
#include <stdint.h>

/**
 * The IPv4 address of @p name (a dotted quad or a host name), waiting
 * for the DNS server by stepping the poll loop
 *
 * @v addr      receives the address, in network byte order
 * @v why       on failure, receives one line's cause
 *              ("cannot resolve boot.example: no answer")
 * @ret rc      0, -ENOENT if the name cannot be resolved, or -ECANCELED
 *              on Ctrl-C
 */
int dns_resolve(const char *name, uint32_t *addr, char *why, size_t why_len);

#endif
