/** @file Starting images: `chain`/`boot` (a URI, or a path on a hooked SAN drive) and `imgexec`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include <lwpxe/image.h>
#include <lwpxe/san.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>

/** Option ids */
enum {
	CHAIN_OPT_DRIVE = 1,
	CHAIN_OPT_AUTOFREE,
	CHAIN_OPT_REPLACE,
	CHAIN_OPT_TIMEOUT,
};

/** Options of `chain` and `boot` */
static const struct cmd_option chain_opts[] = {
	{ .name = "drive", .short_name = 'd', .has_arg = 1,
	  .id = CHAIN_OPT_DRIVE },
	{ .name = "autofree", .short_name = 'a', .id = CHAIN_OPT_AUTOFREE },
	{ .name = "replace", .short_name = 'r', .id = CHAIN_OPT_REPLACE },
	{ .name = "timeout", .short_name = 't', .has_arg = 1,
	  .id = CHAIN_OPT_TIMEOUT },
};

static const struct command chain_cmd;
static const struct command chain_boot_cmd;
static const struct command chain_imgexec_cmd;

/** What `chain`'s options and operands said */
struct chain_args {
	unsigned int drive;     /**< --drive, else SAN_DEFAULT_DRIVE */
	int drive_given;        /**< --drive was given */
	int autofree;           /**< --autofree: free the image once it returns */
	int replace;            /**< --replace: the calling script ends when it returns */
	int first;              /**< index of the path or URI; argc if none */
	int started;            /**< set once an image was fetched and not refused */
};

/**
 * Nonzero if status @p rc of starting an image means it never ran
 * (refused, or an archive that did not unpack)
 */
static int chain_refused(int rc)
{
	return rc == -ENOEXEC || rc == -EACCES || rc == -EBADMSG;
}

/** Parse the options of @p cmd; 0 or -EINVAL (message printed) */
static int chain_parse(const struct command *cmd, int argc, char **argv,
		       struct chain_args *a)
{
	int optind = 1;
	char *arg;
	int id;

	memset(a, 0, sizeof(*a));
	a->drive = SAN_DEFAULT_DRIVE;
	while ((id = parse_options(cmd, chain_opts, ARRAY_SIZE(chain_opts),
				   argc, argv, &optind, &arg)) > 0) {
		int value;

		if (id == CHAIN_OPT_AUTOFREE) {
			a->autofree = 1;
			continue;
		}
		if (id == CHAIN_OPT_REPLACE) {
			a->replace = 1;
			continue;
		}
		if (id == CHAIN_OPT_TIMEOUT) {
			if (image_parse_timeout(cmd->name, arg) < 0)
				return -EINVAL;
			continue;
		}
		value = san_parse_drive(arg);
		if (value < 0) {
			printf("%s%s: \"%s\" is not a drive number (0x00-0xff)\n",
			       script_where(), cmd->name, arg);
			return -EINVAL;
		}
		a->drive = (unsigned int)value;
		a->drive_given = 1;
	}
	a->first = optind;
	return id < 0 ? id : 0;
}

/**
 * Nonzero if @p name means a file on a SAN drive: a name without a
 * scheme, with --drive, or the default drive hooked, or nothing else to
 * fetch it from
 */
static int chain_is_san_path(const char *name, const struct chain_args *a)
{
	if (uri_has_scheme(name))
		return 0;
	return a->drive_given || san_find(a->drive) || !fetch_have_base();
}

/** Start @p path from SAN drive @p a->drive */
static int chain_san(const struct command *cmd, const char *path,
		     const struct chain_args *a)
{
	struct san_drive *drive = san_find(a->drive);

	if (!drive) {
		printf("%s%s: %s: drive %#x is not hooked (use sanhook first)\n",
		       script_where(), cmd->name, path, a->drive);
		return -ENODEV;
	}
	return image_platform_chain(drive, path);
}

/**
 * Fetch @p argv[0] with the rest as its command line and start it; the
 * image stays out of the list, so nothing it runs can free it under us,
 * and is freed if it returns
 */
static int chain_fetch(const char *who, int argc, char **argv, int *started)
{
	struct image *image;
	int rc;

	rc = image_fetch(who, argv[0], NULL, &image);
	if (rc < 0)
		return rc;
	rc = image_set_cmdline(image, argc - 1, argv + 1);
	if (rc == 0) {
		rc = image_exec(who, image);
		*started = !chain_refused(rc);
	} else
		printf("%s: %s: %s\n", who, image->name, errmsg(rc));
	image_free(image);
	return rc;
}

/**
 * Start the selected image (`boot` without operands), freeing it
 * afterwards if @p autofree
 */
static int chain_selected(const char *who, int autofree, int *started)
{
	struct image *image = image_selected();
	int rc;

	if (!image) {
		printf("%s: no image selected (use kernel, or give a URI)\n",
		       who);
		return -ENOENT;
	}
	rc = image_exec(who, image);
	*started = !chain_refused(rc);
	if (autofree)
		image_discard(image);
	return rc;
}

/** Start what @p argv (after the options in @p a) names; its status */
static int chain_start(const struct command *cmd, const char *who, int argc,
		       char **argv, struct chain_args *a)
{
	if (a->first == argc && cmd == &chain_boot_cmd)
		return chain_selected(who, a->autofree, &a->started);
	if (a->first == argc)
		return command_usage(cmd);
	if (chain_is_san_path(argv[a->first], a)) {
		if (a->first != argc - 1)
			return command_usage(cmd);
		a->started = san_find(a->drive) != NULL;
		return chain_san(cmd, argv[a->first], a);
	}
	return chain_fetch(who, argc - a->first, argv + a->first, &a->started);
}

/**
 * `chain [--autofree] [--replace] [--timeout MS] [--drive D] PATH|URI
 * [ARGS...]` (and
 * `boot`, which without an operand starts the image `kernel` selected);
 * with --replace the calling script ends with the image's status once
 * the image ran
 */
static int chain_run(const struct command *cmd, int argc, char **argv)
{
	struct chain_args a;
	char who[96];
	int rc;

	rc = chain_parse(cmd, argc, argv, &a);
	if (rc < 0)
		return rc;
	snprintf(who, sizeof(who), "%s%s", script_where(), cmd->name);
	rc = chain_start(cmd, who, argc, argv, &a);
	/* a failed fetch leaves the script to its || branch, as in iPXE */
	if (a.replace && a.started)
		script_end();
	return rc;
}

/** `chain [OPTIONS] PATH|URI [ARGS...]` */
static int chain_exec(int argc, char **argv)
{
	return chain_run(&chain_cmd, argc, argv);
}

/** `boot [OPTIONS] [PATH|URI [ARGS...]]` */
static int chain_boot_exec(int argc, char **argv)
{
	return chain_run(&chain_boot_cmd, argc, argv);
}

/** `imgexec [NAME]`: start the named image, or the selected one */
static int chain_imgexec_exec(int argc, char **argv)
{
	struct image *image;
	char who[96];
	int started;

	if (argc > 2)
		return command_usage(&chain_imgexec_cmd);
	snprintf(who, sizeof(who), "%simgexec", script_where());
	if (argc < 2)
		return chain_selected(who, 0, &started);
	image = image_find(argv[1]);
	if (!image) {
		printf("%s: %s: no such image\n", who, argv[1]);
		return -ENOENT;
	}
	return image_exec(who, image);
}

/** The `chain` command */
static const struct command chain_cmd = {
	.name = "chain",
	.usage = "[--autofree] [--replace] [--timeout MS] [--drive D] path|uri [args...]",
	.exec = chain_exec,
};
COMMAND(chain_cmd);

/** The `boot` command */
static const struct command chain_boot_cmd = {
	.name = "boot",
	.usage = "[--autofree] [--replace] [--timeout MS] [--drive D] [path|uri [args...]]",
	.exec = chain_boot_exec,
};
COMMAND(chain_boot_cmd);

/** The `imgexec` command */
static const struct command chain_imgexec_cmd = {
	.name = "imgexec",
	.usage = "[name]",
	.exec = chain_imgexec_exec,
};
COMMAND(chain_imgexec_cmd);
