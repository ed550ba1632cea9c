/** @file Memory on UEFI: the heap comes from AllocatePages(). */
#include <lwpxe/errors.h>
#include <lwpxe/heap.h>
#include "efi_arch.h"

/** Heap sizes tried, largest first */
static const UINTN efi_heap_sizes[] = { 64 << 20, 32 << 20, 16 << 20, 8 << 20 };

/** The pages handed to the heap (0 if none) */
static EFI_PHYSICAL_ADDRESS efi_heap_base;
static UINTN efi_heap_pages;

int efi_heap_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(efi_heap_sizes); i++) {
		UINTN pages = efi_heap_sizes[i] / EFI_PAGE_SIZE;
		EFI_PHYSICAL_ADDRESS base = 0;

		if (efi_bs->AllocatePages(AllocateAnyPages, EfiLoaderData,
					  pages, &base) != EFI_SUCCESS)
			continue;
		efi_heap_base = base;
		efi_heap_pages = pages;
		heap_add((void *)(UINTN)base, efi_heap_sizes[i]);
		return 0;
	}
	return -ENOMEM;
}

void efi_heap_fini(void)
{
	if (efi_heap_pages)
		efi_bs->FreePages(efi_heap_base, efi_heap_pages);
	efi_heap_pages = 0;
}
