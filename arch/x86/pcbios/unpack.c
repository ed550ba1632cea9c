/** @file Decompressor of bin/ipxe.lkrn: the firmware from mkpack.sh's blob (LZMA, x86 filter) to its link address. */
#include <stdint.h>
#include <stddef.h>
#include <lwpxe/errors.h>
#include "unlzma.h"

/*
 * Symbols from the link (unpack.lds, and payload.lds written by
 * mkpack.sh): the blob (5 LZMA property bytes, then raw LZMA data of the
 * BCJ-filtered firmware), where the firmware goes and its size (an
 * absolute symbol: its address is the value).
 */
extern const uint8_t unpack_blob[], unpack_blob_end[];
extern uint8_t unpack_payload_start[];
extern const uint8_t unpack_payload_size[];

/** The serial console's UART (build option SERIAL_PORT, 0: none), as serial.c has it */
#ifndef UART_BASE
#define UART_BASE 0x3f8
#endif

/** UART line status register; its bit 5: ready to send */
#define UNPACK_UART_LSR (UART_BASE + 5)
#define UNPACK_LSR_THRE 0x20

/** VGA text memory (top line) and the attribute used: white on red */
#define UNPACK_VGA ((volatile uint16_t *)0xb8000)
#define UNPACK_VGA_ATTR 0x4f00

/** Probabilities for LZMA properties with lc + lp <= 3 (mkpack.sh uses lc=3, lp=0) */
static uint16_t unpack_probs[UNLZMA_PROBS(3)];

/** Write byte @p val to I/O port @p port */
static void unpack_outb(uint16_t port, uint8_t val)
{
	__asm__ volatile("outb %0, %1" : : "a"(val), "Nd"(port));
}

/** Read a byte from I/O port @p port */
static uint8_t unpack_inb(uint16_t port)
{
	uint8_t val;

	__asm__ volatile("inb %1, %0" : "=a"(val) : "Nd"(port));
	return val;
}

/** Send @p c to the serial console, waiting a bounded time for room (there may be no UART) */
static void unpack_serial_putc(char c)
{
	if (!UART_BASE)
		return;
	for (unsigned int i = 0; i < 100000; i++)
		if (unpack_inb(UNPACK_UART_LSR) & UNPACK_LSR_THRE)
			break;
	unpack_outb(UART_BASE, (uint8_t)c);
}

/** Print "lwpxe: cannot unpack the firmware: @p why" on the serial console and the screen's top line, then stop */
static void __attribute__((noreturn)) unpack_fail(const char *why)
{
	static const char prefix[] = "lwpxe: cannot unpack the firmware: ";
	unsigned int col = 0;

	for (const char *s = prefix; *s; s++) {
		unpack_serial_putc(*s);
		UNPACK_VGA[col++] = UNPACK_VGA_ATTR | (uint8_t)*s;
	}
	for (const char *s = why; *s; s++) {
		unpack_serial_putc(*s);
		UNPACK_VGA[col++] = UNPACK_VGA_ATTR | (uint8_t)*s;
	}
	unpack_serial_putc('\r');
	unpack_serial_putc('\n');
	for (;;)
		__asm__ volatile("cli; hlt");
}

/** Called by unpack.S: decompress the firmware to its link address; returns only on success */
void unpack_payload(void);

void unpack_payload(void)
{
	size_t size = (size_t)unpack_payload_size;
	int rc;

	rc = unlzma(unpack_payload_start, size, unpack_blob,
		    (size_t)(unpack_blob_end - unpack_blob), unpack_probs,
		    sizeof(unpack_probs) / sizeof(unpack_probs[0]));
	if (rc == -ENOTSUP)
		unpack_fail("unsupported LZMA properties");
	if (rc != 0)
		unpack_fail("corrupt data");
	unlzma_x86(unpack_payload_start, size);
}
