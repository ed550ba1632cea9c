/** @file What the UEFI platform offers drivers that use the firmware's own protocols (SNP): boot services, our image handle, status words. */
#ifndef LWPXE_UEFI_H
#define LWPXE_UEFI_H

#include <efi.h>

/** Platform: our image handle, as the firmware gave it (the agent that opens protocols) */
extern EFI_HANDLE efi_image;

/** Platform: the firmware's boot services */
extern EFI_BOOT_SERVICES *efi_bs;

/** Platform: an EFI status as an lwpxe error code (-errno), for errmsg() */
int efi_rc(EFI_STATUS status);

#endif
