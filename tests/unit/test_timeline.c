/** @file Unit tests for the boot timeline (src/core/timeline.c): sums per phase, marks, the ring of kept phases. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/time.h>
#include <lwpxe/timeline.h>
#include "platform_stub.h"

/** A hand-over sums each phase since the previous one, in order of first appearance; the next counts anew */
static void test_handover_sums(void **state)
{
	uint64_t now;
	const char *out;
	unsigned int dhcp, download, login;

	(void)state;
	timeline_start("lwpxe test");
	now = time_us();
	timeline_record("dhcp", now - 12000, "net0");
	timeline_record("download", now - 30000, "http://a/x");
	timeline_record("dhcp", now - 5000, "net1");
	stub_console_reset();
	timeline_handover("x");
	out = stub_console_output();
	/* each phase ends when it is recorded, a little after `now` */
	assert_int_equal(sscanf(out, "timeline: dhcp %u ms, download %u ms, handover to x at ",
				&dhcp, &download), 2);
	/* ... and not long after, whatever the machine's load (garbage from a
	 * wrapped subtraction would be billions) */
	assert_true(dhcp >= 17 && dhcp < 60000);
	assert_true(download >= 30 && download < 60000);
	assert_non_null(strstr(out, ", handover to x at "));
	now = time_us();
	timeline_record("login", now - 9000, "iscsi:t");
	stub_console_reset();
	timeline_handover("y");
	out = stub_console_output();
	assert_int_equal(sscanf(out, "timeline: login %u ms, handover to y at ", &login), 1);
	assert_true(login >= 9 && login < 60000);
	assert_null(strstr(out, "dhcp"));
}

/** A hand-over with no phase since the previous one still says when */
static void test_handover_alone(void **state)
{
	(void)state;
	timeline_start("lwpxe test");
	stub_console_reset();
	timeline_handover("z");
	assert_non_null(strstr(stub_console_output(), "timeline: handover to z at "));
}

/** `timeline` lists every phase kept, and says how many older ones gave way */
static void test_print_ring(void **state)
{
	char *words[] = { "timeline", NULL };
	const char *out;
	char what[16];

	(void)state;
	timeline_start("lwpxe test");
	for (int i = 0; i < 100; i++) {
		snprintf(what, sizeof(what), "item%d", i);
		timeline_record("dns", time_us(), what);
	}
	stub_console_reset();
	assert_int_equal(stub_run(words), 0);
	out = stub_console_output();
	assert_non_null(strstr(out, "timeline, seconds since lwpxe started:\n"));
	assert_non_null(strstr(out, "older phases not kept"));
	assert_null(strstr(out, "item35\n"));
	assert_non_null(strstr(out, "item36\n"));
	assert_non_null(strstr(out, "item99\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handover_sums),
		cmocka_unit_test(test_handover_alone),
		cmocka_unit_test(test_print_ring),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
