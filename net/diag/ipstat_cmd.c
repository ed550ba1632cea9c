/** @file The `ipstat` command: IPv4 counters from lwIP, named as RFC 4293 and iPXE name them. */
#include <stdio.h>
#include <lwpxe/command.h>
#include "lwip/stats.h"

static const struct command ipstat_cmd;

/** `ipstat`: print the IPv4 counters lwIP keeps */
static int ipstat_exec(int argc, char **argv)
{
	const struct stats_proto *ip = &lwip_stats.ip;

	(void)argv;
	if (argc != 1)
		return command_usage(&ipstat_cmd);
	printf("IP version 4:\n");
	printf("  InReceives:%u InHdrErrors:%u InUnknownProtos:%u "
	       "InDiscards:%u\n",
	       (unsigned int)ip->recv,
	       (unsigned int)(ip->chkerr + ip->lenerr + ip->opterr),
	       (unsigned int)ip->proterr, (unsigned int)ip->drop);
	printf("  OutTransmits:%u OutNoRoutes:%u\n", (unsigned int)ip->xmit,
	       (unsigned int)ip->rterr);
	return 0;
}

/** The `ipstat` command */
static const struct command ipstat_cmd = {
	.name = "ipstat",
	.usage = "",
	.exec = ipstat_exec,
};
COMMAND(ipstat_cmd);
