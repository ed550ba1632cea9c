/** @file Fuzz target: PE/COFF headers of EFI programs (src/image/pe.c). */
#include <lwpxe/pe.h>
#include "fuzz.h"

/** Input: an image file */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pe_info info;
	char why[160];

	pe_parse(data, size, &info);
	pe_check(data, size, PE_MACHINE_X86_64, why, sizeof(why));
	return 0;
}
