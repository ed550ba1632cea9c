/** @file Images on BIOS: not implemented yet (no file system reader for SAN drives). */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>

int image_platform_chain(struct san_drive *drive, const char *path)
{
	printf("chain: %s: starting images from drive %#x is not supported on BIOS yet\n",
	       path, drive->number);
	return -ENOTSUP;
}
