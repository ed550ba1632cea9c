/** @file The lwIP hooks lwpxe implements: DHCP options in and out, TCP ISN. */
#ifndef LWPXE_LWIP_HOOKS_H
#define LWPXE_LWIP_HOOKS_H

#include "lwip/arch.h"
#include "lwip/ip_addr.h"

struct netif;
struct dhcp;
struct dhcp_msg;
struct pbuf;

/**
 * Append our client options (vendor class, user class, arch, UUID) to an
 * outgoing DHCP message (net/dhcp/client.c)
 *
 * @v netif     interface sending
 * @v dhcp      lwIP's DHCP state
 * @v state     DHCP client state
 * @v msg       message being built
 * @v msg_type  DHCP message type (DISCOVER, REQUEST, ...)
 * @v len       current options length, advanced past what is added
 */
void dhcpc_append_options(struct netif *netif, struct dhcp *dhcp, u8_t state,
			  struct dhcp_msg *msg, u8_t msg_type, u16_t *len);

/**
 * Stage a received option lwIP does not decode itself (net/dhcp/client.c)
 *
 * @v netif     interface receiving
 * @v dhcp      lwIP's DHCP state
 * @v state     DHCP client state
 * @v msg       message received
 * @v msg_type  DHCP message type, 0 if not yet seen
 * @v option    option tag
 * @v len       option length as the message claims it
 * @v p         pbuf holding the option
 * @v offset    offset of the option value in @p p
 */
void dhcpc_parse_option(struct netif *netif, struct dhcp *dhcp, u8_t state,
			struct dhcp_msg *msg, u8_t msg_type, u8_t option,
			u8_t len, struct pbuf *p, u16_t offset);

/**
 * Initial sequence number for a new TCP connection: unpredictable,
 * never a constant (net/lwip/sys.c)
 */
u32_t lwipglue_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		       const ip_addr_t *remote_ip, u16_t remote_port);

/** Hook: our options in every DHCP message lwIP sends */
#define LWIP_HOOK_DHCP_APPEND_OPTIONS(netif, dhcp, state, msg, msg_type, len) \
	dhcpc_append_options(netif, dhcp, state, msg, msg_type, len)

/** Hook: options lwIP skips are handed to our client */
#define LWIP_HOOK_DHCP_PARSE_OPTION(netif, dhcp, state, msg, msg_type, option, len, p, offset) \
	dhcpc_parse_option(netif, dhcp, state, msg, msg_type, option, len, p, offset)

/** Hook: random TCP initial sequence numbers */
#define LWIP_HOOK_TCP_ISN(local_ip, local_port, remote_ip, remote_port) \
	lwipglue_tcp_isn(local_ip, local_port, remote_ip, remote_port)

#endif
