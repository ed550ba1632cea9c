/** @file iBFT placement on BIOS: a copy just below the top of base memory, inside 0x80000-0x9FFFF where Linux and illumos scan. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include "pcbios.h"

/** The window the OS scans, on 16-byte boundaries */
#define PCBIOS_IBFT_LOW 0x80000
#define PCBIOS_IBFT_HIGH 0xa0000

/** BIOS data area word 40:13: base memory size in KiB (the EBDA starts there) */
#define PCBIOS_BDA_BASE_KIB 0x413

/** Where the last table went and its length (0 if none) */
static uintptr_t pcbios_ibft_addr;
static size_t pcbios_ibft_len;

/** Top of free base memory: below the EBDA, at most 0xA0000 */
static uintptr_t pcbios_base_top(void)
{
	uintptr_t top = (uintptr_t)*(volatile uint16_t *)
		phys_to_virt(PCBIOS_BDA_BASE_KIB) << 10;

	return top > PCBIOS_IBFT_HIGH ? PCBIOS_IBFT_HIGH : top;
}

/*
 * This is only a copy for now: 40:13 is not lowered and the E820 map is
 * not hooked, so the OS may treat the memory as free (it does find the
 * table there; resident reserved memory comes with INT 13h).
 */
int ibft_install(const void *table, size_t len)
{
	uintptr_t top = pcbios_base_top();
	uintptr_t addr;

	if (pcbios_ibft_len)
		memset(phys_to_virt(pcbios_ibft_addr), 0, pcbios_ibft_len);
	pcbios_ibft_len = 0;
	if (!len)
		return 0;
	addr = (top - len) & ~(uintptr_t)0xf;
	if (len > top || addr < PCBIOS_IBFT_LOW) {
		printf("ibft: no room for %zu bytes between %#x and base "
		       "memory's top %#lx\n", len, PCBIOS_IBFT_LOW,
		       (unsigned long)top);
		return -ENOSPC;
	}
	memcpy(phys_to_virt(addr), table, len);
	pcbios_ibft_addr = addr;
	pcbios_ibft_len = len;
	return 0;
}
