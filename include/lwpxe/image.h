/** @file Executable images: starting a program (a boot loader, a UEFI application) from a SAN drive. */
#ifndef LWPXE_IMAGE_H
#define LWPXE_IMAGE_H

#include <lwpxe/san.h>

/**
 * Platform: load the executable at @p path from a file system on SAN
 * drive @p drive, start it and wait until it returns (UEFI: LoadImage +
 * StartImage on the drive's BlockIo handle).  Failures print one line
 * naming the path and the drive.
 *
 * @v drive     hooked drive
 * @v path      file on the drive ("/EFI/BOOT/BOOTX64.EFI"; '/' or '\')
 * @ret rc      0 if the image ran and returned success, the image's
 *              failure as -error, -ENOENT if no file system on the drive
 *              holds @p path, or -ENOTSUP where the platform cannot
 *              start images (Linux process, BIOS for now)
 */
int image_platform_chain(struct san_drive *drive, const char *path);

#endif
