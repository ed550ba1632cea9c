/** @file Starting an image: the registered format that claims it runs it, if `imgtrust` lets it. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/format.h>
#include <lwpxe/image.h>
#include <lwpxe/platform.h>

const struct image_type *image_probe(const struct image *image)
{
	const struct image_type *type;

	TABLE_FOREACH(image_types, const struct image_type *, type) {
		if (!type->fallback && type->probe(image) == 0)
			return type;
	}
	TABLE_FOREACH(image_types, const struct image_type *, type) {
		if (type->fallback && type->probe(image) == 0)
			return type;
	}
	return NULL;
}

/** Write the names of the registered formats into @p buf ("bzImage, PXE"); returns @p buf */
static char *image_type_names(char *buf, size_t len)
{
	const struct image_type *type;
	size_t n = 0;

	buf[0] = '\0';
	TABLE_FOREACH(image_types, const struct image_type *, type) {
		if (format_list_add(buf, len, &n, type->name, "") < 0)
			break;
	}
	if (!n)
		snprintf(buf, len, "none");
	return buf;
}

/** Nonzero while `imgtrust` is in force, and once it is for good */
static int image_trust_required;
static int image_trust_permanent;

int image_trust_require(int require, int permanent)
{
	if (!require && image_trust_permanent)
		return -EPERM;
	image_trust_required = require;
	image_trust_permanent |= permanent;
	return 0;
}

int image_exec(const char *who, struct image *image)
{
	const struct image_type *type = image_probe(image);
	char names[64];

	if (image_trust_required && !image->verified) {
		printf("%s: %s: refused: not verified (imgtrust is in force)\n",
		       who, image->name);
		return -EACCES;
	}
	if (!type) {
		printf("%s: %s: not an image %s can start (it starts: %s)\n",
		       who, image->name, platform_name,
		       image_type_names(names, sizeof(names)));
		return -ENOEXEC;
	}
	return type->exec(who, image);
}
