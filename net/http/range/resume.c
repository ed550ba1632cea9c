/** @file Finishing a download cut mid-body (a stall, a lost connection) with Range requests. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "../http_int.h"

/** Times a cut download is asked for again in a row without progress */
#define HTTP_RESUMES_MAX 5

/**
 * Nonzero if attempt @p x at the rest, which failed with @p rc, may be
 * followed by another: it was cut mid-body, or it was lost before its
 * answer began (a request or answer lost on a bad link)
 */
static int http_resume_again(const struct http_xfer *x, int rc)
{
	return http_xfer_resumable(x, rc) ||
	       (!x->in_body && !x->why &&
		(rc == -ETIMEDOUT || rc == -ECONNRESET || rc == -ECONNABORTED));
}

/**
 * Ask again, on a new connection, for the rest of the body a cut
 * transfer @p x left (Range: bytes=N-), while answers make progress, up
 * to HTTP_RESUMES_MAX times in a row without; each attempt said in a line
 *
 * @v x         the failed transfer (its request, response and progress)
 * @v u         the URI asked for
 * @v text      the request's text (line and headers, ending in a blank line)
 * @v n         its length
 * @v rc        how it failed
 * @ret rc      0, or -error with @p why set
 */
static int http_resume(struct http_xfer *x, const struct uri *u, char *text,
		       size_t n, int rc, char *why, size_t why_len)
{
	struct http_request *req = x->req;
	struct http_response *resp = x->resp;
	uint64_t total = resp->length;
	uint64_t at = total - x->left;
	unsigned int tries = 0;
	struct http_conn *c;
	size_t m;
	int len;

	while (http_resume_again(x, rc) && ++tries <= HTTP_RESUMES_MAX) {
		/* an attempt lost before its answer began leaves the same rest */
		if (x->in_body)
			at = total - x->left;
		printf("\n%s://%s", u->scheme, u->host);
		if (u->port)
			printf(":%u", u->port);
		printf("%s: %s; asking for the rest from byte %llu (%u/%u)\n",
		       u->path, why, (unsigned long long)at, tries,
		       HTTP_RESUMES_MAX);
		/* before the blank line */
		len = snprintf(text + n - 2, HTTP_REQUEST_MAX - (n - 2),
			       "Range: bytes=%llu-\r\n\r\n",
			       (unsigned long long)at);
		if (len < 0 || (size_t)len >= HTTP_REQUEST_MAX - (n - 2))
			return rc;
		m = n - 2 + (size_t)len;
		why[0] = '\0';
		rc = http_conn_open_new(u, &c, why, why_len);
		if (rc < 0)
			continue;
		memset(x, 0, sizeof(*x));
		x->req = req;
		x->resp = resp;
		x->resume_at = at;
		rc = http_xfer_run(x, c, text, m, why, why_len);
		if (rc == 0 && (resp->status != 206 || !resp->has_range ||
				resp->range_first != at)) {
			snprintf(why, why_len, "asked for the rest from byte "
				 "%llu, the server answered %u %s",
				 (unsigned long long)at, resp->status,
				 resp->reason);
			rc = -EIO;
		}
		http_conn_release(c, rc == 0 && resp->keep_alive);
		if (x->body)
			tries = 0;
	}
	if (rc == 0) {
		/* the caller sees the whole body's response */
		resp->status = 200;
		resp->length = total;
		resp->has_range = 0;
		resp->accept_ranges = 1;
	}
	return rc;
}

/** Range requests finish cut downloads */
static const struct http_resumer http_range_resumer = {
	.resume = http_resume,
};
HTTP_RESUMER(http_range_resumer);
