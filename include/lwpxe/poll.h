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

/** Service every poller once, then rest briefly if nothing is pending */
void step_idle(void);

#endif
