/** @file Fuzz target: DHCP options from a server (net/dhcp/options.c): walked, checked and stored as settings. */
#include <lwpxe/dhcpopts.h>
#include <lwpxe/settings.h>
#include "fuzz.h"

/** Check each option as the DHCP client does */
static int fuzz_dhcp_check(unsigned int tag, const uint8_t *data, size_t len,
			   void *ctx)
{
	(void)ctx;
	dhcpopt_check(tag, data, len);
	return 0;
}

/** Input: the options field of a DHCP message */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings *block = settings_new_block(settings_root(), "fuzz");

	dhcpopt_walk(data, size, fuzz_dhcp_check, NULL);
	dhcpopt_end(data, size);
	if (block) {
		dhcpopt_store_all(block, data, size);
		settings_free_block(block);
	}
	return 0;
}
