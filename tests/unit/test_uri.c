/** @file Unit tests for URIs (src/uri/uri.c): RFC 3986's examples and hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/uri.h>

/** Every part of a full URI lands in its field, decoded where it should be */
static void test_parse_parts(void **state)
{
	struct uri u;

	(void)state;
	assert_int_equal(uri_parse("HTTPS://us%40r:p%3Aw@Boot.Example:8443"
				   "/a/b%20c?x=1&y=%2F#frag", &u), 0);
	assert_string_equal(u.scheme, "https");
	assert_string_equal(u.user, "us@r");
	assert_string_equal(u.password, "p:w");
	assert_string_equal(u.host, "Boot.Example");
	assert_int_equal(u.port, 8443);
	assert_string_equal(u.path, "/a/b%20c");
	assert_string_equal(u.query, "x=1&y=%2F");
	assert_string_equal(u.fragment, "frag");
	assert_int_equal(u.flags, URI_HAS_AUTHORITY | URI_HAS_USER |
			 URI_HAS_PASSWORD | URI_HAS_QUERY | URI_HAS_FRAGMENT);
}

/** Opaque URIs (iSCSI root-paths), IPv6 literals, empty parts */
static void test_parse_forms(void **state)
{
	struct uri u;

	(void)state;
	assert_int_equal(uri_parse("iscsi:10.0.0.1::3260:0:iqn.2026-11.x:y", &u), 0);
	assert_string_equal(u.scheme, "iscsi");
	assert_string_equal(u.path, "10.0.0.1::3260:0:iqn.2026-11.x:y");
	assert_int_equal(u.flags, 0);

	assert_int_equal(uri_parse("http://[fe80::1]:8080/x", &u), 0);
	assert_string_equal(u.host, "fe80::1");
	assert_int_equal(u.port, 8080);

	assert_int_equal(uri_parse("http://h:/", &u), 0);
	assert_int_equal(u.port, 0);
	assert_int_equal(uri_parse("http://h?", &u), 0);
	assert_string_equal(u.path, "");
	assert_int_equal(u.flags, URI_HAS_AUTHORITY | URI_HAS_QUERY);

	assert_int_equal(uri_parse("boot.ipxe", &u), 0);
	assert_string_equal(u.scheme, "");
	assert_string_equal(u.path, "boot.ipxe");
	assert_int_equal(uri_parse("", &u), 0);
}

/** Malformed and oversized input is refused, never overrun */
static void test_parse_hostile(void **state)
{
	char *big = malloc(4 * URI_MAX);
	struct uri u;

	(void)state;
	assert_int_equal(uri_parse("http://h:65536/", &u), -EINVAL);
	assert_int_equal(uri_parse("http://h:8a/", &u), -EINVAL);
	assert_int_equal(uri_parse("http://[fe80::1/", &u), -EINVAL);
	assert_int_equal(uri_parse("http://[::1]x/", &u), -EINVAL);
	assert_int_equal(uri_parse("http://h/a\nb", &u), -EINVAL);
	assert_int_equal(uri_parse("averyveryverylongscheme://h/", &u),
			 -ENAMETOOLONG);
	/* %XX at the very end and broken escapes are kept as written */
	assert_int_equal(uri_parse("http://a%4/", &u), 0);
	assert_string_equal(u.host, "a%4");
	assert_int_equal(uri_parse("http://%zz%/", &u), 0);
	assert_string_equal(u.host, "%zz%");

	assert_non_null(big);
	memset(big, 'a', 4 * URI_MAX - 1);
	big[4 * URI_MAX - 1] = '\0';
	memcpy(big, "http://", 7);
	assert_int_equal(uri_parse(big, &u), -ENAMETOOLONG);
	memcpy(big, "http://h/", 9);
	assert_int_equal(uri_parse(big, &u), -ENAMETOOLONG);
	free(big);
}

/** Parsing then writing back gives the URI again (encoded userinfo, IPv6 brackets) */
static void test_unparse(void **state)
{
	static const char *const uris[] = {
		"http://a%40b:c%3Ad@h.example:81/p%20q?r=s#t",
		"http://[fe80::1]:8080/x",
		"iscsi:10.0.0.1::::iqn.x:y",
		"tftp://10.0.2.2/vmlinuz",
		"http://h?",
		"//h/p",
	};
	char buf[URI_MAX];
	struct uri u;

	(void)state;
	for (size_t i = 0; i < sizeof(uris) / sizeof(uris[0]); i++) {
		assert_int_equal(uri_parse(uris[i], &u), 0);
		assert_int_equal(uri_unparse(&u, buf, sizeof(buf)), 0);
		assert_string_equal(buf, uris[i]);
	}
	assert_int_equal(uri_parse(uris[0], &u), 0);
	assert_int_equal(uri_unparse(&u, buf, 10), -ENAMETOOLONG);
	assert_int_equal(strlen(buf) < 10, 1);
}

/** One resolution check: @p ref against RFC 3986's base gives @p want */
static void check_resolve(const char *ref, const char *want)
{
	char buf[URI_MAX];
	int rc = uri_resolve("http://a/b/c/d;p?q", ref, buf, sizeof(buf));

	if (rc != 0 || strcmp(buf, want) != 0)
		fail_msg("resolve \"%s\": got %d \"%s\", want \"%s\"", ref, rc,
			 rc == 0 ? buf : "", want);
}

/** RFC 3986 section 5.4.1: normal examples */
static void test_resolve_normal(void **state)
{
	(void)state;
	check_resolve("g:h", "g:h");
	check_resolve("g", "http://a/b/c/g");
	check_resolve("./g", "http://a/b/c/g");
	check_resolve("g/", "http://a/b/c/g/");
	check_resolve("/g", "http://a/g");
	check_resolve("//g", "http://g");
	check_resolve("?y", "http://a/b/c/d;p?y");
	check_resolve("g?y", "http://a/b/c/g?y");
	check_resolve("#s", "http://a/b/c/d;p?q#s");
	check_resolve("g#s", "http://a/b/c/g#s");
	check_resolve("g?y#s", "http://a/b/c/g?y#s");
	check_resolve(";x", "http://a/b/c/;x");
	check_resolve("g;x", "http://a/b/c/g;x");
	check_resolve("g;x?y#s", "http://a/b/c/g;x?y#s");
	check_resolve("", "http://a/b/c/d;p?q");
	check_resolve(".", "http://a/b/c/");
	check_resolve("./", "http://a/b/c/");
	check_resolve("..", "http://a/b/");
	check_resolve("../", "http://a/b/");
	check_resolve("../g", "http://a/b/g");
	check_resolve("../..", "http://a/");
	check_resolve("../../", "http://a/");
	check_resolve("../../g", "http://a/g");
}

/** RFC 3986 section 5.4.2: abnormal examples */
static void test_resolve_abnormal(void **state)
{
	(void)state;
	check_resolve("../../../g", "http://a/g");
	check_resolve("../../../../g", "http://a/g");
	check_resolve("/./g", "http://a/g");
	check_resolve("/../g", "http://a/g");
	check_resolve("g.", "http://a/b/c/g.");
	check_resolve(".g", "http://a/b/c/.g");
	check_resolve("g..", "http://a/b/c/g..");
	check_resolve("..g", "http://a/b/c/..g");
	check_resolve("./../g", "http://a/b/g");
	check_resolve("./g/.", "http://a/b/c/g/");
	check_resolve("g/./h", "http://a/b/c/g/h");
	check_resolve("g/../h", "http://a/b/c/h");
	check_resolve("g;x=1/./y", "http://a/b/c/g;x=1/y");
	check_resolve("g;x=1/../y", "http://a/b/c/y");
	check_resolve("g?y/./x", "http://a/b/c/g?y/./x");
	check_resolve("g?y/../x", "http://a/b/c/g?y/../x");
	check_resolve("g#s/./x", "http://a/b/c/g#s/./x");
	check_resolve("g#s/../x", "http://a/b/c/g#s/../x");
	check_resolve("http:g", "http:g");
}

/** Resolution against the bases lwpxe meets: scripts, servers without a path */
static void test_resolve_bases(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(uri_resolve("tftp://10.0.2.2/", "vmlinuz", buf,
				     sizeof(buf)), 0);
	assert_string_equal(buf, "tftp://10.0.2.2/vmlinuz");
	assert_int_equal(uri_resolve("http://u:p@h:81/dir/boot.ipxe",
				     "initrd.img", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "http://u:p@h:81/dir/initrd.img");
	assert_int_equal(uri_resolve("http://h", "x", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "http://h/x");
	assert_int_equal(uri_resolve("relative/base", "x", buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(uri_resolve("http://h/", "a-long-name-that-does-"
				     "not-fit-in-the-buffer-given-to-it", buf,
				     sizeof(buf)), -ENAMETOOLONG);
}

/** Percent-encoding keeps only the unreserved characters; decoding undoes it */
static void test_encode_decode(void **state)
{
	static const unsigned char raw[] = "a Z0-._~/?#[]@!$&'()*+,;=%\x01\xff";
	static const char want[] = "a%20Z0-._~%2F%3F%23%5B%5D%40%21%24%26%27"
				   "%28%29%2A%2B%2C%3B%3D%25%01%FF";
	char enc[128], dec[64];

	(void)state;
	assert_int_equal(uri_encode(raw, sizeof(raw) - 1, enc, sizeof(enc)),
			 (int)strlen(want));
	assert_string_equal(enc, want);
	assert_int_equal(uri_decode(enc, dec, sizeof(dec)), 0);
	assert_memory_equal(dec, raw, sizeof(raw));
	assert_int_equal(uri_encode("a b", 3, enc, 5), -ENAMETOOLONG);
	assert_int_equal(uri_encode("a b", 3, enc, 6), 5);
	assert_int_equal(uri_encode("", 0, enc, 0), -ENAMETOOLONG);
	assert_int_equal(uri_decode("abc", dec, 3), -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_parts),
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_unparse),
		cmocka_unit_test(test_resolve_normal),
		cmocka_unit_test(test_resolve_abnormal),
		cmocka_unit_test(test_resolve_bases),
		cmocka_unit_test(test_encode_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
