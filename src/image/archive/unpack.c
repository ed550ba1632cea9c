/** @file Unpacking an archive image (gzip, zlib) into a new image: the format, the name, the data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include "archive.h"

/** The formats we unpack */
static const struct archive_format *const archive_formats[] = {
	&archive_gzip, &archive_zlib,
};

const struct archive_format *archive_format_of(const struct image *image)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(archive_formats); i++) {
		if (archive_formats[i]->probe(image->data, image->len))
			return archive_formats[i];
	}
	return NULL;
}

/** Name @p out after @p name without its last dot suffix (all of it if that leaves nothing) */
static void archive_name(struct image *out, const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t len = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	len = MIN(len, sizeof(out->name) - 1);
	memcpy(out->name, name, len);
	out->name[len] = '\0';
}

int archive_unpack(const char *who, const struct image *archive,
		   const char *name, struct image **out)
{
	const struct archive_format *format = archive_format_of(archive);
	struct inflate_result res = { 0 };
	struct image *image;
	int rc;

	if (!format) {
		printf("%s: %s: not an archive we can unpack (gzip, zlib)\n",
		       who, archive->name);
		return -ENOEXEC;
	}
	image = calloc(1, sizeof(*image));
	if (image && archive->uri)
		image->uri = strdup(archive->uri);
	if (!image || (archive->uri && !image->uri)) {
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
		archive_name(image, archive->name);
	*out = image;
	return 0;
}
