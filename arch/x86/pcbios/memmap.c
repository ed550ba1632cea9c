/** @file Hiding lwpxe's memory from what boots next: INT 15h E820, E801 and 88h answer from a map with it reserved. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "memmap.h"
#include "realmode.h"

/** Entries realmode.S has room for (E820_MAX) */
#define PCBIOS_MEMMAP_MAX 64

/** E820 type of memory that must not be used */
#define PCBIOS_E820_RESERVED 2

#define PCBIOS_1MIB 0x100000ULL
#define PCBIOS_16MIB 0x1000000ULL

/** E801 and 88h answers, as realmode.S lays them out */
struct pcbios_memsizes {
	uint16_t e801_1m16m;     /**< KiB of memory from 1 MiB, below 16 MiB */
	uint16_t e801_16m;       /**< 64 KiB blocks of memory from 16 MiB on */
	uint16_t e88;            /**< KiB of memory from 1 MiB */
} __attribute__((packed));

/** The real-mode half's tables and INT 15h entry (realmode.S) */
extern char pcbios_rm_e820[], pcbios_rm_e820_count[], pcbios_rm_memsizes[];
extern char pcbios_rm_int15_orig[], pcbios_rm_int15[];

/** Nonzero while INT 15h points at us */
static int pcbios_memmap_hooked;

/** Append [@p start, @p end) of @p type to @p out (@p n entries so far); the new count */
static unsigned int pcbios_memmap_add(struct pcbios_e820 *out, unsigned int n,
				      uint64_t start, uint64_t end,
				      uint32_t type)
{
	if (end <= start || n >= PCBIOS_MEMMAP_MAX)
		return n;
	out[n].addr = start;
	out[n].len = end - start;
	out[n].type = type;
	return n + 1;
}

/**
 * Copy @p map to @p out with the parts of usable entries that @p hide
 * covers (sorted, not overlapping) turned into reserved entries; the
 * number of entries written.
 */
static unsigned int pcbios_memmap_cut(const struct pcbios_e820 *map,
				      unsigned int n,
				      const struct pcbios_range *hide,
				      unsigned int nhide,
				      struct pcbios_e820 *out)
{
	unsigned int count = 0;

	for (unsigned int i = 0; i < n; i++) {
		uint64_t pos = map[i].addr, end = map[i].addr + map[i].len;

		if (map[i].type != PCBIOS_E820_RAM) {
			count = pcbios_memmap_add(out, count, pos, end,
						  map[i].type);
			continue;
		}
		for (unsigned int h = 0; h < nhide; h++) {
			uint64_t hs = hide[h].start, he = hide[h].end;

			if (he <= pos || hs >= end)
				continue;
			if (hs < pos)
				hs = pos;
			if (he > end)
				he = end;
			count = pcbios_memmap_add(out, count, pos, hs,
						  PCBIOS_E820_RAM);
			count = pcbios_memmap_add(out, count, hs, he,
						  PCBIOS_E820_RESERVED);
			pos = he;
		}
		count = pcbios_memmap_add(out, count, pos, end,
					  PCBIOS_E820_RAM);
	}
	return count;
}

/** End of the usable memory that runs on without a gap from @p from in @p map */
static uint64_t pcbios_memmap_contiguous(const struct pcbios_e820 *map,
					 unsigned int n, uint64_t from)
{
	int grown;

	do {
		grown = 0;
		for (unsigned int i = 0; i < n; i++) {
			if (map[i].type == PCBIOS_E820_RAM &&
			    map[i].addr <= from &&
			    map[i].addr + map[i].len > from) {
				from = map[i].addr + map[i].len;
				grown = 1;
			}
		}
	} while (grown);
	return from;
}

int pcbios_memmap_hook(const struct pcbios_e820 *map, unsigned int n,
		       const struct pcbios_range *hide, unsigned int nhide)
{
	struct pcbios_e820 *out = pcbios_rm_copy(pcbios_rm_e820);
	struct pcbios_memsizes *sizes = pcbios_rm_copy(pcbios_rm_memsizes);
	uint32_t *count = pcbios_rm_copy(pcbios_rm_e820_count);
	segoff_t *orig = pcbios_rm_copy(pcbios_rm_int15_orig);
	uint64_t top, kib16, blocks;
	unsigned int entries;

	if (!n) {
		printf("pcbios: no E820 memory map: cannot hide lwpxe's memory "
		       "from the next boot stage\n");
		return -ENODEV;
	}
	entries = pcbios_memmap_cut(map, n, hide, nhide, out);
	top = pcbios_memmap_contiguous(out, entries, PCBIOS_1MIB);
	kib16 = ((top < PCBIOS_16MIB ? top : PCBIOS_16MIB) - PCBIOS_1MIB) >> 10;
	blocks = top > PCBIOS_16MIB ? (top - PCBIOS_16MIB) >> 16 : 0;
	sizes->e801_1m16m = (uint16_t)kib16;
	sizes->e801_16m = (uint16_t)(blocks > 0xffff ? 0xffff : blocks);
	sizes->e88 = (uint16_t)((top - PCBIOS_1MIB) >> 10 > 0xffff ?
				0xffff : (top - PCBIOS_1MIB) >> 10);
	if (!pcbios_memmap_hooked)
		*orig = pcbios_vector_set(0x15, pcbios_rm_ptr(pcbios_rm_int15));
	*count = entries;
	pcbios_memmap_hooked = 1;
	return 0;
}

int pcbios_memmap_unhook(void)
{
	segoff_t *orig = pcbios_rm_copy(pcbios_rm_int15_orig);

	if (!pcbios_memmap_hooked)
		return 0;
	if (pcbios_vector_get(0x15) != pcbios_rm_ptr(pcbios_rm_int15))
		return -EBUSY;
	pcbios_vector_set(0x15, *orig);
	*(uint32_t *)pcbios_rm_copy(pcbios_rm_e820_count) = 0;
	pcbios_memmap_hooked = 0;
	return 0;
}
