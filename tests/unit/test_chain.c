/** @file Unit tests for `chain` and `boot` (src/image/chain_cmd.c): options, SAN paths, refusals, the platform call. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/san.h>
#include "platform_stub.h"

/** What the platform was asked to start */
static struct {
	unsigned int calls;        /**< image_platform_chain() calls */
	unsigned int drive;        /**< drive number of the last call */
	char path[256];            /**< path of the last call */
	int rc;                    /**< what the next call returns */
} chained;

/** Record the call instead of starting anything; return the test's status */
int image_platform_chain(struct san_drive *drive, const char *path)
{
	chained.calls++;
	chained.drive = drive->number;
	snprintf(chained.path, sizeof(chained.path), "%s", path);
	return chained.rc;
}

/** Ignore requests: `chain` never reads the disk itself */
static int mem_submit(struct blockdev *dev, struct block_request *req)
{
	(void)dev;
	req->rc = -EIO;
	req->done = 1;
	return 0;
}

/** Nothing to describe: the drive stays out of the iBFT */
static int mem_describe(struct blockdev *dev, struct san_description *desc)
{
	(void)dev;
	(void)desc;
	return -ENOTSUP;
}

/** Free the device */
static void mem_close(struct blockdev *dev)
{
	free(dev);
}

static const struct blockdev_operations mem_ops = {
	.submit = mem_submit,
	.describe = mem_describe,
	.close = mem_close,
};

/** Open "mem:NAME": 2048 blocks of 512 bytes */
static int mem_open(const char *uri, struct blockdev **dev)
{
	struct blockdev *d = calloc(1, sizeof(*d));

	assert_non_null(d);
	d->op = &mem_ops;
	d->blocks = 2048;
	d->block_size = 512;
	d->max_blocks = 64;
	snprintf(d->name, sizeof(d->name), "%s", uri);
	*dev = d;
	return 0;
}

static const struct san_protocol mem_protocol = {
	.scheme = "mem",
	.open = mem_open,
};
SAN_PROTOCOL(mem_protocol);

/** Hook "mem:disk" as drive @p number */
static void hook(int number)
{
	const char *uris[] = { "mem:disk" };

	assert_int_equal(san_hook(uris, 1, number, SAN_NO_DESCRIBE), number);
}

/** Unhook everything and forget earlier calls */
static int setup(void **state)
{
	(void)state;
	while (san_drives())
		san_unhook(san_drives()->number);
	memset(&chained, 0, sizeof(chained));
	stub_console_reset();
	return 0;
}

/** Run `WORDS...` (NULL-terminated) and return its status */
static int run(const char *first, ...)
{
	char *words[8];
	unsigned int n = 0;
	va_list ap;

	words[n++] = (char *)first;
	va_start(ap, first);
	while (n < 7 && (words[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	words[n] = NULL;
	return stub_run(words);
}

/** Without a path, or with two, `chain` prints its usage and does nothing */
static void test_usage(void **state)
{
	(void)state;
	hook(0x80);
	assert_int_equal(run("chain", NULL), -EINVAL);
	assert_string_equal(stub_console_output(),
			    "Usage: chain [--autofree] [--replace] [--timeout MS] [--drive D] path|uri [args...]\n");
	assert_int_equal(run("chain", "/a.efi", "/b.efi", NULL), -EINVAL);
	assert_string_equal(stub_console_output(),
			    "Usage: chain [--autofree] [--replace] [--timeout MS] [--drive D] path|uri [args...]\n");
	assert_int_equal(run("chain", "--bogus", "/a.efi", NULL), -EINVAL);
	assert_string_equal(stub_console_output(),
			    "chain: unknown option \"--bogus\"; usage: chain [--autofree] [--replace] [--timeout MS] [--drive D] path|uri [args...]\n");
	assert_int_equal(chained.calls, 0);
}

/** A bad --drive value is one line naming it */
static void test_bad_drive(void **state)
{
	(void)state;
	hook(0x80);
	assert_int_equal(run("chain", "--drive", "0x100", "/a.efi", NULL),
			 -EINVAL);
	assert_string_equal(stub_console_output(),
			    "chain: \"0x100\" is not a drive number (0x00-0xff)\n");
	assert_int_equal(run("chain", "--drive", "eighty", "/a.efi", NULL),
			 -EINVAL);
	assert_string_equal(stub_console_output(),
			    "chain: \"eighty\" is not a drive number (0x00-0xff)\n");
	assert_int_equal(chained.calls, 0);
}

/** URIs of schemes nothing fetches are refused with one line; the platform is not asked */
static void test_uri_refused(void **state)
{
	(void)state;
	hook(0x80);
	assert_int_equal(run("chain", "ftp://10.0.2.2/boot.efi", NULL),
			 -ENOTSUP);
	/* the schemes come in link order */
	assert_true(strstr(stub_console_output(), "chain: ftp://10.0.2.2/boot.efi: "
			   "ftp:// is not supported (supported: ") ==
		    stub_console_output());
	assert_non_null(strstr(stub_console_output(), "tftp://"));
	assert_non_null(strstr(stub_console_output(), "http://"));
	assert_int_equal(run("boot", "iscsi:10.0.2.2::::iqn.x:y", NULL),
			 -EINVAL);
	assert_string_equal(stub_console_output(),
			    "boot: iscsi:10.0.2.2::::iqn.x:y: not a URI of the form scheme://server/path\n");
	assert_int_equal(chained.calls, 0);
}

/** `boot` without an operand starts the selected image: none here */
static void test_boot_nothing_selected(void **state)
{
	(void)state;
	assert_int_equal(run("boot", NULL), -ENOENT);
	assert_string_equal(stub_console_output(),
			    "boot: no image selected (use kernel, or give a URI)\n");
	assert_int_equal(run("imgexec", "nosuch", NULL), -ENOENT);
	assert_string_equal(stub_console_output(),
			    "imgexec: nosuch: no such image\n");
	assert_int_equal(chained.calls, 0);
}

/** A drive that is not hooked is one line naming it */
static void test_not_hooked(void **state)
{
	(void)state;
	assert_int_equal(run("chain", "/EFI/BOOT/BOOTX64.EFI", NULL), -ENODEV);
	assert_string_equal(stub_console_output(),
			    "chain: /EFI/BOOT/BOOTX64.EFI: drive 0x80 is not hooked (use sanhook first)\n");
	hook(0x80);
	assert_int_equal(run("chain", "-d", "0x81", "/x.efi", NULL), -ENODEV);
	assert_string_equal(stub_console_output(),
			    "chain: /x.efi: drive 0x81 is not hooked (use sanhook first)\n");
	assert_int_equal(chained.calls, 0);
}

/** The platform gets the drive and path; its status is the command's */
static void test_platform_call(void **state)
{
	(void)state;
	hook(0x80);
	hook(0x81);
	assert_int_equal(run("chain", "/EFI/BOOT/BOOTX64.EFI", NULL), 0);
	assert_int_equal(chained.calls, 1);
	assert_int_equal(chained.drive, 0x80);
	assert_string_equal(chained.path, "/EFI/BOOT/BOOTX64.EFI");
	chained.rc = -ENOENT;
	assert_int_equal(run("chain", "--drive=0x81", "\\EFI\\tool.efi", NULL),
			 -ENOENT);
	assert_int_equal(chained.calls, 2);
	assert_int_equal(chained.drive, 0x81);
	assert_string_equal(chained.path, "\\EFI\\tool.efi");
	chained.rc = -ECANCELED;
	assert_int_equal(run("boot", "--drive", "129", "/shell.efi", NULL),
			 -ECANCELED);
	assert_int_equal(chained.calls, 3);
	assert_int_equal(chained.drive, 0x81);
	assert_string_equal(chained.path, "/shell.efi");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_usage, setup),
		cmocka_unit_test_setup(test_bad_drive, setup),
		cmocka_unit_test_setup(test_uri_refused, setup),
		cmocka_unit_test_setup(test_boot_nothing_selected, setup),
		cmocka_unit_test_setup(test_not_hooked, setup),
		cmocka_unit_test_setup(test_platform_call, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
