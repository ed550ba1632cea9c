/** @file Random numbers: a CTR_DRBG seeded from the platform's entropy source. */
#include <stdio.h>
#include <mbedtls/ctr_drbg.h>
#include <lwpxe/platform.h>
#include <lwpxe/random.h>

static mbedtls_ctr_drbg_context random_drbg;
static int random_ready;

/** Entropy callback for mbedTLS: read the platform source */
static int random_entropy(void *ctx, unsigned char *buf, size_t len)
{
	(void)ctx;
	return entropy_get(buf, len) == 0 ? 0 : -1;
}

/** Seed the generator on first use; stops the program if there is no entropy */
static void random_init(void)
{
	static const unsigned char personal[] = "lwpxe";

	if (random_ready)
		return;
	mbedtls_ctr_drbg_init(&random_drbg);
	if (mbedtls_ctr_drbg_seed(&random_drbg, random_entropy, NULL,
				  personal, sizeof(personal) - 1) != 0) {
		printf("random: no entropy source: cannot seed the generator\n");
		platform_exit(1);
	}
	random_ready = 1;
}

void random_bytes(void *buf, size_t len)
{
	unsigned char *out = buf;

	random_init();
	while (len) {
		size_t chunk = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ?
			len : MBEDTLS_CTR_DRBG_MAX_REQUEST;

		if (mbedtls_ctr_drbg_random(&random_drbg, out, chunk) != 0) {
			printf("random: reseed failed: no entropy\n");
			platform_exit(1);
		}
		out += chunk;
		len -= chunk;
	}
}

uint32_t random_u32(void)
{
	uint32_t value;

	random_bytes(&value, sizeof(value));
	return value;
}
