/** @file The poll loop: service every registered poller. */
#include <lwpxe/poll.h>
#include <lwpxe/time.h>

/** Longest rest between steps when idle, in microseconds */
#define POLL_IDLE_US 1000

/** Service every poller once */
void step(void)
{
	const struct poller *poller;

	TABLE_FOREACH(pollers, const struct poller *, poller)
		poller->poll();
}

/** Service every poller once, then rest until an event or 1 ms */
void step_idle(void)
{
	step();
	time_idle(POLL_IDLE_US);
}
