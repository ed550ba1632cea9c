/** @file iBFT placement on UEFI: an ACPI table installed through EFI_ACPI_TABLE_PROTOCOL. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include "efi_arch.h"

/** EFI_ACPI_TABLE_PROTOCOL (UEFI 2.x, section "ACPI Table Protocol"); gnu-efi 3.0.15 lacks it */
#define EFI_ACPI_TABLE_PROTOCOL_GUID \
	{ 0xffe06bdd, 0x6107, 0x46a6, \
	  { 0x7b, 0xb2, 0x5a, 0x9c, 0x7e, 0xc5, 0x27, 0x5c } }

/** The protocol's two functions */
struct efi_acpi_table_protocol {
	/** Copy a table into ACPI memory and link it from the XSDT */
	EFI_STATUS (EFIAPI *InstallAcpiTable)(struct efi_acpi_table_protocol *This,
					      VOID *Table, UINTN Size,
					      UINTN *TableKey);
	/** Remove a table installed before */
	EFI_STATUS (EFIAPI *UninstallAcpiTable)(struct efi_acpi_table_protocol *This,
						UINTN TableKey);
};

/** Key of the table we installed, valid if efi_ibft_installed */
static UINTN efi_ibft_key;
static int efi_ibft_installed;

int ibft_install(const void *table, size_t len)
{
	static EFI_GUID guid = EFI_ACPI_TABLE_PROTOCOL_GUID;
	struct efi_acpi_table_protocol *acpi;
	EFI_STATUS st;

	if (!len && !efi_ibft_installed)
		return 0;
	if (efi_bs->LocateProtocol(&guid, NULL, (void **)&acpi) != EFI_SUCCESS) {
		printf("ibft: the firmware has no ACPI table protocol: "
		       "cannot publish the iBFT\n");
		return -ENOTSUP;
	}
	if (efi_ibft_installed) {
		acpi->UninstallAcpiTable(acpi, efi_ibft_key);
		efi_ibft_installed = 0;
	}
	if (!len)
		return 0;
	st = acpi->InstallAcpiTable(acpi, (VOID *)table, len, &efi_ibft_key);
	if (st != EFI_SUCCESS) {
		printf("ibft: installing the ACPI table failed: %s\n",
		       errmsg(efi_rc(st)));
		return efi_rc(st);
	}
	efi_ibft_installed = 1;
	return 0;
}
