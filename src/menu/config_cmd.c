/** @file `config [SCOPE]`: the settings, listed (iPXE's opens an editor; lwpxe prints them). */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>

/** Print one value as "block/name:type = value" */
static void config_line(const struct settings *block, const char *name,
			const struct setting_type *type, const void *data,
			size_t len, void *ctx)
{
	const char *bname = settings_block_name(block);
	int n = type->format(data, len, NULL, 0);
	char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;

	(void)ctx;
	if (text)
		type->format(data, len, text, (size_t)n + 1);
	printf("%s%s%s:%s = %s\n", bname, *bname ? "/" : "", name, type->name,
	       text ? text : "<unprintable>");
	free(text);
}

static const struct command config_cmd;

/**
 * `config [SCOPE]`: list every stored setting (of SCOPE and the blocks
 * under it), one per line, as `show` prints one; there is no
 * interactive editor, `set` changes them
 */
static int config_exec(int argc, char **argv)
{
	struct settings *block = NULL;

	if (argc > 2)
		return command_usage(&config_cmd);
	if (argc == 2) {
		block = settings_find_block(argv[1]);
		if (!block) {
			printf("%sconfig: %s: no such settings block\n",
			       script_where(), argv[1]);
			return -ENOENT;
		}
	}
	settings_foreach(block, config_line, NULL);
	return 0;
}

/** The `config` command */
static const struct command config_cmd = {
	.name = "config",
	.usage = "[scope] (lists the settings; no interactive editor, use set)",
	.exec = config_exec,
};
COMMAND(config_cmd);
