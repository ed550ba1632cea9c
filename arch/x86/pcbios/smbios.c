/** @file Locating SMBIOS on BIOS: the entry point in the F0000h segment. */
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include <lwpxe/smbios.h>
#include "pcbios.h"

/** Where the entry point may be: 16-byte boundaries in F0000h-FFFFFh */
#define SMBIOS_SCAN_START 0xf0000
#define SMBIOS_SCAN_END 0x100000
#define SMBIOS_SCAN_STEP 16

int platform_smbios(const void **table, size_t *len)
{
	uint64_t addr;

	/* a 3.x entry point first, as a 2.x one may sit beside it */
	for (int want3 = 1; want3 >= 0; want3--) {
		for (uintptr_t p = SMBIOS_SCAN_START; p < SMBIOS_SCAN_END;
		     p += SMBIOS_SCAN_STEP) {
			const char *ep = phys_to_virt(p);

			if (ep[0] != '_' || ep[1] != 'S' || ep[2] != 'M' ||
			    (ep[3] == '3') != want3 ||
			    smbios_entry_parse(ep, SMBIOS_SCAN_END - p, &addr,
					       len) < 0)
				continue;
			if (addr + *len > 0xffffffffu)
				continue;
			*table = phys_to_virt((uintptr_t)addr);
			return 0;
		}
	}
	return -ENOENT;
}
