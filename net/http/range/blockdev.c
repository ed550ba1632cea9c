/** @file The "http" and "https" SAN protocols: a file on a web server as a read-only disk, read with Range requests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <lwpxe/blockdev.h>
#include <lwpxe/errors.h>
#include <lwpxe/http.h>
#include <lwpxe/san.h>
#include <lwpxe/script.h>
#include <lwpxe/time.h>
#include "../http_int.h"

/** Block size of a disk image */
#define HTTP_DISK_BLOCK 512
/** Block size of CD media (a name ending in .iso) */
#define HTTP_DISK_CD_BLOCK 2048
/** Room for the cause of a failure */
#define HTTP_DISK_WHY 128

/** One file on a web server as a block device */
struct http_disk {
	struct blockdev bdev;       /**< what the SAN layer sees */
	char *uri;                  /**< the file's URI */
	uint64_t size;              /**< its size in bytes */
	unsigned int retries;       /**< reconnects allowed after a loss (san-retries) */
	unsigned int attempts;      /**< reconnects made since the last good read */
};

uint32_t http_disk_block_size(const char *path)
{
	size_t len = strlen(path);

	if (len >= 4 && strcasecmp(path + len - 4, ".iso") == 0)
		return HTTP_DISK_CD_BLOCK;
	return HTTP_DISK_BLOCK;
}

uint64_t http_disk_blocks(uint64_t size, uint32_t block_size)
{
	return size / block_size + (size % block_size != 0);
}

size_t http_disk_span(uint64_t size, uint64_t offset, size_t len)
{
	if (offset >= size)
		return 0;
	return size - offset < len ? (size_t)(size - offset) : len;
}

/** Nonzero if failure @p rc may go away on a new connection */
static int http_disk_transient(int rc)
{
	return rc == -ECONNRESET || rc == -ECONNABORTED ||
	       rc == -ECONNREFUSED || rc == -ETIMEDOUT || rc == -EIO ||
	       rc == -EHOSTUNREACH || rc == -ENETUNREACH || rc == -ENOTCONN;
}

/**
 * Read @p count blocks at @p lba into @p buf once: the part inside the
 * file with one Range request, zeros past its end
 *
 * @ret rc      0 or -error with @p why set
 */
static int http_disk_get(struct http_disk *d, uint64_t lba, uint32_t count,
			 uint8_t *buf, char *why, size_t why_len)
{
	uint64_t offset = lba * d->bdev.block_size;
	size_t len = (size_t)count * d->bdev.block_size;
	size_t n = http_disk_span(d->size, offset, len);

	memset(buf + n, 0, len - n);
	why[0] = '\0';
	return n ? http_read_range(d->uri, offset, buf, n, why, why_len) : 0;
}

/**
 * Read @p count blocks at @p lba, reconnecting after a lost connection
 * up to san-retries times in a row (once they are spent, one attempt
 * per read until one works); one line on failure
 *
 * @ret rc      0 or -error
 */
static int http_disk_read(struct http_disk *d, uint64_t lba, uint32_t count,
			  void *buf)
{
	char why[HTTP_DISK_WHY];
	int rc;

	while ((rc = http_disk_get(d, lba, count, buf, why, sizeof(why))) < 0 &&
	       http_disk_transient(rc) && d->attempts < d->retries) {
		d->attempts++;
		printf("%s: %s; reconnecting (%u/%u)\n", d->uri,
		       why[0] ? why : errmsg(rc), d->attempts, d->retries);
		if (sleep_ms(san_retry_delay_ms(d->attempts)) < 0)
			return -ECANCELED;
	}
	if (rc == 0)
		d->attempts = 0;
	else if (rc != -ECANCELED)
		printf("%s: read of %u blocks at %llu failed: %s\n", d->uri,
		       count, (unsigned long long)lba,
		       why[0] ? why : errmsg(rc));
	return rc;
}

/** blockdev: read at once (the poll loop runs inside); writes are refused */
static int http_disk_submit(struct blockdev *dev, struct block_request *req)
{
	if (req->write)
		req->rc = -EROFS;
	else if (!req->count || req->lba >= dev->blocks ||
		 req->count > dev->blocks - req->lba)
		req->rc = -ERANGE;
	else
		req->rc = http_disk_read(dev->priv, req->lba, req->count,
					 req->buf);
	req->done = 1;
	if (req->complete)
		req->complete(req);
	return 0;
}

/** blockdev: free (a kept connection stays in the pool) */
static void http_disk_close(struct blockdev *dev)
{
	struct http_disk *d = dev->priv;

	free(d->uri);
	free(d);
}

/** The HTTP block device operations: no describe, nothing for the iBFT */
static const struct blockdev_operations http_disk_operations = {
	.submit = http_disk_submit,
	.close = http_disk_close,
};

/**
 * Learn the size of @p d's file and its block size, and read its first
 * block to see the server honours Range requests
 *
 * @ret rc      0 or -error with @p why set
 */
static int http_disk_probe(struct http_disk *d, const struct uri *u,
			   char *why, size_t why_len)
{
	uint8_t *block;
	int rc;

	rc = http_size(d->uri, &d->size, why, why_len);
	if (rc < 0)
		return rc;
	if (!d->size) {
		snprintf(why, why_len, "the file is empty");
		return -EINVAL;
	}
	d->bdev.block_size = http_disk_block_size(u->path);
	d->bdev.blocks = http_disk_blocks(d->size, d->bdev.block_size);
	block = malloc(d->bdev.block_size);
	if (!block)
		return -ENOMEM;
	rc = http_disk_get(d, 0, 1, block, why, why_len);
	free(block);
	return rc;
}

/** Fill @p d for @p uri and probe it; 0 or -error with @p why set */
static int http_disk_setup(struct http_disk *d, const char *uri, char *why,
			   size_t why_len)
{
	struct uri *u = malloc(sizeof(*u));
	int rc;

	snprintf(d->bdev.name, sizeof(d->bdev.name), "%.50s, read-only", uri);
	d->bdev.read_only = 1;
	d->bdev.op = &http_disk_operations;
	d->bdev.priv = d;
	d->retries = san_retries();
	d->uri = strdup(uri);
	if (!u || !d->uri) {
		free(u);
		return -ENOMEM;
	}
	rc = uri_parse(uri, u);
	if (rc == 0 && !u->host[0])
		rc = -EINVAL;
	if (rc < 0)
		snprintf(why, why_len, "not a URI of a file on a server");
	else
		rc = http_disk_probe(d, u, why, why_len);
	free(u);
	return rc;
}

/** SAN protocol: open the file at @p uri as a disk; one line on failure */
static int http_disk_open(const char *uri, struct blockdev **dev)
{
	struct http_disk *d = calloc(1, sizeof(*d));
	char why[HTTP_DISK_WHY] = "";
	int rc;

	if (!d)
		return -ENOMEM;
	rc = http_disk_setup(d, uri, why, sizeof(why));
	if (rc < 0) {
		if (rc != -ECANCELED)
			printf("%s%s: %s\n", script_where(), uri,
			       why[0] ? why : errmsg(rc));
		http_disk_close(&d->bdev);
		return rc;
	}
	*dev = &d->bdev;
	return 0;
}

/** The http: SAN protocol */
static const struct san_protocol http_san_protocol = {
	.scheme = "http",
	.phase = "connect",
	.open = http_disk_open,
};
SAN_PROTOCOL(http_san_protocol);

/** The https: SAN protocol */
static const struct san_protocol https_san_protocol = {
	.scheme = "https",
	.phase = "connect",
	.open = http_disk_open,
};
SAN_PROTOCOL(https_san_protocol);
