/** @file `dhcp` and `ifconf`: configure interfaces from a DHCP server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/dhcp.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include "ifcommon.h"

/** Timeout for this run of the command, in ms */
static unsigned long dhcp_cmd_timeout;

/** What went wrong, in words, for a dhcp_configure() result */
static const char *dhcp_cmd_reason(int rc)
{
	switch (rc) {
	case -ENETDOWN:
		return "no link";
	case -ETIMEDOUT:
		return "no offer";
	case -EPROTO:
		return "no acknowledgement of the offer";
	default:
		return NULL;
	}
}

/**
 * Configure one NIC, printing progress and, on failure, one line saying why
 *
 * @v nic       network card
 * @ret rc      0 or -error
 */
static int dhcp_cmd_one(struct nic *nic)
{
	char mac[18];
	const char *reason;
	int rc;

	printf("Configuring (%s %s)... ", nic->name,
	       nic_mac_text(nic, mac, sizeof(mac)));
	rc = dhcp_configure(nic, dhcp_cmd_timeout);
	if (rc == DHCP_CACHED) {
		printf("ok (the boot ROM's DHCPACK, no new DHCP)\n");
		return 0;
	}
	if (rc == 0) {
		printf("ok\n");
		return 0;
	}
	printf("failed\n");
	reason = dhcp_cmd_reason(rc);
	if (reason)
		printf("%sDHCP on %s: %s after %lu s (%s)\n", script_where(),
		       nic->name, reason,
		       (dhcp_cmd_timeout + 999) / 1000, errmsg(rc));
	else
		printf("%sDHCP on %s: %s\n", script_where(), nic->name,
		       errmsg(rc));
	return rc;
}

/** Options of `dhcp` and `ifconf` */
enum { DHCP_OPT_TIMEOUT = 1, DHCP_OPT_CONFIGURATOR };

/** Option table of `dhcp` and `ifconf` */
static const struct cmd_option dhcp_cmd_options[] = {
	{ "timeout", 't', 1, DHCP_OPT_TIMEOUT },
	{ "configurator", 'c', 1, DHCP_OPT_CONFIGURATOR },
};

static const struct command dhcp_command;
static const struct command ifconf_command;

/**
 * Check the configurator `ifconf --configurator` names: only "dhcp" is
 * built in ("ipv6", iPXE's other one, needs IPv6, which lwpxe lacks)
 *
 * @ret rc      0 or -ENOTSUP (said in a line)
 */
static int dhcp_cmd_configurator(const char *name)
{
	if (strcmp(name, "dhcp") == 0)
		return 0;
	printf("%sifconf: configurator \"%s\" is not built in (%s)\n",
	       script_where(), name,
	       strcmp(name, "ipv6") == 0 ? "lwpxe has no IPv6" :
					   "only dhcp is");
	return -ENOTSUP;
}

/**
 * `dhcp [--timeout MS] [netX...]` and `ifconf [--configurator NAME]
 * [--timeout MS] [netX...]`: try each named NIC (or every NIC) in turn
 * until one gets a lease
 */
static int dhcp_cmd_run(const struct command *cmd, int argc, char **argv)
{
	unsigned int nopts = cmd == &ifconf_command ? 2 : 1;
	int optind = 1;
	char *arg = NULL;
	char *end;
	int opt, rc;

	dhcp_cmd_timeout = dhcp_timeout_ms();
	while ((opt = parse_options(cmd, dhcp_cmd_options, nopts, argc, argv,
				    &optind, &arg)) > 0) {
		if (opt == DHCP_OPT_CONFIGURATOR) {
			rc = dhcp_cmd_configurator(arg);
			if (rc < 0)
				return rc;
			continue;
		}
		dhcp_cmd_timeout = strtoul(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || !dhcp_cmd_timeout) {
			printf("%s%s: invalid timeout \"%s\"\n",
			       script_where(), cmd->name, arg);
			return -EINVAL;
		}
	}
	if (opt < 0)
		return opt;
	return ifcmd_each(cmd->name, argc, argv, optind, dhcp_cmd_one, 1);
}

/** `dhcp [--timeout MS] [netX...]` */
static int dhcp_cmd_exec(int argc, char **argv)
{
	return dhcp_cmd_run(&dhcp_command, argc, argv);
}

/** `ifconf [--configurator dhcp] [--timeout MS] [netX...]` */
static int ifconf_cmd_exec(int argc, char **argv)
{
	return dhcp_cmd_run(&ifconf_command, argc, argv);
}

/** The `dhcp` command */
static const struct command dhcp_command = {
	.name = "dhcp",
	.usage = "[--timeout MS] [netX...]",
	.exec = dhcp_cmd_exec,
};
COMMAND(dhcp_command);

/** The `ifconf` command */
static const struct command ifconf_command = {
	.name = "ifconf",
	.usage = "[--configurator dhcp] [--timeout MS] [netX...]",
	.exec = ifconf_cmd_exec,
};
COMMAND(ifconf_command);
