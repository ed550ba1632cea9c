/** @file Placing images on BIOS: free RAM from the memory map, and the hand-over before a loaded OS runs. */
#ifndef PCBIOS_LOADMEM_H
#define PCBIOS_LOADMEM_H

#include <stdint.h>
#include "memmap.h"

/** Most usable RAM ranges read from the memory map */
#define PCBIOS_LOAD_RAM_MAX 32

/** Most ranges a caller asks to keep clear */
#define PCBIOS_LOAD_BUSY_MAX 40

/** Where an image may go: usable RAM, and what must not be overwritten */
struct pcbios_load_plan {
	struct pcbios_range ram[PCBIOS_LOAD_RAM_MAX];   /**< usable RAM */
	unsigned int nram;                              /**< entries in ram */
	struct pcbios_range busy[PCBIOS_LOAD_BUSY_MAX]; /**< ranges to keep clear */
	unsigned int nbusy;                             /**< entries in busy */
};

/** Most E820 entries pcbios_load_map() reads */
#define PCBIOS_LOAD_E820_MAX 128

/**
 * The memory map the next stage will see (INT 15h E820: lwpxe's memory
 * hidden while INT 15h is hooked) into @p map, at most @p max entries
 *
 * @ret n       entries read (0 if the BIOS has no E820)
 */
unsigned int pcbios_load_map(struct pcbios_e820 *map, unsigned int max);

/**
 * Start a plan: the usable RAM the next stage will see (INT 15h E820,
 * lwpxe's own memory hidden), with lwpxe's image kept clear
 *
 * @ret rc      0, or -ENOMEM if the map shows no usable RAM
 */
int pcbios_load_init(struct pcbios_load_plan *plan);

/** Keep [@p start, @p start + @p len) clear (a source still to copy, a placed part); 0 or -ENOSPC */
int pcbios_load_busy(struct pcbios_load_plan *plan, uint64_t start,
		     uint64_t len);

/**
 * Find room for @p len bytes aligned to @p align inside [@p lo, @p hi)
 *
 * @v top       nonzero: the highest such place, else the lowest
 * @ret addr    where, or 0 if there is no room
 */
uint64_t pcbios_load_find(const struct pcbios_load_plan *plan, uint64_t len,
			  uint64_t align, uint64_t lo, uint64_t hi, int top);

/**
 * Get the machine ready for an OS that will not come back: close every
 * NIC, and unless a SAN drive stays hooked, give INT 15h back so the OS
 * sees lwpxe's memory as free RAM
 */
void pcbios_load_handover(void);

#endif
