/** @file Colour commands: `colour` and `cpair`. */
#include <stdio.h>
#include <lwpxe/colour.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include "../script/script_int.h"

static const struct command colour_cmd;
static const struct command colour_cpair_cmd;

/** Option ids of `colour` and `cpair` */
enum {
	COLOUR_OPT_BASIC = 1, COLOUR_OPT_RGB, COLOUR_OPT_FG, COLOUR_OPT_BG,
};

/** Options of `colour` */
static const struct cmd_option colour_opts[] = {
	{ .name = "basic", .short_name = 'b', .has_arg = 1,
	  .id = COLOUR_OPT_BASIC },
	{ .name = "rgb", .short_name = 'r', .has_arg = 1, .id = COLOUR_OPT_RGB },
};

/** Options of `cpair` */
static const struct cmd_option colour_cpair_opts[] = {
	{ .name = "foreground", .short_name = 'f', .has_arg = 1,
	  .id = COLOUR_OPT_FG },
	{ .name = "background", .short_name = 'b', .has_arg = 1,
	  .id = COLOUR_OPT_BG },
};

/**
 * Parse a number, printing "CMD: bad WHAT "TEXT"" if it is not one
 *
 * @ret ok      nonzero if valid
 */
static int colour_number(const char *cmd, const char *what, const char *text,
			 unsigned long *value)
{
	if (parse_number(text, value))
		return 1;
	printf("%s%s: bad %s \"%s\"\n", script_where(), cmd, what, text);
	return 0;
}

/**
 * `colour [--basic N] [--rgb 0xRRGGBB] INDEX`: define colour INDEX (0-7)
 * as basic ANSI colour N (default 9, the console's own) and an RGB value
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int colour_exec(int argc, char **argv)
{
	unsigned long basic = COLOUR_DEFAULT, rgb = 0, index;
	long rgb_set = -1;
	int optind = 1;
	char *arg;
	int id;

	while ((id = parse_options(&colour_cmd, colour_opts,
				   ARRAY_SIZE(colour_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (!colour_number("colour", id == COLOUR_OPT_BASIC ?
				   "basic colour" : "RGB value", arg,
				   id == COLOUR_OPT_BASIC ? &basic : &rgb))
			return -EINVAL;
		if (id == COLOUR_OPT_RGB)
			rgb_set = rgb <= 0xffffff ? (long)rgb : -2;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1)
		return command_usage(&colour_cmd);
	if (!colour_number("colour", "colour index", argv[optind], &index))
		return -EINVAL;
	if (basic > 0xff || index > 0xff ||
	    colour_define((unsigned int)index, (unsigned int)basic,
			  rgb_set) != 0) {
		printf("%scolour: colour %s, basic %lu or RGB out of range "
		       "(index 0-7, basic 0-7 or 9, RGB up to 0xffffff)\n",
		       script_where(), argv[optind], basic);
		return -EINVAL;
	}
	return 0;
}

/**
 * `cpair [--foreground N] [--background N] PAIR`: define colour pair
 * PAIR (0-7) as colour indexes (default: 7 on 9, white on the default)
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int colour_cpair_exec(int argc, char **argv)
{
	unsigned long fg = 7, bg = COLOUR_DEFAULT, pair;
	int optind = 1;
	char *arg;
	int id;

	while ((id = parse_options(&colour_cpair_cmd, colour_cpair_opts,
				   ARRAY_SIZE(colour_cpair_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (!colour_number("cpair", id == COLOUR_OPT_FG ? "foreground" :
				   "background", arg,
				   id == COLOUR_OPT_FG ? &fg : &bg))
			return -EINVAL;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1)
		return command_usage(&colour_cpair_cmd);
	if (!colour_number("cpair", "pair", argv[optind], &pair))
		return -EINVAL;
	if (pair > 0xff || fg > 0xff || bg > 0xff ||
	    cpair_define((unsigned int)pair, (unsigned int)fg,
			 (unsigned int)bg) != 0) {
		printf("%scpair: pair %lu of colours %lu on %lu out of range "
		       "(pair 0-7, colours 0-7 or 9)\n", script_where(),
		       pair, fg, bg);
		return -EINVAL;
	}
	return 0;
}

/** The `colour` command */
static const struct command colour_cmd = {
	.name = "colour",
	.usage = "[--basic N] [--rgb 0xRRGGBB] INDEX",
	.exec = colour_exec,
};
COMMAND(colour_cmd);

/** The `cpair` command */
static const struct command colour_cpair_cmd = {
	.name = "cpair",
	.usage = "[--foreground N] [--background N] PAIR",
	.exec = colour_cpair_exec,
};
COMMAND(colour_cpair_cmd);
