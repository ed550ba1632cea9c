/** @file iBFT placement on BIOS: in lwpxe's reserved base memory, inside 0x80000-0x9FFFF where Linux and illumos scan. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include "realmode.h"

/** The window the OS scans, on 16-byte boundaries */
#define PCBIOS_IBFT_LOW 0x80000
#define PCBIOS_IBFT_HIGH 0xa0000

/** Room kept for the table (the iBFT issue's limit) */
#define PCBIOS_IBFT_ROOM 1024

/** The room in base memory, taken on the first install; NULL before */
static uint8_t *pcbios_ibft_room;

/** Take the room from the base-memory pool; NULL (printed) if it is not inside the window */
static uint8_t *pcbios_ibft_take_room(void)
{
	uint8_t *room = pcbios_base_alloc(PCBIOS_IBFT_ROOM);
	uintptr_t addr = (uintptr_t)room;

	if (!room || addr < PCBIOS_IBFT_LOW ||
	    addr + PCBIOS_IBFT_ROOM > PCBIOS_IBFT_HIGH) {
		printf("ibft: no room for %u bytes in reserved base memory "
		       "between %#x and %#x\n", PCBIOS_IBFT_ROOM,
		       PCBIOS_IBFT_LOW, PCBIOS_IBFT_HIGH);
		return NULL;
	}
	return room;
}

int ibft_install(const void *table, size_t len)
{
	if (!len) {
		if (pcbios_ibft_room)
			memset(pcbios_ibft_room, 0, PCBIOS_IBFT_ROOM);
		return 0;
	}
	if (len > PCBIOS_IBFT_ROOM) {
		printf("ibft: the table needs %zu bytes, more than the %u "
		       "reserved for it\n", len, PCBIOS_IBFT_ROOM);
		return -ENOSPC;
	}
	if (!pcbios_ibft_room)
		pcbios_ibft_room = pcbios_ibft_take_room();
	if (!pcbios_ibft_room)
		return -ENOSPC;
	memset(pcbios_ibft_room, 0, PCBIOS_IBFT_ROOM);
	memcpy(pcbios_ibft_room, table, len);
	return 0;
}
