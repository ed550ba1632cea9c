/** @file Images on UEFI: `chain` starts an executable from a file system on a hooked SAN drive. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include "efi_image.h"
#include "efi_san.h"

int image_platform_chain(struct san_drive *drive, const char *path)
{
	struct efi_san_disk *disk = efi_san_disk(drive);
	EFI_HANDLE image;
	int rc;

	rc = disk ? efi_san_load(disk, path, &image) : -ENODEV;
	if (rc == -ENOENT)
		printf("chain: %s: not found on drive %#x\n", path,
		       drive->number);
	else if (rc == -ENODEV)
		printf("chain: %s: drive %#x has no file system the firmware can read\n",
		       path, drive->number);
	else if (rc < 0)
		printf("chain: %s: cannot load from drive %#x: %s\n", path,
		       drive->number, errmsg(rc));
	if (rc < 0)
		return rc;
	rc = efi_rc(efi_image_start(image, path));
	if (rc < 0)
		printf("chain: %s (drive %#x) returned: %s\n", path,
		       drive->number, errmsg(rc));
	return rc;
}
