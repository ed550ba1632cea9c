/** @file SAN layer internals shared by the registry, the I/O engine and read-ahead. */
#ifndef SAN_INT_H
#define SAN_INT_H

#include <stdint.h>
#include <lwpxe/san.h>

/**
 * Move @p drive to its next working path after its active one failed
 * with @p why: close it (failing its requests with -ECANCELED), then try
 * every path once, starting after it.  Prints one line per change.
 * Not used for a drive whose only path is open: a device rides out
 * connection losses itself, so its failure is final.
 *
 * @ret rc      0 with a path open, or the last error
 */
int san_failover(struct san_drive *drive, int why);

/**
 * Transfer @p count blocks at @p lba to or from @p buf with up to
 * SAN_INFLIGHT requests in flight, failing over as needed; no cache
 *
 * @ret rc      0 or -error
 */
int san_io(struct san_drive *drive, uint64_t lba, uint64_t count, void *buf,
	   int write);

/** Forget read-ahead data overlapping @p count blocks at @p lba */
void san_ra_invalidate(struct san_drive *drive, uint64_t lba, uint64_t count);

/** Free the read-ahead window of @p drive */
void san_ra_free(struct san_drive *drive);

#endif
