/** @file Sequential read-ahead: small sequential reads are served from one prefetched window. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/san.h>
#include "san_int.h"

/** The window of blocks read ahead */
struct san_readahead {
	uint8_t *buf;          /**< data */
	uint32_t size;         /**< capacity in blocks */
	uint64_t lba;          /**< first block held */
	uint32_t count;        /**< blocks held (0: empty) */
};

/** Window size in blocks for @p drive (0: too large blocks for read-ahead) */
static uint32_t san_ra_blocks(const struct san_drive *drive)
{
	return SAN_RA_BYTES / drive->block_size;
}

/** The window of @p drive, allocated on first use; NULL if none can be had */
static struct san_readahead *san_ra_get(struct san_drive *drive)
{
	struct san_readahead *ra = drive->ra;
	uint32_t size = san_ra_blocks(drive);

	if (ra || !size)
		return ra;
	ra = calloc(1, sizeof(*ra));
	if (!ra)
		return NULL;
	ra->buf = malloc((size_t)size * drive->block_size);
	if (!ra->buf) {
		free(ra);
		return NULL;
	}
	ra->size = size;
	drive->ra = ra;
	return ra;
}

void san_ra_free(struct san_drive *drive)
{
	if (!drive->ra)
		return;
	free(drive->ra->buf);
	free(drive->ra);
	drive->ra = NULL;
}

void san_ra_invalidate(struct san_drive *drive, uint64_t lba, uint64_t count)
{
	struct san_readahead *ra = drive->ra;

	if (ra && ra->count && lba < ra->lba + ra->count &&
	    ra->lba < lba + count)
		ra->count = 0;
}

/**
 * Copy the leading blocks of a read that the window holds
 *
 * @ret n       blocks copied from @p lba on (0 if the window does not hold @p lba)
 */
static uint32_t san_ra_take(struct san_drive *drive, uint64_t lba,
			    uint32_t count, uint8_t *out)
{
	struct san_readahead *ra = drive->ra;
	uint64_t skip;
	uint32_t n;

	if (!ra || !ra->count || lba < ra->lba || lba >= ra->lba + ra->count)
		return 0;
	skip = lba - ra->lba;
	n = ra->count - (uint32_t)skip;
	if (n > count)
		n = count;
	memcpy(out, ra->buf + skip * drive->block_size,
	       (size_t)n * drive->block_size);
	return n;
}

/** Refill the window from @p lba on (as far as the disk goes); 0 or -error */
static int san_ra_fill(struct san_drive *drive, struct san_readahead *ra,
		       uint64_t lba)
{
	uint64_t left = drive->blocks - lba;
	uint32_t n = left < ra->size ? (uint32_t)left : ra->size;
	int rc;

	ra->count = 0;
	rc = san_io(drive, lba, n, ra->buf, 0);
	if (rc < 0)
		return rc;
	ra->lba = lba;
	ra->count = n;
	return 0;
}

int san_read(struct san_drive *drive, uint64_t lba, uint32_t count, void *buf)
{
	struct san_readahead *ra;
	uint8_t *out = buf;
	int sequential;
	uint32_t n;
	int rc;

	if (lba > drive->blocks || count > drive->blocks - lba)
		return -ERANGE;
	if (!count)
		return 0;
	sequential = lba == drive->next_lba;
	drive->next_lba = lba + count;
	n = san_ra_take(drive, lba, count, out);
	if (n == count) {
		drive->stats.cache_hits++;
		return 0;
	}
	lba += n;
	count -= n;
	out += (size_t)n * drive->block_size;

	/* Sequential and small: fetch a whole window, serve from it */
	if ((sequential || n) && count < san_ra_blocks(drive) &&
	    (ra = san_ra_get(drive))) {
		rc = san_ra_fill(drive, ra, lba);
		if (rc < 0)
			return rc;
		san_ra_take(drive, lba, count, out);
		return 0;
	}
	return san_io(drive, lba, count, out, 0);
}
