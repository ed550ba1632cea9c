/** @file Memory on BIOS: the heap takes the highest usable E820 memory below 4 GiB beside the image, growing down as needed, hidden from what boots next. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/heap.h>
#include <lwpxe/platform.h>
#include "memmap.h"
#include "realmode.h"

/** Heap given at start-up; it grows down from there on demand */
#define PCBIOS_HEAP_START (64UL << 20)
/** Least the heap grows by at a time */
#define PCBIOS_HEAP_STEP (16UL << 20)

/** The E820 map as the BIOS gave it (the hook answers from it, cut) */
static struct pcbios_e820 pcbios_map[PCBIOS_BP_E820_MAX];
static unsigned int pcbios_map_len;
/** The heap: [start, end), all of it handed to heap_add() */
static struct pcbios_range pcbios_heap;
/** Lowest address the heap may grow down to (half of its RAM range stays for loading images) */
static uint64_t pcbios_heap_floor;

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

/**
 * Hide what must stay after a hand-over from the memory map the next
 * stage reads: lwpxe's base memory block, the image, the heap
 */
static int pcbios_memory_hide(void)
{
	struct pcbios_range hide[3];
	struct pcbios_range image = { (uintptr_t)_payload, pcbios_image_end() };

	/* in address order: base memory, then the heap and the image */
	pcbios_rm_range(&hide[0].start, &hide[0].end);
	hide[1] = pcbios_heap.start < image.start ? pcbios_heap : image;
	hide[2] = pcbios_heap.start < image.start ? image : pcbios_heap;
	return pcbios_memmap_hook(pcbios_map, pcbios_map_len, hide, 3);
}

int pcbios_memory_init(const struct pcbios_e820 *map, unsigned int n)
{
	uint64_t image = (uintptr_t)_payload;
	struct pcbios_range best = { 0, 0 };

	/*
	 * The highest usable memory below 4 GiB and above PCBIOS_LOW_KEEP,
	 * beside the image (unpack.c put it at the top of memory): clear of
	 * what boot loaders place low; the hook hides the heap from them.
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
	pcbios_heap_floor = best.start + (best.end - best.start) / 2;
	if (best.end - best.start > PCBIOS_HEAP_START)
		best.start = best.end - PCBIOS_HEAP_START;
	if (best.start < pcbios_heap_floor)
		pcbios_heap_floor = best.start;
	pcbios_map_len = n < PCBIOS_BP_E820_MAX ? n : PCBIOS_BP_E820_MAX;
	memcpy(pcbios_map, map, pcbios_map_len * sizeof(map[0]));
	pcbios_heap = best;
	heap_add(phys_to_virt((uintptr_t)best.start),
		 (size_t)(best.end - best.start));
	return pcbios_memory_hide();
}

/** Heap: grow down into the RAM below it, down to the floor, and hide the new part */
int heap_platform_more(size_t need)
{
	uint64_t grow = (need + PCBIOS_HEAP_STEP - 1) & ~(uint64_t)(PCBIOS_HEAP_STEP - 1);

	if (pcbios_heap.start < pcbios_heap_floor + grow)
		return -ENOMEM;
	pcbios_heap.start -= grow;
	heap_add(phys_to_virt((uintptr_t)pcbios_heap.start), (size_t)grow);
	return pcbios_memory_hide();
}
