/** @file Time on UEFI: the TSC, calibrated against the firmware's Stall(); the wall clock from GetTime(). */
#include <lwpxe/time.h>
#include "../core/io.h"
#include "../core/tsc.h"
#include "efi_arch.h"

/** Length of one calibration, in microseconds (three are made) */
#define EFI_CALIBRATE_US 10000

/** Longest busy wait time_idle() spends, in microseconds */
#define EFI_IDLE_MAX_US 100

/** TSC ticks per millisecond across one Stall() of EFI_CALIBRATE_US */
static uint64_t efi_calibrate(void)
{
	uint64_t before = rdtsc();

	efi_bs->Stall(EFI_CALIBRATE_US);
	return (rdtsc() - before) / (EFI_CALIBRATE_US / 1000);
}

void efi_time_init(void)
{
	uint64_t a = efi_calibrate();
	uint64_t b = efi_calibrate();

	tsc_clock_start(tsc_median3(a, b, efi_calibrate()));
}

void time_idle(uint64_t max_us)
{
	/* nothing interrupts a wait here: rest only briefly, then poll again */
	efi_console_flush();
	efi_bs->Stall(max_us < EFI_IDLE_MAX_US ? (UINTN)max_us : EFI_IDLE_MAX_US);
}

/*
 * UEFI 2.7 and later: local time = UTC + TimeZone (minutes).  A time
 * with an unspecified zone is taken as UTC, as most firmware keeps it.
 */
int64_t time_wallclock(void)
{
	EFI_TIME t;
	struct time_date date;
	int64_t secs;

	if (efi_systab->RuntimeServices->GetTime(&t, NULL) != EFI_SUCCESS ||
	    t.Month < 1 || t.Month > 12 || t.Day < 1 || t.Day > 31 ||
	    t.Hour > 23 || t.Minute > 59 || t.Second > 59)
		return -1;
	date = (struct time_date){ t.Year, t.Month, t.Day, t.Hour, t.Minute,
				   t.Second };
	secs = time_from_date(&date);
	if (t.TimeZone != EFI_UNSPECIFIED_TIMEZONE &&
	    t.TimeZone >= -1440 && t.TimeZone <= 1440)
		secs -= (int64_t)t.TimeZone * 60;
	return secs < 0 ? -1 : secs;
}
