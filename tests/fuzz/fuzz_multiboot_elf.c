/**
 * @file Fuzz target: ELF32 multiboot kernels' program headers
 * (arch/x86/pcbios/multiboot/mbelf.c, built into the target: it is
 * linked only into the BIOS images).
 */
#include "../../arch/x86/pcbios/multiboot/mbelf.c"
#include "fuzz.h"

/** Input: a kernel file */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct image image;
	static struct mb_kernel k;
	const char *why;

	image.data = (void *)data;
	image.len = size;
	mb_elf_segments(&image, &k, &why);
	return 0;
}
