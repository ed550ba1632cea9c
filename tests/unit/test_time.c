/** @file Unit tests for the calendar (src/core/calendar.c), the clock (src/core/clock.c) and ${unixtime}. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>

/** Known dates and their seconds since the epoch (from `date -u -d ... +%s`) */
static const struct {
	struct time_date date;
	int64_t secs;
} known[] = {
	{ { 1970, 1, 1, 0, 0, 0 }, 0 },
	{ { 1969, 12, 31, 23, 59, 59 }, -1 },
	{ { 1900, 3, 1, 0, 0, 0 }, -2203891200LL },       /* 1900: not leap */
	{ { 2000, 2, 29, 12, 0, 0 }, 951825600LL },        /* 2000: leap */
	{ { 2000, 3, 1, 0, 0, 0 }, 951868800LL },
	{ { 2024, 2, 29, 23, 59, 59 }, 1709251199LL },
	{ { 2038, 1, 19, 3, 14, 7 }, 2147483647LL },       /* int32 limit */
	{ { 2038, 1, 19, 3, 14, 8 }, 2147483648LL },
	{ { 2100, 3, 1, 0, 0, 0 }, 4107542400LL },        /* 2100: not leap */
	{ { 2106, 2, 7, 6, 28, 16 }, 4294967296LL },       /* uint32 limit + 1 */
	{ { 2400, 2, 29, 0, 0, 0 }, 13574563200LL },       /* 2400: leap */
	{ { 9999, 12, 31, 23, 59, 59 }, 253402300799LL },
};

/** Each known date gives its seconds and back */
static void test_known_dates(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		struct time_date d;

		assert_int_equal(time_from_date(&known[i].date), known[i].secs);
		time_to_date(known[i].secs, &d);
		assert_int_equal(d.year, known[i].date.year);
		assert_int_equal(d.mon, known[i].date.mon);
		assert_int_equal(d.day, known[i].date.day);
		assert_int_equal(d.hour, known[i].date.hour);
		assert_int_equal(d.min, known[i].date.min);
		assert_int_equal(d.sec, known[i].date.sec);
	}
}

/** Every day from 1600 to 2500 round-trips and agrees with glibc's timegm() */
static void test_every_day(void **state)
{
	int64_t prev = time_days_from_civil(1599, 12, 31);

	(void)state;
	for (int64_t days = prev + 1; days < time_days_from_civil(2500, 1, 1);
	     days++) {
		struct time_date d;
		struct tm tm = { 0 };

		time_to_date(days * 86400 + 3661, &d);
		assert_int_equal(time_days_from_civil(d.year, d.mon, d.day), days);
		assert_int_equal(d.hour * 3600 + d.min * 60 + d.sec, 3661);
		tm.tm_year = (int)d.year - 1900;
		tm.tm_mon = (int)d.mon - 1;
		tm.tm_mday = (int)d.day;
		assert_int_equal((int64_t)timegm(&tm), days * 86400);
	}
}

/** Day counts of leap and common years */
static void test_leap_years(void **state)
{
	(void)state;
	assert_int_equal(time_days_from_civil(1901, 1, 1) -
			 time_days_from_civil(1900, 1, 1), 365);
	assert_int_equal(time_days_from_civil(2001, 1, 1) -
			 time_days_from_civil(2000, 1, 1), 366);
	assert_int_equal(time_days_from_civil(2025, 1, 1) -
			 time_days_from_civil(2024, 1, 1), 366);
	assert_int_equal(time_days_from_civil(2101, 1, 1) -
			 time_days_from_civil(2100, 1, 1), 365);
}

/** time_set() moves time_now() and ${unixtime} (decimal), which then count on */
static void test_clock_set(void **state)
{
	char buf[32];

	(void)state;
	assert_true(time_now() >= time(NULL) - 1);
	time_set(4000000000LL);
	assert_true(time_now() - 4000000000LL <= 1);
	assert_true(settings_fetch_text("unixtime", buf, sizeof(buf)) > 0);
	assert_true(strtoll(buf, NULL, 10) - 4000000000LL <= 1);
	assert_true(strtoll(buf, NULL, 10) >= 4000000000LL);
	assert_int_equal(settings_fetch_text("net0/unixtime", buf, sizeof(buf)),
			 -2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_every_day),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_clock_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
