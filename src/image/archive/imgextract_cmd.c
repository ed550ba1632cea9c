/** @file The `imgextract` command: unpack a gzip or zlib image into a new image, as iPXE's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/** The formats imgextract knows */
static const struct archive_format *const imgextract_formats[] = {
	&archive_gzip, &archive_zlib,
};

static const struct command imgextract_cmd;

/** The format of @p image; NULL if none */
static const struct archive_format *imgextract_probe(const struct image *image)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(imgextract_formats); i++) {
		if (imgextract_formats[i]->probe(image->data, image->len))
			return imgextract_formats[i];
	}
	return NULL;
}

/** Name @p out after @p name, @p format's suffix (any case) dropped */
static void imgextract_name(struct image *out, const char *name,
			    const struct archive_format *format)
{
	size_t len = strlen(name), slen = strlen(format->suffix);

	if (len > slen && strcasecmp(name + len - slen, format->suffix) == 0)
		len -= slen;
	len = MIN(len, sizeof(out->name) - 1);
	memcpy(out->name, name, len);
	out->name[len] = '\0';
}

/**
 * Unpack @p archive into a new image named @p name (NULL: the archive's
 * name without its suffix)
 *
 * @v who       command for messages
 * @v out       receives the new image (not yet registered)
 * @ret rc      0 or -error, said in one line
 */
static int imgextract_unpack(const char *who, struct image *archive,
			     const char *name, struct image **out)
{
	const struct archive_format *format = imgextract_probe(archive);
	struct inflate_result res = { 0 };
	struct image *image;
	int rc;

	if (!format) {
		printf("%s: %s: not an archive imgextract knows (gzip, zlib)\n",
		       who, archive->name);
		return -ENOEXEC;
	}
	image = calloc(1, sizeof(*image));
	if (image)
		image->uri = strdup(archive->uri);
	if (!image || !image->uri) {
		free(image);
		printf("%s: %s: %s\n", who, archive->name, errmsg(-ENOMEM));
		return -ENOMEM;
	}
	rc = format->extract(archive->data, archive->len, &res);
	if (rc < 0) {
		printf("%s: %s: %s\n", who, archive->name,
		       rc == -EBADMSG ? res.why : errmsg(rc));
		image_free(image);
		return rc;
	}
	image->data = res.data;
	image->len = res.len;
	if (name)
		snprintf(image->name, sizeof(image->name), "%s", name);
	else
		imgextract_name(image, archive->name, format);
	*out = image;
	return 0;
}

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
	rc = imgextract_unpack(who, archive, name, &image);
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
