/** @file Fuzz target: El Torito boot records and catalogues of CD images (src/san/eltorito.c). */
#include <string.h>
#include <lwpxe/eltorito.h>
#include "fuzz.h"

/** Input: sector 17 (the boot record) then the boot catalogue, each cut or zero-padded to a CD sector */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t record[ELTORITO_SECTOR], catalog[ELTORITO_SECTOR];
	size_t first = size < ELTORITO_SECTOR ? size : ELTORITO_SECTOR;
	size_t rest = size - first;
	struct eltorito_boot boot;
	const char *why;
	unsigned int others;
	uint32_t lba;

	memset(record, 0, sizeof(record));
	memset(catalog, 0, sizeof(catalog));
	memcpy(record, data, first);
	memcpy(catalog, data + first, rest < ELTORITO_SECTOR ? rest : ELTORITO_SECTOR);
	eltorito_parse_record(record, &lba, &why);
	eltorito_parse_catalog(catalog, &boot, &why);
	eltorito_count(data + first, rest, ELTORITO_PLATFORM_X86, &others);
	eltorito_count(data + first, rest, ELTORITO_PLATFORM_EFI, &others);
	return 0;
}
