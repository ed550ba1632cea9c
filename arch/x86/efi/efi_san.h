/** @file SAN drives on UEFI: the BlockIo handle of a hooked drive, its device path, loading from it. */
#ifndef EFI_SAN_H
#define EFI_SAN_H

#include <stddef.h>
#include <lwpxe/san.h>
#include "efi_arch.h"
#include "efi_path.h"

/** A hooked drive as the firmware sees it */
struct efi_san_disk {
	EFI_BLOCK_IO_PROTOCOL block_io;   /**< first, so the protocol pointer is ours */
	EFI_BLOCK_IO_MEDIA media;         /**< what block_io.Media points to */
	EFI_HANDLE handle;                /**< handle carrying both protocols */
	EFI_DEVICE_PATH *path;            /**< its device path (malloc'd) */
	struct san_drive *drive;          /**< the SAN drive behind it */
	struct efi_san_disk *next;        /**< next hooked disk */
};

/** The disk installed for @p drive; NULL if none */
struct efi_san_disk *efi_san_disk(const struct san_drive *drive);

/** Device path for @p drive: the NIC's path (or a MAC node), an iSCSI node (a URI node for a drive that is no iSCSI target), End; NULL if no memory */
EFI_DEVICE_PATH *efi_san_path(struct san_drive *drive);

/**
 * Load @p file from the first file system on @p disk that holds it
 * (prints nothing)
 *
 * @v image     receives the loaded image
 * @ret rc      0, -ENODEV if the firmware mounted no file system on the
 *              disk, -ENOENT if none holds @p file, or -error
 */
int efi_san_load(struct efi_san_disk *disk, const char *file,
		 EFI_HANDLE *image);

#endif
