/** @file `reboot [--warm]` and `poweroff`: hand the machine back, as iPXE's do. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include <lwpxe/script.h>

/** Option ids */
enum {
	POWER_OPT_WARM = 1,
};

/** Options of `reboot` */
static const struct cmd_option power_reboot_opts[] = {
	{ .name = "warm", .short_name = 'w', .id = POWER_OPT_WARM },
};

static const struct command power_reboot_cmd;
static const struct command power_off_cmd;

/** `reboot [--warm]`: restart the machine; returns only if it could not */
static int power_reboot_exec(int argc, char **argv)
{
	int optind = 1;
	int warm = 0;
	char *arg;
	int id, rc;

	while ((id = parse_options(&power_reboot_cmd, power_reboot_opts,
				   ARRAY_SIZE(power_reboot_opts), argc, argv,
				   &optind, &arg)) > 0)
		warm = 1;
	if (id < 0)
		return id;
	if (optind != argc)
		return command_usage(&power_reboot_cmd);
	rc = platform_reboot(warm);
	printf("%sreboot: the machine did not restart (%s)\n", script_where(),
	       errmsg(rc));
	return rc;
}

/** `poweroff`: switch the machine off; returns only if it could not */
static int power_off_exec(int argc, char **argv)
{
	int rc;

	(void)argv;
	if (argc != 1)
		return command_usage(&power_off_cmd);
	rc = platform_poweroff();
	printf("%spoweroff: the machine did not switch off (%s)\n",
	       script_where(), errmsg(rc));
	return rc;
}

/** The `reboot` command */
static const struct command power_reboot_cmd = {
	.name = "reboot",
	.usage = "[--warm]",
	.exec = power_reboot_exec,
};
COMMAND(power_reboot_cmd);

/** The `poweroff` command */
static const struct command power_off_cmd = {
	.name = "poweroff",
	.usage = "",
	.exec = power_off_exec,
};
COMMAND(power_off_cmd);
