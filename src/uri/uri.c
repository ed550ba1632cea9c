/** @file URIs (RFC 3986): one parser for every scheme, relative references, percent-encoding. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/uri.h>

int uri_has_scheme(const char *text)
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
static unsigned int uri_hex(char c)
{
	return isdigit((unsigned char)c) ? (unsigned int)(c - '0') :
		(unsigned int)(tolower((unsigned char)c) - 'a' + 10);
}

/** Nonzero if byte @p c is one of RFC 3986's unreserved characters */
static int uri_is_unreserved(int c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

size_t uri_unescape(const char *text, size_t text_len, void *buf, size_t len)
{
	unsigned char *out = buf;
	size_t n = 0;

	for (size_t i = 0; i < text_len; i++, n++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '%' && i + 2 < text_len &&
		    isxdigit((unsigned char)text[i + 1]) &&
		    isxdigit((unsigned char)text[i + 2])) {
			c = (unsigned char)(uri_hex(text[i + 1]) << 4 |
					    uri_hex(text[i + 2]));
			i += 2;
		}
		if (n < len)
			out[n] = c;
	}
	return n;
}

/** Copy @p len bytes at @p src into @p dst of @p size bytes, %XX decoded if @p decode; 0 or -ENAMETOOLONG */
static int uri_copy(char *dst, size_t size, const char *src, size_t len,
		    int decode)
{
	size_t n = decode ? uri_unescape(src, len, dst, size) : len;

	if (n >= size)
		return -ENAMETOOLONG;
	if (!decode)
		memcpy(dst, src, len);
	dst[n] = '\0';
	return 0;
}

int uri_decode(const char *text, char *buf, size_t len)
{
	return uri_copy(buf, len, text, strlen(text), 1);
}

int uri_encode(const void *data, size_t len, char *buf, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *in = data;
	size_t n = 0;

	if (!size)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = in[i];
		int plain = uri_is_unreserved(c);

		if (n + (plain ? 1 : 3) >= size)
			return -ENAMETOOLONG;
		if (plain) {
			buf[n++] = (char)c;
		} else {
			buf[n++] = '%';
			buf[n++] = hex[c >> 4];
			buf[n++] = hex[c & 15];
		}
	}
	buf[n] = '\0';
	return (int)n;
}

/** Parse the port digits at @p p (@p len bytes) into @p u; 0 or -EINVAL */
static int uri_parse_port(const char *p, size_t len, struct uri *u)
{
	unsigned long port = 0;

	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -EINVAL;
		port = port * 10 + (unsigned long)(p[i] - '0');
		if (port > 65535)
			return -EINVAL;
	}
	u->port = (unsigned int)port;
	return 0;
}

/** Split the authority at @p p (@p len bytes: [userinfo@]host[:port]) into @p u; 0 or -error */
static int uri_parse_authority(const char *p, size_t len, struct uri *u)
{
	const char *end = p + len, *at = NULL, *host, *colon;
	size_t host_len;
	int rc;

	for (const char *q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (at) {
		const char *sep = memchr(p, ':', (size_t)(at - p));
		const char *user_end = sep ? sep : at;

		u->flags |= URI_HAS_USER;
		rc = uri_copy(u->user, sizeof(u->user), p,
			      (size_t)(user_end - p), 1);
		if (rc == 0 && sep) {
			u->flags |= URI_HAS_PASSWORD;
			rc = uri_copy(u->password, sizeof(u->password),
				      sep + 1, (size_t)(at - sep - 1), 1);
		}
		if (rc < 0)
			return rc;
		p = at + 1;
	}
	host = p;
	if (host < end && *host == '[') {
		const char *close = memchr(host, ']', (size_t)(end - host));

		if (!close)
			return -EINVAL;
		colon = close + 1 < end ? close + 1 : NULL;
		if (colon && *colon != ':')
			return -EINVAL;
		host++;
		host_len = (size_t)(close - host);
	} else {
		colon = memchr(host, ':', (size_t)(end - host));
		host_len = (size_t)((colon ? colon : end) - host);
	}
	rc = uri_copy(u->host, sizeof(u->host), host, host_len, 1);
	if (rc < 0)
		return rc;
	return colon ? uri_parse_port(colon + 1, (size_t)(end - colon - 1), u) :
		0;
}

/** Length of the scheme that starts @p text ("http" in "http://x"), 0 if none */
static size_t uri_scheme_len(const char *text)
{
	return uri_has_scheme(text) ? (size_t)(strchr(text, ':') - text) : 0;
}

int uri_parse(const char *text, struct uri *u)
{
	const char *p = text;
	size_t n;
	int rc;

	memset(u, 0, sizeof(*u));
	for (const char *q = text; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return -EINVAL;
	n = uri_scheme_len(p);
	if (n) {
		if (n >= sizeof(u->scheme))
			return -ENAMETOOLONG;
		for (size_t i = 0; i < n; i++)
			u->scheme[i] = (char)tolower((unsigned char)p[i]);
		p += n + 1;
	}
	if (p[0] == '/' && p[1] == '/') {
		p += 2;
		n = strcspn(p, "/?#");
		u->flags |= URI_HAS_AUTHORITY;
		rc = uri_parse_authority(p, n, u);
		if (rc < 0)
			return rc;
		p += n;
	}
	n = strcspn(p, "?#");
	rc = uri_copy(u->path, sizeof(u->path), p, n, 0);
	p += n;
	if (rc == 0 && *p == '?') {
		n = strcspn(++p, "#");
		u->flags |= URI_HAS_QUERY;
		rc = uri_copy(u->query, sizeof(u->query), p, n, 0);
		p += n;
	}
	if (rc == 0 && *p == '#') {
		u->flags |= URI_HAS_FRAGMENT;
		rc = uri_copy(u->fragment, sizeof(u->fragment), p + 1,
			      strlen(p + 1), 0);
	}
	return rc;
}

/** Text being written: the buffer, its size, bytes used, the first error */
struct uri_out {
	char *buf;                  /**< where the text goes, NUL-terminated */
	size_t size;                /**< bytes of room at @c buf */
	size_t n;                   /**< bytes written */
	int rc;                     /**< 0, or -ENAMETOOLONG once something did not fit */
};

/** Append @p len bytes of @p s to @p o */
static void uri_out_put(struct uri_out *o, const char *s, size_t len)
{
	if (o->rc == 0 && o->n + len >= o->size)
		o->rc = -ENAMETOOLONG;
	if (o->rc < 0)
		return;
	memcpy(o->buf + o->n, s, len);
	o->n += len;
	o->buf[o->n] = '\0';
}

/** Append the string @p s to @p o */
static void uri_out_str(struct uri_out *o, const char *s)
{
	uri_out_put(o, s, strlen(s));
}

/** Append @p s to @p o %XX encoded (userinfo, host) */
static void uri_out_encoded(struct uri_out *o, const char *s)
{
	int len;

	if (o->rc < 0)
		return;
	len = uri_encode(s, strlen(s), o->buf + o->n, o->size - o->n);
	if (len < 0)
		o->rc = len;
	else
		o->n += (size_t)len;
}

/** Append @p u's authority ("//user:pw@host:port") to @p o */
static void uri_out_authority(struct uri_out *o, const struct uri *u)
{
	char port[12];

	uri_out_str(o, "//");
	if (u->flags & URI_HAS_USER) {
		uri_out_encoded(o, u->user);
		if (u->flags & URI_HAS_PASSWORD) {
			uri_out_str(o, ":");
			uri_out_encoded(o, u->password);
		}
		uri_out_str(o, "@");
	}
	if (strchr(u->host, ':')) {
		uri_out_str(o, "[");
		uri_out_str(o, u->host);
		uri_out_str(o, "]");
	} else {
		uri_out_encoded(o, u->host);
	}
	if (u->port) {
		snprintf(port, sizeof(port), ":%u", u->port);
		uri_out_str(o, port);
	}
}

int uri_unparse(const struct uri *u, char *buf, size_t len)
{
	struct uri_out o = { .buf = buf, .size = len };

	if (!len)
		return -ENAMETOOLONG;
	buf[0] = '\0';
	if (u->scheme[0]) {
		uri_out_str(&o, u->scheme);
		uri_out_str(&o, ":");
	}
	if (u->flags & URI_HAS_AUTHORITY)
		uri_out_authority(&o, u);
	uri_out_str(&o, u->path);
	if (u->flags & URI_HAS_QUERY) {
		uri_out_str(&o, "?");
		uri_out_str(&o, u->query);
	}
	if (u->flags & URI_HAS_FRAGMENT) {
		uri_out_str(&o, "#");
		uri_out_str(&o, u->fragment);
	}
	return o.rc;
}

/** Drop the last segment and its '/' from the output path [@p path, @p *out) */
static void uri_drop_segment(const char *path, char **out)
{
	while (*out > path && *--*out != '/')
		;
}

/** Remove "." and ".." segments from @p path in place (RFC 3986 section 5.2.4) */
static void uri_remove_dots(char *path)
{
	char *in = path, *out = path;

	while (*in) {
		if (strncmp(in, "../", 3) == 0) {
			in += 3;
		} else if (strncmp(in, "./", 2) == 0 ||
			   strncmp(in, "/./", 3) == 0) {
			in += 2;
		} else if (strcmp(in, "/.") == 0) {
			in[1] = '/';
			in++;
		} else if (strncmp(in, "/../", 4) == 0) {
			in += 3;
			uri_drop_segment(path, &out);
		} else if (strcmp(in, "/..") == 0) {
			in[2] = '/';
			in += 2;
			uri_drop_segment(path, &out);
		} else if (strcmp(in, ".") == 0 || strcmp(in, "..") == 0) {
			in += strlen(in);
		} else {
			do
				*out++ = *in++;
			while (*in && *in != '/');
		}
	}
	*out = '\0';
}

/** Set @p ref's path to @p base's merged with it (RFC 3986 section 5.2.3); 0 or -ENAMETOOLONG */
static int uri_merge(const struct uri *base, struct uri *ref)
{
	char merged[URI_MAX];
	const char *slash = strrchr(base->path, '/');
	size_t keep = slash ? (size_t)(slash - base->path + 1) : 0;
	int n;

	if ((base->flags & URI_HAS_AUTHORITY) && !base->path[0])
		n = snprintf(merged, sizeof(merged), "/%s", ref->path);
	else
		n = snprintf(merged, sizeof(merged), "%.*s%s", (int)keep,
			     base->path, ref->path);
	if (n < 0 || (size_t)n >= sizeof(ref->path))
		return -ENAMETOOLONG;
	memcpy(ref->path, merged, (size_t)n + 1);
	return 0;
}

/** Copy @p base's authority (userinfo, host, port) into @p ref */
static void uri_take_authority(const struct uri *base, struct uri *ref)
{
	unsigned int mask = URI_HAS_AUTHORITY | URI_HAS_USER |
			    URI_HAS_PASSWORD;

	memcpy(ref->user, base->user, sizeof(ref->user));
	memcpy(ref->password, base->password, sizeof(ref->password));
	memcpy(ref->host, base->host, sizeof(ref->host));
	ref->port = base->port;
	ref->flags = (ref->flags & ~mask) | (base->flags & mask);
}

/** Turn reference @p ref into its target against absolute @p base (RFC 3986 section 5.2.2); 0 or -error */
static int uri_resolve_parsed(const struct uri *base, struct uri *ref)
{
	if (ref->scheme[0]) {
		uri_remove_dots(ref->path);
		return 0;
	}
	memcpy(ref->scheme, base->scheme, sizeof(ref->scheme));
	if (ref->flags & URI_HAS_AUTHORITY) {
		uri_remove_dots(ref->path);
		return 0;
	}
	uri_take_authority(base, ref);
	if (!ref->path[0]) {
		memcpy(ref->path, base->path, sizeof(ref->path));
		if (!(ref->flags & URI_HAS_QUERY)) {
			memcpy(ref->query, base->query, sizeof(ref->query));
			ref->flags |= base->flags & URI_HAS_QUERY;
		}
		return 0;
	}
	if (ref->path[0] != '/') {
		int rc = uri_merge(base, ref);

		if (rc < 0)
			return rc;
	}
	uri_remove_dots(ref->path);
	return 0;
}

int uri_resolve(const char *base, const char *ref, char *buf, size_t len)
{
	struct uri *b = malloc(2 * sizeof(*b));
	struct uri *r = b + 1;
	int rc;

	if (!b)
		return -ENOMEM;
	rc = uri_parse(base, b);
	if (rc == 0)
		rc = uri_parse(ref, r);
	if (rc == 0 && !b->scheme[0])
		rc = -EINVAL;
	if (rc == 0)
		rc = uri_resolve_parsed(b, r);
	if (rc == 0)
		rc = uri_unparse(r, buf, len);
	free(b);
	return rc;
}
