/** @file The shim unlock, as iPXE does it: a program the shim verified and started itself (a kernel, no GRUB) may leave boot services. */
/*
 * A shim built with its ExitBootServices check halts a program it started
 * unless that program asked the shim to verify something in turn, as
 * GRUB does for the kernel.  A kernel the shim started itself never asks,
 * but calls GetMemoryMap just before ExitBootServices: while such a
 * program runs, our GetMemoryMap asks the shim to verify nothing first
 * (the shim then counts its loader as participating) and hands on.
 */
#include <lwpxe/uefi.h>
#include "efi_image.h"

/** The shim's SHIM_LOCK protocol (shim 15, 16) */
#define EFI_SHIM_LOCK_GUID \
	{ 0x605dab50, 0xe046, 0x4300, \
	  { 0xab, 0xb6, 0x3d, 0xd8, 0x10, 0xdd, 0x8b, 0x23 } }

/** SHIM_LOCK's first member: shim declares it without EFIAPI (System V on x86_64) */
struct efi_shim_lock {
	EFI_STATUS (*verify)(void *buffer, UINT32 size); /**< verify a PE image in memory */
};

static EFI_GUID efi_shim_lock_guid = EFI_SHIM_LOCK_GUID;

/** The firmware's GetMemoryMap while ours stands in; NULL when not */
static EFI_GET_MEMORY_MAP efi_shim_firmware_map;

/** Recompute the boot services table's CRC after changing it (UEFI 2.x, 4.2) */
static void efi_shim_bs_crc(void)
{
	UINT32 crc = 0;

	efi_bs->Hdr.CRC32 = 0;
	if (efi_bs->CalculateCrc32(efi_bs, efi_bs->Hdr.HeaderSize, &crc) ==
	    EFI_SUCCESS)
		efi_bs->Hdr.CRC32 = crc;
}

/** GetMemoryMap while a program the shim started runs: the shim asked to verify nothing, then the firmware's */
static EFI_STATUS EFIAPI efi_shim_unlock_map(UINTN *size,
					     EFI_MEMORY_DESCRIPTOR *map,
					     UINTN *key, UINTN *desc_size,
					     UINT32 *desc_version)
{
	struct efi_shim_lock *lock;
	static UINT8 nothing;

	if (efi_bs->LocateProtocol(&efi_shim_lock_guid, NULL,
				   (void **)&lock) == EFI_SUCCESS)
		lock->verify(&nothing, 0);
	return efi_shim_firmware_map(size, map, key, desc_size, desc_version);
}

void efi_shim_unlock_install(void)
{
	if (efi_shim_firmware_map)
		return;
	efi_shim_firmware_map = efi_bs->GetMemoryMap;
	efi_bs->GetMemoryMap = efi_shim_unlock_map;
	efi_shim_bs_crc();
}

void efi_shim_unlock_uninstall(void)
{
	if (!efi_shim_firmware_map)
		return;
	efi_bs->GetMemoryMap = efi_shim_firmware_map;
	efi_shim_firmware_map = NULL;
	efi_shim_bs_crc();
}
