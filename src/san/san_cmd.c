/** @file SAN commands: `sanhook`, `sanboot` and `sanunhook`, with iPXE's options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include <lwpxe/san.h>
#include <lwpxe/settings.h>
#include <lwpxe/script.h>

/** Option ids */
enum {
	SAN_OPT_DRIVE = 1,
	SAN_OPT_NO_DESCRIBE,
	SAN_OPT_KEEP,
	SAN_OPT_FILENAME,
};

/** Options of `sanboot` (`sanhook` and `sanunhook` take a prefix of them) */
static const struct cmd_option san_opts[] = {
	{ .name = "drive", .short_name = 'd', .has_arg = 1,
	  .id = SAN_OPT_DRIVE },
	{ .name = "no-describe", .short_name = 'n', .has_arg = 0,
	  .id = SAN_OPT_NO_DESCRIBE },
	{ .name = "keep", .short_name = 'k', .has_arg = 0,
	  .id = SAN_OPT_KEEP },
	{ .name = "filename", .short_name = 'f', .has_arg = 1,
	  .id = SAN_OPT_FILENAME },
};

/** What the options said */
struct san_cmd_args {
	int drive;             /**< drive number or SAN_DRIVE_AUTO */
	unsigned int flags;    /**< SAN_NO_DESCRIBE */
	int keep;              /**< --keep */
	const char *filename;  /**< --filename */
	int first;             /**< index of the first URI */
};

static const struct command san_hook_cmd;
static const struct command san_boot_cmd;
static const struct command san_unhook_cmd;

/**
 * Parse the options of @p cmd, allowing the first @p nopts of san_opts
 *
 * @ret rc      0 or -EINVAL (message printed)
 */
static int san_cmd_parse(const struct command *cmd, unsigned int nopts,
			 int argc, char **argv, struct san_cmd_args *a)
{
	int optind = 1;
	char *arg;
	int id;

	memset(a, 0, sizeof(*a));
	a->drive = SAN_DRIVE_AUTO;
	while ((id = parse_options(cmd, san_opts, nopts, argc, argv, &optind,
				   &arg)) > 0) {
		if (id == SAN_OPT_DRIVE) {
			a->drive = san_parse_drive(arg);
			if (a->drive < 0) {
				printf("%s%s: \"%s\" is not a drive number (0x00-0xff)\n",
				       script_where(), cmd->name, arg);
				return -EINVAL;
			}
		} else if (id == SAN_OPT_NO_DESCRIBE) {
			a->flags |= SAN_NO_DESCRIBE;
		} else if (id == SAN_OPT_KEEP) {
			a->keep = 1;
		} else {
			a->filename = arg;
		}
	}
	a->first = optind;
	return id < 0 ? id : 0;
}

/** Drive number named by the options, SAN_DEFAULT_DRIVE if none */
static unsigned int san_cmd_number(const struct san_cmd_args *a)
{
	return a->drive == SAN_DRIVE_AUTO ? SAN_DEFAULT_DRIVE :
					    (unsigned int)a->drive;
}

/** Nonzero if the one-byte setting @p name is set and nonzero */
static int san_cmd_setting(const char *name)
{
	uint8_t value = 0;

	return settings_fetch(name, &value, 1, NULL) >= 1 && value;
}

/**
 * `sanhook [--drive D] [--no-describe] uri...`: register a SAN drive
 * (several URIs: paths to the same disk)
 */
static int san_hook_exec(int argc, char **argv)
{
	struct san_cmd_args a;
	int rc;

	rc = san_cmd_parse(&san_hook_cmd, 2, argc, argv, &a);
	if (rc < 0)
		return rc;
	if (a.first >= argc)
		return command_usage(&san_hook_cmd);
	rc = san_hook((const char *const *)argv + a.first,
		      (unsigned int)(argc - a.first), a.drive, a.flags);
	return rc < 0 ? rc : 0;
}

/**
 * The drive `sanboot` boots: hook the URIs if given, else the hooked one
 *
 * @v hooked    set nonzero if this command hooked it
 * @ret drive   the drive, or NULL (message printed; @p rc set)
 */
static struct san_drive *san_boot_drive(int argc, char **argv,
					const struct san_cmd_args *a,
					int *hooked, int *rc)
{
	struct san_drive *drive;
	int number;

	if (a->first < argc) {
		number = san_hook((const char *const *)argv + a->first,
				  (unsigned int)(argc - a->first), a->drive,
				  a->flags);
		*rc = number;
		*hooked = number >= 0;
		return number >= 0 ? san_find((unsigned int)number) : NULL;
	}
	drive = san_find(san_cmd_number(a));
	if (!drive) {
		printf("%ssanboot: drive %#x is not hooked (give a URI or use sanhook)\n",
		       script_where(), san_cmd_number(a));
		*rc = -ENODEV;
		return NULL;
	}
	if ((a->flags & SAN_NO_DESCRIBE) &&
	    !(drive->flags & SAN_NO_DESCRIBE)) {
		drive->flags |= SAN_NO_DESCRIBE;
		ibft_publish();
	}
	return drive;
}

/** Say how the booting OSes will get on with the iBFT of @p drive (images with src/ibft/show) */
static void san_boot_warn(const struct san_drive *drive)
{
	const struct ibft_checker *checker;
	const void *table;
	size_t len;

	if (drive->flags & SAN_NO_DESCRIBE)
		return;
	table = ibft_current(&len);
	if (!table)
		return;
	TABLE_FOREACH(ibft_checkers, const struct ibft_checker *, checker)
		checker->check(table, len);
}

/**
 * `sanboot [--drive D] [--no-describe] [--keep] [--filename F] [uri...]`:
 * boot from a SAN drive; a drive hooked here is unhooked again if the
 * boot returns, unless --keep or the `keep-san` setting
 */
static int san_boot_exec(int argc, char **argv)
{
	struct san_cmd_args a;
	struct san_drive *drive;
	unsigned int number;
	int hooked = 0;
	int rc;

	rc = san_cmd_parse(&san_boot_cmd, ARRAY_SIZE(san_opts), argc, argv,
			   &a);
	if (rc < 0)
		return rc;
	drive = san_boot_drive(argc, argv, &a, &hooked, &rc);
	if (!drive)
		return rc;
	number = drive->number;
	if (san_cmd_setting("skip-san-boot")) {
		printf("sanboot: drive %#x: not booting (skip-san-boot is set)\n",
		       number);
		return 0;
	}
	san_boot_warn(drive);
	/* the platform says in one line why it could not boot, or what returned */
	rc = san_platform_boot(drive, a.filename);
	if (hooked && !a.keep && !san_cmd_setting("keep-san"))
		san_unhook(number);
	return rc;
}

/** `sanunhook [--drive D]`: unregister a SAN drive (default 0x80) */
static int san_unhook_exec(int argc, char **argv)
{
	struct san_cmd_args a;
	int rc;

	rc = san_cmd_parse(&san_unhook_cmd, 1, argc, argv, &a);
	if (rc < 0)
		return rc;
	if (a.first != argc)
		return command_usage(&san_unhook_cmd);
	rc = san_unhook(san_cmd_number(&a));
	if (rc < 0)
		printf("%ssanunhook: drive %#x is not hooked\n", script_where(),
		       san_cmd_number(&a));
	return rc;
}

/** The `sanhook` command */
static const struct command san_hook_cmd = {
	.name = "sanhook",
	.usage = "[--drive D] [--no-describe] uri...",
	.exec = san_hook_exec,
};
COMMAND(san_hook_cmd);

/** The `sanboot` command */
static const struct command san_boot_cmd = {
	.name = "sanboot",
	.usage = "[--drive D] [--no-describe] [--keep] [--filename F] [uri...]",
	.exec = san_boot_exec,
};
COMMAND(san_boot_cmd);

/** The `sanunhook` command */
static const struct command san_unhook_cmd = {
	.name = "sanunhook",
	.usage = "[--drive D]",
	.exec = san_unhook_exec,
};
COMMAND(san_unhook_cmd);
