/** @file time.h: only the types mbedTLS headers name; the clock is time_now() in lwpxe/time.h. */
#ifndef _TIME_H
#define _TIME_H

/** Seconds since the epoch */
typedef long long time_t;

/** A broken-down UTC time, as mbedTLS reads certificate dates */
struct tm {
	int tm_sec;     /**< seconds, 0-60 */
	int tm_min;     /**< minutes, 0-59 */
	int tm_hour;    /**< hours, 0-23 */
	int tm_mday;    /**< day of the month, 1-31 */
	int tm_mon;     /**< month, 0-11 */
	int tm_year;    /**< years since 1900 */
	int tm_wday;    /**< day of the week, 0-6 from Sunday */
	int tm_yday;    /**< day of the year, 0-365 */
	int tm_isdst;   /**< daylight saving time in effect (never) */
};

#endif
