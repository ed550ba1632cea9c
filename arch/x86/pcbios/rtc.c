/** @file The wall clock on BIOS: the CMOS real-time clock (MC146818 registers, ports 0x70/0x71). */
#include <lwpxe/time.h>
#include "pcbios.h"

/** CMOS index and data ports; bit 7 of the index masks NMIs and stays clear */
#define RTC_INDEX 0x70
#define RTC_DATA 0x71

/** CMOS registers: the time and date, and status registers A and B */
#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b

#define RTC_A_UIP 0x80          /**< update in progress: the time is changing */
#define RTC_B_24H 0x02          /**< hours count 0-23 (else 1-12 with a PM bit) */
#define RTC_B_BINARY 0x04       /**< binary values (else BCD) */
#define RTC_HOUR_PM 0x80        /**< PM in 12-hour mode */

/** Status register A reads before giving up on an update that never ends */
#define RTC_UIP_TRIES 100000

/** Read CMOS register @p reg */
static uint8_t rtc_read(uint8_t reg)
{
	outb(RTC_INDEX, reg);
	return inb(RTC_DATA);
}

/** @p v as a number: BCD unless status register B says binary */
static unsigned int rtc_value(uint8_t v, uint8_t status_b)
{
	return status_b & RTC_B_BINARY ? v : (v >> 4) * 10 + (v & 0x0f);
}

/** Read the six time registers into @p r once no update is in progress; 0 or -1 */
static int rtc_snapshot(uint8_t r[6])
{
	static const uint8_t regs[6] = { RTC_YEAR, RTC_MONTH, RTC_DAY,
					 RTC_HOURS, RTC_MINUTES, RTC_SECONDS };
	unsigned long tries = 0;

	while (rtc_read(RTC_STATUS_A) & RTC_A_UIP) {
		if (++tries == RTC_UIP_TRIES)
			return -1;
	}
	for (unsigned int i = 0; i < 6; i++)
		r[i] = rtc_read(regs[i]);
	return 0;
}

/** The RTC's date (century 20xx); -1 if it does not read as a date */
int64_t time_wallclock(void)
{
	uint8_t r[6], again[6];
	uint8_t b = rtc_read(RTC_STATUS_B);
	struct time_date d;
	unsigned int hour;

	/* read until two snapshots agree, so no update fell in between */
	do {
		if (rtc_snapshot(r) < 0 || rtc_snapshot(again) < 0)
			return -1;
	} while (__builtin_memcmp(r, again, sizeof(r)) != 0);
	hour = rtc_value(r[3] & ~RTC_HOUR_PM, b);
	if (!(b & RTC_B_24H))
		hour = hour % 12 + (r[3] & RTC_HOUR_PM ? 12 : 0);
	d = (struct time_date){ 2000 + rtc_value(r[0], b), rtc_value(r[1], b),
				rtc_value(r[2], b), hour, rtc_value(r[4], b),
				rtc_value(r[5], b) };
	if (d.year > 2099 || d.mon < 1 || d.mon > 12 || d.day < 1 ||
	    d.day > 31 || d.hour > 23 || d.min > 59 || d.sec > 59)
		return -1;
	return time_from_date(&d);
}
