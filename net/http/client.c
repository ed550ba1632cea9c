/** @file http:// downloads: redirects, answering 401s, statuses as one line, the fetch protocol. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include "http_int.h"

/** Room for the extra header lines of one request (the caller's and Authorization) */
#define HTTP_HEADERS_ROOM 2048

/** Scratch space of one request with its redirects */
struct http_hop {
	struct uri u;               /**< the URI being asked for, split */
	char uri[URI_MAX];          /**< the URI being asked for */
	char next[URI_MAX];         /**< where a redirect points */
	char headers[HTTP_HEADERS_ROOM]; /**< the caller's headers, then Authorization */
};

/** Nonzero if @p status is a redirect the client follows */
static int http_is_redirect(unsigned int status)
{
	return status == 301 || status == 302 || status == 303 ||
	       status == 307 || status == 308;
}

/** Point @p h at the Location of @p resp; 0 or -error with @p why set */
static int http_follow(struct http_hop *h, struct http_request *req,
		       const struct http_response *resp, unsigned int hops,
		       char *why, size_t why_len)
{
	if (hops > HTTP_REDIRECTS_MAX) {
		snprintf(why, why_len, "more than %u redirects (a loop?)",
			 HTTP_REDIRECTS_MAX);
		return -EPROTO;
	}
	if (uri_resolve(h->uri, resp->location, h->next, sizeof(h->next)) < 0) {
		snprintf(why, why_len, "%u redirect to a malformed URI",
			 resp->status);
		return -EPROTO;
	}
	strcpy(h->uri, h->next);
	if (resp->status == 303 && strcmp(req->method, "HEAD") != 0) {
		req->method = "GET";
		req->body = NULL;
		req->body_len = 0;
	}
	return 0;
}

/** Split h->uri into h->u, checking it is a scheme served here; 0 or -error with @p why set */
static int http_hop_parse(struct http_hop *h, char *why, size_t why_len)
{
	if (uri_parse(h->uri, &h->u) < 0 || !h->u.host[0]) {
		snprintf(why, why_len, "malformed URI %.60s", h->uri);
		return -EINVAL;
	}
	if (strcmp(h->u.scheme, "http") != 0 &&
	    strcmp(h->u.scheme, "https") != 0) {
		snprintf(why, why_len, "redirect to %.16s:// is not supported",
			 h->u.scheme);
		return -ENOTSUP;
	}
	return 0;
}

/** Add the Authorization answering @p resp's challenge; nonzero if there is one */
static int http_answer(struct http_hop *h, const struct http_request *req,
		       const struct http_response *resp, size_t base_len)
{
	if (resp->status != 401 || !resp->challenge[0])
		return 0;
	h->headers[base_len] = '\0';
	return http_auth_line(&h->u, req->method, resp->challenge,
			      h->headers + base_len,
			      sizeof(h->headers) - base_len) == 0;
}

int http_request_uri(struct http_request *req, const char *uri,
		     struct http_response *resp, char *why, size_t why_len)
{
	struct http_hop *h = malloc(sizeof(*h));
	unsigned int hops = 0;
	int answered = 0;
	size_t base_len;
	int rc;

	if (!h)
		return -ENOMEM;
	snprintf(h->headers, sizeof(h->headers), "%s",
		 req->headers ? req->headers : "");
	base_len = strlen(h->headers);
	req->headers = h->headers;
	snprintf(h->uri, sizeof(h->uri), "%s", uri);
	while ((rc = http_hop_parse(h, why, why_len)) == 0) {
		rc = http_exchange(req, &h->u, resp, why, why_len);
		if (rc < 0)
			break;
		if (http_is_redirect(resp->status) && resp->location[0]) {
			h->headers[base_len] = '\0';
			answered = 0;
			rc = http_follow(h, req, resp, ++hops, why, why_len);
			if (rc < 0)
				break;
			continue;
		}
		if (answered || !http_answer(h, req, resp, base_len))
			break;
		answered = 1;
	}
	req->headers = NULL;
	free(h);
	return rc;
}

/** The error code for a final status @p status that is not 2xx */
static int http_status_rc(unsigned int status)
{
	switch (status) {
	case 404:
		return errno_at(-ENOENT, ERRNO_HTTP_404);
	case 410:
		return -ENOENT;
	case 401:
	case 403:
		return -EACCES;
	default:
		return -EIO;
	}
}

int http_status_check(const struct http_response *resp, char *why,
		      size_t why_len)
{
	if (resp->status / 100 == 2)
		return 0;
	snprintf(why, why_len, "%u %s", resp->status, resp->reason);
	return http_status_rc(resp->status);
}

/** A body sink appending to a fetch_buf */
static int http_fetch_append(void *ctx, const void *data, size_t len)
{
	return fetch_buf_append(ctx, data, len);
}

/** Room for a POSTed form */
#define HTTP_FORM_MAX 8192
/** Room for the header lines of parameters */
#define HTTP_PARAM_HEADERS_MAX 1024

/** A POST of a parameter list: its form and headers */
struct http_post {
	char form[HTTP_FORM_MAX];   /**< the form */
	char headers[HTTP_PARAM_HEADERS_MAX]; /**< header parameters */
};

/**
 * Make @p req a POST of the parameter list that @p u's fragment names
 * ("#params" or "#params=NAME", from a URI ending in ##params), if it
 * names one
 *
 * @ret rc      0, or -error with @p why set
 */
static int http_post_params(const struct uri *u, struct http_request *req,
			    struct http_post *post, char *why, size_t why_len)
{
	const char *f = u->fragment;
	const struct http_params *list;
	int len;

	if (strncmp(f, "#params", 7) != 0 || (f[7] && f[7] != '='))
		return 0;
	list = http_params_find(f[7] ? f + 8 : NULL);
	if (!list) {
		snprintf(why, why_len, "no parameter list \"%s\"",
			 f[7] ? f + 8 : "");
		return -ENOENT;
	}
	len = http_params_form(list, post->form, sizeof(post->form),
			       post->headers, sizeof(post->headers));
	if (len < 0) {
		snprintf(why, why_len, "parameters too long");
		return len;
	}
	req->method = "POST";
	req->body = post->form;
	req->body_len = (size_t)len;
	req->headers = post->headers;
	return 0;
}

/** Download @p uri into @p buf; the fetch_protocol method */
static int http_fetch(const char *uri, const struct uri *u,
		      struct fetch_buf *buf, char *why, size_t why_len)
{
	struct http_request req = {
		.method = "GET",
		.body_fn = http_fetch_append,
		.body_ctx = buf,
		.expected = &buf->expected,
	};
	struct http_response *resp = malloc(sizeof(*resp));
	struct http_post *post = malloc(sizeof(*post));
	int rc = resp && post ? 0 : -ENOMEM;

	if (rc == 0)
		rc = http_post_params(u, &req, post, why, why_len);
	if (rc == 0)
		rc = http_request_uri(&req, uri, resp, why, why_len);
	if (rc == 0)
		rc = http_status_check(resp, why, why_len);
	free(post);
	free(resp);
	return rc;
}

/** The http:// protocol */
static const struct fetch_protocol http_protocol = {
	.scheme = "http",
	.fetch = http_fetch,
};
FETCH_PROTOCOL(http_protocol);

/** The https:// protocol: the same client, over TLS */
static const struct fetch_protocol https_protocol = {
	.scheme = "https",
	.fetch = http_fetch,
};
FETCH_PROTOCOL(https_protocol);
