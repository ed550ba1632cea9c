/** @file Hiding lwpxe's memory from the OS: the INT 15h memory-map hook. */
#ifndef PCBIOS_MEMMAP_H
#define PCBIOS_MEMMAP_H

#include <stdint.h>
#include "pcbios.h"

/** A range of physical addresses [start, end) */
struct pcbios_range {
	uint64_t start;         /**< first byte */
	uint64_t end;           /**< byte after the last */
};

/**
 * Answer INT 15h E820 from @p map (@p n entries) with the usable parts
 * @p hide covers (@p nhide ranges, sorted, not overlapping) reserved, and
 * E801/88h with the usable memory that follows 1 MiB in that map.  Safe
 * to call again with new ranges; 0 or -error (printed).
 */
int pcbios_memmap_hook(const struct pcbios_e820 *map, unsigned int n,
		       const struct pcbios_range *hide, unsigned int nhide);

/** Give INT 15h back to the BIOS; 0, or -EBUSY if someone hooked it after us */
int pcbios_memmap_unhook(void);

#endif
