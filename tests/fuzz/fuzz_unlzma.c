/**
 * @file Fuzz target: the BIOS unpacker's LZMA decoder and x86 filter
 * (arch/x86/pcbios/unlzma.c, built into the target as the unit test does:
 * it is linked only into the BIOS images).
 */
#include <stdlib.h>
#include "../../arch/x86/pcbios/unlzma.c"
#include "fuzz.h"

/** Input: the output length (2 bytes, little-endian), then properties and stream */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint16_t probs[UNLZMA_PROBS(3)];
	size_t out_len;
	uint8_t *out;

	if (size < 2)
		return 0;
	out_len = data[0] | (size_t)data[1] << 8;
	out = malloc(out_len ? out_len : 1);
	if (!out)
		return 0;
	if (unlzma(out, out_len, data + 2, size - 2, probs,
		   sizeof(probs) / sizeof(probs[0])) == 0)
		unlzma_x86(out, out_len);
	free(out);
	return 0;
}
