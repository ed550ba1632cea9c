/** @file SAN hand-over on UEFI: LoadImage + StartImage of a file on a partition of the hooked disk. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/eltorito.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include "efi_image.h"
#include "efi_san.h"

/** What `sanboot` starts unless told otherwise: the removable-media path on x86_64 */
#define EFI_SAN_DEFAULT_FILE "\\EFI\\BOOT\\BOOTX64.EFI"

static EFI_GUID efi_fs_guid = SIMPLE_FILE_SYSTEM_PROTOCOL;
static EFI_GUID efi_dp_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;
static EFI_GUID efi_loaded_guid = LOADED_IMAGE_PROTOCOL;

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

/**
 * Print one line saying why efi_san_load() of @p file from @p drive
 * failed with @p rc: for CD media without a file system, what its El
 * Torito boot catalogue lacks
 */
static void efi_san_load_failed(struct san_drive *drive, const char *file,
				int rc)
{
	const char *why = NULL;

	/* read the catalogue first: a failed read prints its own line */
	if (rc == -ENODEV && drive->block_size == ELTORITO_SECTOR)
		why = eltorito_why_not(drive, ELTORITO_PLATFORM_EFI);
	printf("%ssanboot: drive %#x (%s): ", script_where(), drive->number,
	       san_uri(drive));
	if (why)
		printf("%s\n", why);
	else if (rc == -ENODEV)
		printf("the firmware found no FAT file system on it\n");
	else if (rc == -ENOENT)
		printf("no file system on it holds %s\n", file);
	else
		printf("cannot load %s: %s\n", file, errmsg(rc));
}

/** Describe where on @p disk the file system of loaded @p image is, into @p buf */
static const char *efi_san_where(struct efi_san_disk *disk, EFI_HANDLE image,
				 char *buf, size_t len)
{
	EFI_LOADED_IMAGE *loaded;
	EFI_DEVICE_PATH *path;
	UINT8 *node;

	if (efi_bs->HandleProtocol(image, &efi_loaded_guid,
				   (void **)&loaded) != EFI_SUCCESS ||
	    efi_bs->HandleProtocol(loaded->DeviceHandle, &efi_dp_guid,
				   (void **)&path) != EFI_SUCCESS ||
	    !efi_path_has_prefix(path, disk->path))
		return "";
	node = (UINT8 *)path + efi_path_len(disk->path);
	if (DevicePathType((EFI_DEVICE_PATH *)node) != MEDIA_DEVICE_PATH)
		return "";
	if (DevicePathSubType((EFI_DEVICE_PATH *)node) == MEDIA_CDROM_DP)
		snprintf(buf, len, " (El Torito boot image %u)",
			 (unsigned int)((CDROM_DEVICE_PATH *)node)->BootEntry);
	else if (DevicePathSubType((EFI_DEVICE_PATH *)node) == MEDIA_HARDDRIVE_DP)
		snprintf(buf, len, " (partition %u)", (unsigned int)
			 ((HARDDRIVE_DEVICE_PATH *)node)->PartitionNumber);
	else
		return "";
	return buf;
}

int san_platform_boot(struct san_drive *drive, const char *filename)
{
	struct efi_san_disk *disk = efi_san_disk(drive);
	const char *file = filename ? filename : EFI_SAN_DEFAULT_FILE;
	EFI_HANDLE image;
	char where[48];
	int rc;

	rc = disk ? efi_san_load(disk, file, &image) : -ENODEV;
	if (rc < 0) {
		efi_san_load_failed(drive, file, rc);
		return rc;
	}
	printf("Booting %s from SAN drive %#x%s\n", file, drive->number,
	       efi_san_where(disk, image, where, sizeof(where)));
	rc = efi_rc(efi_image_start(image, file));
	printf("%ssanboot: drive %#x (%s): %s returned: %s\n", script_where(),
	       drive->number, san_uri(drive), file,
	       rc == 0 ? "success" : errmsg(rc));
	return rc == 0 ? -ECANCELED : rc;
}
