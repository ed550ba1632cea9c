/** @file Unit tests for the HTTP response parser, chunked decoder, Content-Range and Digest (net/http/): normal and hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include "../../net/http/http_int.h"

/** Parse all of @p text as one head; returns http_parse()'s result, *used the bytes taken */
static int parse_all(const char *text, struct http_response *r, size_t *used,
		     const char **why)
{
	struct http_parser *p = malloc(sizeof(*p));
	int rc;

	http_parser_init(p, r);
	rc = http_parse(p, text, strlen(text), used);
	*why = p->why;
	free(p);
	return rc;
}

/** Parse @p text byte by byte (every split of a head must work) */
static int parse_bytes(const char *text, struct http_response *r)
{
	struct http_parser *p = malloc(sizeof(*p));
	size_t used;
	int rc = 0;

	http_parser_init(p, r);
	for (size_t i = 0; text[i] && rc == 0; i++)
		rc = http_parse(p, text + i, 1, &used);
	free(p);
	return rc;
}

/** A normal head: status, length, Location, challenge, keep-alive; the body is left */
static void test_parse_head(void **state)
{
	static const char head[] = "HTTP/1.1 302 Found\r\n"
		"Content-Length:  12 \r\nLocation: /next?x=1\r\n"
		"www-authenticate: Basic realm=\"a\"\r\n"
		"WWW-Authenticate: Digest realm=\"b\", nonce=\"n\"\r\n"
		"Content-Range: bytes 10-19/100\r\n\r\nbody";
	struct http_response *r = malloc(sizeof(*r));
	const char *why;
	size_t used;

	(void)state;
	assert_int_equal(parse_all(head, r, &used, &why), 1);
	assert_int_equal(used, strlen(head) - 4);
	assert_int_equal(r->status, 302);
	assert_string_equal(r->reason, "Found");
	assert_int_equal(r->has_length, 1);
	assert_int_equal(r->length, 12);
	assert_string_equal(r->location, "/next?x=1");
	assert_string_equal(r->challenge, "Digest realm=\"b\", nonce=\"n\"");
	assert_int_equal(r->keep_alive, 1);
	assert_int_equal(r->has_range, 1);
	assert_int_equal(r->range_first, 10);
	assert_int_equal(r->range_last, 19);
	assert_int_equal(r->range_total, 100);
	assert_int_equal(parse_bytes(head, r), 1);
	assert_int_equal(r->status, 302);
	assert_int_equal(parse_bytes("HTTP/1.0 200\nConnection: x, Keep-Alive\n"
				     "Transfer-Encoding: chunked\n\n", r), 1);
	assert_int_equal(r->keep_alive, 1);
	assert_int_equal(r->chunked, 1);
	assert_int_equal(parse_bytes("HTTP/1.0 200 OK\r\n\r\n", r), 1);
	assert_int_equal(r->keep_alive, 0);
	assert_int_equal(parse_bytes("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", r), 1);
	assert_int_equal(r->keep_alive, 0);
	assert_int_equal(r->accept_ranges, 0);
	/* Accept-Ranges: only "bytes" lets a cut download be finished */
	assert_int_equal(parse_bytes("HTTP/1.1 200 OK\r\nAccept-Ranges: Bytes\r\n\r\n", r), 1);
	assert_int_equal(r->accept_ranges, 1);
	assert_int_equal(parse_bytes("HTTP/1.1 200 OK\r\nAccept-Ranges: none\r\n\r\n", r), 1);
	assert_int_equal(r->accept_ranges, 0);
	free(r);
}

/** Expect @p text to fail with @p rc and @p why */
static void expect_bad(const char *text, int rc, const char *why)
{
	struct http_response *r = malloc(sizeof(*r));
	const char *got;
	size_t used;

	assert_int_equal(parse_all(text, r, &used, &got), rc);
	if (why)
		assert_string_equal(got, why);
	free(r);
}

/** Garbage status lines, bad headers, hostile lengths */
static void test_parse_hostile(void **state)
{
	char *big = malloc(HTTP_LINE_MAX + 64);
	char *many = malloc(64 * (HTTP_HEADERS_MAX + 5));
	struct http_response r;
	const char *why;
	size_t used;

	(void)state;
	expect_bad("HTTP/2 200 OK\r\n", -EBADMSG, "malformed status line");
	expect_bad("HTTP/1.1 20 OK\r\n", -EBADMSG, "malformed status line");
	expect_bad("HTTP/1.1 2000 OK\r\n", -EBADMSG, "malformed status line");
	expect_bad("HTTP/1.1 099 OK\r\n", -EBADMSG, "malformed status line");
	expect_bad("\r\n", -EBADMSG, "malformed status line");
	expect_bad("SSH-2.0-OpenSSH\r\n", -EBADMSG, "malformed status line");
	expect_bad("HTTP/1.1 200 OK\r\nNo colon here\r\n", -EBADMSG, "malformed header line");
	expect_bad("HTTP/1.1 200 OK\r\n: empty name\r\n", -EBADMSG, "malformed header line");
	expect_bad("HTTP/1.1 200 OK\r\nBad Name: x\r\n", -EBADMSG, "malformed header line");
	expect_bad("HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n", -EBADMSG, "folded header line");
	expect_bad("HTTP/1.1 200 OK\r\nA: b\rc\r\n", -EBADMSG, "control character in the header");
	expect_bad("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n", -EBADMSG, "malformed Content-Length");
	expect_bad("HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n", -EBADMSG, "malformed Content-Length");
	expect_bad("HTTP/1.1 200 OK\r\nContent-Length: \r\n", -EBADMSG, "malformed Content-Length");
	expect_bad("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n",
		   -EBADMSG, "malformed Content-Length");
	expect_bad("HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551616\r\n",
		   -EBADMSG, "malformed Content-Length");
	expect_bad("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n",
		   -EBADMSG, "conflicting Content-Length headers");
	expect_bad("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n", -ENOTSUP, NULL);
	expect_bad("HTTP/1.1 206 OK\r\nContent-Range: bytes 9-3/10\r\n", -EBADMSG,
		   "malformed Content-Range");
	{
		struct http_parser *p = malloc(sizeof(*p));

		http_parser_init(p, &r);
		assert_int_equal(http_parse(p, "HTTP/1.1 200 OK\r\nX: a\0b\r\n",
					    25, &used), -EBADMSG);
		assert_string_equal(p->why, "NUL byte in the header");
		free(p);
	}
	/* no CRLF at all: a line over the limit */
	memset(big, 'A', HTTP_LINE_MAX + 63);
	big[HTTP_LINE_MAX + 63] = '\0';
	expect_bad(big, -EBADMSG, "status line too long");
	memcpy(big, "HTTP/1.1 200 OK\r\nX: ", 20);
	expect_bad(big, -EBADMSG, "header line too long");
	/* many headers */
	strcpy(many, "HTTP/1.1 200 OK\r\n");
	for (int i = 0; i < HTTP_HEADERS_MAX + 2; i++)
		strcat(many, "X-Many: header\r\n");
	expect_bad(many, -EBADMSG, "too many header lines");
	/* a head not finished yet: more needed, all taken */
	assert_int_equal(parse_all("HTTP/1.1 200 OK\r\nA: b\r\n", &r, &used, &why), 0);
	assert_int_equal(used, 23);
	free(big);
	free(many);
}

/** A body collected by a test sink */
struct sink {
	char data[256];             /**< what arrived */
	size_t len;                 /**< its length */
};

/** Test body sink: append to a struct sink; -ENOSPC when full */
static int sink_fn(void *ctx, const void *data, size_t len)
{
	struct sink *s = ctx;

	if (s->len + len > sizeof(s->data))
		return -ENOSPC;
	memcpy(s->data + s->len, data, len);
	s->len += len;
	return 0;
}

/** Decode @p text whole and byte by byte; returns the whole call's result */
static int chunked_all(const char *text, size_t len, struct sink *s,
		       const char **why, int *done)
{
	struct http_chunked c, c1;
	struct sink s1 = { .len = 0 };
	int rc, rc1 = 0;
	size_t i;

	http_chunked_init(&c);
	s->len = 0;
	rc = http_chunked_feed(&c, text, len, sink_fn, s);
	*why = c.why;
	*done = http_chunked_done(&c);
	http_chunked_init(&c1);
	for (i = 0; i < len && rc1 >= 0 && !http_chunked_done(&c1); i++)
		rc1 = http_chunked_feed(&c1, text + i, 1, sink_fn, &s1);
	assert_int_equal(rc1 < 0, rc < 0);
	if (rc >= 0) {
		assert_int_equal(s1.len, s->len);
		assert_memory_equal(s1.data, s->data, s->len);
	}
	return rc;
}

/** Chunked bodies: sizes in any case, extensions, trailers, bytes after the end */
static void test_chunked(void **state)
{
	static const char body[] = "5\r\nhello\r\n1;name=\"v\"\r\n \r\n"
		"A  \r\n0123456789\r\n0\r\nX-T: 1\r\nY: 2\r\n\r\nNEXT";
	struct sink s;
	const char *why;
	int done;

	(void)state;
	assert_int_equal(chunked_all(body, sizeof(body) - 1, &s, &why, &done),
			 (int)sizeof(body) - 5);
	assert_int_equal(done, 1);
	assert_int_equal(s.len, 16);
	assert_memory_equal(s.data, "hello 0123456789", 16);
	assert_int_equal(chunked_all("0\n\n", 3, &s, &why, &done), 3);
	assert_int_equal(done, 1);
	assert_int_equal(s.len, 0);
	/* missing final chunk: all taken, not done */
	assert_int_equal(chunked_all("3\r\nabc\r\n", 8, &s, &why, &done), 8);
	assert_int_equal(done, 0);
	/* the sink's error ends it */
	assert_int_equal(chunked_all("1ff\r\n", 5, &s, &why, &done), 5);
	{
		char long_chunk[600];
		struct http_chunked c;

		memset(long_chunk, 'z', sizeof(long_chunk));
		memcpy(long_chunk, "200\r\n", 5);
		http_chunked_init(&c);
		s.len = 0;
		assert_int_equal(http_chunked_feed(&c, long_chunk, sizeof(long_chunk),
						   sink_fn, &s), -ENOSPC);
	}
}

/** Expect chunked @p text to fail with @p why */
static void chunked_bad(const char *text, const char *why)
{
	struct sink s;
	const char *got;
	int done;

	assert_int_equal(chunked_all(text, strlen(text), &s, &got, &done), -EBADMSG);
	assert_string_equal(got, why);
}

/** Hostile chunked bodies */
static void test_chunked_hostile(void **state)
{
	char *ext = malloc(20000);

	(void)state;
	chunked_bad("\r\n", "malformed chunk size");
	chunked_bad("-5\r\n", "malformed chunk size");
	chunked_bad("5x\r\nhello\r\n", "malformed chunk size");
	chunked_bad("5 5\r\n", "malformed chunk size");
	chunked_bad("0x5\r\n", "malformed chunk size");
	chunked_bad("10000000000000000\r\n", "chunk size too large");
	chunked_bad("FFFFFFFFFFFFFFFFF\r\n", "chunk size too large");
	chunked_bad("3\r\nabcX\r\n", "no CRLF after chunk data");
	chunked_bad("3\r\nabc\rX", "no CRLF after chunk data");
	memset(ext, 'e', 19999);
	ext[19999] = '\0';
	memcpy(ext, "1;", 2);
	chunked_bad(ext, "chunk extensions too long");
	memcpy(ext, "0\r\nX: ", 6);
	chunked_bad(ext, "trailers too long");
	free(ext);
}

/** Content-Range values */
static void test_content_range(void **state)
{
	uint64_t a, b, t;

	(void)state;
	assert_int_equal(http_content_range("bytes 0-0/1", &a, &b, &t), 0);
	assert_true(a == 0 && b == 0 && t == 1);
	assert_int_equal(http_content_range("bytes 5-9/*", &a, &b, &t), 0);
	assert_true(a == 5 && b == 9 && t == 0);
	assert_int_equal(http_content_range("bytes 1-99999999999/100000000000", &a, &b, &t), 0);
	assert_true(b == 99999999999ULL);
	assert_int_equal(http_content_range("bytes 0-9/9", &a, &b, &t), -EBADMSG);
	assert_int_equal(http_content_range("bytes 9-0/10", &a, &b, &t), -EBADMSG);
	assert_int_equal(http_content_range("bytes */10", &a, &b, &t), -EBADMSG);
	assert_int_equal(http_content_range("bytes -1-2/10", &a, &b, &t), -EBADMSG);
	assert_int_equal(http_content_range("bytes 1-2/", &a, &b, &t), -EBADMSG);
	assert_int_equal(http_content_range("items 1-2/10", &a, &b, &t), -EBADMSG);
	assert_int_equal(http_content_range("bytes 1/2-3", &a, &b, &t), -EBADMSG);
	assert_int_equal(http_content_range("bytes 0-99999999999999999999/*", &a, &b, &t),
			 -EBADMSG);
}

/** Range answers: 206 with exactly the range asked for, else one reason */
static void test_range_check(void **state)
{
	struct http_response r = { .status = 206, .has_range = 1,
				   .range_first = 100, .range_last = 149,
				   .range_total = 1000, .has_length = 1,
				   .length = 50 };
	char why[96];

	(void)state;
	assert_int_equal(http_range_check(&r, 100, 50, why, sizeof(why)), 0);
	assert_int_equal(http_range_check(&r, 101, 50, why, sizeof(why)), -EPROTO);
	assert_string_equal(why, "206 for another range than bytes 101-150");
	assert_int_equal(http_range_check(&r, 100, 49, why, sizeof(why)), -EPROTO);
	r.length = 51;
	assert_int_equal(http_range_check(&r, 100, 50, why, sizeof(why)), -EPROTO);
	r.has_length = 0;
	assert_int_equal(http_range_check(&r, 100, 50, why, sizeof(why)), 0);
	r.has_range = 0;
	assert_int_equal(http_range_check(&r, 100, 50, why, sizeof(why)), -EPROTO);
	r.status = 200;
	assert_int_equal(http_range_check(&r, 100, 50, why, sizeof(why)), -ENOTSUP);
	assert_string_equal(why, "the server does not support Range requests (200 to a Range request)");
	r.status = 416;
	strcpy(r.reason, "Range Not Satisfiable");
	assert_int_equal(http_range_check(&r, 100, 50, why, sizeof(why)), -ERANGE);
	assert_string_equal(why, "416 Range Not Satisfiable");
}

/** HTTP disks: block size by name, capacity rounded up, the part of a read inside the file */
static void test_disk_geometry(void **state)
{
	(void)state;
	assert_int_equal(http_disk_block_size("/disk.img"), 512);
	assert_int_equal(http_disk_block_size("/media/debian.iso"), 2048);
	assert_int_equal(http_disk_block_size("/MEDIA.ISO"), 2048);
	assert_int_equal(http_disk_block_size("/.iso"), 2048);
	assert_int_equal(http_disk_block_size("/iso"), 512);
	assert_int_equal(http_disk_block_size("/x.iso/"), 512);
	assert_int_equal(http_disk_block_size("/x.iso.gz"), 512);
	assert_int_equal(http_disk_block_size("iso"), 512);
	assert_int_equal(http_disk_block_size(""), 512);

	assert_int_equal(http_disk_blocks(0, 512), 0);
	assert_int_equal(http_disk_blocks(1, 512), 1);
	assert_int_equal(http_disk_blocks(512, 512), 1);
	assert_int_equal(http_disk_blocks(513, 512), 2);
	assert_int_equal(http_disk_blocks(1000000, 2048), 489);
	assert_true(http_disk_blocks(UINT64_MAX, 512) == (UINT64_MAX >> 9) + 1);
	assert_true(http_disk_blocks(UINT64_MAX, 2048) == (UINT64_MAX >> 11) + 1);

	/* a 1000-byte file: blocks 0 and 1; block 1 holds 488 bytes, then zeros */
	assert_int_equal(http_disk_span(1000, 0, 512), 512);
	assert_int_equal(http_disk_span(1000, 512, 512), 488);
	assert_int_equal(http_disk_span(1000, 0, 1024), 1000);
	assert_int_equal(http_disk_span(1000, 999, 512), 1);
	assert_int_equal(http_disk_span(1000, 1000, 512), 0);
	assert_int_equal(http_disk_span(1000, 4096, 512), 0);
	assert_int_equal(http_disk_span(UINT64_MAX, UINT64_MAX - 1, 512), 1);
	assert_int_equal(http_disk_span(UINT64_MAX, 0, 131072), 131072);
}

/** Parameter lists: the form percent-encoded, headers apart, limits */
static void test_params_form(void **state)
{
	struct http_params *list;
	char form[64], headers[64];

	(void)state;
	assert_int_equal(http_params_create("t"), 0);
	list = http_params_find("t");
	assert_non_null(list);
	assert_null(http_params_find(NULL));
	assert_int_equal(http_params_add(list, "a b", "x&y=z", 0), 0);
	assert_int_equal(http_params_add(list, "X-H", "v 1", 1), 0);
	assert_int_equal(http_params_add(list, "e", "", 0), 0);
	assert_int_equal(http_params_add(list, "k", "v\r\nX: y", 0), -EINVAL);
	assert_int_equal(http_params_add(list, "X H", "v", 1), -EINVAL);
	assert_int_equal(http_params_form(list, form, sizeof(form), headers,
					  sizeof(headers)), 18);
	assert_string_equal(form, "a%20b=x%26y%3Dz&e=");
	assert_string_equal(headers, "X-H: v 1\r\n");
	assert_int_equal(http_params_form(list, form, 18, headers,
					  sizeof(headers)), -E2BIG);
	assert_int_equal(http_params_form(list, form, sizeof(form), headers, 8),
			 -E2BIG);
	assert_int_equal(http_params_create("t"), 0);   /* replaced: empty */
	assert_int_equal(http_params_form(http_params_find("t"), form,
					  sizeof(form), headers, sizeof(headers)), 0);
	http_params_delete(http_params_find("t"));
	assert_null(http_params_find("t"));
}

/** RFC 7616 section 3.9.1's examples: MD5 and SHA-256 */
static void test_digest_rfc7616(void **state)
{
	struct http_digest d = {
		.user = "Mufasa", .password = "Circle of Life",
		.realm = "http-auth@example.org",
		.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
		.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
		.nc = "00000001", .qop = "auth", .method = "GET",
		.uri = "/dir/index.html",
	};
	char hex[65];

	(void)state;
	http_digest_response(&d, hex);
	assert_string_equal(hex, "8ca523f5e9506fed4657c9700eebdbec");
	d.sha256 = 1;
	http_digest_response(&d, hex);
	assert_string_equal(hex, "753927fa0e85d155564e2e272a28d180"
			    "2ca10daf4496794697cf8db5856cb6c1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_head),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_chunked),
		cmocka_unit_test(test_chunked_hostile),
		cmocka_unit_test(test_content_range),
		cmocka_unit_test(test_range_check),
		cmocka_unit_test(test_disk_geometry),
		cmocka_unit_test(test_params_form),
		cmocka_unit_test(test_digest_rfc7616),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
