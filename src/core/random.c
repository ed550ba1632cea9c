/** @file Random numbers: a CTR_DRBG seeded from the first platform entropy source that works. */
#include <stdio.h>
#include <mbedtls/ctr_drbg.h>
#include <lwpxe/entropy.h>
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include <lwpxe/random.h>

static mbedtls_ctr_drbg_context random_drbg;

/** The source that seeded the generator (it also serves reseeds), or NULL */
static const struct entropy_source *random_source;

/** What the last fill of a source returned (mbedTLS keeps only "failed") */
static int random_fill_rc;

/** Entropy callback for mbedTLS: fill from the source @p ctx */
static int random_entropy(void *ctx, unsigned char *buf, size_t len)
{
	const struct entropy_source *source = ctx;

	random_fill_rc = source->fill(buf, len);
	return random_fill_rc == 0 ? 0 : -1;
}

/** A few words on why a source's @p rc means it cannot seed */
static const char *random_why(int rc)
{
	if (rc == -ENOTSUP)
		return "absent";
	if (rc == -EIO)
		return "failed its health test";
	return errmsg(rc);
}

/** Seed the generator from @p source; 0 or the source's -error */
static int random_seed_from(const struct entropy_source *source)
{
	static const unsigned char personal[] = "lwpxe";

	random_fill_rc = 0;
	mbedtls_ctr_drbg_init(&random_drbg);
	if (mbedtls_ctr_drbg_seed(&random_drbg, random_entropy, (void *)source,
				  personal, sizeof(personal) - 1) == 0)
		return 0;
	mbedtls_ctr_drbg_free(&random_drbg);
	return random_fill_rc ? random_fill_rc : -EIO;
}

int random_seed(void)
{
	char why[160] = "none on this platform";
	size_t used = 0;

	if (random_source)
		return 0;
	for (const struct entropy_source *const *s = platform_entropy_sources;
	     *s; s++) {
		int rc = random_seed_from(*s);

		if (rc == 0) {
			random_source = *s;
			printf("random: seeded from %s\n", (*s)->name);
			return 0;
		}
		if (used < sizeof(why))
			used += snprintf(why + used, sizeof(why) - used,
					 "%s%s %s", used ? ", " : "",
					 (*s)->name, random_why(rc));
	}
	printf("random: no entropy source: %s\n", why);
	return -ENODEV;
}

void random_bytes(void *buf, size_t len)
{
	unsigned char *out = buf;

	if (random_seed() != 0)
		platform_exit(1);
	while (len) {
		size_t chunk = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ?
			len : MBEDTLS_CTR_DRBG_MAX_REQUEST;

		if (mbedtls_ctr_drbg_random(&random_drbg, out, chunk) != 0) {
			printf("random: reseed from %s failed: %s\n",
			       random_source->name, random_why(random_fill_rc));
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
