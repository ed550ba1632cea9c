/** @file Interface commands: `ifopen`, `ifclose`, `ifstat`, `iflinkwait`. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/console.h>
#include <lwpxe/poll.h>
#include <lwpxe/time.h>
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
	char mac[18], where[32];

	printf("%s: %s using %s on %s (%s)\n", nic->name,
	       nic_mac_text(nic, mac, sizeof(mac)),
	       nic->driver ? nic->driver : "?",
	       device_text(&nic->desc, where, sizeof(where)),
	       nic->is_open ? "open" : "closed");
	printf("  [Link:%s, TX:%lu TXE:%lu RX:%lu RXE:%lu]\n",
	       nic->link_up ? "up" : "down", nic->stats.tx_ok,
	       nic->stats.tx_err, nic->stats.rx_ok, nic->stats.rx_err);
	return 0;
}

/** How long `iflinkwait` waits without --timeout, in ms (iPXE's 15 s) */
#define IFLINKWAIT_DEFAULT_MS 15000

/** Timeout of the running `iflinkwait`, in ms */
static unsigned long iflinkwait_ms;

/** Open one NIC and wait up to iflinkwait_ms for its link */
static int iflinkwait_one(struct nic *nic)
{
	uint64_t start = ticks_ms();
	int rc = ifopen_one(nic);

	if (rc < 0)
		return rc;
	while (!nic->link_up) {
		if (console_cancelled())
			return -ECANCELED;
		if (ticks_ms() - start >= iflinkwait_ms) {
			printf("%siflinkwait: %s: link down after %lu ms (%s)\n",
			       script_where(), nic->name, iflinkwait_ms,
			       errmsg(-ENETDOWN));
			return -ENETDOWN;
		}
		step_idle();
	}
	return 0;
}

/** Options of `iflinkwait` */
static const struct cmd_option iflinkwait_opts[] = {
	{ .name = "timeout", .short_name = 't', .has_arg = 1, .id = 1 },
};

static const struct command iflinkwait_command;

/** `iflinkwait [--timeout MS] [netX...]`: open the NICs and wait for link-up */
static int iflinkwait_exec(int argc, char **argv)
{
	int optind = 1;
	char *arg, *end;
	int id;

	iflinkwait_ms = IFLINKWAIT_DEFAULT_MS;
	while ((id = parse_options(&iflinkwait_command, iflinkwait_opts,
				   ARRAY_SIZE(iflinkwait_opts), argc, argv,
				   &optind, &arg)) > 0) {
		iflinkwait_ms = strtoul(arg, &end, 10);
		if (!*arg || *end) {
			printf("%siflinkwait: invalid timeout \"%s\"\n",
			       script_where(), arg);
			return -EINVAL;
		}
	}
	if (id < 0)
		return id;
	return ifcmd_each("iflinkwait", argc, argv, optind, iflinkwait_one, 0);
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

/** The `iflinkwait` command */
static const struct command iflinkwait_command = {
	.name = "iflinkwait",
	.usage = "[--timeout MS] [netX...]",
	.exec = iflinkwait_exec,
};
COMMAND(iflinkwait_command);
