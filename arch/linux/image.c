/** @file Images on Linux: a process cannot start firmware executables, so `chain` says so. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>

int image_platform_chain(struct san_drive *drive, const char *path)
{
	printf("chain: %s: a Linux process cannot start firmware images (drive %#x)\n",
	       path, drive->number);
	return -ENOTSUP;
}
