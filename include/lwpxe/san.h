/** @file SAN drives: block devices hooked under a drive number, multipath, read-ahead. */
#ifndef LWPXE_SAN_H
#define LWPXE_SAN_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/blockdev.h>

/** Drive number the first hooked drive gets, as in iPXE (BIOS hard disk 0) */
#define SAN_DEFAULT_DRIVE 0x80

/** Highest drive number accepted (drive numbers are one byte under INT 13h) */
#define SAN_MAX_DRIVE 0xff

/** san_hook(): pick the lowest free number from SAN_DEFAULT_DRIVE up */
#define SAN_DRIVE_AUTO (-1)

/** san_hook() flag: leave the drive out of the iBFT (`--no-describe`) */
#define SAN_NO_DESCRIBE 0x01

/** Requests kept in flight by the streaming engine */
#define SAN_INFLIGHT 16

/** Largest request the engine sends, in bytes (fewer if the device says so) */
#define SAN_REQ_BYTES (128 * 1024)

/** Size of the read-ahead window filled on sequential reads, in bytes */
#define SAN_RA_BYTES (256 * 1024)

/**
 * Reconnect attempts after a connection loss when the `san-retries`
 * setting is not set: iPXE's default, enough to ride out a server
 * restart (the waits grow to 4 s, about half a minute in all).
 */
#define SAN_DEFAULT_RETRIES 10

/** Longest wait between reconnect attempts, in ms */
#define SAN_RETRY_DELAY_MAX_MS 4000

/** One way to reach a drive (several = multipath) */
struct san_path {
	char *uri;                 /**< URI as given ("iscsi:10.0.0.1::::iqn...") */
	struct blockdev *dev;      /**< open device, or NULL while closed */
	int rc;                    /**< last error on this path, 0 if none */
};

struct san_readahead;

/** Counters for `sanread` and tests */
struct san_stats {
	unsigned long requests;    /**< block requests submitted to devices */
	unsigned long cache_hits;  /**< reads served entirely from read-ahead */
	unsigned long failovers;   /**< times a failed path was replaced */
};

/** A hooked SAN drive */
struct san_drive {
	unsigned int number;       /**< drive number (0x80, 0x81, ...) */
	unsigned int flags;        /**< SAN_NO_DESCRIBE */
	struct san_path *path;     /**< paths, in the order given */
	unsigned int paths;        /**< number of paths */
	int active;                /**< index of the path in use, -1 if none is open */
	uint64_t blocks;           /**< capacity in blocks */
	uint32_t block_size;       /**< bytes per block */
	uint32_t max_blocks;       /**< blocks per request the engine sends */
	int read_only;             /**< nonzero: san_write() refuses */
	uint64_t next_lba;         /**< block after the previous read (sequential detection) */
	struct san_readahead *ra;  /**< read-ahead window, NULL until first needed */
	struct san_stats stats;    /**< counters */
	struct san_drive *next;    /**< next drive, in ascending number */
};

/**
 * Hook a drive: open the first of @p uris that works through the
 * SAN_PROTOCOL() named by its scheme and register it.  The other URIs
 * are alternative paths: when a path fails mid-I/O the next one is
 * opened and the unfinished requests are sent again.  Unless
 * SAN_NO_DESCRIBE, the iBFT is rebuilt and installed.  Failures print
 * one line naming the drive and URI.
 *
 * @v uris      URIs, at least one
 * @v n         number of URIs
 * @v drive     drive number, or SAN_DRIVE_AUTO
 * @v flags     SAN_NO_DESCRIBE
 * @ret drive   the drive number (>= 0) or -error (-EADDRINUSE if taken,
 *              -ENOTSUP for an unknown scheme, or what opening returned)
 */
int san_hook(const char *const *uris, unsigned int n, int drive,
	     unsigned int flags);

/** Close and forget drive @p number, then rebuild the iBFT; 0 or -ENODEV */
int san_unhook(unsigned int number);

/** Parse a drive number as commands take it ("0x80", "128"); -1 if bad */
int san_parse_drive(const char *text);

/** Find a hooked drive by number; NULL if none */
struct san_drive *san_find(unsigned int number);

/** The hooked drives, lowest number first (follow ->next); NULL if none */
struct san_drive *san_drives(void);

/** URI of the path @p drive uses now (the first path if none is open) */
const char *san_uri(const struct san_drive *drive);

/**
 * Read @p count blocks at @p lba into @p buf, waiting (stepping the poll
 * loop) until done.  Small sequential reads are served from a read-ahead
 * window; failed paths fail over.  Prints nothing; 0 or -error
 * (-ERANGE beyond the end).
 */
int san_read(struct san_drive *drive, uint64_t lba, uint32_t count, void *buf);

/** Write @p count blocks from @p buf at @p lba, waiting until done; 0 or -error (-EROFS, with one line, on a read-only drive) */
int san_write(struct san_drive *drive, uint64_t lba, uint32_t count,
	      const void *buf);

/**
 * Read @p count blocks from @p lba with up to SAN_INFLIGHT requests in
 * flight, handing the data to @p consume in order, chunk by chunk.
 *
 * @v consume   receives each chunk; returning nonzero stops with that value
 * @ret rc      0, -ERANGE, -ENOMEM, -ECANCELED (Ctrl-C) or -error
 */
int san_stream(struct san_drive *drive, uint64_t lba, uint64_t count,
	       int (*consume)(void *ctx, const void *data, size_t len),
	       void *ctx);

/** Ask the open path of @p drive to describe itself for the iBFT; 0 or -error */
int san_describe(struct san_drive *drive, struct san_description *desc);

/** Reconnect attempts a SAN device makes after a loss: `san-retries`, else SAN_DEFAULT_RETRIES */
unsigned int san_retries(void);

/** How long to wait before reconnect attempt @p n (1, 2, ...), in ms: 250, 500, ... up to SAN_RETRY_DELAY_MAX_MS */
uint64_t san_retry_delay_ms(unsigned int n);

/**
 * Platform: hand drive @p drive to the next boot loader (BIOS: INT 13h
 * and the boot sector; UEFI: a BlockIo handle and @p filename, default
 * \EFI\BOOT\BOOTX64.EFI).  Returns only if the boot did not happen or
 * the boot loader returned: -error, after one line saying why (the
 * caller prints nothing more), or 0 when the platform cannot hand
 * over a disk at all and has said so (Linux: prints the drive's
 * capacity and that a Linux process cannot boot it).
 *
 * @v drive     hooked drive, with the iBFT already installed if described
 * @v filename  file to boot from the disk, or NULL for the default
 */
int san_platform_boot(struct san_drive *drive, const char *filename);

/** Platform: expose newly hooked @p drive to the firmware (UEFI: a BlockIo handle); 0 or -error, printed */
int san_platform_hook(struct san_drive *drive);

/** Platform: withdraw what san_platform_hook() exposed for @p drive (nothing if it did not) */
void san_platform_unhook(struct san_drive *drive);

#endif
