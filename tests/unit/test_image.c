/** @file Unit tests for images (src/image): URIs, relative names, the download buffer, the image commands, formats. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>
#include <lwpxe/image.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include "platform_stub.h"

/* ---- a fake protocol: test://HOST/NAME serves files from a table ---- */

/** A file the fake server holds */
struct test_file {
	const char *path;       /**< path in the URI */
	const char *data;       /**< contents */
	size_t len;             /**< their length; 0: up to the first NUL */
};

/** "FAKE kernel" gzipped (level 9, no time), as a zlib stream, and gzipped with its CRC-32 wrong */
#define TEST_GZ "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x73\x73\xf4\x76\x55\xc8" \
	"\x4e\x2d\xca\x4b\xcd\x01\x00\x19\x5d\x15\x3a\x0b\x00\x00\x00"
#define TEST_Z "\x78\xda\x73\x73\xf4\x76\x55\xc8\x4e\x2d\xca\x4b\xcd\x01\x00\x14" \
	"\x05\x03\xb9"
#define TEST_BAD_GZ "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x73\x73\xf4\x76\x55\xc8" \
	"\x4e\x2d\xca\x4b\xcd\x01\x00\x18\x5d\x15\x3a\x0b\x00\x00\x00"

static const struct test_file test_files[] = {
	{ "/vmlinuz.gz", TEST_GZ, sizeof(TEST_GZ) - 1 },
	{ "/vmlinuz.z", TEST_Z, sizeof(TEST_Z) - 1 },
	{ "/bad.gz", TEST_BAD_GZ, sizeof(TEST_BAD_GZ) - 1 },
	{ "/vmlinuz", "FAKE kernel", 0 },
	{ "/initrd.img", "cpio data", 0 },
	{ "/other.img", "more data", 0 },
	{ "/boot.ipxe", "#!ipxe\necho script-ran ${test-var}\n", 0 },
	{ "/fails.ipxe", "#!ipxe\nimgfree\nexit 3\n", 0 },
	{ "/dir/file%20name", "decoded?", 0 },
	{ "/dir/file name", "decoded", 0 },
	{ "/self.ipxe", "#!ipxe\nchain test://h/self.ipxe || echo unwound\n", 0 },
	{ "/dir/rel.ipxe", "#!ipxe\nimgfetch file%20name\nsha256sum file%20name\n", 0 },
};

/** Requests the fake server saw, the last URI host */
static unsigned int test_requests;
static char test_last_host[256];

/** Size of the generated files /sized and /unsized */
#define TEST_BIG_LEN (4u << 20)

/** Byte @p i of the generated files */
static unsigned char test_big_byte(size_t i)
{
	return (unsigned char)(i * 13 + i / 4093);
}

/**
 * Serve the generated file in 1460-byte pieces, as TCP would, announcing
 * its size first if @p announce
 */
static int test_fetch_big(struct fetch_buf *buf, int announce)
{
	unsigned char piece[1460];

	if (announce)
		buf->expected = TEST_BIG_LEN;
	for (size_t off = 0; off < TEST_BIG_LEN; off += sizeof(piece)) {
		size_t n = MIN(sizeof(piece), TEST_BIG_LEN - off);
		int rc;

		for (size_t i = 0; i < n; i++)
			piece[i] = test_big_byte(off + i);
		rc = fetch_buf_append(buf, piece, n);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/**
 * Serve 142000 bytes of announced size: 1000, then after 1.1 s 70000,
 * then at once the rest (one progress line, taken back by the final one)
 */
static int test_fetch_slow(struct fetch_buf *buf)
{
	static const unsigned char zeros[71000];

	buf->expected = 142000;
	assert_int_equal(fetch_buf_append(buf, zeros, 1000), 0);
	usleep(1100 * 1000);
	assert_int_equal(fetch_buf_append(buf, zeros, 70000), 0);
	return fetch_buf_append(buf, zeros, 71000);
}

/** Serve @p u's path (%XX decoded, as TFTP does) from test_files; "file not found" if absent */
static int test_fetch(const char *uri, const struct uri *u,
		      struct fetch_buf *buf, char *why, size_t why_len)
{
	char path[sizeof(u->path)];

	(void)uri;
	test_requests++;
	snprintf(test_last_host, sizeof(test_last_host), "%s", u->host);
	assert_int_equal(uri_decode(u->path, path, sizeof(path)), 0);
	if (strcmp(path, "/sized") == 0 || strcmp(path, "/unsized") == 0)
		return test_fetch_big(buf, path[1] == 's');
	if (strcmp(path, "/slow") == 0)
		return test_fetch_slow(buf);
	for (size_t i = 0; i < sizeof(test_files) / sizeof(test_files[0]); i++) {
		if (strcmp(test_files[i].path, path) == 0)
			return fetch_buf_append(buf, test_files[i].data,
						test_files[i].len ? test_files[i].len :
						strlen(test_files[i].data));
	}
	snprintf(why, why_len, "file not found");
	return -ENOENT;
}

static const struct fetch_protocol test_protocol = {
	.scheme = "test",
	.fetch = test_fetch,
};
FETCH_PROTOCOL(test_protocol);

/* ---- a fake format: images starting "FAKE"; and a fallback ---- */

/** What the fake format was asked to start */
static struct {
	unsigned int calls;         /**< exec calls */
	char name[IMAGE_NAME_LEN];  /**< image started */
	char cmdline[128];          /**< its command line */
	char others[128];           /**< names of the other images, space-separated */
	int rc;                     /**< what exec returns */
} started;

/** 0 for images that start with "FAKE" */
static int fake_probe(const struct image *image)
{
	return image->len >= 4 && memcmp(image->data, "FAKE", 4) == 0 ?
		0 : -ENOEXEC;
}

/** Record the start and the other images in the list */
static int fake_exec(const char *who, struct image *image)
{
	(void)who;
	started.calls++;
	snprintf(started.name, sizeof(started.name), "%s", image->name);
	snprintf(started.cmdline, sizeof(started.cmdline), "%s",
		 image->cmdline ? image->cmdline : "(none)");
	started.others[0] = '\0';
	for (struct image *i = image_first(); i; i = i->next) {
		if (i == image)
			continue;
		strcat(started.others, i->name);
		strcat(started.others, " ");
	}
	return started.rc;
}

static const struct image_type fake_type = {
	.name = "fake",
	.probe = fake_probe,
	.exec = fake_exec,
};
IMAGE_TYPE(fake_type);

/** The fallback claims images named *.0, but only after the others */
static int nbp_probe(const struct image *image)
{
	size_t n = strlen(image->name);

	return n > 2 && strcmp(image->name + n - 2, ".0") == 0 ? 0 : -ENOEXEC;
}

/** Never started in these tests */
static int nbp_exec(const char *who, struct image *image)
{
	(void)who;
	(void)image;
	return -ENOTSUP;
}

static const struct image_type nbp_type = {
	.name = "nbp",
	.fallback = 1,
	.probe = nbp_probe,
	.exec = nbp_exec,
};
IMAGE_TYPE(nbp_type);

/* ---- helpers ---- */

/** Free every image, forget calls and output, clear next-server */
static int setup(void **state)
{
	(void)state;
	while (image_first())
		image_free(image_first());
	memset(&started, 0, sizeof(started));
	test_requests = 0;
	settings_clear("next-server");
	stub_console_reset();
	return 0;
}

/** Run command line @p line with fresh output capture; its status */
static int cmd(const char *line)
{
	stub_console_reset();
	return system_cmd(line);
}

/* ---- URIs ---- */

/** Names without a scheme are fetched from next-server over TFTP */
static void test_resolve(void **state)
{
	char uri[64];

	(void)state;
	assert_int_equal(fetch_resolve("tftp://a/b", uri, sizeof(uri)), 0);
	assert_string_equal(uri, "tftp://a/b");
	assert_int_equal(fetch_resolve("vmlinuz", uri, sizeof(uri)), -ENOENT);
	assert_int_equal(settings_store_text("next-server", "0.0.0.0"), 0);
	assert_int_equal(fetch_resolve("vmlinuz", uri, sizeof(uri)), -ENOENT);
	assert_int_equal(settings_store_text("next-server", "10.0.2.4"), 0);
	assert_int_equal(fetch_resolve("vmlinuz", uri, sizeof(uri)), 0);
	assert_string_equal(uri, "tftp://10.0.2.4/vmlinuz");
	assert_int_equal(fetch_resolve("/boot/x.0", uri, sizeof(uri)), 0);
	assert_string_equal(uri, "tftp://10.0.2.4/boot/x.0");
	assert_int_equal(fetch_resolve("a-name-much-too-long-for-the-buffer-given-here-to-hold-it",
				       uri, sizeof(uri)), -ENAMETOOLONG);
}

/** In a fetched script, relative names mean files beside it */
static void test_resolve_script_base(void **state)
{
	char uri[64];

	(void)state;
	assert_int_equal(settings_store_text("next-server", "10.0.2.4"), 0);
	assert_null(fetch_set_base(strdup("http://h:81/dir/boot.ipxe?x=1")));
	assert_true(fetch_have_base());
	assert_int_equal(fetch_resolve("vmlinuz", uri, sizeof(uri)), 0);
	assert_string_equal(uri, "http://h:81/dir/vmlinuz");
	assert_int_equal(fetch_resolve("../x/initrd.img", uri, sizeof(uri)), 0);
	assert_string_equal(uri, "http://h:81/x/initrd.img");
	assert_int_equal(fetch_resolve("/top", uri, sizeof(uri)), 0);
	assert_string_equal(uri, "http://h:81/top");
	free(fetch_set_base(NULL));
	assert_int_equal(fetch_resolve("vmlinuz", uri, sizeof(uri)), 0);
	assert_string_equal(uri, "tftp://10.0.2.4/vmlinuz");
}

/** A script fetched by URI runs with its URI as the base, and the outer base comes back after */
static void test_script_base(void **state)
{
	(void)state;
	assert_int_equal(cmd("chain test://h/dir/rel.ipxe"), 0);
	assert_string_equal(test_last_host, "h");
	/* printf 'decoded' | sha256sum: tftp-style decoding of file%20name */
	assert_non_null(strstr(stub_console_output(), "174985e4dd3b2df2a316"));
	assert_int_equal(fetch_have_base(), 0);
}

/* ---- the buffer ---- */

/** Data appended in odd pieces across chunks comes back whole, in order */
static void test_buf(void **state)
{
	struct fetch_buf buf = { 0 };
	size_t total = 200000, off = 0, piece = 1;
	unsigned char *src = malloc(total), *got;

	(void)state;
	assert_non_null(src);
	for (size_t i = 0; i < total; i++)
		src[i] = (unsigned char)(i * 7 + i / 251);
	while (off < total) {
		size_t n = piece < total - off ? piece : total - off;

		assert_int_equal(fetch_buf_append(&buf, src + off, n), 0);
		off += n;
		piece = piece * 3 + 1;
	}
	assert_int_equal(buf.len, total);
	got = fetch_buf_take(&buf);
	assert_non_null(got);
	assert_memory_equal(got, src, total);
	assert_int_equal(buf.len, 0);
	assert_null(buf.head);
	free(got);
	got = fetch_buf_take(&buf);
	assert_non_null(got);
	free(got);
	free(src);
}

/* From ASan's allocator interface (GCC ships the library, not the header) */
int __sanitizer_install_malloc_and_free_hooks(
	void (*malloc_hook)(const volatile void *, size_t),
	void (*free_hook)(const volatile void *));
size_t __sanitizer_get_allocated_size(const volatile void *p);

/** Bytes allocated now and at most, counted by the sanitizer's hooks */
static size_t heap_now, heap_peak;

/** Sanitizer malloc hook: count @p size bytes more */
static void count_malloc(const volatile void *ptr, size_t size)
{
	(void)ptr;
	heap_now += size;
	if (heap_now > heap_peak)
		heap_peak = heap_now;
}

/** Sanitizer free hook: count the block's bytes less */
static void count_free(const volatile void *ptr)
{
	heap_now -= __sanitizer_get_allocated_size(ptr);
}

/** Peak heap use of fetching @p uri, above what was allocated before, and check the data */
static size_t fetch_peak(const char *uri)
{
	unsigned char *data;
	size_t len;

	heap_now = heap_peak = 0;
	assert_int_equal(fetch_uri("imgfetch", uri, (void **)&data, &len), 0);
	assert_int_equal(len, TEST_BIG_LEN);
	for (size_t i = 0; i < len; i++)
		if (data[i] != test_big_byte(i))
			fail_msg("byte %zu differs", i);
	free(data);
	return heap_peak;
}

/** A download of announced size peaks at about its size (one block, no join); unannounced ones still work */
static void test_buf_peak(void **state)
{
	size_t sized, unsized;

	(void)state;
	assert_int_equal(__sanitizer_install_malloc_and_free_hooks(count_malloc,
								   count_free), 1);
	sized = fetch_peak("test://srv/sized");
	unsized = fetch_peak("test://srv/unsized");
	assert_true(sized >= TEST_BIG_LEN);
	assert_true(sized < TEST_BIG_LEN + TEST_BIG_LEN / 16);
	/* the chunks and the block they are joined into: twice the size */
	assert_true(unsized > 2 * TEST_BIG_LEN - TEST_BIG_LEN / 16);
	__sanitizer_install_malloc_and_free_hooks(NULL, NULL);
}

/** A download past a second shows a progress line, which the final line replaces */
static void test_progress(void **state)
{
	const char *progress = "\rtest://srv/slow: 71000 bytes (50%), 0 MB/s";
	const char *out;
	char blank[64];

	(void)state;
	assert_int_equal(cmd("imgfetch test://srv/slow"), 0);
	out = stub_console_output();
	assert_memory_equal(out, progress, strlen(progress));
	out += strlen(progress);
	/* blanks over the whole line, then the final line from its start */
	snprintf(blank, sizeof(blank), "\r%*s\r", (int)strlen(progress) - 1, "");
	assert_memory_equal(out, blank, strlen(blank));
	out += strlen(blank);
	assert_memory_equal(out, "test://srv/slow: ok, 142000 bytes in 1.", 39);
	assert_non_null(strstr(out, " s (0 MB/s)\n"));
	assert_null(strchr(out, '\r'));
	/* quick downloads show none */
	assert_int_equal(cmd("imgfetch test://srv/vmlinuz"), 0);
	assert_null(strchr(stub_console_output(), '\r'));
}

/* ---- commands ---- */

/** imgfetch/kernel/initrd fill the list; imgstat shows sizes, formats, selection, command lines */
static void test_fetch_commands(void **state)
{
	(void)state;
	assert_int_equal(cmd("kernel test://srv/vmlinuz console=ttyS0 quiet"), 0);
	assert_non_null(strstr(stub_console_output(),
			       "test://srv/vmlinuz: ok, 11 bytes in "));
	assert_int_equal(cmd("initrd test://srv/initrd.img"), 0);
	assert_int_equal(cmd("imgfetch --name extra test://srv/other.img a=b"), 0);
	assert_int_equal(cmd("module test://srv/boot.ipxe"), 0);
	assert_int_equal(cmd("imgstat"), 0);
	assert_string_equal(stub_console_output(),
			    "vmlinuz: 11 bytes [fake] [selected] \"console=ttyS0 quiet\"\n"
			    "initrd.img: 9 bytes [unknown format]\n"
			    "extra: 9 bytes [unknown format] \"a=b\"\n"
			    "boot.ipxe: 35 bytes [script]\n");
	assert_string_equal(image_selected()->name, "vmlinuz");
	assert_memory_equal(image_find("initrd.img")->data, "cpio data", 9);
	assert_string_equal(image_find("extra")->uri, "test://srv/other.img");
	assert_string_equal(test_last_host, "srv");
}

/** A second image of the same name replaces the first; imgfree frees one or all */
static void test_replace_free(void **state)
{
	(void)state;
	assert_int_equal(cmd("imgfetch --name x test://h/initrd.img"), 0);
	assert_int_equal(cmd("imgfetch -n x test://h/vmlinuz"), 0);
	assert_int_equal(cmd("imgfetch test://h/other.img"), 0);
	assert_int_equal(cmd("imgstat x"), 0);
	assert_string_equal(stub_console_output(), "x: 11 bytes [fake]\n");
	assert_int_equal(cmd("imgfree x"), 0);
	assert_null(image_find("x"));
	assert_non_null(image_find("other.img"));
	assert_int_equal(cmd("imgfree x"), -ENOENT);
	assert_string_equal(stub_console_output(), "imgfree: x: no such image\n");
	assert_int_equal(cmd("imgfree"), 0);
	assert_null(image_first());
}

/** Failures are one line: missing file, bad URI, no next-server, no operand */
static void test_fetch_failures(void **state)
{
	(void)state;
	assert_int_equal(cmd("kernel test://10.0.2.2/missing"), -ENOENT);
	assert_string_equal(stub_console_output(),
			    "kernel: test://10.0.2.2/missing: file not found\n");
	assert_int_equal(cmd("initrd vmlinuz"), -ENOENT);
	assert_string_equal(stub_console_output(),
			    "initrd: vmlinuz: not a URI, and no next-server or script URI to fetch it from\n");
	assert_int_equal(cmd("imgfetch test:/x"), -EINVAL);
	assert_string_equal(stub_console_output(),
			    "imgfetch: test:/x: not a URI of the form scheme://server/path\n");
	assert_int_equal(cmd("imgfetch test://h:99999/x"), -EINVAL);
	assert_string_equal(stub_console_output(),
			    "imgfetch: test://h:99999/x: malformed URI (Invalid argument)\n");
	assert_int_equal(cmd("imgfetch"), -EINVAL);
	assert_string_equal(stub_console_output(),
			    "Usage: imgfetch [--name N] [--timeout MS] uri [args...]\n");
	assert_null(image_first());
	assert_int_equal(test_requests, 1);
}

/** A relative name goes to next-server with TFTP (no interface is up here) */
static void test_relative_name(void **state)
{
	(void)state;
	assert_int_equal(settings_store_text("next-server", "10.0.2.9"), 0);
	assert_int_equal(cmd("imgfetch pxelinux.0"), -ENETUNREACH);
	assert_string_equal(stub_console_output(),
			    "imgfetch: tftp://10.0.2.9/pxelinux.0: Network is unreachable\n");
}

/** boot starts the selected image with the other images beside it */
static void test_boot_selected(void **state)
{
	(void)state;
	assert_int_equal(cmd("initrd test://h/initrd.img"), 0);
	assert_int_equal(cmd("kernel test://h/vmlinuz root=/dev/ram0"), 0);
	assert_int_equal(cmd("initrd test://h/other.img"), 0);
	started.rc = -EIO;
	assert_int_equal(cmd("boot"), -EIO);
	assert_int_equal(started.calls, 1);
	assert_string_equal(started.name, "vmlinuz");
	assert_string_equal(started.cmdline, "root=/dev/ram0");
	assert_string_equal(started.others, "initrd.img other.img ");
	started.rc = 0;
	assert_int_equal(cmd("imgexec initrd.img"), -ENOEXEC);
	/* the formats in table order, which the linker picks */
	assert_non_null(strstr(stub_console_output(),
			       "imgexec: initrd.img: not an image unit-test can start (it starts: "));
	assert_non_null(strstr(stub_console_output(), "script"));
	assert_non_null(strstr(stub_console_output(), "fake"));
	assert_non_null(strstr(stub_console_output(), "nbp)\n") ||
			strstr(stub_console_output(), "nbp, "));
	assert_int_equal(started.calls, 1);
}

/** chain fetches, starts, and frees an image that returns; it stays out of the list */
static void test_chain_uri(void **state)
{
	(void)state;
	assert_int_equal(cmd("initrd test://h/initrd.img"), 0);
	assert_int_equal(cmd("chain test://h/vmlinuz a b"), 0);
	assert_int_equal(started.calls, 1);
	assert_string_equal(started.cmdline, "a b");
	assert_string_equal(started.others, "initrd.img ");
	assert_null(image_find("vmlinuz"));
	assert_int_equal(cmd("chain test://h/other.img"), -ENOEXEC);
	assert_null(image_find("other.img"));
}

/** A chained script runs; it may free every image, its own status comes back */
static void test_chain_script(void **state)
{
	(void)state;
	assert_int_equal(settings_store_text("test-var", "42"), 0);
	assert_int_equal(cmd("chain test://h/boot.ipxe"), 0);
	assert_non_null(strstr(stub_console_output(), "script-ran 42\n"));
	assert_int_equal(cmd("imgfetch test://h/other.img"), 0);
	assert_int_equal(cmd("chain test://h/fails.ipxe"), -SCRIPT_EXIT_BASE - 3);
	assert_null(image_first());
	settings_clear("test-var");
}

/**
 * A script that chains itself stops at SCRIPT_NEST_MAX levels with one
 * line, and the innermost chain's || branch runs (no stack overflow)
 */
static void test_chain_self(void **state)
{
	char want[96];
	const char *out;

	(void)state;
	assert_int_equal(cmd("chain test://h/self.ipxe"), 0);
	out = stub_console_output();
	snprintf(want, sizeof(want), "self.ipxe: scripts nested more than %d "
		 "deep (does one chain itself?)\n", SCRIPT_NEST_MAX);
	assert_non_null(strstr(out, want));
	assert_null(strstr(strstr(out, want) + strlen(want), "nested"));
	assert_non_null(strstr(out, "\nunwound\n"));
	assert_int_equal(test_requests, SCRIPT_NEST_MAX + 1);
}

/** imgargs replaces an image's command line, or clears it; unknown names and no name fail */
static void test_imgargs(void **state)
{
	(void)state;
	assert_int_equal(cmd("kernel test://h/vmlinuz console=ttyS0"), 0);
	assert_int_equal(cmd("imgargs vmlinuz root=/dev/ram0 quiet"), 0);
	assert_string_equal(image_find("vmlinuz")->cmdline, "root=/dev/ram0 quiet");
	assert_int_equal(cmd("boot"), 0);
	assert_string_equal(started.cmdline, "root=/dev/ram0 quiet");
	assert_int_equal(cmd("imgargs vmlinuz"), 0);
	assert_null(image_find("vmlinuz")->cmdline);
	assert_int_equal(cmd("imgargs nosuch a"), -ENOENT);
	assert_string_equal(stub_console_output(), "imgargs: nosuch: no such image\n");
	assert_int_equal(cmd("imgargs"), -EINVAL);
	assert_string_equal(stub_console_output(), "Usage: imgargs name [args...]\n");
}

/** boot --autofree frees the image it started; plain boot keeps it */
static void test_autofree(void **state)
{
	(void)state;
	assert_int_equal(cmd("kernel test://h/vmlinuz"), 0);
	assert_int_equal(cmd("boot"), 0);
	assert_non_null(image_find("vmlinuz"));
	started.rc = -EIO;
	assert_int_equal(cmd("boot --autofree"), -EIO);
	assert_int_equal(started.calls, 2);
	assert_null(image_find("vmlinuz"));
	started.rc = 0;
	assert_int_equal(cmd("chain -a test://h/vmlinuz x"), 0);
	assert_string_equal(started.cmdline, "x");
	assert_null(image_first());
}

/** chain --replace ends the calling script with the image's status; without it the script goes on */
static void test_replace(void **state)
{
	static const char script[] =
		"#!ipxe\nchain test://h/vmlinuz || echo after-failure\n"
		"chain --replace test://h/vmlinuz || echo not-reached\n"
		"echo not-reached-either\n";

	(void)state;
	started.rc = -EIO;
	stub_console_reset();
	assert_int_equal(script_run("t", script, strlen(script)), -EIO);
	assert_int_equal(started.calls, 2);
	assert_non_null(strstr(stub_console_output(), "after-failure\n"));
	assert_null(strstr(stub_console_output(), "not-reached"));
	started.rc = 0;
	stub_console_reset();
	assert_int_equal(script_run("t", script, strlen(script)), 0);
	assert_int_equal(started.calls, 4);
	assert_null(strstr(stub_console_output(), "not-reached"));
}

/**
 * boot of a gzipped kernel starts what it holds, named without ".gz",
 * with the archive's command line; the archive is no initrd of it, is
 * back in the list afterwards and the unpacked kernel is not
 */
static void test_archive_boot(void **state)
{
	(void)state;
	assert_int_equal(cmd("kernel test://h/vmlinuz.gz root=/dev/ram0"), 0);
	assert_int_equal(cmd("initrd test://h/initrd.img"), 0);
	assert_string_equal(image_probe(image_find("vmlinuz.gz"))->name, "gzip");
	started.rc = -EIO;
	assert_int_equal(cmd("boot"), -EIO);
	assert_int_equal(started.calls, 1);
	assert_string_equal(started.name, "vmlinuz");
	assert_string_equal(started.cmdline, "root=/dev/ram0");
	assert_string_equal(started.others, "initrd.img ");
	assert_null(image_find("vmlinuz"));
	assert_true(image_find("vmlinuz.gz")->selected);
	assert_string_equal(image_first()->name, "initrd.img");
	started.rc = 0;
	assert_int_equal(cmd("imgargs vmlinuz.gz quiet"), 0);
	assert_int_equal(cmd("imgexec vmlinuz.gz"), 0);
	assert_string_equal(started.cmdline, "quiet");
	assert_int_equal(cmd("boot --autofree"), 0);
	assert_int_equal(started.calls, 3);
	assert_null(image_find("vmlinuz.gz"));
}

/** chain of a zlib stream starts what it holds with chain's arguments; nothing stays in the list */
static void test_archive_chain(void **state)
{
	(void)state;
	assert_int_equal(cmd("chain test://h/vmlinuz.z a b"), 0);
	assert_int_equal(started.calls, 1);
	assert_string_equal(started.name, "vmlinuz");
	assert_string_equal(started.cmdline, "a b");
	assert_string_equal(started.others, "");
	assert_null(image_first());
}

/** A damaged archive is one line naming it and the cause; chain --replace leaves the script running */
static void test_archive_damaged(void **state)
{
	static const char script[] =
		"#!ipxe\nchain --replace test://h/bad.gz || echo refused\n"
		"echo goes-on\n";

	(void)state;
	assert_int_equal(cmd("chain test://h/bad.gz"), -EBADMSG);
	assert_non_null(strstr(stub_console_output(), " MB/s)\nchain: bad.gz: the "
			       "CRC-32 in its trailer does not match\n"));
	stub_console_reset();
	assert_int_equal(script_run("t", script, strlen(script)), 0);
	assert_non_null(strstr(stub_console_output(), "refused\ngoes-on\n"));
	assert_int_equal(started.calls, 0);
}

/** Under imgtrust an archive starts only if verified, and what it holds is then verified too */
static void test_archive_trust(void **state)
{
	(void)state;
	assert_int_equal(cmd("kernel test://h/vmlinuz.gz"), 0);
	assert_int_equal(image_trust_require(1, 0), 0);
	assert_int_equal(cmd("boot"), -EACCES);
	assert_int_equal(started.calls, 0);
	image_find("vmlinuz.gz")->verified = 1;
	assert_int_equal(cmd("boot"), 0);
	assert_int_equal(started.calls, 1);
	assert_int_equal(image_trust_require(0, 0), 0);
}

/** A fallback format claims only what no other format claims */
static void test_fallback(void **state)
{
	struct image image = { .name = "pxelinux.0", .data = "FAKE", .len = 4 };

	(void)state;
	assert_string_equal(image_probe(&image)->name, "fake");
	image.data = "xxxx";
	assert_string_equal(image_probe(&image)->name, "nbp");
	snprintf(image.name, sizeof(image.name), "x.bin");
	assert_null(image_probe(&image));
}

/** sha256sum and md5sum print like the coreutils tools */
static void test_digests(void **state)
{
	(void)state;
	assert_int_equal(cmd("imgfetch test://h/dir/file%20name"), 0);
	assert_string_equal(image_first()->name, "file%20name");
	assert_int_equal(cmd("sha256sum file%20name"), 0);
	/* printf 'decoded' | sha256sum */
	assert_string_equal(stub_console_output(),
			    "174985e4dd3b2df2a316acc62b781b8712734467cc92f94ddccc6530acb14f1e  file%20name\n");
	assert_int_equal(cmd("md5sum file%20name"), 0);
	assert_string_equal(stub_console_output(),
			    "ad05458423e19c1ff1f3c0237f8cfbed  file%20name\n");
	assert_int_equal(cmd("sha256sum nosuch"), -ENOENT);
	assert_string_equal(stub_console_output(),
			    "sha256sum: nosuch: no such image\n");
}

/** ${secureboot} as text, "unset" if it has no value */
static const char *secureboot_text(void)
{
	static char text[8];

	if (settings_fetch_text("secureboot", text, sizeof(text)) < 0)
		return "unset";
	return text;
}

/**
 * `shim`: skipped (nothing fetched) without Secure Boot; under it the
 * image fetched, or named, becomes the shim (one at a time), a failed
 * fetch goes to ||, no operand forgets it, imgfree takes it; ${secureboot}
 */
static void test_shim(void **state)
{
	(void)state;
	assert_string_equal(secureboot_text(), "unset");
	stub_secure_boot_set(0);
	assert_string_equal(secureboot_text(), "0");
	assert_int_equal(cmd("shim test://h/vmlinuz"), 0);
	assert_string_equal(stub_console_output(),
			    "shim: test://h/vmlinuz skipped: UEFI Secure Boot is off, no shim is needed\n");
	assert_int_equal(test_requests, 0);
	assert_null(image_first());

	stub_secure_boot_set(1);
	assert_string_equal(secureboot_text(), "1");
	assert_int_equal(cmd("shim --timeout 5000 test://h/vmlinuz"), 0);
	assert_non_null(strstr(stub_console_output(),
			       "shim: vmlinuz: EFI programs the firmware refuses (UEFI Secure Boot) will start through it\n"));
	assert_int_equal(test_requests, 1);
	assert_string_equal(image_shim()->name, "vmlinuz");
	assert_int_equal(image_shim()->shim, IMAGE_SHIM);         /* unlocked */
	assert_int_equal(cmd("imgfetch test://h/initrd.img"), 0);
	assert_int_equal(cmd("shim -l initrd.img"), 0);
	assert_int_equal(test_requests, 2);             /* named: not fetched again */
	assert_string_equal(image_shim()->name, "initrd.img");
	assert_int_equal(image_shim()->shim, IMAGE_SHIM | IMAGE_SHIM_REQUIRE_LOADER);
	assert_false(image_find("vmlinuz")->shim);
	assert_int_equal(cmd("shim test://h/nosuch.efi"), -ENOENT);
	assert_non_null(strstr(stub_console_output(), "file not found"));
	assert_string_equal(image_shim()->name, "initrd.img");
	assert_int_equal(cmd("shim"), 0);
	assert_null(image_shim());
	assert_int_equal(cmd("shim vmlinuz"), 0);
	assert_int_equal(cmd("imgfree vmlinuz"), 0);
	assert_null(image_shim());
	assert_int_equal(cmd("shim a b"), -EINVAL);
	stub_secure_boot_set(-ENOTSUP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_resolve, setup),
		cmocka_unit_test_setup(test_resolve_script_base, setup),
		cmocka_unit_test_setup(test_script_base, setup),
		cmocka_unit_test_setup(test_buf, setup),
		cmocka_unit_test_setup(test_buf_peak, setup),
		cmocka_unit_test_setup(test_progress, setup),
		cmocka_unit_test_setup(test_fetch_commands, setup),
		cmocka_unit_test_setup(test_replace_free, setup),
		cmocka_unit_test_setup(test_fetch_failures, setup),
		cmocka_unit_test_setup(test_relative_name, setup),
		cmocka_unit_test_setup(test_boot_selected, setup),
		cmocka_unit_test_setup(test_chain_uri, setup),
		cmocka_unit_test_setup(test_chain_script, setup),
		cmocka_unit_test_setup(test_chain_self, setup),
		cmocka_unit_test_setup(test_imgargs, setup),
		cmocka_unit_test_setup(test_autofree, setup),
		cmocka_unit_test_setup(test_replace, setup),
		cmocka_unit_test_setup(test_archive_boot, setup),
		cmocka_unit_test_setup(test_archive_chain, setup),
		cmocka_unit_test_setup(test_archive_damaged, setup),
		cmocka_unit_test_setup(test_archive_trust, setup),
		cmocka_unit_test_setup(test_fallback, setup),
		cmocka_unit_test_setup(test_digests, setup),
		cmocka_unit_test_setup(test_shim, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
