/**
 * @file Fuzz target: the Linux boot protocol header of bzImage kernels
 * (arch/x86/core/bzimage.c, built into the target: arch/ is not in the
 * fuzz build's archive), and what the BIOS loader relies on after it.
 */
#include "../../arch/x86/core/bzimage.c"
#include "fuzz.h"

/** Input: a kernel file */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bz_kernel k;
	const char *why = NULL;

	if (!bz_is_linux(data, size))
		return 0;
	if (bz_parse(data, size, &k, &why) < 0) {
		fuzz_require(why != NULL, "a refusal says why");
		return 0;
	}
	fuzz_require(k.setup_len >= 512 && k.setup_len <= 0x8000 &&
		     k.setup_len + k.pm_len == size && k.pm_len > 0,
		     "setup and 32-bit part split the file");
	fuzz_require((uint64_t)k.hdr->syssize * 16 <= k.pm_len,
		     "the 32-bit part is as long as syssize says");
	fuzz_require(k.pm_align && !(k.pm_align & (k.pm_align - 1)),
		     "the alignment is a power of two");
	fuzz_require(k.pm_need >= k.pm_len, "the kernel gets room for its bytes");
	fuzz_require(k.pm_min >= 0x100000 && k.pm_min < 0x100000000ULL,
		     "the kernel goes above 1 MiB, below 4 GiB");
	return 0;
}
