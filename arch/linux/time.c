/** @file Time on Linux: the monotonic and real-time clocks, and idling in poll(2) on watched descriptors. */
#include <lwpxe/compiler.h>
#include <lwpxe/time.h>
#include "linux_api.h"

#define LINUX_CLOCK_REALTIME 0
#define LINUX_CLOCK_MONOTONIC 1

/** Descriptors whose input ends an idle period (console, TAP) */
static struct linux_pollfd linux_watched[8];
static unsigned int linux_nwatched;

uint64_t time_us(void)
{
	struct linux_timespec ts;

	linux_syscall(LINUX_SYS_clock_gettime, LINUX_CLOCK_MONOTONIC,
		      (long)&ts, 0, 0, 0, 0);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

int64_t time_wallclock(void)
{
	struct linux_timespec ts;

	if (linux_syscall(LINUX_SYS_clock_gettime, LINUX_CLOCK_REALTIME,
			  (long)&ts, 0, 0, 0, 0) != 0)
		return -1;
	return ts.tv_sec;
}

uint64_t time_since_power_on_us(void)
{
	return 0;       /* a process has no power-on of its own */
}

void time_idle(uint64_t max_us)
{
	long ms = (long)((max_us + 999) / 1000);

	linux_syscall(LINUX_SYS_poll, (long)linux_watched, linux_nwatched, ms,
		      0, 0, 0);
}

void linux_watch_fd(int fd)
{
	if (linux_nwatched < ARRAY_SIZE(linux_watched)) {
		linux_watched[linux_nwatched].fd = fd;
		linux_watched[linux_nwatched].events = LINUX_POLLIN;
		linux_nwatched++;
	}
}

void linux_unwatch_fd(int fd)
{
	for (unsigned int i = 0; i < linux_nwatched; i++) {
		if (linux_watched[i].fd == fd) {
			linux_watched[i] = linux_watched[--linux_nwatched];
			return;
		}
	}
}
