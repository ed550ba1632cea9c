/** @file mbedTLS's clock: certificate validity is checked against time_now(). */
#include <string.h>
#include <mbedtls/platform_time.h>
#include <mbedtls/platform_util.h>
#include <lwpxe/time.h>

/** mbedTLS's time(): time_now(), also stored in *@p t */
long long crypto_time(long long *t)
{
	long long now = time_now();

	if (t)
		*t = now;
	return now;
}

/** mbedTLS's gmtime_r(): @p tt broken down by our calendar; NULL if unknown (negative) */
struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt,
				     struct tm *tm_buf)
{
	struct time_date d;

	if (*tt < 0)
		return NULL;
	time_to_date(*tt, &d);
	memset(tm_buf, 0, sizeof(*tm_buf));
	tm_buf->tm_year = (int)(d.year - 1900);
	tm_buf->tm_mon = (int)d.mon - 1;
	tm_buf->tm_mday = (int)d.day;
	tm_buf->tm_hour = (int)d.hour;
	tm_buf->tm_min = (int)d.min;
	tm_buf->tm_sec = (int)d.sec;
	return tm_buf;
}

/** mbedTLS's millisecond tick: the monotonic clock */
mbedtls_ms_time_t mbedtls_ms_time(void)
{
	return (mbedtls_ms_time_t)ticks_ms();
}
