/** @file Time: a monotonic clock from the platform, and sleeping. */
#ifndef LWPXE_TIME_H
#define LWPXE_TIME_H

#include <stdint.h>

/** Platform: microseconds since an arbitrary start, monotonic */
uint64_t time_us(void);

/** Platform: let the CPU rest until an event or at most @p max_us passes */
void time_idle(uint64_t max_us);

/** Milliseconds since an arbitrary start, monotonic */
static inline uint64_t ticks_ms(void)
{
	return time_us() / 1000;
}

/** Sleep @p ms milliseconds while servicing the network; -ECANCELED on Ctrl-C */
int sleep_ms(unsigned long ms);

#endif
