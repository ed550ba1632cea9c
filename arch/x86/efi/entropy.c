/** @file Entropy on UEFI: RDRAND where the CPU has it, else the firmware's EFI_RNG_PROTOCOL. */
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/random.h>
#include "efi_arch.h"

/** RDRAND attempts before giving up on one word (Intel suggests 10) */
#define EFI_RDRAND_RETRIES 10

/** Nonzero if CPUID says the CPU has RDRAND */
static int efi_has_rdrand(void)
{
	uint32_t eax = 1, ebx, ecx = 0, edx;

	__asm__ volatile("cpuid"
			 : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return (ecx >> 30) & 1;
}

/** One 64-bit word from RDRAND; 0 or -EIO if it keeps failing */
static int efi_rdrand64(uint64_t *value)
{
	for (int i = 0; i < EFI_RDRAND_RETRIES; i++) {
		unsigned char ok;

		__asm__ volatile("rdrand %0; setc %1"
				 : "=r"(*value), "=qm"(ok) : : "cc");
		if (ok)
			return 0;
	}
	return -EIO;
}

/** Fill @p buf from RDRAND; 0 or -EIO */
static int efi_rdrand_fill(unsigned char *buf, size_t len)
{
	while (len) {
		uint64_t word;
		size_t n = len < sizeof(word) ? len : sizeof(word);

		if (efi_rdrand64(&word) != 0)
			return -EIO;
		memcpy(buf, &word, n);
		buf += n;
		len -= n;
	}
	return 0;
}

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
	if (efi_has_rdrand() && efi_rdrand_fill(buf, len) == 0)
		return 0;
	/* no fallback to anything predictable: without a source, fail */
	return efi_rng_fill(buf, len);
}
