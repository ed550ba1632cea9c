/** @file ACPI tables: a table found by signature through the RSDT or XSDT (physical memory mapped one to one). */
#include <string.h>
#include "acpi.h"

uint8_t acpi_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint8_t sum = 0;

	while (len--)
		sum = (uint8_t)(sum + *p++);
	return sum;
}

/** The table at physical address @p addr, or NULL if it is out of reach or its checksum is wrong */
static const struct acpi_header *acpi_table(uint64_t addr)
{
	const struct acpi_header *table;

	if (!addr || addr > UINTPTR_MAX - sizeof(*table))
		return NULL;
	table = (const struct acpi_header *)(uintptr_t)addr;
	if (table->length < sizeof(*table) ||
	    table->length > UINTPTR_MAX - (uintptr_t)addr ||
	    acpi_checksum(table, table->length) != 0)
		return NULL;
	return table;
}

const struct acpi_header *acpi_find(const struct acpi_rsdp *rsdp,
				    const char *sig)
{
	const struct acpi_header *root = NULL, *table;
	size_t step = 8, n;     /* XSDT entries: 8 bytes; RSDT: 4 (both little-endian) */
	const uint8_t *entry;
	uint64_t addr;

	if (rsdp->revision >= 2)
		root = acpi_table(rsdp->xsdt);
	if (!root) {
		root = acpi_table(rsdp->rsdt);
		step = 4;
	}
	if (!root)
		return NULL;
	n = (root->length - sizeof(*root)) / step;
	entry = (const uint8_t *)(root + 1);
	for (; n--; entry += step) {
		addr = 0;
		memcpy(&addr, entry, step);
		table = acpi_table(addr);
		if (table && memcmp(table->signature, sig, 4) == 0)
			return table;
	}
	return NULL;
}
