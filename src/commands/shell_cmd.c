/** @file The `shell` and `help` commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>

static const struct command shell_help_cmd;

/**
 * `shell`: run the interactive shell until `exit`
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      status of the shell's last command
 */
static int shell_exec(int argc, char **argv)
{
	return shell();
}

/**
 * Order two commands by name, for qsort()-free insertion sorting
 *
 * @v a         first
 * @v b         second
 * @ret cmp     as strcmp()
 */
static int shell_cmp(const struct command *a, const struct command *b)
{
	return strcmp(a->name, b->name);
}

/**
 * Print every command and its usage, sorted by name
 *
 * @ret rc      0 or -ENOMEM
 */
static int shell_help_all(void)
{
	const struct command *cmd;
	const struct command **list;
	unsigned int count = 0;
	unsigned int n = 0;

	TABLE_FOREACH(commands, const struct command *, cmd)
		count++;
	list = calloc(count ? count : 1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	TABLE_FOREACH(commands, const struct command *, cmd) {
		unsigned int i = n++;

		for (; i && shell_cmp(list[i - 1], cmd) > 0; i--)
			list[i] = list[i - 1];
		list[i] = cmd;
	}
	printf("Available commands:\n");
	for (unsigned int i = 0; i < n; i++)
		printf("  %-10s %s\n", list[i]->name,
		       list[i]->usage ? list[i]->usage : "");
	free(list);
	return 0;
}

/**
 * `help [command]`: list the commands, or show one command's usage
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int shell_help_exec(int argc, char **argv)
{
	const struct command *cmd;

	if (argc > 2)
		return command_usage(&shell_help_cmd);
	if (argc == 1)
		return shell_help_all();
	cmd = command_find(argv[1]);
	if (!cmd) {
		printf("help: %s: no such command\n", argv[1]);
		return -ENOENT;
	}
	printf("Usage: %s %s\n", cmd->name, cmd->usage ? cmd->usage : "");
	return 0;
}

/** The `shell` command */
static const struct command shell_cmd = {
	.name = "shell",
	.usage = "",
	.exec = shell_exec,
};
COMMAND(shell_cmd);

/** The `help` command */
static const struct command shell_help_cmd = {
	.name = "help",
	.usage = "[command]",
	.exec = shell_help_exec,
};
COMMAND(shell_help_cmd);
