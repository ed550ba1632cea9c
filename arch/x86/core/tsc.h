/** @file The TSC as the clock of the x86 firmware platforms (pcbios and UEFI): each calibrates it its own way, then time_us() and time_since_power_on_us() read it here. */
#ifndef X86_TSC_H
#define X86_TSC_H

#include <stdint.h>

/** Start the clock now, the TSC counting @p per_ms ticks a millisecond (0: keep assuming 1 GHz) */
void tsc_clock_start(uint64_t per_ms);

/** TSC ticks per millisecond, as calibrated */
uint64_t tsc_ticks_per_ms(void);

/** The middle of three calibrations @p a, @p b, @p c: one that a pre-empted CPU spoiled does not count */
static inline uint64_t tsc_median3(uint64_t a, uint64_t b, uint64_t c)
{
	if (a > b) {
		uint64_t t = a;

		a = b;
		b = t;
	}
	return c < a ? a : c > b ? b : c;
}

#endif
