/** @file Fuzz target: HTTP responses (net/http/response.c, auth.c, chunked.c): status line, headers, the answer to a challenge, chunked body. */
#include "../../net/http/http_int.h"
#include "fuzz.h"

/** Body sink: count the bytes, as a download would store them */
static int fuzz_http_body(void *ctx, const void *data, size_t len)
{
	*(size_t *)ctx += len;
	return 0;
}

/**
 * Input: a first byte giving the size of the pieces the bytes arrive in
 * (TCP segments), then a response: head, then a chunked body
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct http_response resp;
	static struct http_parser p;
	static struct uri u;
	static char auth[512];
	struct http_chunked c;
	size_t piece, len, used, at = 1, body = 0;
	char why[128];
	int rc = 0;

	if (!size)
		return 0;
	piece = 1 + data[0];
	http_parser_init(&p, &resp);
	while (at < size && rc == 0) {
		len = size - at < piece ? size - at : piece;
		rc = http_parse(&p, (const char *)data + at, len, &used);
		at += used;
	}
	if (rc != 1)
		return 0;
	http_status_check(&resp, why, sizeof(why));
	http_range_check(&resp, 512, 4096, why, sizeof(why));
	if (resp.challenge[0] && uri_parse("http://user:pass@h/dir/f?q", &u) == 0)
		http_auth_line(&u, "GET", resp.challenge, auth, sizeof(auth));
	http_chunked_init(&c);
	while (at < size && !http_chunked_done(&c)) {
		len = size - at < piece ? size - at : piece;
		rc = http_chunked_feed(&c, (const char *)data + at, len,
				       fuzz_http_body, &body);
		if (rc <= 0)
			break;
		at += (size_t)rc;
	}
	return 0;
}
