/** @file Entropy sources: what each platform offers to seed the random generator. */
#ifndef LWPXE_ENTROPY_H
#define LWPXE_ENTROPY_H

#include <stddef.h>

/** One source of real entropy (a CPU instruction, a firmware service, timing jitter) */
struct entropy_source {
	/** What it is, for the start-up line ("RDRAND", "getrandom()") */
	const char *name;
	/** Fill @p buf with @p len bytes; 0, -ENOTSUP if absent on this machine, or -error */
	int (*fill)(void *buf, size_t len);
};

/** Platform: its entropy sources, best first, ending with NULL */
extern const struct entropy_source *const platform_entropy_sources[];

#endif
