/** @file The `echo` command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include "../script/script_int.h"

/**
 * `echo [-n] [text...]`: print the words joined by spaces.  Only "-n" is
 * an option, so lines like `echo ----` print as written.
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -ENOMEM
 */
static int echo_exec(int argc, char **argv)
{
	int newline = 1;
	int first = 1;
	char *text;

	while (first < argc && strcmp(argv[first], "-n") == 0) {
		newline = 0;
		first++;
	}
	text = concat_args(argc - first, argv + first);
	if (!text)
		return -ENOMEM;
	printf("%s%s", text, newline ? "\n" : "");
	free(text);
	return 0;
}

/** The `echo` command */
static const struct command echo_cmd = {
	.name = "echo",
	.usage = "[-n] [text...]",
	.exec = echo_exec,
};
COMMAND(echo_cmd);
