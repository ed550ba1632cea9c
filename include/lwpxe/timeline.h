/** @file The boot timeline: what each phase of a boot took, and when control was handed over. */
#ifndef LWPXE_TIMELINE_H
#define LWPXE_TIMELINE_H

#include <stdint.h>

/** Note that lwpxe (@p what: its name and version) started now: the timeline counts from power-on if the platform can tell, else from here */
void timeline_start(const char *what);

/**
 * Note that the phase @p phase ("dhcp", "login") ran from @p start_us (a
 * time_us() reading) until now
 *
 * @v phase     the phase's name, a string that lives as long as the firmware
 * @v what      what it was about ("net0", a URI), copied (cut if long); NULL for nothing
 */
void timeline_record(const char *phase, uint64_t start_us, const char *what);

/** Note the hand-over to @p what now and print one line with the phases since the previous one */
void timeline_handover(const char *what);

/** Print every phase noted since start-up, one per line (the `timeline` command) */
void timeline_print(void);

#endif
