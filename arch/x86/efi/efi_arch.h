/** @file Internal interfaces of the x86_64 UEFI platform (drivers see only <lwpxe/uefi.h>). */
#ifndef EFI_ARCH_H
#define EFI_ARCH_H

#include <efi.h>
#include <lwpxe/compiler.h>
#include <lwpxe/uefi.h>   /* efi_image, efi_bs, efi_rc(): what drivers see too */

/** The EFI system table */
extern EFI_SYSTEM_TABLE *efi_systab;

/** Name of @p status ("EFI_LOAD_ERROR"), NULL for a warning or an error we do not know */
const char *efi_status_name(EFI_STATUS status);

/** Write out console output that is still buffered */
void efi_console_flush(void);

/** Feed one output byte to the ANSI sequence parser; nonzero if it took it */
int efi_ansi_take(int c);

/** Calibrate the TSC against the firmware's Stall() */
void efi_time_init(void);

/** Give the heap memory from AllocatePages(); 0 or -ENOMEM */
int efi_heap_init(void);

/** Return the heap's pages to the firmware */
void efi_heap_fini(void);

#endif
