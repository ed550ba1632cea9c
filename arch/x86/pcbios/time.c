/** @file Time on BIOS: the TSC, calibrated against PIT channel 2; waits are busy loops (interrupts are off). */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/pci.h>
#include <lwpxe/time.h>
#include "../core/tsc.h"
#include "pcbios.h"

/** The PIT's input clock in Hz */
#define PIT_HZ 1193182

/** PIT ports: channel 2 data, mode/command; system control port B */
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORTB 0x61

#define PIT_CMD_CH2_MODE0 0xb0  /**< channel 2, low then high byte, mode 0, binary */
#define PIT_CMD_CH2_LATCH 0x80  /**< latch channel 2's count */
#define PORTB_GATE2 0x01        /**< channel 2 gate */
#define PORTB_SPEAKER 0x02      /**< speaker data (kept off) */

/** Length of one calibration in milliseconds (three are made) */
#define PCBIOS_CALIBRATE_MS 10

/** TSC ticks after which a calibration that never ends is abandoned */
#define PCBIOS_CALIBRATE_LIMIT 20000000000ULL

/** Longest busy wait time_idle() spends, in microseconds */
#define PCBIOS_IDLE_MAX_US 100

/** Start PIT channel 2 counting down from 0xffff in mode 0 */
static void pcbios_pit_start(void)
{
	outb(PORTB, (inb(PORTB) & ~PORTB_SPEAKER) | PORTB_GATE2);
	outb(PIT_CMD, PIT_CMD_CH2_MODE0);
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);
}

/** PIT channel 2's count now */
static uint16_t pcbios_pit_count(void)
{
	uint8_t lo;

	outb(PIT_CMD, PIT_CMD_CH2_LATCH);
	lo = inb(PIT_CH2);
	return (uint16_t)(lo | inb(PIT_CH2) << 8);
}

/**
 * TSC ticks per millisecond over PCBIOS_CALIBRATE_MS of PIT channel 2,
 * each end read as a PIT count and the TSC side by side (so time lost to
 * a pre-empted CPU counts on both); 0 if the PIT does not count
 */
static uint64_t pcbios_calibrate(void)
{
	uint16_t c0, c1;
	uint64_t t0, t1;

	pcbios_pit_start();
	(void)pcbios_pit_count();       /* the count loads on the next PIT tick */
	c0 = pcbios_pit_count();
	t0 = rdtsc();
	do {
		c1 = pcbios_pit_count();
		t1 = rdtsc();
		if (t1 - t0 > PCBIOS_CALIBRATE_LIMIT)
			return 0;
	} while ((uint16_t)(c0 - c1) < PIT_HZ / 1000 * PCBIOS_CALIBRATE_MS);
	return (t1 - t0) * PIT_HZ / ((uint64_t)(uint16_t)(c0 - c1) * 1000);
}

int pcbios_time_init(void)
{
	uint64_t a = pcbios_calibrate();
	uint64_t b = pcbios_calibrate();
	uint64_t per_ms = tsc_median3(a, b, pcbios_calibrate());

	tsc_clock_start(per_ms);
	if (!per_ms) {
		printf("pcbios: PIT channel 2 does not count: "
		       "timing assumes a 1 GHz TSC\n");
		return -ETIMEDOUT;
	}
	return 0;
}

void udelay(unsigned long us)
{
	uint64_t start = rdtsc();
	uint64_t ticks = (uint64_t)us * tsc_ticks_per_ms() / 1000;

	while (rdtsc() - start < ticks)
		__asm__ volatile("pause");
}

void time_idle(uint64_t max_us)
{
	/* no interrupt can end a hlt here: rest briefly, then poll again */
	udelay(max_us < PCBIOS_IDLE_MAX_US ? (unsigned long)max_us :
		PCBIOS_IDLE_MAX_US);
}
