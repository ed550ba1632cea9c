/** @file The `timeline` command: every phase of the boot so far, with when it began and how long it took. */
#include <lwpxe/command.h>
#include <lwpxe/timeline.h>

static const struct command timeline_command;

/** `timeline`: list the phases noted since start-up */
static int timeline_exec(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return command_usage(&timeline_command);
	timeline_print();
	return 0;
}

/** The `timeline` command */
static const struct command timeline_command = {
	.name = "timeline",
	.usage = "",
	.exec = timeline_exec,
};
COMMAND(timeline_command);
