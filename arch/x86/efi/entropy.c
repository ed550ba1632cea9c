/** @file Entropy on UEFI: RDRAND, else the firmware's EFI_RNG_PROTOCOL, else CPU timing jitter. */
#include <lwpxe/errors.h>
#include "../core/entropy.h"
#include "efi_arch.h"

/** Fill @p buf from the firmware's RNG protocol; 0, -ENOTSUP if absent, or -error */
static int efi_rng_fill(void *buf, size_t len)
{
	static EFI_GUID rng_guid = EFI_RNG_PROTOCOL_GUID;
	EFI_RNG_PROTOCOL *rng;

	if (efi_bs->LocateProtocol(&rng_guid, NULL, (void **)&rng) !=
	    EFI_SUCCESS)
		return -ENOTSUP;
	return efi_rc(rng->GetRNG(rng, NULL, len, buf));
}

/** The firmware's EFI_RNG_PROTOCOL */
static const struct entropy_source efi_rng_entropy = {
	.name = "EFI RNG",
	.fill = efi_rng_fill,
};

const struct entropy_source *const platform_entropy_sources[] = {
	&rdrand_entropy,
	&efi_rng_entropy,
	&x86_jitter_entropy,
	NULL,
};
