/** @file HTTP authentication: Basic and Digest (RFC 7617, RFC 7616: MD5 and SHA-256, qop=auth) answers to a 401's challenge. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <lwpxe/errors.h>
#include <lwpxe/random.h>
#include <lwpxe/settings.h>
#include <mbedtls/md5.h>
#include <mbedtls/sha256.h>
#include "http_int.h"

/** Room for one challenge parameter's value */
#define HTTP_PARAM_MAX 256

/** User name and password to answer with */
struct http_cred {
	char user[128];             /**< user name */
	char password[128];         /**< password */
};

/** Take credentials from @p u's userinfo, else the settings; 0 or -EACCES */
static int http_cred_get(const struct uri *u, struct http_cred *c)
{
	if (u->flags & URI_HAS_USER) {
		snprintf(c->user, sizeof(c->user), "%s", u->user);
		snprintf(c->password, sizeof(c->password), "%s", u->password);
		return 0;
	}
	if (settings_fetch_text("username", c->user, sizeof(c->user)) <= 0)
		return -EACCES;
	if (settings_fetch_text("password", c->password,
				sizeof(c->password)) < 0)
		c->password[0] = '\0';
	return 0;
}

/** Skip a value (quoted or a token) at @p p, copying it unquoted into @p out; returns the end */
static const char *http_param_value(const char *p, char *out, size_t len)
{
	size_t n = 0;
	int quoted = *p == '"';

	for (p += quoted; *p && (quoted ? *p != '"' : *p != ','); p++) {
		if (quoted && *p == '\\' && p[1])
			p++;
		if (n + 1 < len)
			out[n++] = *p;
	}
	while (!quoted && n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return *p ? p + 1 : p;
}

/** The value of parameter @p name in @p challenge ('Digest a=1, b="x"') into @p out; 0 or -ENOENT */
static int http_param(const char *challenge, const char *name, char *out,
		      size_t len)
{
	const char *p = challenge + strcspn(challenge, " ");
	size_t n = strlen(name);

	while (*p) {
		const char *key;
		size_t klen;
		int match;

		p += strspn(p, " \t,");
		key = p;
		klen = strcspn(p, "= \t,");
		p += klen;
		p += strspn(p, " \t");
		if (*p != '=')
			return -ENOENT;    /* a new scheme, or the end */
		p++;
		p += strspn(p, " \t");
		match = klen == n && strncasecmp(key, name, n) == 0;
		p = http_param_value(p, out, len);
		if (match)
			return 0;
	}
	return -ENOENT;
}

/** Base64 of @p len bytes of @p data into @p out of @p size bytes; 0 or -ENAMETOOLONG */
static int http_base64(const char *data, size_t len, char *out, size_t size)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *d = (const unsigned char *)data;

	if ((len + 2) / 3 * 4 + 1 > size)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)d[i] << 16 |
			     (i + 1 < len ? (uint32_t)d[i + 1] << 8 : 0) |
			     (i + 2 < len ? d[i + 2] : 0);

		*out++ = abc[v >> 18 & 63];
		*out++ = abc[v >> 12 & 63];
		*out++ = i + 1 < len ? abc[v >> 6 & 63] : '=';
		*out++ = i + 2 < len ? abc[v & 63] : '=';
	}
	*out = '\0';
	return 0;
}

/** The Basic answer for @p c */
static int http_basic(const struct http_cred *c, char *buf, size_t len)
{
	char pair[sizeof(c->user) + sizeof(c->password) + 1];
	int n = snprintf(pair, sizeof(pair), "%s:%s", c->user, c->password);
	int w = snprintf(buf, len, "Authorization: Basic ");

	if (w < 0 || (size_t)w >= len ||
	    http_base64(pair, (size_t)n, buf + w, len - (size_t)w - 2) < 0)
		return -ENAMETOOLONG;
	strcat(buf, "\r\n");
	return 0;
}

/** Hash of @p n strings joined by ':' as lower-case hex into @p hex */
static void http_hash(int sha256, const char *const *parts, unsigned int n,
		      char *hex)
{
	unsigned char out[32];
	unsigned int len = sha256 ? 32 : 16;
	mbedtls_sha256_context s;
	mbedtls_md5_context m;

	mbedtls_sha256_init(&s);
	mbedtls_md5_init(&m);
	sha256 ? mbedtls_sha256_starts(&s, 0) : mbedtls_md5_starts(&m);
	for (unsigned int i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)parts[i];
		size_t plen = strlen(parts[i]);

		if (i)
			sha256 ? mbedtls_sha256_update(&s, (const unsigned char *)":", 1) :
				 mbedtls_md5_update(&m, (const unsigned char *)":", 1);
		sha256 ? mbedtls_sha256_update(&s, p, plen) :
			 mbedtls_md5_update(&m, p, plen);
	}
	sha256 ? mbedtls_sha256_finish(&s, out) : mbedtls_md5_finish(&m, out);
	mbedtls_sha256_free(&s);
	mbedtls_md5_free(&m);
	for (unsigned int i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
}

void http_digest_response(const struct http_digest *d, char *hex)
{
	char ha1[65], ha2[65];
	const char *a1[] = { d->user, d->realm, d->password };
	const char *a2[] = { d->method, d->uri };

	http_hash(d->sha256, a1, 3, ha1);
	if (d->sess) {
		const char *s[] = { ha1, d->nonce, d->cnonce };

		http_hash(d->sha256, s, 3, ha1);
	}
	http_hash(d->sha256, a2, 2, ha2);
	if (d->qop[0]) {
		const char *r[] = { ha1, d->nonce, d->nc, d->cnonce, d->qop, ha2 };

		http_hash(d->sha256, r, 6, hex);
	} else {
		const char *r[] = { ha1, d->nonce, ha2 };

		http_hash(d->sha256, r, 3, hex);
	}
}

/** Read @p challenge's algorithm into @p d; 0 or -ENOTSUP */
static int http_digest_alg(const char *challenge, struct http_digest *d)
{
	char alg[32];

	if (http_param(challenge, "algorithm", alg, sizeof(alg)) < 0)
		strcpy(alg, "MD5");
	d->sha256 = strncasecmp(alg, "SHA-256", 7) == 0;
	if (!d->sha256 && strncasecmp(alg, "MD5", 3) != 0)
		return -ENOTSUP;
	d->sess = strcasecmp(alg + (d->sha256 ? 7 : 3), "-sess") == 0;
	if (!d->sess && alg[d->sha256 ? 7 : 3])
		return -ENOTSUP;
	return 0;
}

/** The parameters a Digest answer echoes */
struct http_digest_params {
	char realm[HTTP_PARAM_MAX];     /**< realm */
	char nonce[HTTP_PARAM_MAX];     /**< server nonce */
	char opaque[HTTP_PARAM_MAX];    /**< opaque, "" if none */
	char qop[80];                   /**< qop options offered, then our qop parameters */
	char cnonce[33];                /**< our nonce, hex */
	char target[HTTP_TARGET_MAX];   /**< request target */
	char response[65];              /**< the computed response */
};

/** The Digest answer to @p challenge for @p method of @p u with @p c */
static int http_digest(const struct uri *u, const struct http_cred *c,
		       const char *method, const char *challenge, char *buf,
		       size_t len)
{
	struct http_digest_params q = { .opaque = "" };
	struct http_digest d = { .user = c->user, .password = c->password,
				 .realm = q.realm, .nonce = q.nonce,
				 .cnonce = q.cnonce, .nc = "00000001",
				 .method = method, .uri = q.target };
	unsigned char rnd[16];
	int n;

	if (http_param(challenge, "realm", q.realm, sizeof(q.realm)) < 0 ||
	    http_param(challenge, "nonce", q.nonce, sizeof(q.nonce)) < 0 ||
	    http_digest_alg(challenge, &d) < 0)
		return -ENOTSUP;
	http_param(challenge, "opaque", q.opaque, sizeof(q.opaque));
	if (http_param(challenge, "qop", q.qop, sizeof(q.qop)) == 0 &&
	    !http_has_token(q.qop, "auth"))
		return -ENOTSUP;
	d.qop = q.qop[0] ? "auth" : "";
	random_bytes(rnd, sizeof(rnd));
	for (unsigned int i = 0; i < sizeof(rnd); i++)
		snprintf(q.cnonce + 2 * i, 3, "%02x", rnd[i]);
	if (http_target(u, q.target, sizeof(q.target)) < 0)
		return -ENAMETOOLONG;
	http_digest_response(&d, q.response);
	if (d.qop[0])
		snprintf(q.qop, sizeof(q.qop), ", qop=auth, nc=%s, cnonce=\"%s\"",
			 d.nc, q.cnonce);
	n = snprintf(buf, len, "Authorization: Digest username=\"%s\", "
		     "realm=\"%s\", nonce=\"%s\", uri=\"%s\", algorithm=%s%s, "
		     "response=\"%s\"%s%s%s%s\r\n", c->user, q.realm, q.nonce,
		     q.target, d.sha256 ? "SHA-256" : "MD5", d.sess ? "-sess" : "",
		     q.response, q.opaque[0] ? ", opaque=\"" : "", q.opaque,
		     q.opaque[0] ? "\"" : "", d.qop[0] ? q.qop : "");
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int http_auth_line(const struct uri *u, const char *method,
		   const char *challenge, char *buf, size_t len)
{
	struct http_cred c;

	if (http_cred_get(u, &c) < 0)
		return -EACCES;
	if (strncasecmp(challenge, "Basic", 5) == 0)
		return http_basic(&c, buf, len);
	if (strncasecmp(challenge, "Digest", 6) == 0)
		return http_digest(u, &c, method, challenge, buf, len);
	return -ENOTSUP;
}
