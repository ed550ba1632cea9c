/** @file The machine on UEFI: ResetSystem for reboot and power-off, the memory map's size, SMBIOS from the configuration table, the Secure Boot state. */
#include <string.h>
#include <stdlib.h>
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include <lwpxe/smbios.h>
#include "efi_arch.h"

/** Bytes of an entry point readable: the longer of the 2.x and 3.x ones */
#define EFI_SMBIOS_EP_MAX 0x20

/** Ask the firmware for @p type of reset; -EIO if it returns */
static int efi_reset(EFI_RESET_TYPE type)
{
	efi_console_flush();
	efi_systab->RuntimeServices->ResetSystem(type, EFI_SUCCESS, 0, NULL);
	return -EIO;
}

int platform_reboot(int warm)
{
	return efi_reset(warm ? EfiResetWarm : EfiResetCold);
}

int platform_poweroff(void)
{
	return efi_reset(EfiResetShutdown);
}

/** Nonzero if memory of @p type is RAM the OS may use (not MMIO, not reserved) */
static int efi_memory_is_ram(UINT32 type)
{
	switch (type) {
	case EfiLoaderCode:
	case EfiLoaderData:
	case EfiBootServicesCode:
	case EfiBootServicesData:
	case EfiRuntimeServicesCode:
	case EfiRuntimeServicesData:
	case EfiConventionalMemory:
	case EfiACPIReclaimMemory:
	case EfiACPIMemoryNVS:
		return 1;
	default:
		return 0;
	}
}

uint64_t platform_memsize(void)
{
	EFI_MEMORY_DESCRIPTOR *map = NULL;
	UINTN size = 0, key, desc_size;
	UINT32 version;
	uint64_t total = 0;

	if (efi_bs->GetMemoryMap(&size, NULL, &key, &desc_size, &version) !=
	    EFI_BUFFER_TOO_SMALL)
		return 0;
	size += 8 * desc_size;    /* the allocation below may add entries */
	map = malloc(size);
	if (!map || efi_bs->GetMemoryMap(&size, map, &key, &desc_size,
					 &version) != EFI_SUCCESS) {
		free(map);
		return 0;
	}
	for (UINTN off = 0; off + desc_size <= size; off += desc_size) {
		EFI_MEMORY_DESCRIPTOR *d = (void *)((char *)map + off);

		if (efi_memory_is_ram(d->Type))
			total += d->NumberOfPages * EFI_PAGE_SIZE;
	}
	free(map);
	return total;
}

/** The configuration table entry with @p guid; NULL if none */
static void *efi_config_table(const EFI_GUID *guid)
{
	for (UINTN i = 0; i < efi_systab->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &efi_systab->ConfigurationTable[i];

		if (memcmp(&t->VendorGuid, guid, sizeof(*guid)) == 0)
			return t->VendorTable;
	}
	return NULL;
}

int platform_smbios(const void **table, size_t *len)
{
	static const EFI_GUID guids[] = { SMBIOS3_TABLE_GUID,
					  SMBIOS_TABLE_GUID };
	uint64_t addr;

	for (unsigned int i = 0; i < ARRAY_SIZE(guids); i++) {
		const void *ep = efi_config_table(&guids[i]);

		if (ep && smbios_entry_parse(ep, EFI_SMBIOS_EP_MAX, &addr,
					     len) == 0) {
			*table = (const void *)(UINTN)addr;
			return 0;
		}
	}
	return -ENOENT;
}

int platform_secure_boot(void)
{
	static EFI_GUID global = EFI_GLOBAL_VARIABLE;
	UINT8 value = 0;
	UINTN size = sizeof(value);
	UINT32 attributes;

	if (efi_systab->RuntimeServices->GetVariable(L"SecureBoot", &global,
						      &attributes, &size,
						      &value) != EFI_SUCCESS)
		return 0;
	return size == 1 && value == 1;
}
