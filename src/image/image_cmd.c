/** @file Image commands: `imgfetch` (`module`, `initrd`), `kernel` (`imgselect`), `imgargs`, `imgstat`, `imgfree`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/script.h>

/** Option ids */
enum {
	IMAGE_OPT_NAME = 1,
	IMAGE_OPT_TIMEOUT,
};

/** Options of the fetching commands */
static const struct cmd_option image_fetch_opts[] = {
	{ .name = "name", .short_name = 'n', .has_arg = 1,
	  .id = IMAGE_OPT_NAME },
	{ .name = "timeout", .short_name = 't', .has_arg = 1,
	  .id = IMAGE_OPT_TIMEOUT },
};

/** Check iPXE's --timeout MS of command @p who; 0 or -EINVAL (said in a line) */
int image_parse_timeout(const char *who, const char *arg)
{
	char *end;

	strtoul(arg, &end, 10);
	if (*arg && !*end)
		return 0;
	printf("%s%s: invalid timeout \"%s\"\n", script_where(), who, arg);
	return -EINVAL;
}

static const struct command image_fetch_cmd;
static const struct command image_module_cmd;
static const struct command image_initrd_cmd;
static const struct command image_kernel_cmd;
static const struct command image_select_cmd;

/**
 * `CMD [--name N] URI [ARGS...]`: fetch URI into the image list with
 * ARGS as its command line; select it if @p select
 */
static int image_fetch_run(const struct command *cmd, int select, int argc,
			   char **argv)
{
	const char *name = NULL;
	struct image *image;
	char who[96];
	int optind = 1;
	char *arg;
	int id, rc;

	while ((id = parse_options(cmd, image_fetch_opts,
				   ARRAY_SIZE(image_fetch_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (id == IMAGE_OPT_NAME)
			name = arg;
		else if (image_parse_timeout(cmd->name, arg) < 0)
			return -EINVAL;
	}
	if (id < 0)
		return id;
	if (optind >= argc)
		return command_usage(cmd);
	snprintf(who, sizeof(who), "%s%s", script_where(), cmd->name);
	rc = image_fetch(who, argv[optind], name, &image);
	if (rc < 0)
		return rc;
	rc = image_set_cmdline(image, argc - optind - 1, argv + optind + 1);
	if (rc < 0) {
		printf("%s: %s: %s\n", who, image->name, errmsg(rc));
		image_free(image);
		return rc;
	}
	image_register(image);
	if (select)
		image_select(image);
	return 0;
}

/** `imgfetch [--name N] URI [ARGS...]` */
static int image_fetch_exec(int argc, char **argv)
{
	return image_fetch_run(&image_fetch_cmd, 0, argc, argv);
}

/** `module [--name N] URI [ARGS...]`: the same as imgfetch */
static int image_module_exec(int argc, char **argv)
{
	return image_fetch_run(&image_module_cmd, 0, argc, argv);
}

/** `initrd [--name N] URI [ARGS...]`: the same as imgfetch */
static int image_initrd_exec(int argc, char **argv)
{
	return image_fetch_run(&image_initrd_cmd, 0, argc, argv);
}

/** `kernel [--name N] URI [ARGS...]`: fetch and select for `boot` */
static int image_kernel_exec(int argc, char **argv)
{
	return image_fetch_run(&image_kernel_cmd, 1, argc, argv);
}

/** `imgselect [--name N] URI [ARGS...]`: the same as kernel */
static int image_select_exec(int argc, char **argv)
{
	return image_fetch_run(&image_select_cmd, 1, argc, argv);
}

static const struct command image_args_cmd;

/** `imgargs NAME [ARGS...]`: replace the image's command line with ARGS (none: clear it) */
static int image_args_exec(int argc, char **argv)
{
	struct image *image;
	int rc;

	if (argc < 2)
		return command_usage(&image_args_cmd);
	image = image_find(argv[1]);
	if (!image) {
		printf("%simgargs: %s: no such image\n", script_where(), argv[1]);
		return -ENOENT;
	}
	rc = image_set_cmdline(image, argc - 2, argv + 2);
	if (rc < 0)
		printf("%simgargs: %s: %s\n", script_where(), argv[1],
		       errmsg(rc));
	return rc;
}

/** Print one `imgstat` line for @p image */
static void image_stat_line(struct image *image)
{
	const struct image_type *type = image_probe(image);

	printf("%s: %zu bytes [%s]%s%s%s%s%s\n", image->name, image->len,
	       type ? type->name : "unknown format",
	       image->selected ? " [selected]" : "",
	       image->verified ? " [verified]" : "",
	       image->cmdline ? " \"" : "",
	       image->cmdline ? image->cmdline : "",
	       image->cmdline ? "\"" : "");
}

/**
 * Run @p fn on each image named in @p argv after the command name @p who,
 * or on every image if none is named (@p fn may free it)
 *
 * @ret rc      0, or -ENOENT if a name matched no image (said in a line)
 */
static int image_each(const char *who, int argc, char **argv,
		      void (*fn)(struct image *image))
{
	struct image *next;
	int rc = 0;

	if (argc < 2) {
		for (struct image *i = image_first(); i; i = next) {
			next = i->next;
			fn(i);
		}
		return 0;
	}
	for (int a = 1; a < argc; a++) {
		struct image *image = image_find(argv[a]);

		if (image) {
			fn(image);
		} else {
			printf("%s%s: %s: no such image\n", script_where(), who,
			       argv[a]);
			rc = -ENOENT;
		}
	}
	return rc;
}

/** `imgstat [NAME...]`: list the images (or the named ones) */
static int image_stat_exec(int argc, char **argv)
{
	return image_each("imgstat", argc, argv, image_stat_line);
}

/** `imgfree [NAME...]`: free the named images, or all of them */
static int image_free_exec(int argc, char **argv)
{
	return image_each("imgfree", argc, argv, image_free);
}

/** The `imgfetch` command */
static const struct command image_fetch_cmd = {
	.name = "imgfetch",
	.usage = "[--name N] [--timeout MS] uri [args...]",
	.exec = image_fetch_exec,
};
COMMAND(image_fetch_cmd);

/** The `module` command */
static const struct command image_module_cmd = {
	.name = "module",
	.usage = "[--name N] [--timeout MS] uri [args...]",
	.exec = image_module_exec,
};
COMMAND(image_module_cmd);

/** The `initrd` command */
static const struct command image_initrd_cmd = {
	.name = "initrd",
	.usage = "[--name N] [--timeout MS] uri [args...]",
	.exec = image_initrd_exec,
};
COMMAND(image_initrd_cmd);

/** The `kernel` command */
static const struct command image_kernel_cmd = {
	.name = "kernel",
	.usage = "[--name N] [--timeout MS] uri [args...]",
	.exec = image_kernel_exec,
};
COMMAND(image_kernel_cmd);

/** The `imgselect` command */
static const struct command image_select_cmd = {
	.name = "imgselect",
	.usage = "[--name N] [--timeout MS] uri [args...]",
	.exec = image_select_exec,
};
COMMAND(image_select_cmd);

/** The `imgargs` command */
static const struct command image_args_cmd = {
	.name = "imgargs",
	.usage = "name [args...]",
	.exec = image_args_exec,
};
COMMAND(image_args_cmd);

/** The `imgstat` command */
static const struct command image_stat_cmd = {
	.name = "imgstat",
	.usage = "[name...]",
	.exec = image_stat_exec,
};
COMMAND(image_stat_cmd);

/** The `imgfree` command */
static const struct command image_free_cmd = {
	.name = "imgfree",
	.usage = "[name...]",
	.exec = image_free_exec,
};
COMMAND(image_free_cmd);
