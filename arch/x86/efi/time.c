/** @file Time on UEFI: the TSC, calibrated against the firmware's Stall(). */
#include <lwpxe/time.h>
#include "../core/io.h"
#include "efi_arch.h"

/** Length of the calibration, in microseconds */
#define EFI_CALIBRATE_US 20000

/** Longest busy wait time_idle() spends, in microseconds */
#define EFI_IDLE_MAX_US 100

/** TSC at start-up, and TSC ticks per millisecond */
static uint64_t efi_tsc_start;
static uint64_t efi_tsc_per_ms = 1000000;  /* 1 GHz until calibrated */

void efi_time_init(void)
{
	uint64_t before, ticks;

	before = rdtsc();
	efi_bs->Stall(EFI_CALIBRATE_US);
	ticks = rdtsc() - before;
	if (ticks >= EFI_CALIBRATE_US / 1000)
		efi_tsc_per_ms = ticks / (EFI_CALIBRATE_US / 1000);
	efi_tsc_start = before;
}

uint64_t time_us(void)
{
	uint64_t ticks = rdtsc() - efi_tsc_start;

	return ticks / efi_tsc_per_ms * 1000 +
	       ticks % efi_tsc_per_ms * 1000 / efi_tsc_per_ms;
}

void time_idle(uint64_t max_us)
{
	/* nothing interrupts a wait here: rest only briefly, then poll again */
	efi_console_flush();
	efi_bs->Stall(max_us < EFI_IDLE_MAX_US ? (UINTN)max_us : EFI_IDLE_MAX_US);
}
