/** @file URIs (RFC 3986): splitting, joining, resolving relative references, percent-encoding. */
#ifndef LWPXE_URI_H
#define LWPXE_URI_H

#include <stddef.h>
#include <stdint.h>

/** Longest URI text handled, with its NUL */
#define URI_MAX 1024

/** Which optional parts a URI has (an empty part differs from an absent one) */
#define URI_HAS_AUTHORITY 0x01  /**< "//" follows the scheme */
#define URI_HAS_USER 0x02       /**< userinfo ("user@") */
#define URI_HAS_PASSWORD 0x04   /**< a ':' in the userinfo */
#define URI_HAS_QUERY 0x08      /**< a '?' */
#define URI_HAS_FRAGMENT 0x10   /**< a '#' */

/** A URI split into its parts; absent parts are "" */
struct uri {
	char scheme[16];            /**< lower case; "" in a relative reference */
	char user[128];             /**< userinfo before ':', %XX decoded */
	char password[128];         /**< userinfo after ':', %XX decoded */
	char host[256];             /**< name, IPv4 address or IPv6 literal (no brackets), %XX decoded */
	unsigned int port;          /**< port number, 0 if the URI gives none */
	char path[URI_MAX];         /**< path as written (still %XX encoded) */
	char query[URI_MAX];        /**< query without its '?', as written */
	char fragment[256];         /**< fragment without its '#', as written */
	unsigned int flags;         /**< URI_HAS_ bits */
};

/**
 * Split @p text into @p u (a URI or a relative reference)
 *
 * @ret rc      0, -EINVAL if it is malformed (a bad port, an unclosed
 *              IPv6 literal, a control character), or -ENAMETOOLONG if
 *              a part does not fit
 */
int uri_parse(const char *text, struct uri *u);

/** Write @p u as text into @p buf of @p len bytes; 0 or -ENAMETOOLONG */
int uri_unparse(const struct uri *u, char *buf, size_t len);

/**
 * Resolve reference @p ref against the absolute URI @p base (RFC 3986
 * section 5.2) into @p buf of @p len bytes
 *
 * @ret rc      0, -EINVAL if @p base has no scheme or either is
 *              malformed, or -ENAMETOOLONG
 */
int uri_resolve(const char *base, const char *ref, char *buf, size_t len);

/**
 * Decode the %XX escapes in @p text_len bytes of @p text into @p buf,
 * writing at most @p len bytes (no NUL)
 *
 * @ret n       length of the whole decoded text
 */
size_t uri_unescape(const char *text, size_t text_len, void *buf, size_t len);

/** Copy @p text into @p buf of @p len bytes with %XX decoded; 0 or -ENAMETOOLONG */
int uri_decode(const char *text, char *buf, size_t len);

/**
 * Copy @p len bytes of @p data into @p buf of @p size bytes with every
 * byte but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~)
 * written as %XX
 *
 * @ret len     length of the result, or -ENAMETOOLONG if it does not fit
 */
int uri_encode(const void *data, size_t len, char *buf, size_t size);

/** Nonzero if @p text starts with a URI scheme and ':' ("http:", "iscsi:") */
int uri_has_scheme(const char *text);

#endif
