/** @file Time on BIOS: the TSC, calibrated against PIT channel 2; waits are busy loops (interrupts are off). */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/pci.h>
#include <lwpxe/time.h>
#include "pcbios.h"

/** The PIT's input clock in Hz */
#define PIT_HZ 1193182

/** PIT ports: channel 2 data, mode/command; system control port B */
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORTB 0x61

#define PIT_CMD_CH2_MODE0 0xb0  /**< channel 2, low then high byte, mode 0, binary */
#define PORTB_GATE2 0x01        /**< channel 2 gate */
#define PORTB_SPEAKER 0x02      /**< speaker data (kept off) */
#define PORTB_OUT2 0x20         /**< channel 2 output (read) */

/** Length of the calibration in milliseconds */
#define PCBIOS_CALIBRATE_MS 20

/** TSC ticks after which a calibration that never ends is abandoned */
#define PCBIOS_CALIBRATE_LIMIT 20000000000ULL

/** Longest busy wait time_idle() spends, in microseconds */
#define PCBIOS_IDLE_MAX_US 100

/** TSC at start-up, and TSC ticks per millisecond */
static uint64_t pcbios_tsc_start;
static uint64_t pcbios_tsc_per_ms = 1000000;    /* 1 GHz until calibrated */

/** Start PIT channel 2 counting @p count ticks down in mode 0 (OUT2 rises at 0) */
static void pcbios_pit_start(uint16_t count)
{
	outb(PORTB, (inb(PORTB) & ~PORTB_SPEAKER) | PORTB_GATE2);
	outb(PIT_CMD, PIT_CMD_CH2_MODE0);
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
}

int pcbios_time_init(void)
{
	uint64_t before, ticks;

	pcbios_pit_start(PIT_HZ / 1000 * PCBIOS_CALIBRATE_MS);
	before = rdtsc();
	do {
		ticks = rdtsc() - before;
		if (ticks > PCBIOS_CALIBRATE_LIMIT) {
			printf("pcbios: PIT channel 2 never counted down: "
			       "timing assumes a 1 GHz TSC\n");
			pcbios_tsc_start = before;
			return -ETIMEDOUT;
		}
	} while (!(inb(PORTB) & PORTB_OUT2));
	if (ticks >= PCBIOS_CALIBRATE_MS)
		pcbios_tsc_per_ms = ticks / PCBIOS_CALIBRATE_MS;
	pcbios_tsc_start = before;
	return 0;
}

uint64_t time_us(void)
{
	uint64_t ticks = rdtsc() - pcbios_tsc_start;

	return tsc_to_us(ticks, pcbios_tsc_per_ms);
}

uint64_t time_since_power_on_us(void)
{
	/* the TSC counts from the CPU's reset */
	uint64_t ticks = rdtsc();

	return tsc_to_us(ticks, pcbios_tsc_per_ms);
}

void udelay(unsigned long us)
{
	uint64_t start = rdtsc();
	uint64_t ticks = (uint64_t)us * pcbios_tsc_per_ms / 1000;

	while (rdtsc() - start < ticks)
		__asm__ volatile("pause");
}

void time_idle(uint64_t max_us)
{
	/* no interrupt can end a hlt here: rest briefly, then poll again */
	udelay(max_us < PCBIOS_IDLE_MAX_US ? (unsigned long)max_us :
		PCBIOS_IDLE_MAX_US);
}
