/** @file Memory on BIOS: the heap takes the highest usable E820 memory below 4 GiB beside the image. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/heap.h>
#include <lwpxe/platform.h>
#include "memmap.h"

/** Most memory handed to the heap */
#define PCBIOS_HEAP_MAX (64UL << 20)

uint64_t pcbios_image_end(void)
{
	return ((uintptr_t)_end + 0xfff) & ~(uintptr_t)0xfff;
}

/** Take [@p start, @p end) as the heap if it holds the least heap and ends higher than @p best */
static void pcbios_heap_consider(uint64_t start, uint64_t end,
				 struct pcbios_range *best)
{
	end &= ~0xfffULL;
	if (end >= start + PCBIOS_HEAP_MIN && end > best->end) {
		best->start = start;
		best->end = end;
	}
}

/** Bytes of usable RAM in the E820 map */
static uint64_t pcbios_ram_bytes;

uint64_t platform_memsize(void)
{
	return pcbios_ram_bytes;
}

int pcbios_memory_init(const struct pcbios_e820 *map, unsigned int n,
		       struct pcbios_range *heap)
{
	uint64_t image = (uintptr_t)_payload;
	struct pcbios_range best = { 0, 0 };

	/*
	 * The highest usable memory below 4 GiB and above PCBIOS_LOW_KEEP,
	 * beside the image (unpack.c put it at the top of memory): clear of
	 * what boot loaders place low; memmap.c hides the heap from them.
	 */
	for (unsigned int i = 0; i < n; i++) {
		uint64_t start = map[i].addr;
		uint64_t end = map[i].addr + map[i].len;

		if (map[i].type != PCBIOS_E820_RAM)
			continue;
		pcbios_ram_bytes += map[i].len;
		if (start < PCBIOS_LOW_KEEP)
			start = PCBIOS_LOW_KEEP;
		if (end > PCBIOS_4GIB)
			end = PCBIOS_4GIB;
		if (start < pcbios_image_end() && end > image) {
			pcbios_heap_consider(start, image, &best);
			pcbios_heap_consider(pcbios_image_end(), end, &best);
		} else {
			pcbios_heap_consider(start, end, &best);
		}
	}
	if (best.end - best.start < PCBIOS_HEAP_MIN) {
		printf("pcbios: the E820 map (%u entries) has no %lu MiB of "
		       "usable memory above %lu MiB beside the image: cannot "
		       "run\n", n, PCBIOS_HEAP_MIN >> 20, PCBIOS_LOW_KEEP >> 20);
		return -ENOMEM;
	}
	if (best.end - best.start > PCBIOS_HEAP_MAX)
		best.start = best.end - PCBIOS_HEAP_MAX;
	heap_add(phys_to_virt((uintptr_t)best.start),
		 (size_t)(best.end - best.start));
	*heap = best;
	return 0;
}

/** Heap: the largest free range was given at start-up; there is no more */
int heap_platform_more(size_t need)
{
	(void)need;
	return -ENOMEM;
}
