/** @file Downloads by URI: relative names, choosing the protocol, one line per outcome. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include <lwpxe/format.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include <lwpxe/timeline.h>

/** The URI of the script being run, if it was fetched: the base for relative names */
static char *fetch_base;

char *fetch_set_base(char *base)
{
	char *old = fetch_base;

	fetch_base = base;
	return old;
}

/** The next-server setting as dotted text into @p buf; 0, or -ENOENT if unset or 0.0.0.0 */
static int fetch_next_server(char *buf, size_t len)
{
	int rc = settings_fetch_text("next-server", buf, len);

	if (rc < 0 || !rc || strcmp(buf, "0.0.0.0") == 0)
		return -ENOENT;
	return 0;
}

/** Write the base for relative names into @p buf of @p len bytes; 0, -ENOENT if none, or -ENAMETOOLONG */
static int fetch_base_uri(char *buf, size_t len)
{
	char server[32];
	int n;

	if (fetch_base)
		n = snprintf(buf, len, "%s", fetch_base);
	else if (fetch_next_server(server, sizeof(server)) == 0)
		n = snprintf(buf, len, "tftp://%s/", server);
	else
		return -ENOENT;
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int fetch_have_base(void)
{
	char server[32];

	return fetch_base || fetch_next_server(server, sizeof(server)) == 0;
}

int fetch_resolve(const char *location, char *uri, size_t len)
{
	char *base;
	int rc;

	if (uri_has_scheme(location)) {
		int n = snprintf(uri, len, "%s", location);

		return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
	}
	base = malloc(URI_MAX);
	if (!base)
		return -ENOMEM;
	rc = fetch_base_uri(base, URI_MAX);
	if (rc == 0)
		rc = uri_resolve(base, location, uri, len);
	free(base);
	return rc;
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

/** Print the size, time and rate of a finished download of @p len bytes started at @p start_ms */
static void fetch_report(const char *uri, size_t len, uint64_t start_ms)
{
	uint64_t ms = ticks_ms() - start_ms;

	printf("%s: ok, %zu bytes in %lu.%03lu s (%lu MB/s)\n", uri, len,
	       (unsigned long)(ms / 1000), (unsigned long)(ms % 1000),
	       fetch_rate(len, ms));
}

/** Split @p uri and find its protocol; one line printed on failure */
static int fetch_prepare(const char *who, const char *uri, struct uri *u,
			 const struct fetch_protocol **proto)
{
	char schemes[64];
	int rc = uri_parse(uri, u);

	if (rc < 0) {
		printf("%s: %s: malformed URI (%s)\n", who, uri, errmsg(rc));
		return rc;
	}
	if (!u->scheme[0] || !u->host[0]) {
		printf("%s: %s: not a URI of the form scheme://server/path\n",
		       who, uri);
		return -EINVAL;
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
	struct uri *u;
	uint64_t start, start_us;
	char why[256];
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
	start_us = time_us();
	start = start_us / 1000;
	buf.progress.name = uri;
	buf.progress.start_ms = start;
	rc = proto->fetch(uri, u, &buf, why, sizeof(why));
	timeline_record("download", start_us, uri);
	if (rc == 0) {
		*len = buf.len;
		*data = fetch_buf_take(&buf);
		if (!*data)
			rc = -ENOMEM;
	}
	fetch_progress_clear(&buf);
	if (rc < 0)
		printf("%s: %s: %s\n", who, uri, why[0] ? why : errmsg(rc));
	else
		fetch_report(uri, *len, start);
	fetch_buf_reset(&buf);
out:
	free(u);
	return rc;
}
