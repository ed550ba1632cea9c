/** @file Settings commands: `set`, `clear`, `show` and `inc`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>
#include "../script/script_int.h"

static const struct command settings_set_cmd;
static const struct command settings_clear_cmd;
static const struct command settings_show_cmd;
static const struct command settings_inc_cmd;

/**
 * Nonzero if @p name names a scope that does not exist ("net9/ip")
 *
 * @v name      "[scope/]name[:type]"
 */
static int settings_cmd_bad_scope(const char *name)
{
	const char *slash = strchr(name, '/');
	char *scope;
	int bad;

	if (!slash)
		return 0;
	scope = strndup(name, (size_t)(slash - name));
	if (!scope)
		return 0;
	bad = settings_find_block(scope) == NULL;
	free(scope);
	return bad;
}

/**
 * Print why storing or clearing @p name failed
 *
 * @v cmd       command name
 * @v name      the setting as written
 * @v rc        the error
 * @ret rc      @p rc
 */
static int settings_cmd_error(const char *cmd, const char *name, int rc)
{
	if (rc == -ENOENT && settings_cmd_bad_scope(name))
		printf("%s%s: %s: no such settings block\n", script_where(),
		       cmd, name);
	else
		printf("%s%s: %s: %s\n", script_where(), cmd, name,
		       errmsg(rc));
	return rc;
}

/**
 * `set NAME [VALUE...]`: store the words joined by spaces (none: delete)
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int settings_set_exec(int argc, char **argv)
{
	char *value;
	int rc;

	if (argc < 2)
		return command_usage(&settings_set_cmd);
	value = concat_args(argc - 2, argv + 2);
	if (!value)
		return -ENOMEM;
	rc = settings_store_text(argv[1], value);
	if (rc == -EINVAL)
		printf("%sset: %s: \"%s\" is not a valid value\n",
		       script_where(), argv[1], value);
	else if (rc < 0)
		settings_cmd_error("set", argv[1], rc);
	free(value);
	return rc;
}

/**
 * `clear NAME`: delete a setting (not an error if it was not set)
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int settings_clear_exec(int argc, char **argv)
{
	int rc;

	if (argc != 2)
		return command_usage(&settings_clear_cmd);
	rc = settings_clear(argv[1]);
	if (rc == -ENOENT && !settings_cmd_bad_scope(argv[1]))
		return 0;
	if (rc < 0)
		return settings_cmd_error("clear", argv[1], rc);
	return 0;
}

/** What `show` looks for and finds */
struct settings_show {
	char *name;                          /**< canonical name wanted (heap) */
	const struct settings *origin;       /**< block it came from */
	const struct setting_type *type;     /**< type to show it as */
};

/** Note the first block holding the wanted name */
static void settings_show_find(const struct settings *block, const char *name,
			       const struct setting_type *type,
			       const void *data, size_t len, void *ctx)
{
	struct settings_show *show = ctx;

	if (!show->origin && strcmp(name, show->name) == 0) {
		show->origin = block;
		show->type = type;
	}
}

/**
 * Find where "[scope/]name[:type]" comes from and how to show it
 *
 * @v ref       the setting as written
 * @v show      receives name, origin and type; free show->name
 * @ret rc      0, -ENOENT or -ENOMEM
 */
static int settings_show_origin(const char *ref, struct settings_show *show)
{
	char *copy = strdup(ref);
	char *name = copy;
	char *slash;
	char *colon;
	struct settings *scope = NULL;
	const struct setting_def *def;

	if (!copy)
		return -ENOMEM;
	slash = strchr(copy, '/');
	if (slash) {
		*slash = '\0';
		scope = settings_find_block(copy);
		name = slash + 1;
	}
	colon = strchr(name, ':');
	if (colon)
		*colon = '\0';
	def = setting_def_find(name);
	show->name = strdup(def ? def->name : name);
	if (show->name)
		settings_foreach(scope, settings_show_find, show);
	if (colon && setting_type_find(colon + 1))
		show->type = setting_type_find(colon + 1);
	free(copy);
	if (!show->name)
		return -ENOMEM;
	return show->origin ? 0 : -ENOENT;
}

/**
 * `show NAME`: print "origin/name:type = value" as iPXE does
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int settings_show_exec(int argc, char **argv)
{
	struct settings_show show = { 0 };
	const char *block;
	char *value = NULL;
	int len;
	int rc;

	if (argc != 2)
		return command_usage(&settings_show_cmd);
	len = settings_fetch_text(argv[1], NULL, 0);
	rc = len < 0 ? len : settings_show_origin(argv[1], &show);
	if (rc == 0) {
		value = malloc((size_t)len + 1);
		rc = value ? 0 : -ENOMEM;
	}
	if (rc < 0) {
		free(show.name);
		return settings_cmd_error("show", argv[1], rc);
	}
	settings_fetch_text(argv[1], value, (size_t)len + 1);
	block = settings_block_name(show.origin);
	printf("%s%s%s:%s = %s\n", block, *block ? "/" : "", show.name,
	       show.type->name, value);
	free(value);
	free(show.name);
	return 0;
}

/**
 * @p a + @p b as a signed 32-bit number that wraps (iPXE's int32), the
 * same on every platform and without signed overflow
 */
static long settings_inc_wrap(long long a, long long b)
{
	uint32_t sum = (uint32_t)a + (uint32_t)b;

	return sum > INT32_MAX ? -(long)(UINT32_MAX - sum) - 1 : (long)sum;
}

/**
 * `inc NAME [N]`: add N (default 1) to a number; unset counts as 0; the
 * result wraps at 32 bits (2147483647 + 1 is -2147483648)
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int settings_inc_exec(int argc, char **argv)
{
	char text[24];
	char *end;
	long long value = 0;
	long long step = 1;
	int rc;

	if (argc < 2 || argc > 3)
		return command_usage(&settings_inc_cmd);
	if (argc == 3) {
		step = strtoll(argv[2], &end, 0);
		if (!argv[2][0] || *end)
			return command_usage(&settings_inc_cmd);
	}
	if (settings_fetch_text(argv[1], text, sizeof(text)) > 0) {
		value = strtoll(text, &end, 0);
		if (*end)
			value = 0;
	}
	snprintf(text, sizeof(text), "%ld", settings_inc_wrap(value, step));
	rc = settings_store_text(argv[1], text);
	if (rc < 0)
		return settings_cmd_error("inc", argv[1], rc);
	return 0;
}

/** The `set` command */
static const struct command settings_set_cmd = {
	.name = "set",
	.usage = "name [value...]",
	.exec = settings_set_exec,
};
COMMAND(settings_set_cmd);

/** The `clear` command */
static const struct command settings_clear_cmd = {
	.name = "clear",
	.usage = "name",
	.exec = settings_clear_exec,
};
COMMAND(settings_clear_cmd);

/** The `show` command */
static const struct command settings_show_cmd = {
	.name = "show",
	.usage = "name",
	.exec = settings_show_exec,
};
COMMAND(settings_show_cmd);

/** The `inc` command */
static const struct command settings_inc_cmd = {
	.name = "inc",
	.usage = "name [increment]",
	.exec = settings_inc_exec,
};
COMMAND(settings_inc_cmd);
