/** @file Downloading files by URI: relative names, the protocols (tftp://) and the buffer they fill. */
#ifndef LWPXE_FETCH_H
#define LWPXE_FETCH_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>
#include <lwpxe/uri.h>

/**
 * The URI to fetch @p location from: @p location itself if it has a
 * scheme, else @p location resolved (RFC 3986) against the URI of the
 * script being run, or against tftp://${next-server}/ outside a
 * fetched script
 *
 * @v uri       receives the URI
 * @ret rc      0, -ENOENT if a relative name meets neither, -EINVAL if
 *              it is malformed, or -ENAMETOOLONG
 */
int fetch_resolve(const char *location, char *uri, size_t len);

/** Nonzero if relative names have a base to be resolved against */
int fetch_have_base(void);

/**
 * Make the URI @p base (a copy from malloc(), which this takes over)
 * what relative names are resolved against while a script fetched from
 * it runs; NULL for none
 *
 * @ret old     the previous base (the caller's, to give back the same way)
 */
char *fetch_set_base(char *base);

struct fetch_chunk;

/** The progress line of a download (all zero: none is shown) */
struct fetch_progress {
	const char *name;           /**< what is downloaded (the URI), NULL to show nothing */
	uint64_t start_ms;          /**< when the download started */
	uint64_t shown_ms;          /**< when the line was last shown */
	size_t check_at;            /**< bytes held when the clock is next read */
	unsigned int width;         /**< characters of the line shown, 0 if none */
};

/**
 * Data as it arrives: in one block sized from @c expected when the size
 * was announced before the data (the block becomes the image, no copy),
 * else in chunks joined at the end
 */
struct fetch_buf {
	struct fetch_chunk *head;   /**< first chunk, NULL while empty */
	struct fetch_chunk *tail;   /**< chunk being filled */
	size_t len;                 /**< bytes held */
	size_t expected; /**< total size the server announced (Content-Length, tsize); 0 if unknown */
	unsigned char *block;       /**< the one block, NULL while chunked or empty */
	size_t block_size;          /**< bytes @c block has room for */
	struct fetch_progress progress; /**< the line showing how far it got */
};

/** Append @p len bytes of @p data to @p buf; 0 or -ENOMEM */
int fetch_buf_append(struct fetch_buf *buf, const void *data, size_t len);

/**
 * Show how far @p buf's download got on one line updated in place
 * (bytes, percent of an announced size, rate), once it has run for a
 * second and then a few times a second; called by fetch_buf_append()
 */
void fetch_progress_update(struct fetch_buf *buf);

/** Rate of @p len bytes in @p ms milliseconds, in MB/s (10^6 bytes a second) */
unsigned long fetch_rate(size_t len, uint64_t ms);

/** Erase @p buf's progress line, if one is shown, for the final line to take its place */
void fetch_progress_clear(struct fetch_buf *buf);

/** Drop everything @p buf holds; it is empty and usable again */
void fetch_buf_reset(struct fetch_buf *buf);

/**
 * Move what @p buf holds into one block from malloc() (at least one
 * byte, so an empty file has a block too; its own block if it has one)
 * and reset @p buf
 *
 * @ret data    the block, or NULL if out of memory (@p buf keeps its data)
 */
void *fetch_buf_take(struct fetch_buf *buf);

/** A download protocol, chosen by URI scheme */
struct fetch_protocol {
	const char *scheme;     /**< scheme it serves ("tftp") */
	/**
	 * Download @p uri into @p buf, stepping the poll loop until done
	 *
	 * @v u         @p uri split up (the path still %XX encoded)
	 * @v why       on failure, words for the cause when they say more
	 *              than errmsg() ("file not found"); left empty otherwise
	 * @ret rc      0, -ECANCELED on Ctrl-C, or -error
	 */
	int (*fetch)(const char *uri, const struct uri *u,
		     struct fetch_buf *buf, char *why, size_t why_len);
};

/** Register a download protocol */
#define FETCH_PROTOCOL(object) TABLE_ENTRY(fetch_protocols, object)
TABLE_DECLARE(fetch_protocols);

/**
 * Download @p uri (a full URI) into a block from malloc(), printing one
 * line naming @p who and @p uri on failure ("kernel: tftp://10.0.2.2/x:
 * file not found") and one with the size and time on success
 *
 * @v data      receives the block (free() it)
 * @v len       receives its length
 * @ret rc      0 or -error
 */
int fetch_uri(const char *who, const char *uri, void **data, size_t *len);

#endif
