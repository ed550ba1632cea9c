/** @file `sync [--timeout MS]`: wait for background work, as iPXE's does (lwpxe has none left by then). */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/poll.h>
#include <lwpxe/script.h>

/** Options of `sync` */
static const struct cmd_option sync_opts[] = {
	{ .name = "timeout", .short_name = 't', .has_arg = 1, .id = 1 },
};

static const struct command sync_cmd;

/**
 * `sync [--timeout MS]`: every lwpxe command runs to completion before
 * the next starts (downloads, DHCP, NTP), so nothing runs in the
 * background; one poll step sends what the NICs still queue
 */
static int sync_exec(int argc, char **argv)
{
	int optind = 1;
	char *arg, *end;
	int id;

	while ((id = parse_options(&sync_cmd, sync_opts, ARRAY_SIZE(sync_opts),
				   argc, argv, &optind, &arg)) > 0) {
		strtoul(arg, &end, 10);
		if (!*arg || *end) {
			printf("%ssync: invalid timeout \"%s\"\n",
			       script_where(), arg);
			return -EINVAL;
		}
	}
	if (id < 0)
		return id;
	if (optind != argc)
		return command_usage(&sync_cmd);
	step();
	return 0;
}

/** The `sync` command */
static const struct command sync_cmd = {
	.name = "sync",
	.usage = "[--timeout MS]",
	.exec = sync_exec,
};
COMMAND(sync_cmd);
