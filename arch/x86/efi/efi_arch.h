/** @file Internal interfaces of the x86_64 UEFI platform (and its drivers). */
#ifndef EFI_ARCH_H
#define EFI_ARCH_H

#include <efi.h>
#include <lwpxe/compiler.h>

/** Our image handle, as the firmware gave it to efi_main() */
extern EFI_HANDLE efi_image;

/** The EFI system table */
extern EFI_SYSTEM_TABLE *efi_systab;

/** Boot services (efi_systab->BootServices) */
extern EFI_BOOT_SERVICES *efi_bs;

/** A NIC driver the UEFI images probe at start-up */
struct efi_nic_driver {
	const char *name;          /**< driver name */
	void (*probe)(void);       /**< find and register this driver's NICs */
	/** On exit, after the NICs are closed: give the devices back (may be NULL) */
	void (*remove)(void);
};

/** Register a NIC driver of the UEFI images */
#define EFI_NIC_DRIVER(object) TABLE_ENTRY(efi_nic_drivers, object)
TABLE_DECLARE(efi_nic_drivers);

/** Words for an EFI status as an lwpxe error code (-errno) */
int efi_rc(EFI_STATUS status);

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
