/** @file Starting EFI programs from memory on UEFI: the protocols lwpxe offers them while they run. */
#ifndef EFI_IMAGE_H
#define EFI_IMAGE_H

#include "efi_arch.h"

struct image;

/** Start loaded @p image (@p what, for the boot timeline's hand-over line) and wait for it (console output flushed first); what it returned */
EFI_STATUS efi_image_start(EFI_HANDLE image, const char *what);

/**
 * The image list as a read-only file system: the root directory holds
 * every image by name (EFI_SIMPLE_FILE_SYSTEM_PROTOCOL)
 */
extern EFI_SIMPLE_FILE_SYSTEM_PROTOCOL efi_file_system;

/**
 * Let Open find @p image by name too (NULL: no longer), though it is not
 * in the list: a `chain`ed program, which a shim reads through the file
 * system (it is not listed in the root)
 */
void efi_file_offer(struct image *image);

/** Nonzero if the last name Open found nothing for, since efi_file_offer(), is @p name (case ignored) */
int efi_file_was_missing(const char *name);

/**
 * Offer Linux's EFI stub its initrd: a new handle with the
 * LINUX_EFI_INITRD_MEDIA_GUID device path and EFI_LOAD_FILE2_PROTOCOL,
 * which returns every image but @p kernel and the shim, each padded to 4
 * bytes, in list order
 *
 * @ret rc      0 if installed, -ENOENT if there is no other image, or
 *              -error (-EALREADY: another loader already offers one)
 */
int efi_initrd_install(const struct image *kernel);

/** Uninstall the initrd handle if it is installed */
void efi_initrd_uninstall(void);

/**
 * Stand in for GetMemoryMap, telling the shim that its loader takes part
 * before handing on, so that a program the shim started itself may leave
 * boot services (iPXE's shim unlock; `shim --require-loader` goes without)
 */
void efi_shim_unlock_install(void);

/** Give the firmware its GetMemoryMap back, if efi_shim_unlock_install() took it */
void efi_shim_unlock_uninstall(void);

#endif
