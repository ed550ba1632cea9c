/** @file SAN hand-over on UEFI: LoadImage + StartImage of a file on a partition of the hooked disk. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/errors.h>
#include "efi_image.h"
#include "efi_san.h"

/** What `sanboot` starts unless told otherwise: the removable-media path on x86_64 */
#define EFI_SAN_DEFAULT_FILE "\\EFI\\BOOT\\BOOTX64.EFI"

static EFI_GUID efi_fs_guid = SIMPLE_FILE_SYSTEM_PROTOCOL;
static EFI_GUID efi_dp_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;

int efi_san_load(struct efi_san_disk *disk, const char *file,
		 EFI_HANDLE *image)
{
	EFI_STATUS st = EFI_NOT_FOUND;
	EFI_HANDLE *handles;
	UINTN count;
	int seen = 0;

	if (efi_bs->LocateHandleBuffer(ByProtocol, &efi_fs_guid, NULL, &count,
				       &handles) != EFI_SUCCESS)
		count = 0, handles = NULL;
	for (UINTN i = 0; i < count; i++) {
		EFI_DEVICE_PATH *fs_path, *path;

		if (efi_bs->HandleProtocol(handles[i], &efi_dp_guid,
					   (void **)&fs_path) != EFI_SUCCESS ||
		    !efi_path_has_prefix(fs_path, disk->path))
			continue;
		seen++;
		path = efi_file_path(fs_path, file);
		if (!path) {
			st = EFI_OUT_OF_RESOURCES;
			break;
		}
		st = efi_bs->LoadImage(FALSE, efi_image, path, NULL, 0, image);
		free(path);
		if (st != EFI_NOT_FOUND)
			break;
	}
	if (handles)
		efi_bs->FreePool(handles);
	if (!seen)
		return -ENODEV;
	return st == EFI_NOT_FOUND ? -ENOENT : efi_rc(st);
}

/** Print why efi_san_load() of @p file from drive @p number failed with @p rc */
static void efi_san_load_failed(unsigned int number, const char *file, int rc)
{
	if (rc == -ENODEV)
		printf("sanboot: drive %#x: the firmware found no FAT file system on it\n",
		       number);
	else if (rc == -ENOENT)
		printf("sanboot: drive %#x: no file system on it holds %s\n",
		       number, file);
	else
		printf("sanboot: drive %#x: cannot load %s: %s\n", number,
		       file, errmsg(rc));
}

int san_platform_boot(struct san_drive *drive, const char *filename)
{
	struct efi_san_disk *disk = efi_san_disk(drive);
	const char *file = filename ? filename : EFI_SAN_DEFAULT_FILE;
	EFI_HANDLE image;
	int rc;

	if (!disk)
		return -ENODEV;
	rc = efi_san_load(disk, file, &image);
	if (rc < 0) {
		efi_san_load_failed(drive->number, file, rc);
		return rc;
	}
	printf("Booting %s from SAN drive %#x\n", file, drive->number);
	rc = efi_rc(efi_image_start(image, file));
	printf("sanboot: drive %#x: %s returned: %s\n", drive->number, file,
	       rc == 0 ? "success" : errmsg(rc));
	return rc == 0 ? -ECANCELED : rc;
}
