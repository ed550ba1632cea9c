/** @file Serial console, polled (no interrupts, no BIOS): COM1 at 115200 8N1 unless built with other SERIAL_PORT / SERIAL_BAUD, left to the firmware when it redirects the screen there. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/time.h>
#include "../core/acpi.h"
#include "realmode.h"

/** The UART's base port (build option SERIAL_PORT; 0 = no serial console) */
#ifndef UART_BASE
#define UART_BASE 0x3f8
#endif

/** Name of the port in messages */
#define UART_NAME (UART_BASE == 0x3f8 ? "COM1" : UART_BASE == 0x2f8 ? "COM2" : \
		   UART_BASE == 0x3e8 ? "COM3" : UART_BASE == 0x2e8 ? "COM4" : \
		   "serial port")

/**
 * Nonzero (build option SERIAL_REDIRECT=auto, the default) to leave the
 * UART to the firmware when it redirects the screen there; 0
 * (SERIAL_REDIRECT=ignore) to write to it regardless
 */
#ifndef UART_REDIRECT_AUTO
#define UART_REDIRECT_AUTO 1
#endif

/** Bit rate (build option SERIAL_BAUD) */
#ifndef UART_BAUD
#define UART_BAUD 115200
#endif

/** The 16550 registers, as offsets from the base port */
#define UART_THR 0      /**< transmit holding (write) */
#define UART_RBR 0      /**< receive buffer (read) */
#define UART_DLL 0      /**< divisor latch, low byte (DLAB = 1) */
#define UART_IER 1      /**< interrupt enable */
#define UART_DLM 1      /**< divisor latch, high byte (DLAB = 1) */
#define UART_FCR 2      /**< FIFO control */
#define UART_LCR 3      /**< line control */
#define UART_MCR 4      /**< modem control */
#define UART_LSR 5      /**< line status */
#define UART_SCR 7      /**< scratch */

#define UART_LCR_8N1 0x03       /**< 8 data bits, no parity, 1 stop bit */
#define UART_LCR_DLAB 0x80      /**< divisor latch access */
#define UART_FCR_ON 0x07        /**< enable and clear both FIFOs */
#define UART_MCR_DTR_RTS 0x03   /**< data terminal ready, request to send */
#define UART_MCR_LOOP 0x10      /**< loopback: what is sent is received */
#define UART_LSR_DR 0x01        /**< a received byte is waiting */
#define UART_LSR_THRE 0x20      /**< transmit holding register empty */
#define UART_LSR_TEMT 0x40      /**< transmitter empty (shift register too) */

/** Divisor of the UART clock (1.8432 MHz / 16) for UART_BAUD */
#define UART_DIVISOR (115200 / UART_BAUD)

/** Transmitter polls before a byte is dropped (a dead UART must not hang us) */
#define UART_TX_POLLS 100000

/** Receive reads that empty any FIFO (a stuck DR must not hang us) */
#define UART_RX_DRAIN 64

/** How long the redirection probe listens for the firmware's bytes */
#define UART_PROBE_US 10000

/** SPCR: offset of the base address, an ACPI Generic Address Structure */
#define SPCR_BASE_SPACE 40      /**< u8: address space, SPCR_SPACE_IO for ports */
#define SPCR_BASE_ADDR 44       /**< u64: the address */
#define SPCR_SPACE_IO 1         /**< system I/O space */

/** Nonzero once a UART answered at UART_BASE and is ours to use */
static int pcbios_uart_present;

/** Nonzero if the firmware redirects the screen to the UART */
static int pcbios_uart_redirected;

/** Divisor latch as the firmware left it (put back if it keeps the UART) */
static uint16_t pcbios_uart_divisor;

/** Nonzero if the ACPI SPCR table names UART_BASE: the firmware's console is there */
static int pcbios_serial_spcr(void)
{
	const struct acpi_rsdp *rsdp = pcbios_rsdp();
	const struct acpi_header *spcr = rsdp ? acpi_find(rsdp, "SPCR") : NULL;
	const uint8_t *p = (const uint8_t *)spcr;
	uint64_t addr;

	if (!spcr || spcr->length < SPCR_BASE_ADDR + sizeof(addr) ||
	    p[SPCR_BASE_SPACE] != SPCR_SPACE_IO)
		return 0;
	memcpy(&addr, p + SPCR_BASE_ADDR, sizeof(addr));
	return addr == UART_BASE;
}

/** Write divisor @p divisor to the divisor latch, leaving 8N1 */
static void pcbios_uart_set_divisor(uint16_t divisor)
{
	outb(UART_BASE + UART_LCR, UART_LCR_DLAB);
	outb(UART_BASE + UART_DLL, divisor & 0xff);
	outb(UART_BASE + UART_DLM, divisor >> 8);
	outb(UART_BASE + UART_LCR, UART_LCR_8N1);
}

void pcbios_serial_init(void)
{
	if (!UART_BASE || UART_DIVISOR < 1 || UART_DIVISOR > 0xffff)
		return;
	/* a UART keeps what is written to its scratch register */
	outb(UART_BASE + UART_SCR, 0x5a);
	if (inb(UART_BASE + UART_SCR) != 0x5a)
		return;
	if (UART_REDIRECT_AUTO && pcbios_serial_spcr()) {
		pcbios_uart_redirected = 1;
		return;
	}
	outb(UART_BASE + UART_LCR, UART_LCR_DLAB);
	pcbios_uart_divisor = (uint16_t)(inb(UART_BASE + UART_DLL) |
					 inb(UART_BASE + UART_DLM) << 8);
	outb(UART_BASE + UART_IER, 0);
	pcbios_uart_set_divisor(UART_DIVISOR);
	outb(UART_BASE + UART_FCR, UART_FCR_ON);
	outb(UART_BASE + UART_MCR, UART_MCR_DTR_RTS);
	pcbios_uart_present = 1;
}

/** Read and drop whatever the UART has received */
static void pcbios_uart_drain(void)
{
	for (unsigned int i = 0; i < UART_RX_DRAIN &&
	     (inb(UART_BASE + UART_LSR) & UART_LSR_DR); i++)
		inb(UART_BASE + UART_RBR);
}

/** Drop the keys waiting in the BIOS keyboard buffer (INT 16h AH=01h, AH=00h) */
static void pcbios_serial_drain_keys(void)
{
	struct pcbios_regs regs;

	for (unsigned int i = 0; i < UART_RX_DRAIN; i++) {
		regs = (struct pcbios_regs){ .eax = 0x0100 };
		pcbios_int(0x16, &regs);
		if (regs.flags & PCBIOS_ZF)
			return;
		regs = (struct pcbios_regs){ .eax = 0x0000 };
		pcbios_int(0x16, &regs);
	}
}

/** Write @p count blanks at the cursor with INT 10h AH=09h, which leaves the cursor where it is */
static void pcbios_serial_blanks(uint16_t count)
{
	struct pcbios_regs regs = { .eax = 0x0900 | ' ', .ebx = 0x0007, .ecx = count };

	pcbios_int(0x10, &regs);
}

/** Wait until the line status has all of @p bits, or UART_PROBE_US passes; the last status read */
static uint8_t pcbios_uart_wait(uint8_t bits)
{
	uint64_t start = time_us();
	uint8_t lsr;

	do {
		lsr = inb(UART_BASE + UART_LSR);
	} while ((lsr & bits) != bits && time_us() - start < UART_PROBE_US);
	return lsr;
}

/**
 * Nonzero if the firmware's INT 10h writes to the UART: with the UART
 * in loopback, two blanks written at the cursor (AH=09h with CX=2, which
 * makes a redirecting firmware send at once) come back as received
 * bytes.  One blank first, before the loopback, makes a firmware that
 * holds back a character (SeaBIOS's sercon) send it on the line.  Keys
 * the firmware made of the looped bytes are dropped.
 */
static int pcbios_serial_probe(void)
{
	uint8_t mcr = inb(UART_BASE + UART_MCR);
	int seen;

	pcbios_serial_blanks(1);
	pcbios_uart_wait(UART_LSR_TEMT);
	outb(UART_BASE + UART_MCR, mcr | UART_MCR_LOOP);
	pcbios_uart_drain();
	pcbios_serial_blanks(2);
	/* until all the firmware sent is back, or the deadline */
	seen = pcbios_uart_wait(UART_LSR_DR | UART_LSR_TEMT) & UART_LSR_DR;
	outb(UART_BASE + UART_MCR, mcr);
	pcbios_uart_drain();
	pcbios_serial_drain_keys();
	return seen;
}

void pcbios_serial_check(void)
{
	if (UART_REDIRECT_AUTO && pcbios_uart_present && pcbios_serial_probe()) {
		pcbios_uart_present = 0;
		pcbios_uart_set_divisor(pcbios_uart_divisor);
		pcbios_uart_redirected = 1;
	}
	if (pcbios_uart_redirected)
		printf("console: %s (%#x) is redirected by the firmware: "
		       "writing to the screen only\n", UART_NAME, UART_BASE);
}

/** Send one byte once the transmitter has room */
static void pcbios_uart_tx(uint8_t c)
{
	for (unsigned int i = 0; i < UART_TX_POLLS; i++) {
		if (inb(UART_BASE + UART_LSR) & UART_LSR_THRE) {
			outb(UART_BASE + UART_THR, c);
			return;
		}
	}
}

/** Write one byte, turning \n into \r\n for terminals */
static void pcbios_serial_putchar(int c)
{
	if (!pcbios_uart_present)
		return;
	if (c == '\n')
		pcbios_uart_tx('\r');
	pcbios_uart_tx((uint8_t)c);
}

/** Nonzero if a received byte is waiting */
static int pcbios_serial_iskey(void)
{
	return pcbios_uart_present &&
	       (inb(UART_BASE + UART_LSR) & UART_LSR_DR);
}

/** Read one byte, waiting for it (the core decodes escape sequences) */
static int pcbios_serial_getchar(void)
{
	while (!pcbios_serial_iskey())
		time_idle(1000);
	return inb(UART_BASE + UART_RBR);
}

static const struct console_driver pcbios_serial_console = {
	.name = "serial",
	.putchar = pcbios_serial_putchar,
	.iskey = pcbios_serial_iskey,
	.getchar = pcbios_serial_getchar,
};
CONSOLE(pcbios_serial_console);
