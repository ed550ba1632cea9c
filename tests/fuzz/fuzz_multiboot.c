/**
 * @file Fuzz target: multiboot kernels as the BIOS loader reads them
 * (arch/x86/pcbios/multiboot/mbheader.c and mbelf.c, built into the
 * target: they are linked only into the BIOS images): the header search,
 * its flags, the a.out kludge addresses, else the ELF program headers.
 */
#include "../../arch/x86/pcbios/multiboot/mbheader.c"
#include "../../arch/x86/pcbios/multiboot/mbelf.c"
#include "fuzz.h"

/** Check what mb_kernel_parse() promises about @p k, parsed from @p size bytes at @p data */
static void fuzz_mb_check(const struct mb_kernel *k, const uint8_t *data,
			  size_t size)
{
	uint32_t base = (uint32_t)(uintptr_t)data;

	fuzz_require(k->nseg >= 1 && k->nseg <= MB_SEGMENTS_MAX,
		     "one to MB_SEGMENTS_MAX segments");
	for (unsigned int i = 0; i < k->nseg; i++) {
		const struct mb_segment *s = &k->seg[i];

		/* src holds the low 32 bits of the address, as on BIOS */
		fuzz_require((uint64_t)(uint32_t)(s->src - base) + s->filesz <=
			     size, "a segment's bytes lie in the file");
		fuzz_require(s->memsz >= s->filesz,
			     "a segment covers the bytes copied to it");
	}
}

/** Input: a kernel file */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct image image;
	static struct mb_kernel k;
	const char *why = NULL;
	size_t off;

	image.data = (void *)data;
	image.len = size;
	if (mb_kernel_parse(&image, &k, &why) < 0) {
		fuzz_require(why != NULL, "a refusal says why");
		return 0;
	}
	off = (size_t)((const uint8_t *)k.hdr - data);
	fuzz_require(off + 12 <= size && off < MB_SEARCH_LEN,
		     "the header lies in the first 8 KiB of the file");
	fuzz_mb_check(&k, data, size);
	return 0;
}
