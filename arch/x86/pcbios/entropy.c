/** @file Entropy on BIOS: RDRAND where the CPU has it, else the jitter between the TSC and the PIT. */
#include <string.h>
#include <mbedtls/sha256.h>
#include <lwpxe/errors.h>
#include "../core/entropy.h"
#include "pcbios.h"

/** PIT ports: channel 0 counter and the mode/command register */
#define PIT_CH0 0x40
#define PIT_CMD 0x43

/** Timing samples hashed into each 32 bytes of output */
#define PCBIOS_JITTER_SAMPLES 8192

/**
 * TSC cycles one latch-and-read of the PIT counter takes: the PIT runs
 * from its own 1.193182 MHz crystal and the I/O bus adds its own delay,
 * so the low bits vary from read to read.
 */
static uint8_t pcbios_jitter_sample(void)
{
	uint64_t t0 = rdtsc();

	outb(PIT_CMD, 0x00);
	(void)inb(PIT_CH0);
	(void)inb(PIT_CH0);
	return (uint8_t)(rdtsc() - t0);
}

/** Fill @p buf with SHA-256 digests of timing samples; 0 or -error */
static int pcbios_jitter_fill(void *out, size_t len)
{
	uint8_t *buf = out;
	uint8_t samples[256];
	uint8_t digest[32];
	mbedtls_sha256_context sha;

	while (len) {
		size_t n = len < sizeof(digest) ? len : sizeof(digest);

		mbedtls_sha256_init(&sha);
		if (mbedtls_sha256_starts(&sha, 0) != 0)
			return -EIO;
		for (unsigned int i = 0; i < PCBIOS_JITTER_SAMPLES;
		     i += sizeof(samples)) {
			for (unsigned int j = 0; j < sizeof(samples); j++)
				samples[j] = pcbios_jitter_sample();
			if (mbedtls_sha256_update(&sha, samples,
						  sizeof(samples)) != 0)
				return -EIO;
		}
		if (mbedtls_sha256_finish(&sha, digest) != 0)
			return -EIO;
		mbedtls_sha256_free(&sha);
		memcpy(buf, digest, n);
		buf += n;
		len -= n;
	}
	return 0;
}

/** The jitter between the TSC and the PIT */
static const struct entropy_source pcbios_jitter_entropy = {
	.name = "CPU timing jitter (TSC/PIT)",
	.fill = pcbios_jitter_fill,
};

/* CPUs before RDRAND (the old BIOS boxes this image is for) use the jitter */
const struct entropy_source *const platform_entropy_sources[] = {
	&rdrand_entropy,
	&pcbios_jitter_entropy,
	NULL,
};
