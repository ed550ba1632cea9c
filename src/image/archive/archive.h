/** @file Archive images (gzip, zlib): what `imgextract` and starting an archive use to unpack them. */
#ifndef LWPXE_ARCHIVE_H
#define LWPXE_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/image.h>

/** What inflate() produced */
struct inflate_result {
	uint8_t *data;       /**< the output (malloc; the caller frees it) */
	size_t len;          /**< its length */
	size_t used;         /**< input bytes the stream took */
	const char *why;     /**< on -EBADMSG: what was wrong with the data */
};

/**
 * Decompress the DEFLATE stream (RFC 1951) at the start of @p in
 *
 * @v max       largest output allowed (more is an error)
 * @v res       receives the output and how much input it took
 * @ret rc      0, -EBADMSG (res->why says why) or -ENOMEM
 */
int inflate(const void *in, size_t in_len, size_t max,
	    struct inflate_result *res);

/** An archive format */
struct archive_format {
	const char *name;      /**< "gzip", "zlib" */
	/** Nonzero if @p len bytes at @p data start as this format */
	int (*probe)(const uint8_t *data, size_t len);
	/**
	 * Unpack the single member of @p len bytes at @p data
	 *
	 * @v res       receives the member (res->why says why on -EBADMSG)
	 * @ret rc      0, -EBADMSG or -ENOMEM
	 */
	int (*extract)(const uint8_t *data, size_t len,
		       struct inflate_result *res);
};

/** The gzip format (RFC 1952) */
extern const struct archive_format archive_gzip;
/** The zlib format (RFC 1950) */
extern const struct archive_format archive_zlib;

/** The format of @p image's data; NULL if it is no archive we know */
const struct archive_format *archive_format_of(const struct image *image);

/**
 * Unpack @p archive into a new image (not in the list) named @p name,
 * else the archive's name without its last dot suffix, as iPXE names it
 * ("boot.ipxe.gz" gives "boot.ipxe")
 *
 * @v who       command for messages
 * @v out       receives the new image, with the archive's URI
 * @ret rc      0, -ENOEXEC (not an archive), -EBADMSG (damaged) or
 *              -ENOMEM, said in one line naming @p who and the archive
 */
int archive_unpack(const char *who, const struct image *archive,
		   const char *name, struct image **out);

#endif
