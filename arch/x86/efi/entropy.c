/** @file Entropy on UEFI: RDRAND where the CPU has it, else the firmware's EFI_RNG_PROTOCOL. */
#include <lwpxe/errors.h>
#include <lwpxe/random.h>
#include "../core/rdrand.h"
#include "efi_arch.h"

/** Fill @p buf from the firmware's RNG protocol; 0 or -error (-ENODEV if absent) */
static int efi_rng_fill(unsigned char *buf, size_t len)
{
	static EFI_GUID rng_guid = EFI_RNG_PROTOCOL_GUID;
	EFI_RNG_PROTOCOL *rng;

	if (efi_bs->LocateProtocol(&rng_guid, NULL, (void **)&rng) !=
	    EFI_SUCCESS)
		return -ENODEV;
	return efi_rc(rng->GetRNG(rng, NULL, len, buf));
}

int entropy_get(void *buf, size_t len)
{
	if (rdrand_fill(buf, len) == 0)
		return 0;
	/* no fallback to anything predictable: without a source, fail */
	return efi_rng_fill(buf, len);
}
