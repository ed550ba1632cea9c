/** @file Image commands: `chain` (alias `boot`) starts an executable file from a hooked SAN drive. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/san.h>
#include <lwpxe/script.h>

/** Option ids */
enum {
	CHAIN_OPT_DRIVE = 1,
};

/** Options of `chain` and `boot` */
static const struct cmd_option chain_opts[] = {
	{ .name = "drive", .short_name = 'd', .has_arg = 1,
	  .id = CHAIN_OPT_DRIVE },
};

static const struct command chain_cmd;
static const struct command chain_boot_cmd;

/** Nonzero if @p name starts with a URI scheme ("http:", "tftp:", "iscsi:") */
static int chain_is_uri(const char *name)
{
	const char *p = name;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	       *p == '.')
		p++;
	return *p == ':';
}

/**
 * `chain [--drive D] PATH` (and `boot`): start the executable PATH from a
 * file system on SAN drive D (default 0x80) and return its exit status
 *
 * @v cmd       which of the two commands runs
 */
static int chain_run(const struct command *cmd, int argc, char **argv)
{
	unsigned int number = SAN_DEFAULT_DRIVE;
	struct san_drive *drive;
	int optind = 1;
	char *arg;
	int id;

	while ((id = parse_options(cmd, chain_opts, ARRAY_SIZE(chain_opts),
				   argc, argv, &optind, &arg)) > 0) {
		int value = san_parse_drive(arg);

		if (value < 0) {
			printf("%s%s: \"%s\" is not a drive number (0x00-0xff)\n",
			       script_where(), cmd->name, arg);
			return -EINVAL;
		}
		number = (unsigned int)value;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1)
		return command_usage(cmd);
	if (chain_is_uri(argv[optind])) {
		printf("%s%s: %s: network images are not supported yet (give a path on a SAN drive)\n",
		       script_where(), cmd->name, argv[optind]);
		return -ENOTSUP;
	}
	drive = san_find(number);
	if (!drive) {
		printf("%s%s: %s: drive %#x is not hooked (use sanhook first)\n",
		       script_where(), cmd->name, argv[optind], number);
		return -ENODEV;
	}
	return image_platform_chain(drive, argv[optind]);
}

/** `chain [--drive D] PATH` */
static int chain_exec(int argc, char **argv)
{
	return chain_run(&chain_cmd, argc, argv);
}

/** `boot [--drive D] PATH`: the same as `chain` */
static int chain_boot_exec(int argc, char **argv)
{
	return chain_run(&chain_boot_cmd, argc, argv);
}

/** The `chain` command */
static const struct command chain_cmd = {
	.name = "chain",
	.usage = "[--drive D] path",
	.exec = chain_exec,
};
COMMAND(chain_cmd);

/** The `boot` command */
static const struct command chain_boot_cmd = {
	.name = "boot",
	.usage = "[--drive D] path",
	.exec = chain_boot_exec,
};
COMMAND(chain_boot_cmd);
