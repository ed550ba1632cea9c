/** @file Interface commands: `ifopen`, `ifclose`, `ifstat`. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include "ifcommon.h"

/** Open one NIC, saying why if it cannot be opened */
static int ifopen_one(struct nic *nic)
{
	int rc = netdev_open(nic);

	if (rc < 0)
		printf("%sifopen: %s: could not open (%s)\n", script_where(),
		       nic->name,
		       errmsg(rc));
	return rc;
}

/** Close one NIC */
static int ifclose_one(struct nic *nic)
{
	netdev_close(nic);
	return 0;
}

/** Print the state and counters of one NIC, as iPXE's ifstat does */
static int ifstat_one(struct nic *nic)
{
	char mac[18];

	printf("%s: %s using %s on %s (%s)\n", nic->name,
	       netdev_mac_text(nic, mac, sizeof(mac)),
	       nic->driver ? nic->driver : "?", nic->location,
	       nic->is_open ? "open" : "closed");
	printf("  [Link:%s, TX:%lu TXE:%lu RX:%lu RXE:%lu]\n",
	       nic->link_up ? "up" : "down", nic->stats.tx_ok,
	       nic->stats.tx_err, nic->stats.rx_ok, nic->stats.rx_err);
	return 0;
}

/** `ifopen [netX...]`: open the named NICs, or all */
static int ifopen_exec(int argc, char **argv)
{
	return ifcmd_each("ifopen", argc, argv, 1, ifopen_one, 0);
}

/** `ifclose [netX...]`: close the named NICs, or all */
static int ifclose_exec(int argc, char **argv)
{
	return ifcmd_each("ifclose", argc, argv, 1, ifclose_one, 0);
}

/** `ifstat [netX...]`: show the named NICs, or all */
static int ifstat_exec(int argc, char **argv)
{
	return ifcmd_each("ifstat", argc, argv, 1, ifstat_one, 0);
}

/** The `ifopen` command */
static const struct command ifopen_command = {
	.name = "ifopen",
	.usage = "[netX...]",
	.exec = ifopen_exec,
};
COMMAND(ifopen_command);

/** The `ifclose` command */
static const struct command ifclose_command = {
	.name = "ifclose",
	.usage = "[netX...]",
	.exec = ifclose_exec,
};
COMMAND(ifclose_command);

/** The `ifstat` command */
static const struct command ifstat_command = {
	.name = "ifstat",
	.usage = "[netX...]",
	.exec = ifstat_exec,
};
COMMAND(ifstat_command);
