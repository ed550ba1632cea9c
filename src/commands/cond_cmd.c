/** @file Conditions for `&&` and `||`: `isset` and `iseq`. */
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>

static const struct command cond_isset_cmd;
static const struct command cond_iseq_cmd;

/**
 * `isset VALUE`: succeed if VALUE is not empty (as in `isset ${name}`)
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0, -ENOENT if empty, -EINVAL on bad usage
 */
static int cond_isset_exec(int argc, char **argv)
{
	if (argc != 2)
		return command_usage(&cond_isset_cmd);
	return argv[1][0] ? 0 : -ENOENT;
}

/**
 * `iseq A B`: succeed if the two strings are equal
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0, -ERANGE if they differ, -EINVAL on bad usage
 */
static int cond_iseq_exec(int argc, char **argv)
{
	if (argc != 3)
		return command_usage(&cond_iseq_cmd);
	return strcmp(argv[1], argv[2]) == 0 ? 0 : -ERANGE;
}

/** The `isset` command */
static const struct command cond_isset_cmd = {
	.name = "isset",
	.usage = "value",
	.exec = cond_isset_exec,
};
COMMAND(cond_isset_cmd);

/** The `iseq` command */
static const struct command cond_iseq_cmd = {
	.name = "iseq",
	.usage = "value1 value2",
	.exec = cond_iseq_exec,
};
COMMAND(cond_iseq_cmd);
