/** @file time.h: only the type mbedTLS headers name; there is no wall clock. */
#ifndef _TIME_H
#define _TIME_H

/** Seconds since the epoch (unused: the firmware has no wall clock) */
typedef long long time_t;

#endif
