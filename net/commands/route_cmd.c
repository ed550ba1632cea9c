/** @file The `route` command: each interface's address, netmask and gateway. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

/** Print one interface's route if it has an address */
static void route_show(struct nic *nic)
{
	struct netif *netif = netdev_netif(nic);
	char ip[IP4ADDR_STRLEN_MAX];
	char mask[IP4ADDR_STRLEN_MAX];
	char gw[IP4ADDR_STRLEN_MAX];

	if (!netif || ip4_addr_isany(netif_ip4_addr(netif)))
		return;
	ip4addr_ntoa_r(netif_ip4_addr(netif), ip, sizeof(ip));
	ip4addr_ntoa_r(netif_ip4_netmask(netif), mask, sizeof(mask));
	printf("%s: %s/%s", nic->name, ip, mask);
	if (!ip4_addr_isany(netif_ip4_gw(netif))) {
		ip4addr_ntoa_r(netif_ip4_gw(netif), gw, sizeof(gw));
		printf(" gw %s", gw);
	}
	printf("%s\n", netif_is_up(netif) ? "" : " (closed)");
}

static const struct command route_command;

/** `route`: list the routes of every configured interface */
static int route_exec(int argc, char **argv)
{
	struct nic *nic;

	(void)argv;
	if (argc > 1)
		return command_usage(&route_command);
	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++)
		route_show(nic);
	return 0;
}

/** The `route` command */
static const struct command route_command = {
	.name = "route",
	.usage = "",
	.exec = route_exec,
};
COMMAND(route_command);
