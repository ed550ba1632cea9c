/** @file `time COMMAND...`: run a command and say how long it took, as iPXE's does. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/time.h>
#include "../script/script_int.h"

static const struct command time_cmd;

/** `time COMMAND [ARGS...]`: run it, print "COMMAND: S.mmms", return its status */
static int time_exec(int argc, char **argv)
{
	uint64_t start;
	uint64_t ms;
	int rc;

	if (argc < 2)
		return command_usage(&time_cmd);
	start = ticks_ms();
	rc = cmdline_exec_argv(argc - 1, argv + 1);
	ms = ticks_ms() - start;
	printf("%s: %lu.%03lus\n", argv[1], (unsigned long)(ms / 1000),
	       (unsigned long)(ms % 1000));
	return rc;
}

/** The `time` command */
static const struct command time_cmd = {
	.name = "time",
	.usage = "command [args...]",
	.exec = time_exec,
};
COMMAND(time_cmd);
