/** @file One HTTP request and its response on a connection: the request text, the head, the body by its framing, the end of a response. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/version.h>
#include "http_int.h"

/** Append printf-style text to @p buf of @p len bytes at *@p n; 0 or -ENAMETOOLONG */
static int http_append(char *buf, size_t len, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int http_append(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(buf + *n, len - *n, fmt, ap);
	va_end(ap);
	if (w < 0 || (size_t)w >= len - *n)
		return -ENAMETOOLONG;
	*n += (size_t)w;
	return 0;
}

int http_target(const struct uri *u, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s%s%s", u->path[0] ? u->path : "/",
			 (u->flags & URI_HAS_QUERY) ? "?" : "", u->query);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/** Write the request line and headers of @p req for @p u into @p buf */
static int http_request_text(const struct http_request *req,
			     const struct uri *u, char *buf, size_t len,
			     size_t *n)
{
	char target[HTTP_TARGET_MAX];
	int rc;

	*n = 0;
	rc = http_target(u, target, sizeof(target));
	if (rc == 0)
		rc = http_append(buf, len, n, "%s %s HTTP/1.1\r\nHost: %s",
				 req->method, target, u->host);
	if (rc == 0 && u->port)
		rc = http_append(buf, len, n, ":%u", u->port);
	if (rc == 0)
		rc = http_append(buf, len, n, "\r\nUser-Agent: lwpxe/%s\r\n"
				 "Connection: keep-alive\r\n%s", LWPXE_VERSION,
				 req->headers ? req->headers : "");
	if (rc == 0 && req->body)
		rc = http_append(buf, len, n, "Content-Type: application/"
				 "x-www-form-urlencoded\r\nContent-Length: %zu\r\n",
				 req->body_len);
	if (rc == 0)
		rc = http_append(buf, len, n, "\r\n");
	return rc;
}

/** Body bytes of the response: to the request's sink if the status is 2xx */
static int http_xfer_body(void *ctx, const void *data, size_t len)
{
	struct http_xfer *x = ctx;

	x->body += len;
	if (x->resp->status / 100 != 2)
		return 0;
	if (x->resume_at && (x->resp->status != 206 || !x->resp->has_range ||
			     x->resp->range_first != x->resume_at)) {
		x->why = "the server did not send the rest as asked (Range)";
		return -EIO;
	}
	x->req->received += len;
	return x->req->body_fn(x->req->body_ctx, data, len);
}

/** The head was read: decide how the body ends */
static void http_xfer_framing(struct http_xfer *x)
{
	struct http_response *r = x->resp;

	x->in_body = 1;
	if (strcmp(x->req->method, "HEAD") == 0 || r->status == 204 ||
	    r->status == 304) {
		x->framing = HTTP_BODY_NONE;
	} else if (r->chunked) {
		x->framing = HTTP_BODY_CHUNKED;
		http_chunked_init(&x->chunked);
	} else if (r->has_length) {
		x->framing = HTTP_BODY_LENGTH;
		x->left = r->length;
		if (x->resume_at)
			return;
		if (x->req->expected && r->status / 100 == 2 &&
		    r->length <= SIZE_MAX)
			*x->req->expected = (size_t)r->length;
	} else {
		x->framing = HTTP_BODY_CLOSE;
		r->keep_alive = 0;
	}
	x->done = x->framing == HTTP_BODY_NONE ||
		  (x->framing == HTTP_BODY_LENGTH && !x->left);
}

/** Take body bytes by the framing; the count taken or -error */
static int http_xfer_framed(struct http_xfer *x, const char *data, size_t len)
{
	int rc;

	if (x->framing == HTTP_BODY_CHUNKED) {
		rc = http_chunked_feed(&x->chunked, data, len, http_xfer_body, x);
		if (rc == -EBADMSG)
			x->why = x->chunked.why;
		x->done = http_chunked_done(&x->chunked);
		return rc;
	}
	if (x->framing == HTTP_BODY_LENGTH && len > x->left)
		len = (size_t)x->left;
	rc = http_xfer_body(x, data, len);
	if (rc < 0)
		return rc;
	if (x->framing == HTTP_BODY_LENGTH) {
		x->left -= len;
		x->done = !x->left;
	}
	return (int)len;
}

/** The connection's receiver: head, then body, until the response ends */
static int http_xfer_rx(void *ctx, const void *data, size_t len)
{
	struct http_xfer *x = ctx;
	const char *p = data;

	x->rx += len;
	while (len && !x->done) {
		size_t used;
		int rc;

		if (x->in_body) {
			rc = http_xfer_framed(x, p, len);
			used = (size_t)rc;
		} else {
			rc = http_parse(&x->parser, p, len, &used);
			if (rc < 0)
				x->why = x->parser.why;
			else if (rc == 1 && x->resp->status / 100 == 1)
				http_parser_init(&x->parser, x->resp);
			else if (rc == 1)
				http_xfer_framing(x);
		}
		if (rc < 0)
			return rc;
		p += used;
		len -= used;
	}
	if (len)
		x->resp->keep_alive = 0;    /* more than the response: do not reuse */
	return 0;
}

/** The words for a connection that ended before the response did */
static int http_xfer_cut(struct http_xfer *x, int rc, char *why, size_t why_len)
{
	if (!x->in_body)
		snprintf(why, why_len, "%s %s", x->rx ? "connection closed in" :
			 "connection closed without", "the response header");
	else if (x->framing == HTTP_BODY_LENGTH)
		snprintf(why, why_len, "truncated: %llu of %llu bytes",
			 (unsigned long long)x->body,
			 (unsigned long long)x->resp->length);
	else
		snprintf(why, why_len, "truncated: the last chunk never came "
			 "(%llu bytes)", (unsigned long long)x->body);
	if (rc != -ECONNRESET && rc != -ECONNABORTED)
		rc = -EIO;
	return rc;
}

/** Words for failure @p rc of @p x on @p c into @p why; returns @p rc */
static int http_xfer_fail(struct http_xfer *x, int rc, char *why,
			  size_t why_len)
{
	if (x->why)
		snprintf(why, why_len, "%s", x->why);
	else if (rc == -ETIMEDOUT)
		snprintf(why, why_len, "no data for %u s after %llu bytes (%s)",
			 HTTP_IDLE_MS / 1000, (unsigned long long)x->body,
			 errmsg(rc));
	else if (rc == -ENOMEM)
		snprintf(why, why_len, "out of memory after %llu bytes",
			 (unsigned long long)x->req->received);
	else if (rc != -ECANCELED)
		return http_xfer_cut(x, rc, why, why_len);
	return rc;
}

/** Wait until the response on @p c ends; 0 or -error with @p why set */
static int http_xfer_wait(struct http_xfer *x, struct http_conn *c,
			  char *why, size_t why_len)
{
	while (!x->done) {
		int rc = c->rc;

		if (!rc && c->closed) {
			if (x->in_body && x->framing == HTTP_BODY_CLOSE) {
				x->done = 1;
				break;
			}
			rc = -ECONNRESET;
		}
		if (!rc)
			rc = http_conn_step(c);
		if (rc < 0)
			return http_xfer_fail(x, rc, why, why_len);
	}
	return 0;
}

int http_xfer_run(struct http_xfer *x, struct http_conn *c, const char *text,
		  size_t n, char *why, size_t why_len)
{
	int rc;

	http_parser_init(&x->parser, x->resp);
	c->rx_fn = http_xfer_rx;
	c->rx_ctx = x;
	rc = http_conn_send(c, text, n);
	if (rc == 0 && x->req->body)
		rc = http_conn_send(c, x->req->body, x->req->body_len);
	if (rc < 0)
		return http_xfer_fail(x, rc, why, why_len);
	return http_xfer_wait(x, c, why, why_len);
}

int http_xfer_resumable(const struct http_xfer *x, int rc)
{
	return strcmp(x->req->method, "GET") == 0 && !x->req->body &&
	       x->in_body && !x->why && x->framing == HTTP_BODY_LENGTH &&
	       x->left && (x->resume_at ||
			   (x->resp->status == 200 && x->resp->accept_ranges)) &&
	       (rc == -ETIMEDOUT || rc == -ECONNRESET ||
		rc == -ECONNABORTED || rc == -EIO);
}

/** Hand cut transfer @p x to the resumer linked, if any (see struct http_resumer) */
static int http_xfer_resume(struct http_xfer *x, const struct uri *u,
			    char *text, size_t n, int rc, char *why,
			    size_t why_len)
{
	const struct http_resumer *r;

	TABLE_FOREACH(http_resumers, const struct http_resumer *, r)
		return r->resume(x, u, text, n, rc, why, why_len);
	return rc;
}

int http_exchange(struct http_request *req, const struct uri *u,
		  struct http_response *resp, char *why, size_t why_len)
{
	struct http_xfer x;
	struct http_conn *c;
	char *text = malloc(HTTP_REQUEST_MAX);
	size_t n;
	int reused, rc;

	if (!text)
		return -ENOMEM;
	rc = http_request_text(req, u, text, HTTP_REQUEST_MAX, &n);
	if (rc == 0)
		rc = http_conn_open(u, &c, &reused, why, why_len);
	for (int retried = 0; rc == 0; retried = 1) {
		memset(&x, 0, sizeof(x));
		x.req = req;
		x.resp = resp;
		rc = http_xfer_run(&x, c, text, n, why, why_len);
		/* a kept connection the server closed meanwhile: once more, afresh */
		if (rc < 0 && reused && !x.rx && !retried && rc != -ECANCELED &&
		    rc != -ETIMEDOUT) {
			http_conn_release(c, 0);
			why[0] = '\0';
			rc = http_conn_open_new(u, &c, why, why_len);
			reused = 0;
			continue;
		}
		http_conn_release(c, rc == 0 && resp->keep_alive);
		if (rc < 0 && http_xfer_resumable(&x, rc))
			rc = http_xfer_resume(&x, u, text, n, rc, why, why_len);
		break;
	}
	free(text);
	return rc;
}
