/** @file SAN drives: hooking by URI through SAN_PROTOCOL(), paths, failover, unhooking. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include <lwpxe/san.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include <lwpxe/timeline.h>
#include "san_int.h"

/** Hooked drives, ascending by number */
static struct san_drive *san_list;

struct san_drive *san_drives(void)
{
	return san_list;
}

int san_parse_drive(const char *text)
{
	unsigned long value;
	char *end;

	if (!text[0] || text[0] == '-')
		return -1;
	value = strtoul(text, &end, 0);
	if (*end || value > SAN_MAX_DRIVE)
		return -1;
	return (int)value;
}

struct san_drive *san_find(unsigned int number)
{
	for (struct san_drive *d = san_list; d; d = d->next) {
		if (d->number == number)
			return d;
	}
	return NULL;
}

const char *san_uri(const struct san_drive *drive)
{
	return drive->path[drive->active >= 0 ? drive->active : 0].uri;
}

/**
 * Length of the scheme of @p uri ("iscsi" in "iscsi:..."), 0 if it has none
 */
static size_t san_scheme_len(const char *uri)
{
	size_t i = 0;

	if (!isalpha((unsigned char)uri[0]))
		return 0;
	while (isalnum((unsigned char)uri[i]) || uri[i] == '+' ||
	       uri[i] == '-' || uri[i] == '.')
		i++;
	return uri[i] == ':' ? i : 0;
}

/** Nonzero if @p scheme equals the first @p len characters of @p uri, ignoring case */
static int san_scheme_is(const char *scheme, const char *uri, size_t len)
{
	if (strlen(scheme) != len)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (tolower((unsigned char)scheme[i]) !=
		    tolower((unsigned char)uri[i]))
			return 0;
	}
	return 1;
}

/** The protocol for the scheme of @p uri; NULL if none */
static const struct san_protocol *san_protocol_for(const char *uri)
{
	const struct san_protocol *proto;
	size_t len = san_scheme_len(uri);

	if (!len)
		return NULL;
	TABLE_FOREACH(san_protocols, const struct san_protocol *, proto) {
		if (san_scheme_is(proto->scheme, uri, len))
			return proto;
	}
	return NULL;
}

/**
 * Check that every URI has a known scheme
 *
 * @ret rc      0, or -ENOTSUP after saying which URI is not understood
 */
static int san_check_schemes(const char *const *uris, unsigned int n,
			     unsigned int number)
{
	for (unsigned int i = 0; i < n; i++) {
		size_t len = san_scheme_len(uris[i]);

		if (san_protocol_for(uris[i]))
			continue;
		if (len)
			printf("%ssan: drive %#x: %s: unknown URI scheme \"%.*s\"\n",
			       script_where(), number, uris[i], (int)len,
			       uris[i]);
		else
			printf("%ssan: drive %#x: \"%s\" is not a URI (no scheme)\n",
			       script_where(), number, uris[i]);
		return -ENOTSUP;
	}
	return 0;
}

/** Close path @p i of @p drive if open */
static void san_close_path(struct san_drive *drive, unsigned int i)
{
	struct blockdev *dev = drive->path[i].dev;

	if (!dev)
		return;
	drive->path[i].dev = NULL;
	if ((int)i == drive->active)
		drive->active = -1;
	dev->op->close(dev);
}

/** Blocks per request for @p dev: its limit, at most SAN_REQ_BYTES */
static uint32_t san_req_blocks(const struct blockdev *dev)
{
	uint32_t n = SAN_REQ_BYTES / dev->block_size;

	if (dev->max_blocks && dev->max_blocks < n)
		n = dev->max_blocks;
	return n ? n : 1;
}

/**
 * Open path @p i and make it the active one; a drive that already has a
 * size only accepts a path of the same size
 *
 * @ret rc      0 or -error (the protocol printed why opening failed)
 */
static int san_open_path(struct san_drive *drive, unsigned int i)
{
	struct san_path *path = &drive->path[i];
	const struct san_protocol *proto = san_protocol_for(path->uri);
	struct blockdev *dev = NULL;
	uint64_t start = time_us();
	int rc;

	rc = proto->open(path->uri, &dev);
	timeline_record(proto->phase, start, path->uri);
	if (rc < 0 || !dev || !dev->block_size) {
		path->rc = rc < 0 ? rc : -EIO;
		return path->rc;
	}
	if (drive->block_size && (dev->block_size != drive->block_size ||
				  dev->blocks != drive->blocks)) {
		printf("san: drive %#x: %s is not the same disk (%llu blocks of %u bytes)\n",
		       drive->number, path->uri,
		       (unsigned long long)dev->blocks, dev->block_size);
		dev->op->close(dev);
		path->rc = -EIO;
		return -EIO;
	}
	path->dev = dev;
	path->rc = 0;
	drive->active = (int)i;
	drive->blocks = dev->blocks;
	drive->block_size = dev->block_size;
	drive->max_blocks = san_req_blocks(dev);
	drive->read_only = dev->read_only;
	return 0;
}

int san_failover(struct san_drive *drive, int why)
{
	unsigned int from = drive->active >= 0 ? (unsigned int)drive->active :
						 drive->paths - 1;
	int rc = why;

	if (drive->active >= 0) {
		drive->path[from].rc = why;
		printf("san: drive %#x: %s failed: %s; trying the next path\n",
		       drive->number, drive->path[from].uri, errmsg(why));
		san_close_path(drive, from);
	}
	for (unsigned int k = 1; k <= drive->paths; k++) {
		unsigned int i = (from + k) % drive->paths;

		rc = san_open_path(drive, i);
		if (rc == 0) {
			drive->stats.failovers++;
			if (drive->paths > 1)
				printf("san: drive %#x: now using %s\n",
				       drive->number, drive->path[i].uri);
			if (!(drive->flags & SAN_NO_DESCRIBE))
				ibft_publish();
			return 0;
		}
	}
	printf("san: drive %#x: no path works any more (%s)\n", drive->number,
	       errmsg(rc));
	return rc;
}

/** Lowest free drive number from SAN_DEFAULT_DRIVE up; -ENOSPC if none */
static int san_free_number(void)
{
	for (unsigned int n = SAN_DEFAULT_DRIVE; n <= SAN_MAX_DRIVE; n++) {
		if (!san_find(n))
			return (int)n;
	}
	return -ENOSPC;
}

/** Free @p drive and everything it holds (paths must be closed) */
static void san_free(struct san_drive *drive)
{
	for (unsigned int i = 0; i < drive->paths; i++)
		free(drive->path[i].uri);
	san_ra_free(drive);
	free(drive->path);
	free(drive);
}

/** A new, unlinked drive numbered @p number with copies of @p uris */
static struct san_drive *san_alloc(unsigned int number,
				   const char *const *uris, unsigned int n,
				   unsigned int flags)
{
	struct san_drive *drive = calloc(1, sizeof(*drive));

	if (!drive)
		return NULL;
	drive->number = number;
	drive->flags = flags;
	drive->active = -1;
	drive->path = calloc(n, sizeof(*drive->path));
	if (!drive->path) {
		free(drive);
		return NULL;
	}
	drive->paths = n;
	for (unsigned int i = 0; i < n; i++) {
		drive->path[i].uri = strdup(uris[i]);
		if (!drive->path[i].uri) {
			san_free(drive);
			return NULL;
		}
	}
	return drive;
}

/** Insert @p drive into the list, keeping it sorted */
static void san_link(struct san_drive *drive)
{
	struct san_drive **pp = &san_list;

	while (*pp && (*pp)->number < drive->number)
		pp = &(*pp)->next;
	drive->next = *pp;
	*pp = drive;
}

/** Remove @p drive from the list */
static void san_unlink(struct san_drive *drive)
{
	for (struct san_drive **pp = &san_list; *pp; pp = &(*pp)->next) {
		if (*pp == drive) {
			*pp = drive->next;
			return;
		}
	}
}

/** Open the first path of @p drive that works; 0 or the last error */
static int san_open_first(struct san_drive *drive)
{
	int rc = -ENODEV;

	for (unsigned int i = 0; i < drive->paths; i++) {
		rc = san_open_path(drive, i);
		if (rc == 0)
			return 0;
	}
	if (drive->paths > 1)
		printf("%ssan: drive %#x: none of the %u paths could be opened (%s)\n",
		       script_where(), drive->number, drive->paths,
		       errmsg(rc));
	return rc;
}

/** Pick the drive number: @p drive itself if free, else -error (printed) */
static int san_pick_number(int drive)
{
	if (drive == SAN_DRIVE_AUTO)
		return san_free_number();
	if (drive < 0 || drive > SAN_MAX_DRIVE) {
		printf("%ssan: drive %#x: not a drive number (0x00-0xff)\n",
		       script_where(), (unsigned int)drive);
		return -EINVAL;
	}
	if (san_find((unsigned int)drive)) {
		printf("%ssan: drive %#x is already hooked (sanunhook --drive %#x first)\n",
		       script_where(), (unsigned int)drive,
		       (unsigned int)drive);
		return -EADDRINUSE;
	}
	return drive;
}

int san_hook(const char *const *uris, unsigned int n, int drive,
	     unsigned int flags)
{
	struct san_drive *d;
	int number = san_pick_number(drive);
	int rc;

	if (number < 0)
		return number;
	if (!n)
		return -EINVAL;
	rc = san_check_schemes(uris, n, (unsigned int)number);
	if (rc < 0)
		return rc;
	d = san_alloc((unsigned int)number, uris, n, flags);
	if (!d)
		return -ENOMEM;
	rc = san_open_first(d);
	if (rc < 0) {
		san_free(d);
		return rc;
	}
	san_link(d);
	printf("Registered SAN drive %#x: %s (%llu blocks of %u bytes)\n",
	       d->number, d->path[d->active].dev->name,
	       (unsigned long long)d->blocks, d->block_size);
	rc = san_platform_hook(d);
	if (rc < 0) {
		san_unhook(d->number);
		return rc;
	}
	if (!(flags & SAN_NO_DESCRIBE) && !d->path[d->active].dev->op->describe)
		printf("san: drive %#x: not in the iBFT (not an iSCSI target)\n",
		       d->number);
	if (!(flags & SAN_NO_DESCRIBE)) {
		rc = ibft_publish();
		if (rc < 0) {
			san_unhook(d->number);
			return rc;
		}
	}
	return number;
}

int san_unhook(unsigned int number)
{
	struct san_drive *drive = san_find(number);
	int described;

	if (!drive)
		return -ENODEV;
	described = !(drive->flags & SAN_NO_DESCRIBE);
	san_platform_unhook(drive);
	san_unlink(drive);
	for (unsigned int i = 0; i < drive->paths; i++)
		san_close_path(drive, i);
	san_free(drive);
	if (described)
		ibft_publish();
	return 0;
}

int san_describe(struct san_drive *drive, struct san_description *desc)
{
	struct blockdev *dev;

	if (drive->active < 0)
		return -ENOTCONN;
	dev = drive->path[drive->active].dev;
	if (!dev->op->describe)
		return -ENOTSUP;
	return dev->op->describe(dev, desc);
}

unsigned int san_retries(void)
{
	uint8_t raw[4];
	int n = settings_fetch("san-retries", raw, sizeof(raw), NULL);
	unsigned int v = 0;

	if (n <= 0 || n > (int)sizeof(raw))
		return SAN_DEFAULT_RETRIES;
	for (int i = 0; i < n; i++)
		v = v << 8 | raw[i];
	return v;
}

uint64_t san_retry_delay_ms(unsigned int n)
{
	uint64_t ms = 250ULL << (n > 5 ? 5 : (n ? n - 1 : 0));

	return ms < SAN_RETRY_DELAY_MAX_MS ? ms : SAN_RETRY_DELAY_MAX_MS;
}
