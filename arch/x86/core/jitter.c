/** @file CPU timing jitter on x86: TSC cycles across a read of the PIT, shared by pcbios and UEFI. */
#include <lwpxe/jitter.h>
#include "entropy.h"
#include "io.h"

/** PIT ports: channel 0 counter and the mode/command register */
#define X86_PIT_CH0 0x40
#define X86_PIT_CMD 0x43

/** PIT command: latch channel 0's count (leaves its mode alone) */
#define X86_PIT_LATCH_CH0 0x00

/**
 * One sample: the low byte of the TSC cycles a latch-and-read of the PIT
 * counter takes, XORed with the low byte of the count read.  The PIT runs
 * from its own 1.193182 MHz crystal and the I/O bus (or a hypervisor's
 * exit) adds its own delay, so both vary from read to read (under QEMU's
 * TCG the TSC delta alone sticks at one value for stretches of 41 and
 * more, while the count follows the host's clock); where the PIT is absent
 * or both are fixed, the health tests in jitter_fill() refuse the samples.
 */
static uint8_t x86_jitter_sample(void)
{
	uint64_t t0 = rdtsc();
	uint8_t count;

	outb(X86_PIT_CMD, X86_PIT_LATCH_CH0);
	count = inb(X86_PIT_CH0);
	(void)inb(X86_PIT_CH0);
	return (uint8_t)(rdtsc() - t0) ^ count;
}

/** Fill @p buf with @p len bytes of conditioned PIT timing jitter; 0 or -EIO */
static int x86_jitter_fill(void *buf, size_t len)
{
	return jitter_fill(x86_jitter_sample, buf, len);
}

const struct entropy_source x86_jitter_entropy = {
	.name = "CPU timing jitter (TSC/PIT)",
	.fill = x86_jitter_fill,
};
