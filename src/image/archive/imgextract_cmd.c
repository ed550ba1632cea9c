/** @file The `imgextract` command: unpack a gzip or zlib image into a new image, as iPXE's. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/script.h>
#include "archive.h"

/** Option ids */
enum {
	IMGEXTRACT_OPT_NAME = 1,
	IMGEXTRACT_OPT_TIMEOUT,
	IMGEXTRACT_OPT_KEEP,
};

/** Options of `imgextract` */
static const struct cmd_option imgextract_opts[] = {
	{ .name = "name", .short_name = 'n', .has_arg = 1,
	  .id = IMGEXTRACT_OPT_NAME },
	{ .name = "timeout", .short_name = 't', .has_arg = 1,
	  .id = IMGEXTRACT_OPT_TIMEOUT },
	{ .name = "keep", .short_name = 'k', .id = IMGEXTRACT_OPT_KEEP },
};

static const struct command imgextract_cmd;

/**
 * `imgextract [--name N] [--timeout MS] [--keep] URI|IMAGE`: unpack the
 * single file of a gzip or zlib archive (an image already fetched, else
 * fetched now) into a new image; the archive is freed unless --keep
 */
static int imgextract_exec(int argc, char **argv)
{
	const char *name = NULL;
	struct image *archive, *image;
	int keep = 0, optind = 1;
	char who[96];
	char *arg;
	int id, rc;

	while ((id = parse_options(&imgextract_cmd, imgextract_opts,
				   ARRAY_SIZE(imgextract_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (id == IMGEXTRACT_OPT_NAME)
			name = arg;
		else if (id == IMGEXTRACT_OPT_KEEP)
			keep = 1;
		else if (image_parse_timeout(imgextract_cmd.name, arg) < 0)
			return -EINVAL;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1)
		return command_usage(&imgextract_cmd);
	snprintf(who, sizeof(who), "%simgextract", script_where());
	archive = image_find(argv[optind]);
	if (!archive) {
		rc = image_fetch(who, argv[optind], NULL, &archive);
		if (rc < 0)
			return rc;
		image_register(archive);
	}
	rc = archive_unpack(who, archive, name, &image);
	if (rc < 0)
		return rc;
	if (keep && strcmp(image->name, archive->name) == 0) {
		printf("%s: %s: the extracted image would replace the kept "
		       "archive (give it a --name)\n", who, archive->name);
		image_free(image);
		return -EEXIST;
	}
	if (!keep)
		image_free(archive);
	image_register(image);
	return 0;
}

/** The `imgextract` command */
static const struct command imgextract_cmd = {
	.name = "imgextract",
	.usage = "[--name N] [--timeout MS] [--keep] uri|image",
	.exec = imgextract_exec,
};
COMMAND(imgextract_cmd);
