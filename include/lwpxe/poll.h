/** @file The single poll loop: everything that must wait calls step(). */
#ifndef LWPXE_POLL_H
#define LWPXE_POLL_H

#include <lwpxe/compiler.h>

/** Something serviced on every step (NIC receive, protocol timers) */
struct poller {
	const char *name;          /**< name for debugging */
	void (*poll)(void);        /**< service pending work, never block */
};

/** Register a poller */
#define POLLER(object) TABLE_ENTRY(pollers, object)
TABLE_DECLARE(pollers);

/** Service every poller once */
void step(void);

/**
 * Service every poller once, then rest briefly unless a poller said it did
 * work (step_busy()): more may be waiting already
 */
void step_idle(void);

/** Called by a poller that did work (received frames): step_idle() then does not rest */
void step_busy(void);

#endif
