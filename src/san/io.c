/** @file The SAN I/O engine: several requests in flight, in-order streaming, failover. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/poll.h>
#include <lwpxe/san.h>
#include <lwpxe/time.h>
#include <lwpxe/timeline.h>
#include "san_int.h"

/** What a slot is doing */
enum san_slot_state {
	SAN_SLOT_FREE = 0,     /**< unused */
	SAN_SLOT_BUSY,         /**< submitted, not yet seen complete */
	SAN_SLOT_READY,        /**< data arrived, waiting to be handed on in order */
};

/** One request of a transfer */
struct san_slot {
	struct block_request req;     /**< the request */
	enum san_slot_state state;    /**< what it is doing */
	uint8_t *mem;                 /**< own buffer (streaming), else NULL */
};

/** One transfer of a range of blocks */
struct san_xfer {
	struct san_drive *drive;      /**< drive */
	uint64_t start;               /**< first block */
	uint64_t next;                /**< next block to request */
	uint64_t end;                 /**< block after the last */
	uint8_t *buf;                 /**< caller's buffer for @c start, or NULL */
	int write;                    /**< nonzero to write */
	uint32_t chunk;               /**< blocks per request */
	unsigned int nslots;          /**< slots in use */
	struct san_slot slot[SAN_INFLIGHT];  /**< the requests */
	unsigned int failovers;       /**< failovers still allowed */
	/** Receives streamed data in order; nonzero stops */
	int (*consume)(void *ctx, const void *data, size_t len);
	void *ctx;                    /**< for @c consume */
};

/** Send (or resend) slot @p s's request to the active path */
static void san_slot_submit(struct san_xfer *x, struct san_slot *s)
{
	struct san_drive *d = x->drive;
	struct blockdev *dev = d->active >= 0 ? d->path[d->active].dev : NULL;
	int rc;

	s->req.done = 0;
	s->req.rc = 0;
	s->req.next = NULL;
	s->req.complete = NULL;
	s->state = SAN_SLOT_BUSY;
	d->stats.requests++;
	rc = dev ? dev->op->submit(dev, &s->req) : -ENOTCONN;
	if (rc < 0) {
		s->req.done = 1;
		s->req.rc = rc;
	}
}

/** Put the next chunk of the range into free slot @p s */
static void san_slot_start(struct san_xfer *x, struct san_slot *s)
{
	uint64_t left = x->end - x->next;
	uint32_t count = left < x->chunk ? (uint32_t)left : x->chunk;

	s->req.lba = x->next;
	s->req.count = count;
	s->req.write = x->write;
	s->req.buf = s->mem ? s->mem :
		     x->buf + (x->next - x->start) * x->drive->block_size;
	x->next += count;
	san_slot_submit(x, s);
}

/**
 * Fill every free slot while blocks remain, stopping at a request that
 * failed at once (a device may complete requests before submit returns)
 *
 * @ret done    nonzero if a request it sent has already completed
 */
static int san_xfer_fill(struct san_xfer *x)
{
	int done = 0;

	for (unsigned int i = 0; i < x->nslots && x->next < x->end; i++) {
		struct san_slot *s = &x->slot[i];

		if (s->state != SAN_SLOT_FREE)
			continue;
		san_slot_start(x, s);
		done |= s->req.done;
		if (s->req.done && s->req.rc)
			break;
	}
	return done;
}

/**
 * After a request failed with @p why: fail over, then resend whatever
 * did not complete (closing the path cancelled it)
 *
 * @ret rc      0 or -error
 */
static int san_xfer_recover(struct san_xfer *x, int why)
{
	struct san_drive *d = x->drive;
	int rc;

	/* A device rides out connection losses itself (iSCSI reconnects up
	 * to san-retries times): reopening a lone open path would only
	 * repeat that, so its failure is final for this transfer */
	if (!x->failovers || (d->paths < 2 && d->active >= 0))
		return why;
	x->failovers--;
	rc = san_failover(d, why);
	if (rc < 0)
		return rc;
	for (unsigned int i = 0; i < x->nslots; i++) {
		struct san_slot *s = &x->slot[i];

		if (s->state != SAN_SLOT_BUSY)
			continue;
		if (s->req.done && s->req.rc == 0)
			s->state = SAN_SLOT_READY;
		else
			san_slot_submit(x, s);
	}
	return 0;
}

/** The unfreed slot with the lowest block (the next to hand on); NULL if none */
static struct san_slot *san_xfer_oldest(struct san_xfer *x)
{
	struct san_slot *oldest = NULL;

	for (unsigned int i = 0; i < x->nslots; i++) {
		struct san_slot *s = &x->slot[i];

		if (s->state != SAN_SLOT_FREE &&
		    (!oldest || s->req.lba < oldest->req.lba))
			oldest = s;
	}
	return oldest;
}

/** Hand on completed data: in order when streaming, else just free the slots */
static int san_xfer_retire(struct san_xfer *x, int *progress)
{
	struct san_slot *s;
	int rc;

	if (!x->consume) {
		for (unsigned int i = 0; i < x->nslots; i++) {
			if (x->slot[i].state == SAN_SLOT_READY)
				x->slot[i].state = SAN_SLOT_FREE;
		}
		return 0;
	}
	while ((s = san_xfer_oldest(x)) && s->state == SAN_SLOT_READY) {
		rc = x->consume(x->ctx, s->mem,
				(size_t)s->req.count * x->drive->block_size);
		s->state = SAN_SLOT_FREE;
		*progress = 1;
		if (rc)
			return rc;
	}
	return 0;
}

/**
 * Look at completions: note successes, recover from failures, hand on data
 *
 * @v progress  set nonzero if anything completed
 * @ret rc      0 or -error
 */
static int san_xfer_reap(struct san_xfer *x, int *progress)
{
	int why = 0;
	int rc;

	for (unsigned int i = 0; i < x->nslots; i++) {
		struct san_slot *s = &x->slot[i];

		if (s->state != SAN_SLOT_BUSY || !s->req.done)
			continue;
		*progress = 1;
		if (s->req.rc == 0)
			s->state = SAN_SLOT_READY;
		else if (!why)
			why = s->req.rc;
	}
	if (why) {
		rc = san_xfer_recover(x, why);
		if (rc < 0)
			return rc;
	}
	return san_xfer_retire(x, progress);
}

/** Nonzero if any slot is still busy */
static int san_xfer_busy(const struct san_xfer *x)
{
	for (unsigned int i = 0; i < x->nslots; i++) {
		if (x->slot[i].state == SAN_SLOT_BUSY && !x->slot[i].req.done)
			return 1;
	}
	return 0;
}

/**
 * Run a transfer to the end
 *
 * @ret rc      0 or -error; no request is left in flight either way
 */
static int san_xfer_loop(struct san_xfer *x)
{
	int rc = 0;

	for (;;) {
		int progress = 0;

		/* Reap first: nothing new goes to a path that just failed */
		rc = san_xfer_reap(x, &progress);
		if (rc)
			break;
		progress |= san_xfer_fill(x);
		if (x->next >= x->end && !san_xfer_oldest(x))
			return 0;
		if (x->consume && console_cancelled()) {
			rc = -ECANCELED;
			break;
		}
		if (!progress)
			step_idle();
	}
	/* Buffers must outlive the device's use of them */
	while (san_xfer_busy(x))
		step_idle();
	return rc;
}

/** Run a transfer to the end (see san_xfer_loop()), noting a drive's first read in the boot timeline */
static int san_xfer_run(struct san_xfer *x)
{
	int first = !x->write && !x->drive->stats.requests;
	uint64_t start = time_us();
	int rc = san_xfer_loop(x);

	if (first && rc == 0)
		timeline_record("first read", start, san_uri(x->drive));
	return rc;
}

/** Nonzero if @p count blocks at @p lba lie within @p drive */
static int san_in_range(const struct san_drive *drive, uint64_t lba,
			uint64_t count)
{
	return lba <= drive->blocks && count <= drive->blocks - lba;
}

/**
 * A new transfer of @p count blocks at @p lba (free() it when done)
 *
 * @v rc        receives -ERANGE or -ENOMEM when NULL is returned
 */
static struct san_xfer *san_xfer_new(struct san_drive *drive, uint64_t lba,
				     uint64_t count, int *rc)
{
	struct san_xfer *x;

	if (!san_in_range(drive, lba, count)) {
		*rc = -ERANGE;
		return NULL;
	}
	x = calloc(1, sizeof(*x));
	*rc = x ? 0 : -ENOMEM;
	if (!x)
		return NULL;
	x->drive = drive;
	x->start = x->next = lba;
	x->end = lba + count;
	x->chunk = drive->max_blocks ? drive->max_blocks : 1;
	x->nslots = SAN_INFLIGHT;
	x->failovers = drive->paths;
	return x;
}

int san_io(struct san_drive *drive, uint64_t lba, uint64_t count, void *buf,
	   int write)
{
	struct san_xfer *x;
	int rc;

	x = san_xfer_new(drive, lba, count, &rc);
	if (!x)
		return rc;
	x->buf = buf;
	x->write = write;
	rc = san_xfer_run(x);
	free(x);
	return rc;
}

int san_write(struct san_drive *drive, uint64_t lba, uint32_t count,
	      const void *buf)
{
	if (!san_in_range(drive, lba, count))
		return -ERANGE;
	if (drive->read_only) {
		printf("san: drive %#x (%s): read-only, write of %u blocks at %llu refused\n",
		       drive->number, san_uri(drive), count,
		       (unsigned long long)lba);
		return -EROFS;
	}
	san_ra_invalidate(drive, lba, count);
	return san_io(drive, lba, count, (void *)buf, 1);
}

/** Give each slot of @p x its own chunk buffer (fewer slots if memory is short) */
static int san_xfer_alloc(struct san_xfer *x)
{
	size_t size = (size_t)x->chunk * x->drive->block_size;
	unsigned int i;

	for (i = 0; i < x->nslots; i++) {
		x->slot[i].mem = malloc(size);
		if (!x->slot[i].mem)
			break;
	}
	x->nslots = i;
	return i ? 0 : -ENOMEM;
}

int san_stream(struct san_drive *drive, uint64_t lba, uint64_t count,
	       int (*consume)(void *ctx, const void *data, size_t len),
	       void *ctx)
{
	struct san_xfer *x;
	unsigned int n;
	int rc;

	x = san_xfer_new(drive, lba, count, &rc);
	if (!x)
		return rc;
	x->consume = consume;
	x->ctx = ctx;
	n = x->nslots;
	rc = san_xfer_alloc(x);
	if (rc == 0 && count)
		rc = san_xfer_run(x);
	for (unsigned int i = 0; i < n; i++)
		free(x->slot[i].mem);
	free(x);
	return rc;
}
