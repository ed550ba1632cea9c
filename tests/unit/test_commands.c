/** @file Unit tests for the small commands: cpuid without CPUID, reboot/poweroff refused, ${errno} in iPXE's numbers, time, sync, config, console. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include "platform_stub.h"

/** Run one command line; its console output, status in @p rc */
static const char *run(const char *line, int *rc)
{
	stub_console_reset();
	*rc = system_cmd(line);
	return stub_console_output();
}

/** A CPU without CPUID (the stub's): cpuid fails quietly, the settings are absent */
static void test_cpuid(void **state)
{
	int rc;

	(void)state;
	assert_string_equal(run("cpuid --ext 29", &rc), "");
	assert_int_equal(rc, -ENOTSUP);
	assert_string_equal(run("cpuid -ec 2", &rc), "");
	assert_int_equal(rc, -ENOTSUP);
	assert_string_equal(run("cpuid", &rc),
			    "Usage: cpuid [--ext] [--ecx] bit\n");
	assert_string_equal(run("cpuid x", &rc),
			    "cpuid: \"x\" is not a bit number (0-31)\n");
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(run("isset ${cpuvendor} || echo none", &rc),
			    "none\n");
	assert_string_equal(run("echo ${memsize}", &rc), "512\n");
}

/** A platform that cannot restart or switch off: one line, ||, ${errno} */
static void test_power(void **state)
{
	int rc;

	(void)state;
	assert_string_equal(run("reboot --warm || echo ${errno}", &rc),
			    "reboot: the machine did not restart (Operation not "
			    "supported)\n0x3c000003\n");
	assert_string_equal(run("poweroff || echo ${errno}", &rc),
			    "poweroff: the machine did not switch off "
			    "(Operation not supported)\n0x3c000003\n");
	assert_string_equal(run("poweroff now", &rc), "Usage: poweroff\n");
	assert_int_equal(rc, -EINVAL);
}

/** ${errno} holds iPXE's number for the last failure: POSIX << 24 | PXE status */
static void test_errno(void **state)
{
	int rc;

	(void)state;
	assert_string_equal(run("nosuch || echo ${errno}", &rc),
			    "nosuch: command not found\n0x2e000001\n");
	assert_string_equal(run("isset ${nothing} || echo ${errno}", &rc),
			    "0x2d00003b\n");
	assert_string_equal(run("iseq a b || echo ${errno}", &rc),
			    "0x46000001\n");
	assert_int_equal(errno_ipxe(-ETIMEDOUT), 0x4c000035);
	assert_int_equal(errno_ipxe(-ECANCELED), 0x0b0000a0);
	assert_int_equal(errno_ipxe(-ENOMEM), 0x31000006);
	assert_int_equal(errno_ipxe(-12345), 0x00000001);
	assert_int_equal(errno_ipxe(0), 0);
}

/**
 * A failure noted where it happened has iPXE's whole number until the
 * next command starts; another code, or none noted, keeps bits 23-8 zero
 */
static void test_errno_site(void **state)
{
	int rc;

	(void)state;
	assert_int_equal(errno_at(-ENOENT, ERRNO_HTTP_404), -ENOENT);
	assert_int_equal(errno_ipxe(-ENOENT), 0x2d0c613b);
	assert_int_equal(errno_ipxe(-EIO), 0x1d000039);
	errno_at(-ENOENT, ERRNO_TFTP_NOT_FOUND);
	assert_int_equal(errno_ipxe(-ENOENT), 0x2d12603b);
	errno_at(-ETIMEDOUT, ERRNO_TFTP_TIMEOUT);
	assert_int_equal(errno_ipxe(-ETIMEDOUT), 0x4c126035);
	errno_site_clear();
	assert_int_equal(errno_ipxe(-ETIMEDOUT), 0x4c000035);
	errno_at(-ENOENT, ERRNO_HTTP_404);
	assert_string_equal(run("isset ${nothing} || echo ${errno}", &rc),
			    "0x2d00003b\n");
}

/** time, sync, config, console */
static void test_small(void **state)
{
	const char *out;
	int rc;

	(void)state;
	out = run("time echo hi", &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(strncmp(out, "hi\necho: 0.", 11), 0);
	assert_string_equal(run("time", &rc), "Usage: time command [args...]\n");
	out = run("time nosuch || echo failed", &rc);
	assert_int_equal(strncmp(out, "nosuch: command not found\nnosuch: 0.", 36), 0);
	assert_non_null(strstr(out, "s\nfailed\n"));
	assert_string_equal(run("sync --timeout 10", &rc), "");
	assert_int_equal(rc, 0);
	assert_string_equal(run("sync --timeout ten", &rc),
			    "sync: invalid timeout \"ten\"\n");
	assert_string_equal(run("set cfgtest:ipv4 10.0.0.1 ; config", &rc),
			    "cfgtest:ipv4 = 10.0.0.1\n");
	assert_string_equal(run("config nosuch", &rc),
			    "config: nosuch: no such settings block\n");
	assert_int_equal(rc, -ENOENT);
	assert_string_equal(run("console", &rc), "");
	assert_string_equal(run("console --x 1024 --keep", &rc),
			    "console: no framebuffer console in lwpxe; the text "
			    "console is kept as it is\n");
	assert_int_equal(rc, 0);
	assert_string_equal(run("console --x wide || echo bad", &rc),
			    "console: \"wide\" is not a number\nbad\n");
	assert_string_equal(run("clear cfgtest", &rc), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpuid),
		cmocka_unit_test(test_power),
		cmocka_unit_test(test_errno),
		cmocka_unit_test(test_errno_site),
		cmocka_unit_test(test_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
