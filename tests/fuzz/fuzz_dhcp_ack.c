/** @file Fuzz target: a PXE ROM's cached DHCPACK applied to a NIC (net/dhcp/cached.c), as undionly.kpxe does at start. */
#include <lwpxe/dhcp.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include "fake_nic.h"
#include "fuzz.h"

/** Input: the BOOTP/DHCP message the ROM kept */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	static struct nic nic;
	static int ready;

	if (!ready) {
		if (fake_nic_register(&nic, mac, "undi", NULL) < 0 ||
		    netdev_open(&nic) < 0)
			return 0;
		ready = 1;
	}
	dhcp_apply_ack(&nic, data, size);
	return 0;
}
