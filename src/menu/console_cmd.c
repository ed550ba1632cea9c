/** @file `console [OPTIONS]`: iPXE's framebuffer console options, accepted and left alone (lwpxe draws text only). */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>

/** Option ids: those with a number, then the rest */
enum {
	CONSOLE_OPT_X = 1,
	CONSOLE_OPT_Y,
	CONSOLE_OPT_LEFT,
	CONSOLE_OPT_RIGHT,
	CONSOLE_OPT_TOP,
	CONSOLE_OPT_BOTTOM,
	CONSOLE_OPT_DEPTH,
	CONSOLE_OPT_PICTURE,
	CONSOLE_OPT_KEEP,
	CONSOLE_OPT_QUICK,
};

/** Options of `console`, as iPXE names them */
static const struct cmd_option console_opts[] = {
	{ .name = "x", .short_name = 'x', .has_arg = 1, .id = CONSOLE_OPT_X },
	{ .name = "y", .short_name = 'y', .has_arg = 1, .id = CONSOLE_OPT_Y },
	{ .name = "left", .short_name = 'l', .has_arg = 1,
	  .id = CONSOLE_OPT_LEFT },
	{ .name = "right", .short_name = 'r', .has_arg = 1,
	  .id = CONSOLE_OPT_RIGHT },
	{ .name = "top", .short_name = 't', .has_arg = 1,
	  .id = CONSOLE_OPT_TOP },
	{ .name = "bottom", .short_name = 'b', .has_arg = 1,
	  .id = CONSOLE_OPT_BOTTOM },
	{ .name = "depth", .short_name = 'd', .has_arg = 1,
	  .id = CONSOLE_OPT_DEPTH },
	{ .name = "picture", .short_name = 'p', .has_arg = 1,
	  .id = CONSOLE_OPT_PICTURE },
	{ .name = "keep", .short_name = 'k', .id = CONSOLE_OPT_KEEP },
	{ .name = "quick", .short_name = 'q', .id = CONSOLE_OPT_QUICK },
};

static const struct command console_cmd;

/**
 * `console [--x W] [--y H] [--left N] [--right N] [--top N] [--bottom N]
 * [--depth BPP] [--picture URI] [--keep] [--quick]`: check the options
 * as iPXE does, then say in one line that the text console stays (there
 * is no framebuffer console); succeeds, so scripts that only dress the
 * screen go on
 */
static int console_exec(int argc, char **argv)
{
	int optind = 1;
	int changes = 0;
	char *arg, *end;
	int id;

	while ((id = parse_options(&console_cmd, console_opts,
				   ARRAY_SIZE(console_opts), argc, argv,
				   &optind, &arg)) > 0) {
		changes++;
		if (id > CONSOLE_OPT_DEPTH)
			continue;
		strtoul(arg, &end, 0);
		if (!*arg || *end) {
			printf("%sconsole: \"%s\" is not a number\n",
			       script_where(), arg);
			return -EINVAL;
		}
	}
	if (id < 0)
		return id;
	if (optind != argc)
		return command_usage(&console_cmd);
	if (changes)
		printf("console: no framebuffer console in lwpxe; the text "
		       "console is kept as it is\n");
	return 0;
}

/** The `console` command */
static const struct command console_cmd = {
	.name = "console",
	.usage = "[--x W] [--y H] [--left N] [--right N] [--top N] [--bottom N] "
		 "[--depth BPP] [--picture URI] [--keep] [--quick]",
	.exec = console_exec,
};
COMMAND(console_cmd);
