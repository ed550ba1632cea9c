/** @file A canary at the bottom of the firmware stack, checked by a poller: an overflow becomes one line and a stop instead of silent corruption. */
#include <stdint.h>
#include <stdio.h>
#include <lwpxe/poll.h>
#include "pcbios.h"

/** Words of the canary, and their value (any pattern a stack rarely holds) */
#define PCBIOS_GUARD_WORDS 16
#define PCBIOS_GUARD_VALUE 0x5afe57acu

/** The lowest address of the stack and the address above it (head.S) */
extern uint32_t pcbios_stack_bottom[];
extern const char pcbios_stack_top[];

/** Fill the canary (called first thing, once .bss is cleared) */
void pcbios_stack_guard_init(void)
{
	for (unsigned int i = 0; i < PCBIOS_GUARD_WORDS; i++)
		pcbios_stack_bottom[i] = PCBIOS_GUARD_VALUE;
}

/** Poller: stop with one line if anything reached the canary */
static void pcbios_stack_guard_poll(void)
{
	for (unsigned int i = 0; i < PCBIOS_GUARD_WORDS; i++) {
		if (pcbios_stack_bottom[i] != PCBIOS_GUARD_VALUE) {
			printf("pcbios: the firmware stack (%u KiB) overflowed "
			       "and memory below it may be damaged; stopping\n",
			       (unsigned int)((pcbios_stack_top -
					       (const char *)pcbios_stack_bottom) /
					      1024));
			pcbios_stop(PCBIOS_EXCEPTION_STATUS);
		}
	}
}

/** The stack canary's poller */
static const struct poller pcbios_stack_guard = {
	.name = "stack-guard",
	.poll = pcbios_stack_guard_poll,
};
POLLER(pcbios_stack_guard);
