/** @file The ACPI RSDP in BIOS memory: the EBDA's first KiB, then E0000h-FFFFFh, on 16-byte boundaries. */
#include <string.h>
#include "../core/acpi.h"
#include "pcbios.h"

/** BIOS data area: segment of the extended BIOS data area (word at 40:0E) */
#define PCBIOS_BDA_EBDA 0x40e

/** Bytes of the EBDA searched */
#define PCBIOS_RSDP_EBDA_LEN 1024

/** The BIOS read-only area searched */
#define PCBIOS_RSDP_ROM_START 0xe0000
#define PCBIOS_RSDP_ROM_END 0x100000

/** A valid RSDP in [@p start, @p end), on a 16-byte boundary; NULL if none */
static const struct acpi_rsdp *pcbios_rsdp_scan(uintptr_t start, uintptr_t end)
{
	const struct acpi_rsdp *rsdp;

	for (uintptr_t a = start; a + sizeof(*rsdp) <= end; a += 16) {
		rsdp = phys_to_virt(a);
		if (memcmp(rsdp->signature, ACPI_RSDP_SIGNATURE, 8) == 0 &&
		    acpi_checksum(rsdp, ACPI_RSDP_V1_LEN) == 0)
			return rsdp;
	}
	return NULL;
}

const struct acpi_rsdp *pcbios_rsdp(void)
{
	uintptr_t ebda = (uintptr_t)*(const uint16_t *)
		phys_to_virt(PCBIOS_BDA_EBDA) << 4;
	const struct acpi_rsdp *rsdp = NULL;

	if (ebda)
		rsdp = pcbios_rsdp_scan(ebda, ebda + PCBIOS_RSDP_EBDA_LEN);
	return rsdp ? rsdp : pcbios_rsdp_scan(PCBIOS_RSDP_ROM_START,
					      PCBIOS_RSDP_ROM_END);
}
