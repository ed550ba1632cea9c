/** @file The `shim` command: iPXE's UEFI Secure Boot shim, skipped where no shim is needed. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/platform.h>
#include <lwpxe/script.h>

/** Option ids */
enum {
	SHIM_OPT_TIMEOUT = 1,
};

/** Options of `shim` */
static const struct cmd_option shim_opts[] = {
	{ .name = "timeout", .short_name = 't', .has_arg = 1,
	  .id = SHIM_OPT_TIMEOUT },
};

static const struct command shim_cmd;

/**
 * `shim [--timeout MS] URI|IMAGE`: as in iPXE, the shim is only fetched
 * when UEFI Secure Boot is in force; elsewhere (BIOS, Linux, Secure Boot
 * off) the command says so in one line and succeeds, so scripts written
 * for shim-booting distributions go on to `boot`.  With Secure Boot on it
 * fails in one line: lwpxe cannot start a kernel through a shim.
 */
static int shim_exec(int argc, char **argv)
{
	int optind = 1;
	char *arg;
	int id, rc;

	while ((id = parse_options(&shim_cmd, shim_opts, ARRAY_SIZE(shim_opts),
				   argc, argv, &optind, &arg)) > 0) {
		if (image_parse_timeout(shim_cmd.name, arg) < 0)
			return -EINVAL;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1)
		return command_usage(&shim_cmd);
	rc = platform_secure_boot();
	if (rc < 0) {
		printf("%sshim: %s skipped: not supported on this platform "
		       "(only UEFI Secure Boot uses a shim)\n", script_where(),
		       argv[optind]);
		return 0;
	}
	if (rc == 0) {
		printf("%sshim: %s skipped: UEFI Secure Boot is off, no shim "
		       "is needed\n", script_where(), argv[optind]);
		return 0;
	}
	printf("%sshim: %s: UEFI Secure Boot is on, and lwpxe cannot start "
	       "a kernel through a shim\n", script_where(), argv[optind]);
	return -ENOTSUP;
}

/** The `shim` command */
static const struct command shim_cmd = {
	.name = "shim",
	.usage = "[--timeout MS] uri|image",
	.exec = shim_exec,
};
COMMAND(shim_cmd);
