/** @file The `read` command: a line from the keyboard into a setting. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>
#include "../script/script_int.h"

/** Longest current value offered for editing */
#define READ_VALUE_MAX 256

static const struct command read_cmd;

/**
 * Read a line into setting @p name, offering its current value to edit
 *
 * @v cmd       command name, for messages
 * @v prompt    text shown before the line
 * @v name      setting
 * @v secret    nonzero to show '*' for each character
 * @ret rc      0, -ECANCELED at end of input, or -error
 */
static int read_setting(const char *cmd, const char *prompt, const char *name,
			int secret)
{
	char value[READ_VALUE_MAX];
	char *line;
	int rc;

	if (settings_fetch_text(name, value, sizeof(value)) < 0)
		value[0] = '\0';
	line = readline_plain(prompt, value, secret);
	if (!line) {
		printf("%s%s: %s: no input (end of input)\n", script_where(),
		       cmd, name);
		return -ECANCELED;
	}
	rc = settings_store_text(name, line);
	free(line);
	if (rc != 0)
		printf("%s%s: %s: %s\n", script_where(), cmd, name,
		       errmsg(rc));
	return rc;
}

/**
 * `read SETTING`: read a line from the keyboard into SETTING
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int read_exec(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return command_usage(&read_cmd);
	return read_setting("read", "", argv[1], 0);
}

/** The `read` command */
static const struct command read_cmd = {
	.name = "read",
	.usage = "SETTING",
	.exec = read_exec,
};
COMMAND(read_cmd);
