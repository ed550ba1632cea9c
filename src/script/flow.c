/** @file Control flow of the script language: stop state, `exit` and `goto`. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/command.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include "script_int.h"

/** Largest status `exit` accepts */
#define FLOW_EXIT_MAX 0xffff

/** Pending stop: 0, SCRIPT_STOP_COMMAND or SCRIPT_STOP_SEQUENCE */
static int flow_stop_state;

/** Ask the command loops to stop at @p level */
void script_stop(int level)
{
	flow_stop_state = level;
}

/** Nonzero if stopped at @p level or above; consumes stops up to @p level */
int script_stopped(int level)
{
	int stopped = flow_stop_state >= level;

	if (flow_stop_state <= level)
		flow_stop_state = 0;
	return stopped;
}

/** Forget any pending stop */
void script_stop_reset(void)
{
	flow_stop_state = 0;
}

void script_end(void)
{
	script_stop(SCRIPT_STOP_SEQUENCE);
}

static const struct command flow_exit_cmd;

/** `exit [N]`: end the script (or shell) with status N */
static int flow_exit_exec(int argc, char **argv)
{
	unsigned long status = 0;
	char *end;

	if (argc > 2)
		return command_usage(&flow_exit_cmd);
	if (argc == 2) {
		status = strtoul(argv[1], &end, 0);
		if (!argv[1][0] || *end || status > FLOW_EXIT_MAX) {
			printf("%sexit: \"%s\" is not a status (0-%u)\n",
			       script_where(), argv[1], FLOW_EXIT_MAX);
			return -EINVAL;
		}
	}
	script_stop(SCRIPT_STOP_SEQUENCE);
	return status ? -(SCRIPT_EXIT_BASE + (int)status) : 0;
}

/** The `exit` command */
static const struct command flow_exit_cmd = {
	.name = "exit",
	.usage = "[status]",
	.exec = flow_exit_exec,
};
COMMAND(flow_exit_cmd);

static const struct command flow_goto_cmd;

/** `goto LABEL`: continue the running script at :LABEL */
static int flow_goto_exec(int argc, char **argv)
{
	int rc;

	if (argc != 2)
		return command_usage(&flow_goto_cmd);
	/* Every loop of a script jumps back here: Ctrl-C ends it */
	if (console_cancelled()) {
		printf("%sgoto: cancelled (Ctrl-C)\n", script_where());
		return -ECANCELED;
	}
	rc = script_goto(argv[1]);
	if (rc == -ENOTSUP) {
		printf("goto: not in a script\n");
		return rc;
	}
	if (rc < 0) {
		printf("%sgoto: no label \":%s\" in this script\n",
		       script_where(), argv[1]);
		return rc;
	}
	script_stop(SCRIPT_STOP_COMMAND);
	return 0;
}

/** The `goto` command */
static const struct command flow_goto_cmd = {
	.name = "goto",
	.usage = "label",
	.exec = flow_goto_exec,
};
COMMAND(flow_goto_cmd);
