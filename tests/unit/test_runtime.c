/** @file Unit tests for console, poll loop, sleep and error words (src/core). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/poll.h>
#include <lwpxe/time.h>
#include "platform_stub.h"

/** Times the test poller ran */
static unsigned int polled;

/** A poller that counts its calls */
static void count_poll(void)
{
	polled++;
}

static const struct poller count_poller = {
	.name = "count",
	.poll = count_poll,
};
POLLER(count_poller);

/** console_putchar/console_puts reach the driver byte for byte (no \r added) */
static void test_console_output(void **state)
{
	(void)state;
	stub_console_reset();
	console_puts("a\nb");
	console_putchar(0xe9);
	assert_string_equal(stub_console_output(), "a\nb\xe9");
	stub_console_reset();
}

/** step() runs each poller once; step_idle() too */
static void test_step(void **state)
{
	unsigned int before = polled;

	(void)state;
	step();
	assert_int_equal(polled, before + 1);
	step_idle();
	assert_int_equal(polled, before + 2);
}

/** getkey returns waiting keys at once and -1 after its timeout, polling meanwhile */
static void test_getkey(void **state)
{
	uint64_t start;
	unsigned int before;

	(void)state;
	stub_console_input("xy");
	assert_true(iskey());
	assert_int_equal(getkey(0), 'x');
	assert_int_equal(getkey(10), 'y');
	assert_false(iskey());
	before = polled;
	start = ticks_ms();
	assert_int_equal(getkey(30), -1);
	assert_true(ticks_ms() - start >= 30);
	assert_true(ticks_ms() - start < 1000);
	assert_true(polled > before);
}

/** sleep_ms waits about as long as asked, polling; Ctrl-C cancels, other keys do not */
static void test_sleep(void **state)
{
	uint64_t start;
	unsigned int before;

	(void)state;
	stub_console_input(NULL);
	before = polled;
	start = ticks_ms();
	assert_int_equal(sleep_ms(50), 0);
	assert_true(ticks_ms() - start >= 50);
	assert_true(ticks_ms() - start < 1000);
	assert_true(polled > before);

	/* keys typed before the Ctrl-C stay for the next reader */
	stub_console_input("ab\x03z");
	start = ticks_ms();
	assert_int_equal(sleep_ms(5000), -ECANCELED);
	assert_true(ticks_ms() - start < 1000);
	assert_int_equal(getkey(0), 'a');
	assert_int_equal(getkey(0), 'b');
	assert_int_equal(getkey(0), 'z');

	stub_console_input("q");
	assert_int_equal(sleep_ms(10), 0);
	assert_int_equal(getkey(0), 'q');
	assert_false(iskey());
	assert_int_equal(sleep_ms(0), 0);
}

/** errmsg: words for both signs, every code distinct, unknown as "error N" */
static void test_errmsg(void **state)
{
	static const int codes[] = {
		EPERM, ENOENT, EIO, E2BIG, ENOEXEC, EBADF, EAGAIN, ENOMEM,
		EACCES, EFAULT, EBUSY, EEXIST, ENODEV, EINVAL, ENOSPC, ERANGE,
		ENAMETOOLONG, ENOSYS, ENOTSUP, EPROTO, EBADMSG, EMSGSIZE,
		EADDRINUSE, ENETDOWN, ENETUNREACH, ECONNABORTED, ECONNRESET,
		ENOBUFS, ENOTCONN, ETIMEDOUT, ECONNREFUSED, EHOSTUNREACH,
		EALREADY, EINPROGRESS, ECANCELED,
	};

	(void)state;
	assert_string_equal(errmsg(-ETIMEDOUT), "Connection timed out");
	assert_string_equal(errmsg(ETIMEDOUT), "Connection timed out");
	assert_string_equal(errmsg(-ENOMEM), "Out of memory");
	assert_string_equal(errmsg(-ECANCELED), "Operation canceled");
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		assert_null(strstr(errmsg(-codes[i]), "error "));
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(errmsg(codes[i]), errmsg(codes[j]));
	}
	assert_string_equal(errmsg(-4242), "error 4242");
	assert_string_equal(errmsg(4242), "error 4242");
	assert_string_equal(errmsg(-2147483647 - 1), "error 2147483648");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_console_output),
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_getkey),
		cmocka_unit_test(test_sleep),
		cmocka_unit_test(test_errmsg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
