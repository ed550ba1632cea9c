/** @file Memory on UEFI: the heap comes from AllocatePages(), a first region at start-up and more as needed. */
#include <lwpxe/errors.h>
#include <lwpxe/heap.h>
#include "efi_arch.h"

/** Heap sizes tried at start-up, largest first */
static const UINTN efi_heap_sizes[] = { 64 << 20, 32 << 20, 16 << 20, 8 << 20 };

/** Smallest region added later (a large image gets one of its own size) */
#define EFI_HEAP_MORE (32u << 20)

/** Regions the heap may hold at most */
#define EFI_HEAP_REGIONS 32

/** The pages handed to the heap */
static struct {
	EFI_PHYSICAL_ADDRESS base;  /**< first byte */
	UINTN pages;                /**< length in pages */
} efi_heap_region[EFI_HEAP_REGIONS];

/** Regions in efi_heap_region */
static unsigned int efi_heap_regions;

/** Allocate @p bytes (whole pages) from the firmware and hand them to the heap; 0 or -ENOMEM */
static int efi_heap_region_add(UINTN bytes)
{
	UINTN pages = (bytes + EFI_PAGE_SIZE - 1) / EFI_PAGE_SIZE;
	EFI_PHYSICAL_ADDRESS base = 0;

	if (efi_heap_regions == EFI_HEAP_REGIONS ||
	    efi_bs->AllocatePages(AllocateAnyPages, EfiLoaderData, pages,
				  &base) != EFI_SUCCESS)
		return -ENOMEM;
	efi_heap_region[efi_heap_regions].base = base;
	efi_heap_region[efi_heap_regions].pages = pages;
	efi_heap_regions++;
	heap_add((void *)(UINTN)base, pages * EFI_PAGE_SIZE);
	return 0;
}

int efi_heap_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(efi_heap_sizes); i++) {
		if (efi_heap_region_add(efi_heap_sizes[i]) == 0)
			return 0;
	}
	return -ENOMEM;
}

int heap_platform_more(size_t need)
{
	if (need > (UINTN)-1 - EFI_PAGE_SIZE)
		return -ENOMEM;
	return efi_heap_region_add(need > EFI_HEAP_MORE ? need : EFI_HEAP_MORE);
}

void efi_heap_fini(void)
{
	while (efi_heap_regions) {
		efi_heap_regions--;
		efi_bs->FreePages(efi_heap_region[efi_heap_regions].base,
				  efi_heap_region[efi_heap_regions].pages);
	}
}
