/** @file Downloads by URI: splitting URIs, relative names, choosing the protocol, one line per outcome. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include <lwpxe/format.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>

int fetch_has_scheme(const char *text)
{
	const char *p = text;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	       *p == '.')
		p++;
	return *p == ':';
}

/** Value of hex digit @p c (which must be one) */
static unsigned int fetch_hex(char c)
{
	return isdigit((unsigned char)c) ? (unsigned int)(c - '0') :
		(unsigned int)(tolower((unsigned char)c) - 'a' + 10);
}

/** Copy @p len bytes of @p src to @p dst (room @p size), %XX decoded; 0 or -ENAMETOOLONG */
static int fetch_decode(char *dst, size_t size, const char *src, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = src[i];

		if (c == '%' && i + 2 < len &&
		    isxdigit((unsigned char)src[i + 1]) &&
		    isxdigit((unsigned char)src[i + 2])) {
			c = (char)(fetch_hex(src[i + 1]) << 4 |
				   fetch_hex(src[i + 2]));
			i += 2;
		}
		if (n + 1 >= size)
			return -ENAMETOOLONG;
		dst[n++] = c;
	}
	dst[n] = '\0';
	return 0;
}

/** Split "host[:port]" of @p len bytes at @p p into @p u; 0 or -error */
static int fetch_uri_host(const char *p, size_t len, struct fetch_uri *u)
{
	const char *colon = memchr(p, ':', len);
	size_t host_len = colon ? (size_t)(colon - p) : len;

	if (!host_len)
		return -EINVAL;
	if (host_len >= sizeof(u->host))
		return -ENAMETOOLONG;
	memcpy(u->host, p, host_len);
	u->host[host_len] = '\0';
	u->port = 0;
	if (colon) {
		unsigned long port = 0;

		for (const char *d = colon + 1; d < p + len; d++) {
			if (!isdigit((unsigned char)*d))
				return -EINVAL;
			port = port * 10 + (unsigned long)(*d - '0');
			if (port > 65535)
				return -EINVAL;
		}
		if (!port)
			return -EINVAL;
		u->port = (unsigned int)port;
	}
	return 0;
}

int fetch_uri_parse(const char *uri, struct fetch_uri *u)
{
	const char *colon = strchr(uri, ':');
	const char *host, *slash;
	size_t scheme_len;
	int rc;

	if (!fetch_has_scheme(uri) || strncmp(colon, "://", 3) != 0)
		return -EINVAL;
	scheme_len = (size_t)(colon - uri);
	if (scheme_len >= sizeof(u->scheme))
		return -ENAMETOOLONG;
	for (size_t i = 0; i < scheme_len; i++)
		u->scheme[i] = (char)tolower((unsigned char)uri[i]);
	u->scheme[scheme_len] = '\0';
	host = colon + 3;
	slash = strchr(host, '/');
	if (!slash)
		return -EINVAL;
	rc = fetch_uri_host(host, (size_t)(slash - host), u);
	if (rc < 0)
		return rc;
	return fetch_decode(u->path, sizeof(u->path), slash, strlen(slash));
}

/** The next-server setting as dotted text into @p buf; 0, or -ENOENT if unset or 0.0.0.0 */
static int fetch_next_server(char *buf, size_t len)
{
	int rc = settings_fetch_text("next-server", buf, len);

	if (rc < 0 || !rc || strcmp(buf, "0.0.0.0") == 0)
		return -ENOENT;
	return 0;
}

int fetch_resolve(const char *location, char *uri, size_t len)
{
	char server[32];
	int n;

	if (fetch_has_scheme(location))
		n = snprintf(uri, len, "%s", location);
	else if (fetch_next_server(server, sizeof(server)) == 0)
		n = snprintf(uri, len, "tftp://%s/%s", server,
			     location + (*location == '/'));
	else
		return -ENOENT;
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/** The protocol for @p scheme; NULL if none is built in */
static const struct fetch_protocol *fetch_protocol_find(const char *scheme)
{
	const struct fetch_protocol *proto;

	TABLE_FOREACH(fetch_protocols, const struct fetch_protocol *, proto) {
		if (strcmp(proto->scheme, scheme) == 0)
			return proto;
	}
	return NULL;
}

/** Write the schemes built in ("tftp") into @p buf, comma-separated; returns @p buf */
static char *fetch_schemes(char *buf, size_t len)
{
	const struct fetch_protocol *proto;
	size_t n = 0;

	buf[0] = '\0';
	TABLE_FOREACH(fetch_protocols, const struct fetch_protocol *, proto) {
		if (format_list_add(buf, len, &n, proto->scheme, "://") < 0)
			break;
	}
	if (!n)
		snprintf(buf, len, "none");
	return buf;
}

/** Print the size and time of a finished download of @p len bytes started at @p start_ms */
static void fetch_report(const char *uri, size_t len, uint64_t start_ms)
{
	uint64_t ms = ticks_ms() - start_ms;

	printf("%s: %zu bytes in %lu.%lu s\n", uri, len,
	       (unsigned long)(ms / 1000), (unsigned long)(ms % 1000 / 100));
}

/** Split @p uri and find its protocol; one line printed on failure */
static int fetch_prepare(const char *who, const char *uri, struct fetch_uri *u,
			 const struct fetch_protocol **proto)
{
	char schemes[64];
	int rc = fetch_uri_parse(uri, u);

	if (rc < 0) {
		printf("%s: %s: not a URI of the form scheme://host/path (%s)\n",
		       who, uri, errmsg(rc));
		return rc;
	}
	*proto = fetch_protocol_find(u->scheme);
	if (!*proto) {
		printf("%s: %s: %s:// is not supported (supported: %s)\n", who,
		       uri, u->scheme, fetch_schemes(schemes, sizeof(schemes)));
		return -ENOTSUP;
	}
	return 0;
}

int fetch_uri(const char *who, const char *uri, void **data, size_t *len)
{
	const struct fetch_protocol *proto;
	struct fetch_buf buf = { 0 };
	struct fetch_uri *u;
	uint64_t start;
	char why[96];
	int rc;

	u = malloc(sizeof(*u));
	if (!u) {
		printf("%s: %s: %s\n", who, uri, errmsg(-ENOMEM));
		return -ENOMEM;
	}
	rc = fetch_prepare(who, uri, u, &proto);
	if (rc < 0)
		goto out;
	why[0] = '\0';
	start = ticks_ms();
	rc = proto->fetch(uri, u, &buf, why, sizeof(why));
	if (rc == 0) {
		*len = buf.len;
		*data = fetch_buf_take(&buf);
		if (!*data)
			rc = -ENOMEM;
	}
	if (rc < 0)
		printf("%s: %s: %s\n", who, uri, why[0] ? why : errmsg(rc));
	else
		fetch_report(uri, *len, start);
	fetch_buf_reset(&buf);
out:
	free(u);
	return rc;
}
