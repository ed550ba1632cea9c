/** @file Sleeping while the network keeps running; Ctrl-C cancels. */
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/poll.h>
#include <lwpxe/time.h>

/** Sleep @p ms milliseconds while servicing pollers; 0, or -ECANCELED on Ctrl-C */
int sleep_ms(unsigned long ms)
{
	uint64_t start = ticks_ms();

	for (;;) {
		if (console_cancelled())
			return -ECANCELED;
		if (ticks_ms() - start >= ms)
			return 0;
		step_idle();
	}
}
