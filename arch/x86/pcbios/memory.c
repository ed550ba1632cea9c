/** @file Memory on BIOS: the heap takes the top of the highest usable E820 region below 4 GiB. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/heap.h>
#include "memmap.h"

/** Most memory handed to the heap */
#define PCBIOS_HEAP_MAX (64UL << 20)

/** Least memory worth running with */
#define PCBIOS_HEAP_MIN (4UL << 20)

/** Highest address reachable without paging, plus one */
#define PCBIOS_4GIB 0x100000000ULL

/** Page-aligned end of the image (code, data, .bss and the stack) */
static uint64_t pcbios_image_end(void)
{
	return ((uintptr_t)_end + 0xfff) & ~(uintptr_t)0xfff;
}

int pcbios_memory_init(const struct pcbios_e820 *map, unsigned int n,
		       struct pcbios_range *heap)
{
	uint64_t best_start = 0, best_end = 0;

	/*
	 * The top of memory stays clear of the 1 MiB area that Linux
	 * kernels and other images will want later; memmap.c hides the
	 * heap from them.
	 */
	for (unsigned int i = 0; i < n; i++) {
		uint64_t start = map[i].addr;
		uint64_t end = map[i].addr + map[i].len;

		if (map[i].type != PCBIOS_E820_RAM)
			continue;
		if (start < pcbios_image_end())
			start = pcbios_image_end();
		if (end > PCBIOS_4GIB)
			end = PCBIOS_4GIB;
		end &= ~0xfffULL;
		if (end > start && end > best_end) {
			best_start = start;
			best_end = end;
		}
	}
	if (best_end - best_start < PCBIOS_HEAP_MIN) {
		printf("pcbios: the E820 map (%u entries) has no %lu MiB of "
		       "usable memory above the image: cannot run\n", n,
		       PCBIOS_HEAP_MIN >> 20);
		return -ENOMEM;
	}
	if (best_end - best_start > PCBIOS_HEAP_MAX)
		best_start = best_end - PCBIOS_HEAP_MAX;
	heap_add(phys_to_virt((uintptr_t)best_start),
		 (size_t)(best_end - best_start));
	heap->start = best_start;
	heap->end = best_end;
	return 0;
}
