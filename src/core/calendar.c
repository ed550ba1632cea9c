/** @file The proleptic Gregorian calendar: dates to and from seconds since 1970-01-01 UTC. */
#include <lwpxe/time.h>

/** Days in a 400-year Gregorian cycle */
#define CALENDAR_ERA_DAYS 146097

/** Days from 0000-03-01 to 1970-01-01 */
#define CALENDAR_EPOCH_DAYS 719468

/** Seconds in a day */
#define CALENDAR_DAY_SECS 86400

/** @p a divided by @p b rounded towards minus infinity (@p b > 0) */
static int64_t calendar_floor_div(int64_t a, int64_t b)
{
	return (a >= 0 ? a : a - (b - 1)) / b;
}

/*
 * Years are counted from March, so that the leap day ends a year: a
 * year's day number then depends only on the month, and every fourth
 * year but three in 400 is one day longer.  (32-bit arithmetic but for
 * the last step: BIOS has no 64-bit division instruction.)
 */
int64_t time_days_from_civil(int year, unsigned int mon, unsigned int day)
{
	int y = mon <= 2 ? year - 1 : year;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;                                /* 0-399 */
	int mp = mon > 2 ? (int)mon - 3 : (int)mon + 9;         /* March = 0 */
	int doy = (153 * mp + 2) / 5 + (int)day - 1;            /* 0-365 */
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        /* 0-146096 */

	return (int64_t)era * CALENDAR_ERA_DAYS + doe - CALENDAR_EPOCH_DAYS;
}

int64_t time_from_date(const struct time_date *date)
{
	return time_days_from_civil(date->year, date->mon, date->day) *
		CALENDAR_DAY_SECS + date->hour * 3600 + date->min * 60 +
		date->sec;
}

void time_to_date(int64_t secs, struct time_date *date)
{
	int64_t days = calendar_floor_div(secs, CALENDAR_DAY_SECS);
	int64_t rem = secs - days * CALENDAR_DAY_SECS;
	int64_t z = days + CALENDAR_EPOCH_DAYS;
	int64_t era = calendar_floor_div(z, CALENDAR_ERA_DAYS);
	int64_t doe = z - era * CALENDAR_ERA_DAYS;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	date->day = (unsigned int)(doy - (153 * mp + 2) / 5 + 1);
	date->mon = (unsigned int)(mp < 10 ? mp + 3 : mp - 9);
	date->year = (int)(yoe + era * 400 + (date->mon <= 2));
	date->hour = (unsigned int)(rem / 3600);
	date->min = (unsigned int)(rem / 60 % 60);
	date->sec = (unsigned int)(rem % 60);
}
