/** @file Fuzz target: the iBFT decoder and its Linux and illumos checks (src/ibft/show), as `ibft` reads a table back. */
#include <lwpxe/ibft.h>
#include "fuzz.h"

/** Input: a table */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ibft_info info;
	char why[160];

	ibft_decode(data, size, &info);
	ibft_check_linux(data, size, why, sizeof(why));
	ibft_check_illumos(data, size, why, sizeof(why));
	ibft_print(data, size);
	return 0;
}
