/** @file The `ntp` command: set the clock from an SNTP server. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/ntp.h>
#include <lwpxe/script.h>

static const struct command ntp_command;

/** `ntp SERVER` */
static int ntp_exec(int argc, char **argv)
{
	char why[96];
	int rc;

	if (argc != 2)
		return command_usage(&ntp_command);
	rc = ntp_sync(argv[1], why, sizeof(why));
	if (rc < 0)
		printf("%sntp: %s: %s\n", script_where(), argv[1], why);
	return rc;
}

/** The `ntp` command */
static const struct command ntp_command = {
	.name = "ntp",
	.usage = "server",
	.exec = ntp_exec,
};
COMMAND(ntp_command);
