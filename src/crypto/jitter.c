/** @file Timing-jitter entropy: NIST SP 800-90B health tests, then SHA-256 conditioning. */
#include <string.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <lwpxe/errors.h>
#include <lwpxe/jitter.h>

/*
 * Assumed min-entropy H = 0.5 bit per 8-bit sample.  That is conservative
 * for the low byte of a cycle count across an I/O read on hardware, and
 * needed under emulation: QEMU's TCG (qemu64, no KVM) gives TSC deltas in
 * steps of about 25 cycles, with one value in half of the samples and
 * runs of six or more, which trips the tests computed for H = 1 (APT
 * cutoff 311 of 512) now and then.  The cutoffs, for a false alarm rate
 * alpha = 2^-20 (SP 800-90B section 4.4):
 *
 * - Repetition Count Test: C = 1 + ceil(-log2(alpha) / H) = 1 + 40 = 41
 *   identical samples in a row fail.
 * - Adaptive Proportion Test, window W = 512 (non-binary samples):
 *   C = 1 + CRITBINOM(512, 2^-H, 1 - alpha) = 410 (the standard's table
 *   for H = 0.5): the window's first sample value seen 410 times or more
 *   in its 512 samples fails.
 * - Start-up: both tests over 1024 samples, which are then dropped, before
 *   any output (section 4.3).
 *
 * Conditioning: SHA-256 of 1024 samples per 32-byte block, so the block's
 * assumed input entropy (512 bits) is twice its 256 bits of output.
 */
#define JITTER_RCT_CUTOFF 41
#define JITTER_APT_WINDOW 512
#define JITTER_APT_CUTOFF 410
#define JITTER_STARTUP_SAMPLES 1024
#define JITTER_BLOCK_SAMPLES 1024

/** Samples hashed per SHA-256 update (a small stack buffer) */
#define JITTER_CHUNK 64

/** The state of both continuous health tests */
struct jitter_health {
	uint8_t rct_value;      /**< the value of the current run */
	unsigned int rct_run;   /**< samples in the current run (0: none yet) */
	uint8_t apt_value;      /**< the first sample of the current window */
	unsigned int apt_count; /**< times apt_value was seen in the window */
	unsigned int apt_seen;  /**< samples of the window seen so far */
};

/** Repetition Count Test on sample @p s; 0 or -EIO */
static int jitter_rct(struct jitter_health *h, uint8_t s)
{
	if (h->rct_run && s == h->rct_value)
		return ++h->rct_run >= JITTER_RCT_CUTOFF ? -EIO : 0;
	h->rct_value = s;
	h->rct_run = 1;
	return 0;
}

/** Adaptive Proportion Test on sample @p s; 0 or -EIO */
static int jitter_apt(struct jitter_health *h, uint8_t s)
{
	int rc = 0;

	if (h->apt_seen == 0) {
		h->apt_value = s;
		h->apt_count = 1;
	} else if (s == h->apt_value &&
		   ++h->apt_count >= JITTER_APT_CUTOFF) {
		rc = -EIO;
	}
	if (++h->apt_seen == JITTER_APT_WINDOW)
		h->apt_seen = 0;
	return rc;
}

/** Take @p n samples into @p out, each through both tests; 0 or -EIO */
static int jitter_collect(jitter_sample_fn sample, struct jitter_health *h,
			  uint8_t *out, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		out[i] = sample();
		if (jitter_rct(h, out[i]) || jitter_apt(h, out[i]))
			return -EIO;
	}
	return 0;
}

/** One 32-byte block: the SHA-256 of JITTER_BLOCK_SAMPLES samples; 0 or -EIO */
static int jitter_block(jitter_sample_fn sample, struct jitter_health *h,
			uint8_t digest[32])
{
	uint8_t chunk[JITTER_CHUNK];
	mbedtls_sha256_context sha;
	int rc = -EIO;

	mbedtls_sha256_init(&sha);
	if (mbedtls_sha256_starts(&sha, 0) != 0)
		goto out;
	for (unsigned int i = 0; i < JITTER_BLOCK_SAMPLES; i += JITTER_CHUNK) {
		if (jitter_collect(sample, h, chunk, JITTER_CHUNK) != 0 ||
		    mbedtls_sha256_update(&sha, chunk, JITTER_CHUNK) != 0)
			goto out;
	}
	if (mbedtls_sha256_finish(&sha, digest) == 0)
		rc = 0;
out:
	mbedtls_sha256_free(&sha);
	return rc;
}

/** The start-up test: JITTER_STARTUP_SAMPLES samples tested and dropped; 0 or -EIO */
static int jitter_startup(jitter_sample_fn sample, struct jitter_health *h)
{
	uint8_t drop[JITTER_CHUNK];

	for (unsigned int i = 0; i < JITTER_STARTUP_SAMPLES; i += JITTER_CHUNK) {
		if (jitter_collect(sample, h, drop, JITTER_CHUNK) != 0)
			return -EIO;
	}
	return 0;
}

int jitter_fill(jitter_sample_fn sample, void *buf, size_t len)
{
	struct jitter_health h = { 0 };
	uint8_t *out = buf;
	uint8_t block[32];
	int rc = jitter_startup(sample, &h);

	while (rc == 0 && len) {
		size_t n = len < sizeof(block) ? len : sizeof(block);

		rc = jitter_block(sample, &h, block);
		if (rc == 0)
			memcpy(out, block, n);
		out += n;
		len -= n;
	}
	mbedtls_platform_zeroize(block, sizeof(block));
	return rc;
}
