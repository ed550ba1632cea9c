/** @file The boot timeline: phases noted as they end, summed per phase at each hand-over, listed by `timeline`. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/time.h>
#include <lwpxe/timeline.h>

/** Phases kept; older ones give way to newer */
#define TIMELINE_MAX 64

/** Room for what a phase was about, NUL included */
#define TIMELINE_WHAT_LEN 96

/** One phase that ran */
struct timeline_entry {
	const char *phase;              /**< its name ("dhcp"); "start" and "handover" are marks */
	uint32_t at_ms;                 /**< when it began, in ms since power-on (or since lwpxe started) */
	uint32_t ms;                    /**< how long it took */
	char what[TIMELINE_WHAT_LEN];   /**< what it was about, "" for nothing */
};

/** The phases, a ring: entry n is timeline[n % TIMELINE_MAX] */
static struct timeline_entry timeline[TIMELINE_MAX];
/** Phases noted since start-up, and the count at the previous hand-over */
static unsigned int timeline_count, timeline_summarised;
/** time_us() when lwpxe started, less the microseconds from power-on to then if the platform can tell */
static uint64_t timeline_zero_us;
/** Nonzero if the timeline counts from power-on */
static int timeline_from_power_on;

/** Milliseconds on the timeline of time_us() reading @p t */
static uint32_t timeline_ms(uint64_t t)
{
	return (uint32_t)((t - timeline_zero_us) / 1000);
}

void timeline_record(const char *phase, uint64_t start_us, const char *what)
{
	struct timeline_entry *e = &timeline[timeline_count++ % TIMELINE_MAX];

	e->phase = phase;
	e->at_ms = (int64_t)(start_us - timeline_zero_us) > 0 ?
		   timeline_ms(start_us) : 0;
	e->ms = (uint32_t)((time_us() - start_us) / 1000);
	snprintf(e->what, sizeof(e->what), "%s", what ? what : "");
}

void timeline_start(const char *what)
{
	uint64_t now = time_us();
	uint64_t since = time_since_power_on_us();

	timeline_from_power_on = since != 0;
	timeline_zero_us = now - since;
	timeline_record("start", now, what);
}

/** The index of the oldest phase kept from @p from on */
static unsigned int timeline_first(unsigned int from)
{
	return timeline_count - from > TIMELINE_MAX ?
	       timeline_count - TIMELINE_MAX : from;
}

void timeline_handover(const char *what)
{
	unsigned int first = timeline_first(timeline_summarised);
	const struct timeline_entry *h;

	printf("timeline: ");
	for (unsigned int i = first; i < timeline_count; i++) {
		const struct timeline_entry *e = &timeline[i % TIMELINE_MAX];
		uint32_t sum = 0;
		unsigned int j;

		/* each name once, at its first appearance; marks are no phases */
		for (j = first; j < i; j++)
			if (!strcmp(timeline[j % TIMELINE_MAX].phase, e->phase))
				break;
		if (j < i || !strcmp(e->phase, "start") ||
		    !strcmp(e->phase, "handover"))
			continue;
		for (j = i; j < timeline_count; j++)
			if (!strcmp(timeline[j % TIMELINE_MAX].phase, e->phase))
				sum += timeline[j % TIMELINE_MAX].ms;
		printf("%s %u ms, ", e->phase, (unsigned int)sum);
	}
	timeline_record("handover", time_us(), what);
	timeline_summarised = timeline_count;
	h = &timeline[(timeline_count - 1) % TIMELINE_MAX];
	printf("handover to %s at %u.%02u s\n", what,
	       (unsigned int)(h->at_ms / 1000),
	       (unsigned int)(h->at_ms % 1000 / 10));
}

void timeline_print(void)
{
	unsigned int first = timeline_first(0);

	printf("timeline, seconds since %s:\n",
	       timeline_from_power_on ? "power-on" : "lwpxe started");
	if (first)
		printf("  (%u older phases not kept)\n", first);
	for (unsigned int i = first; i < timeline_count; i++) {
		const struct timeline_entry *e = &timeline[i % TIMELINE_MAX];

		printf("  %4u.%03u  %-10s %6u ms  %s\n",
		       (unsigned int)(e->at_ms / 1000),
		       (unsigned int)(e->at_ms % 1000), e->phase,
		       (unsigned int)e->ms, e->what);
	}
}
