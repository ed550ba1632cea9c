/** @file The poll loop: service every registered poller. */
#include <lwpxe/poll.h>
#include <lwpxe/time.h>

/** Longest rest between steps when idle, in microseconds */
#define POLL_IDLE_US 1000

/** Nonzero once a poller did work in the current step_idle() */
static int poll_busy;

/** Service every poller once */
void step(void)
{
	const struct poller *poller;

	TABLE_FOREACH(pollers, const struct poller *, poller)
		poller->poll();
}

/** Service every poller once, then rest until an event or 1 ms unless one did work */
void step_idle(void)
{
	poll_busy = 0;
	step();
	if (!poll_busy)
		time_idle(POLL_IDLE_US);
}

void step_busy(void)
{
	poll_busy = 1;
}
