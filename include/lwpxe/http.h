/** @file HTTP ranged reads: parts of a file by URI over a kept connection (for SAN boot over HTTP). */
#ifndef LWPXE_HTTP_H
#define LWPXE_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>

/**
 * Read @p len bytes at @p offset of the file at @p uri (http://) into
 * @p buf with one Range request, on the kept connection to its server
 * when there is one; redirects and 401s are followed as for downloads
 *
 * @v why       on failure, one line's cause ("404 Not Found")
 * @ret rc      0, -ECANCELED on Ctrl-C, -ENOTSUP if the server does not
 *              answer 206 with the range asked for, or -error
 */
int http_read_range(const char *uri, uint64_t offset, void *buf, size_t len,
		    char *why, size_t why_len);

/**
 * The size of the file at @p uri, from the Content-Length of a HEAD
 * request
 *
 * @ret rc      0, -ENOTSUP if the server gives no length, or -error
 *              with @p why set
 */
int http_size(const char *uri, uint64_t *size, char *why, size_t why_len);

/**
 * Register @p object, a struct http_resumer (net/http/http_int.h), which
 * finishes downloads cut mid-body; one at most is linked (net/http/range:
 * Range requests), and without one a cut download fails
 */
#define HTTP_RESUMER(object) TABLE_ENTRY(http_resumers, object)
TABLE_DECLARE(http_resumers);

#endif
