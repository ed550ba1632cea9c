/** @file The iPXE script image format: `chain tftp://.../boot.ipxe` runs the script. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include <lwpxe/image.h>
#include <lwpxe/script.h>

/** 0 if @p image starts with "#!ipxe" (or "#!gpxe") and a blank, -ENOEXEC if not */
static int script_image_probe(const struct image *image)
{
	const char *text = image->data;

	if (image->len < 6 || (memcmp(text, "#!ipxe", 6) != 0 &&
			       memcmp(text, "#!gpxe", 6) != 0))
		return -ENOEXEC;
	if (image->len > 6 && !isspace((unsigned char)text[6]))
		return -ENOEXEC;
	return 0;
}

/**
 * Run the script in @p image from a copy, so that the script may free
 * or replace its own image; returns the script's status
 */
static int script_image_exec(const char *who, struct image *image)
{
	char name[IMAGE_NAME_LEN];
	char *text = malloc(image->len);
	char *uri = image->uri ? strdup(image->uri) : NULL;
	size_t len = image->len;
	char *outer_base;
	int rc;

	if (!text || (image->uri && !uri)) {
		printf("%s: %s: %s\n", who, image->name, errmsg(-ENOMEM));
		free(text);
		free(uri);
		return -ENOMEM;
	}
	memcpy(text, image->data, len);
	memcpy(name, image->name, sizeof(name));
	/* relative names in a fetched script mean files beside it */
	if (uri)
		outer_base = fetch_set_base(uri);
	rc = script_run(name, text, len);
	if (uri)
		free(fetch_set_base(outer_base));
	free(text);
	return rc;
}

/** The script format */
static const struct image_type script_image_type = {
	.name = "script",
	.probe = script_image_probe,
	.exec = script_image_exec,
};
IMAGE_TYPE(script_image_type);
