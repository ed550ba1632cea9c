/** @file The wall clock: the platform's, until `ntp` sets it; read as ${unixtime}. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>

/** Nonzero once time_set() was called */
static int clock_is_set;

/** The time time_set() gave, and the monotonic time it was given at */
static int64_t clock_set_secs;
static uint64_t clock_set_us;

int64_t time_now(void)
{
	if (!clock_is_set)
		return time_wallclock();
	return clock_set_secs + (int64_t)((time_us() - clock_set_us) / 1000000);
}

void time_set(int64_t now)
{
	clock_set_secs = now;
	clock_set_us = time_us();
	clock_is_set = 1;
}

/** ${unixtime}: time_now() as decimal text into @p buf; its length, or -ENOENT if unknown */
static int clock_unixtime(char *buf, size_t len)
{
	int64_t now = time_now();

	if (now < 0)
		return -ENOENT;
	return snprintf(buf, len, "%lld", (long long)now);
}

/** The ${unixtime} setting */
static const struct setting_def clock_unixtime_def = {
	.name = "unixtime",
	.description = "Seconds since 1970-01-01 UTC",
	.type = &setting_type_string,
	.compute = clock_unixtime,
};
SETTING(clock_unixtime_def);
