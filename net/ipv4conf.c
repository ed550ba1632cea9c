/** @file Static IPv4 addresses: netX/ip, netmask and gateway applied to the open interfaces, as iPXE does. */
#include <stdio.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/settings.h>
#include "lwip/dhcp.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

/** Most interfaces whose address this file set */
#define IPV4CONF_MAX 16

/** The interfaces whose current address this file set (NULL: free slot) */
static struct netif *ipv4conf_set_by_us[IPV4CONF_MAX];

/**
 * Note whether @p netif's address is ours
 *
 * @v ours      nonzero: we set it; zero: forget it
 * @ret was     nonzero if it was ours before
 */
static int ipv4conf_mark(struct netif *netif, int ours)
{
	struct netif **free_slot = NULL;
	int was = 0;

	for (unsigned int i = 0; i < IPV4CONF_MAX; i++) {
		if (ipv4conf_set_by_us[i] == netif) {
			was = 1;
			ipv4conf_set_by_us[i] = NULL;
		}
		if (!ipv4conf_set_by_us[i] && !free_slot)
			free_slot = &ipv4conf_set_by_us[i];
	}
	if (ours && free_slot)
		*free_slot = netif;
	return was;
}

/**
 * The first IPv4 address of setting @p name in @p nic's block (and the
 * blocks under it, such as the DHCP lease)
 *
 * @v addr      receives it
 * @ret found   nonzero if there is one
 */
static int ipv4conf_fetch(const struct nic *nic, const char *name,
			  ip4_addr_t *addr)
{
	uint8_t raw[4];
	char ref[32];

	snprintf(ref, sizeof(ref), "%s/%s", nic->name, name);
	if (settings_fetch(ref, raw, sizeof(raw), NULL) < (int)sizeof(raw))
		return 0;
	IP4_ADDR(addr, raw[0], raw[1], raw[2], raw[3]);
	return 1;
}

/** The netmask of @p ip's address class, which iPXE takes when none is set */
static void ipv4conf_class_mask(const ip4_addr_t *ip, ip4_addr_t *mask)
{
	uint8_t first = ip4_addr1(ip);

	if (first < 128)
		IP4_ADDR(mask, 255, 0, 0, 0);
	else if (first < 192)
		IP4_ADDR(mask, 255, 255, 0, 0);
	else
		IP4_ADDR(mask, 255, 255, 255, 0);
}

/** Nonzero if @p netif already has address @p ip, @p mask and @p gw */
static int ipv4conf_same(struct netif *netif, const ip4_addr_t *ip,
			 const ip4_addr_t *mask, const ip4_addr_t *gw)
{
	return ip4_addr_eq(netif_ip4_addr(netif), ip) &&
	       ip4_addr_eq(netif_ip4_netmask(netif), mask) &&
	       ip4_addr_eq(netif_ip4_gw(netif), gw);
}

void ipv4conf_apply(struct nic *nic)
{
	struct netif *netif = netdev_netif(nic);
	ip4_addr_t ip, mask, gw;

	if (!netif || !nic->is_open)
		return;
	if (!ipv4conf_fetch(nic, "ip", &ip)) {
		/* no address set: drop one set here earlier, no other */
		if (ipv4conf_mark(netif, 0) && !dhcp_supplied_address(netif))
			netif_set_addr(netif, IP4_ADDR_ANY4, IP4_ADDR_ANY4,
				       IP4_ADDR_ANY4);
		return;
	}
	if (!ipv4conf_fetch(nic, "netmask", &mask))
		ipv4conf_class_mask(&ip, &mask);
	if (!ipv4conf_fetch(nic, "gateway", &gw))
		ip4_addr_set_any(&gw);
	if (ipv4conf_same(netif, &ip, &mask, &gw))
		return;
	/* a lease's client would put its own address back at renewal */
	if (dhcp_supplied_address(netif))
		dhcp_stop(netif);
	netif_set_addr(netif, &ip, &mask, &gw);
	ipv4conf_mark(netif, 1);
	if (!ip4_addr_isany(&gw))
		netif_set_default(netif);
}

/** Apply the settings to every open interface */
static void ipv4conf_apply_all(void)
{
	struct nic *nic;

	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++)
		ipv4conf_apply(nic);
}

/** Static IPv4 addresses follow `set` and `clear` */
static const struct settings_applicator ipv4conf_applicator = {
	.name = "ipv4",
	.apply = ipv4conf_apply_all,
};
SETTINGS_APPLICATOR(ipv4conf_applicator);
