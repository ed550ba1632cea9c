/** @file The image list: images fetched into memory, by name, one of them selected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include <lwpxe/image.h>

/** Longest URI a relative name resolves to */
#define IMAGE_URI_MAX 512

/** The images, first fetched first */
static struct image *image_list;

struct image *image_first(void)
{
	return image_list;
}

struct image *image_find(const char *name)
{
	for (struct image *i = image_list; i; i = i->next) {
		if (strcmp(i->name, name) == 0)
			return i;
	}
	return NULL;
}

struct image *image_selected(void)
{
	for (struct image *i = image_list; i; i = i->next) {
		if (i->selected)
			return i;
	}
	return NULL;
}

void image_select(struct image *image)
{
	for (struct image *i = image_list; i; i = i->next)
		i->selected = (i == image);
}

struct image *image_shim(void)
{
	for (struct image *i = image_list; i; i = i->next) {
		if (i->shim)
			return i;
	}
	return NULL;
}

void image_set_shim(struct image *image, unsigned int flags)
{
	for (struct image *i = image_list; i; i = i->next)
		i->shim = (i == image) ? IMAGE_SHIM | flags : 0;
}

int image_unregister(struct image *image)
{
	struct image **link = &image_list;

	while (*link && *link != image)
		link = &(*link)->next;
	if (!*link)
		return 0;
	*link = image->next;
	image->next = NULL;
	return 1;
}

void image_discard(struct image *image)
{
	if (image_unregister(image))
		image_free(image);
}

void image_free(struct image *image)
{
	image_unregister(image);
	free(image->data);
	free(image->uri);
	free(image->cmdline);
	free(image);
}

int image_set_cmdline(struct image *image, int argc, char **argv)
{
	size_t len = 0;
	char *line;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	free(image->cmdline);
	image->cmdline = NULL;
	if (!argc)
		return 0;
	line = malloc(len);
	if (!line)
		return -ENOMEM;
	line[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(line, " ");
		strcat(line, argv[i]);
	}
	image->cmdline = line;
	return 0;
}

/** Set @p image's name to the last path part of @p uri (before any '?'), "image" if empty */
static void image_name_from_uri(struct image *image, const char *uri)
{
	const char *end = uri + strcspn(uri, "?#");
	const char *start = end;
	size_t len;

	while (start > uri && start[-1] != '/' && start[-1] != ':')
		start--;
	len = MIN((size_t)(end - start), sizeof(image->name) - 1);
	memcpy(image->name, start, len);
	image->name[len] = '\0';
	if (!len)
		snprintf(image->name, sizeof(image->name), "image");
}

void image_register(struct image *image)
{
	struct image *old = image_find(image->name);
	struct image **link = &image_list;

	if (old)
		image_free(old);
	while (*link)
		link = &(*link)->next;
	*link = image;
}

/** A new image for @p uri named @p name (NULL: from the URI); NULL if out of memory */
static struct image *image_new(const char *uri, const char *name)
{
	struct image *image = calloc(1, sizeof(*image));

	if (!image)
		return NULL;
	image->uri = strdup(uri);
	if (!image->uri) {
		free(image);
		return NULL;
	}
	if (name)
		snprintf(image->name, sizeof(image->name), "%s", name);
	else
		image_name_from_uri(image, uri);
	return image;
}

int image_fetch(const char *who, const char *location, const char *name,
		struct image **image)
{
	char *uri = malloc(IMAGE_URI_MAX);
	struct image *img = NULL;
	int rc;

	if (!uri) {
		printf("%s: %s: %s\n", who, location, errmsg(-ENOMEM));
		return -ENOMEM;
	}
	rc = fetch_resolve(location, uri, IMAGE_URI_MAX);
	if (rc == -ENOENT)
		printf("%s: %s: not a URI, and no next-server or script URI "
		       "to fetch it from\n", who, location);
	else if (rc < 0)
		printf("%s: %s: %s\n", who, location, errmsg(rc));
	if (rc < 0)
		goto out;
	img = image_new(uri, name);
	if (!img) {
		rc = -ENOMEM;
		printf("%s: %s: %s\n", who, uri, errmsg(rc));
		goto out;
	}
	rc = fetch_uri(who, uri, &img->data, &img->len);
	if (rc < 0) {
		image_free(img);
		goto out;
	}
	*image = img;
out:
	free(uri);
	return rc;
}
