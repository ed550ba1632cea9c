/** @file The `imgtrust` command: from now on, start only images `imgverify` verified. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/script.h>

/** Option ids */
enum {
	IMGTRUST_OPT_ALLOW = 1,
	IMGTRUST_OPT_PERMANENT,
};

/** Options of `imgtrust` */
static const struct cmd_option imgtrust_opts[] = {
	{ .name = "allow", .short_name = 'a', .id = IMGTRUST_OPT_ALLOW },
	{ .name = "permanent", .short_name = 'p', .id = IMGTRUST_OPT_PERMANENT },
};

static const struct command imgtrust_command;

/** `imgtrust [--allow] [--permanent]` */
static int imgtrust_exec(int argc, char **argv)
{
	int allow = 0, permanent = 0;
	int optind = 1;
	char *arg;
	int id, rc;

	while ((id = parse_options(&imgtrust_command, imgtrust_opts,
				   ARRAY_SIZE(imgtrust_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (id == IMGTRUST_OPT_ALLOW)
			allow = 1;
		else
			permanent = 1;
	}
	if (id < 0)
		return id;
	if (optind != argc)
		return command_usage(&imgtrust_command);
	rc = image_trust_require(!allow, permanent);
	if (rc < 0)
		printf("%simgtrust: cannot allow unverified images: "
		       "imgtrust --permanent is in force\n", script_where());
	return rc;
}

/** The `imgtrust` command */
static const struct command imgtrust_command = {
	.name = "imgtrust",
	.usage = "[--allow] [--permanent]",
	.exec = imgtrust_exec,
};
COMMAND(imgtrust_command);
