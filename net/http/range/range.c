/** @file Ranged reads and sizes of files by URI: Range requests checked against the 206 and Content-Range the server sends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/http.h>
#include "../http_int.h"

/** Where a ranged read puts its data */
struct http_range {
	const struct http_response *resp; /**< the response, to check before taking data */
	uint64_t offset;            /**< first byte asked for */
	unsigned char *buf;         /**< destination */
	size_t len;                 /**< bytes asked for */
	size_t got;                 /**< bytes received */
	int checked;                /**< the head was checked */
	char why[80];               /**< a failed check's words */
};

int http_range_check(const struct http_response *resp, uint64_t offset,
		     size_t len, char *why, size_t why_len)
{
	if (resp->status == 200) {
		snprintf(why, why_len, "the server does not support Range "
			 "requests (200 to a Range request)");
		return -ENOTSUP;
	}
	if (resp->status != 206) {
		snprintf(why, why_len, "%u %s", resp->status, resp->reason);
		return resp->status == 416 ? -ERANGE : -EIO;
	}
	if (!resp->has_range || resp->range_first != offset ||
	    resp->range_last - resp->range_first + 1 != len ||
	    (resp->has_length && resp->length != len)) {
		snprintf(why, why_len, "206 for another range than bytes "
			 "%llu-%llu", (unsigned long long)offset,
			 (unsigned long long)(offset + len - 1));
		return -EPROTO;
	}
	return 0;
}

/** Body sink of a ranged read: check the head once, then copy what fits */
static int http_range_take(void *ctx, const void *data, size_t len)
{
	struct http_range *r = ctx;
	int rc;

	if (!r->checked) {
		rc = http_range_check(r->resp, r->offset, r->len, r->why,
				      sizeof(r->why));
		if (rc < 0)
			return rc;
		r->checked = 1;
	}
	if (len > r->len - r->got) {
		snprintf(r->why, sizeof(r->why), "more data than the range");
		return -EPROTO;
	}
	memcpy(r->buf + r->got, data, len);
	r->got += len;
	return 0;
}

/** Send @p req for @p uri; a 2xx status or -error with @p why set */
static int http_range_request(struct http_request *req, const char *uri,
			      struct http_response *resp, const char *sink_why,
			      char *why, size_t why_len)
{
	int rc = http_request_uri(req, uri, resp, why, why_len);

	if (rc < 0 && sink_why && sink_why[0])
		snprintf(why, why_len, "%s", sink_why);
	if (rc == 0 && resp->status != 206)
		rc = http_status_check(resp, why, why_len);
	return rc;
}

int http_read_range(const char *uri, uint64_t offset, void *buf, size_t len,
		    char *why, size_t why_len)
{
	struct http_response *resp = malloc(sizeof(*resp));
	struct http_range r = { .resp = resp, .offset = offset, .buf = buf,
				.len = len };
	char range[64];
	struct http_request req = { .method = "GET", .headers = range,
				    .body_fn = http_range_take, .body_ctx = &r };
	int rc;

	if (!resp)
		return -ENOMEM;
	if (!len) {
		free(resp);
		return -EINVAL;
	}
	snprintf(range, sizeof(range), "Range: bytes=%llu-%llu\r\n",
		 (unsigned long long)offset,
		 (unsigned long long)(offset + len - 1));
	rc = http_range_request(&req, uri, resp, r.why, why, why_len);
	if (rc == 0)
		rc = http_range_check(resp, offset, len, why, why_len);
	if (rc == 0 && r.got != len) {
		snprintf(why, why_len, "range cut short: %zu of %zu bytes",
			 r.got, len);
		rc = -EIO;
	}
	free(resp);
	return rc;
}

/** Body sink of a HEAD request: there is no body */
static int http_range_none(void *ctx, const void *data, size_t len)
{
	return -EPROTO;
}

int http_size(const char *uri, uint64_t *size, char *why, size_t why_len)
{
	struct http_response *resp = malloc(sizeof(*resp));
	struct http_request req = { .method = "HEAD",
				    .body_fn = http_range_none };
	int rc;

	if (!resp)
		return -ENOMEM;
	rc = http_range_request(&req, uri, resp, NULL, why, why_len);
	if (rc == 0 && !resp->has_length) {
		snprintf(why, why_len, "server gives no size (no Content-Length)");
		rc = -ENOTSUP;
	}
	if (rc == 0)
		*size = resp->length;
	free(resp);
	return rc;
}
