/** @file The TSC as lwpxe's clock on x86 firmware: microseconds since start-up and since power-on. */
#include <lwpxe/time.h>
#include "io.h"
#include "tsc.h"

/** TSC at start-up, and TSC ticks per millisecond */
static uint64_t tsc_start;
static uint64_t tsc_per_ms = 1000000;   /* 1 GHz until calibrated */

/** Microseconds in @p ticks of the TSC */
static uint64_t tsc_to_us(uint64_t ticks)
{
	return ticks / tsc_per_ms * 1000 + ticks % tsc_per_ms * 1000 / tsc_per_ms;
}

void tsc_clock_start(uint64_t per_ms)
{
	if (per_ms)
		tsc_per_ms = per_ms;
	tsc_start = rdtsc();
}

uint64_t tsc_ticks_per_ms(void)
{
	return tsc_per_ms;
}

uint64_t time_us(void)
{
	return tsc_to_us(rdtsc() - tsc_start);
}

uint64_t time_since_power_on_us(void)
{
	/* the TSC counts from the CPU's reset */
	return tsc_to_us(rdtsc());
}
