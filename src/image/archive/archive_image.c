/** @file Starting a gzip or zlib image, as iPXE does: the image it holds is unpacked and started in its place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include "archive.h"

/** Most archives inside one another that starting one unpacks */
#define ARCHIVE_NEST_MAX 4

/** 0 if @p image is a gzip file, -ENOEXEC if not */
static int archive_image_probe_gzip(const struct image *image)
{
	return archive_gzip.probe(image->data, image->len) ? 0 : -ENOEXEC;
}

/** 0 if @p image is a zlib stream, -ENOEXEC if not */
static int archive_image_probe_zlib(const struct image *image)
{
	return archive_zlib.probe(image->data, image->len) ? 0 : -ENOEXEC;
}

/**
 * Unpack @p archive, and what it holds while that is an archive too,
 * into an image (not in the list) with the archive's command line and
 * verified mark
 *
 * @v out       receives the image
 * @ret rc      0 or -error, said in one line
 */
static int archive_image_unpack(const char *who, const struct image *archive,
				struct image **out)
{
	struct image *image = NULL, *inner;
	int rc;

	for (int depth = 0; archive_format_of(image ? image : archive); depth++) {
		if (depth == ARCHIVE_NEST_MAX) {
			printf("%s: %s: archives nested more than %d deep\n",
			       who, archive->name, ARCHIVE_NEST_MAX);
			image_free(image);
			return -ENOEXEC;
		}
		rc = archive_unpack(who, image ? image : archive, NULL, &inner);
		if (image)
			image_free(image);
		if (rc < 0)
			return rc;
		image = inner;
	}
	image->verified = archive->verified;
	if (archive->cmdline) {
		image->cmdline = strdup(archive->cmdline);
		if (!image->cmdline) {
			printf("%s: %s: %s\n", who, archive->name,
			       errmsg(-ENOMEM));
			image_free(image);
			return -ENOMEM;
		}
	}
	*out = image;
	return 0;
}

/**
 * Start archive @p archive: the image it holds is in the list while it
 * runs and freed when it returns; the archive is out of the list
 * meanwhile (so a kernel in it does not get it as an initrd), and back
 * at the end of it afterwards
 */
static int archive_image_exec(const char *who, struct image *archive)
{
	struct image *image;
	int listed, rc;

	rc = archive_image_unpack(who, archive, &image);
	if (rc < 0)
		return rc;
	listed = image_unregister(archive);
	image_register(image);
	rc = image_exec(who, image);
	image_discard(image);
	if (listed)
		image_register(archive);
	return rc;
}

/** The gzip format (RFC 1952) as an image */
static const struct image_type archive_image_gzip = {
	.name = "gzip",
	.probe = archive_image_probe_gzip,
	.exec = archive_image_exec,
};
IMAGE_TYPE(archive_image_gzip);

/** The zlib format (RFC 1950) as an image */
static const struct image_type archive_image_zlib = {
	.name = "zlib",
	.probe = archive_image_probe_zlib,
	.exec = archive_image_exec,
};
IMAGE_TYPE(archive_image_zlib);
