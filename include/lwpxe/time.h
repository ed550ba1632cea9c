/** @file Time: a monotonic clock and the wall clock from the platform, the calendar, and sleeping. */
#ifndef LWPXE_TIME_H
#define LWPXE_TIME_H

#include <stdint.h>

/** Platform: microseconds since an arbitrary start, monotonic */
uint64_t time_us(void);

/** Platform: microseconds since power-on; 0 if the platform cannot tell */
uint64_t time_since_power_on_us(void);

/** Platform: let the CPU rest until an event or at most @p max_us passes */
void time_idle(uint64_t max_us);

/** Milliseconds since an arbitrary start, monotonic */
static inline uint64_t ticks_ms(void)
{
	return time_us() / 1000;
}

/** Platform: seconds since 1970-01-01 00:00 UTC from the machine's clock; -1 if unknown */
int64_t time_wallclock(void);

/** Seconds since 1970-01-01 00:00 UTC: the clock `ntp` set, else the platform's; -1 if unknown */
int64_t time_now(void);

/** Make time_now() read @p now at this moment and count on from it (`ntp`) */
void time_set(int64_t now);

/** A UTC calendar date and time of day */
struct time_date {
	int year;               /**< year (1970, 2038, ...) */
	unsigned int mon;       /**< month, 1-12 */
	unsigned int day;       /**< day of the month, 1-31 */
	unsigned int hour;      /**< hour, 0-23 */
	unsigned int min;       /**< minute, 0-59 */
	unsigned int sec;       /**< second, 0-59 */
};

/** Days from 1970-01-01 to @p year-@p mon-@p day (proleptic Gregorian; negative before 1970) */
int64_t time_days_from_civil(int year, unsigned int mon, unsigned int day);

/** Seconds since 1970-01-01 00:00 UTC of @p date */
int64_t time_from_date(const struct time_date *date);

/** The UTC date and time of @p secs seconds since 1970-01-01 00:00 */
void time_to_date(int64_t secs, struct time_date *date);

/** Sleep @p ms milliseconds while servicing the network; -ECANCELED on Ctrl-C */
int sleep_ms(unsigned long ms);

#endif
