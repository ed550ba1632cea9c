/** @file Serial console, polled (no interrupts, no BIOS): COM1 at 115200 8N1 unless built with other SERIAL_PORT / SERIAL_BAUD. */
#include <lwpxe/console.h>
#include <lwpxe/time.h>
#include "pcbios.h"

/** The UART's base port (build option SERIAL_PORT; 0 = no serial console) */
#ifndef UART_BASE
#define UART_BASE 0x3f8
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
#define UART_LSR_DR 0x01        /**< a received byte is waiting */
#define UART_LSR_THRE 0x20      /**< transmit holding register empty */

/** Divisor of the UART clock (1.8432 MHz / 16) for UART_BAUD */
#define UART_DIVISOR (115200 / UART_BAUD)

/** Transmitter polls before a byte is dropped (a dead UART must not hang us) */
#define UART_TX_POLLS 100000

/** Nonzero once a UART answered at UART_BASE */
static int pcbios_uart_present;

void pcbios_serial_init(void)
{
	if (!UART_BASE || UART_DIVISOR < 1 || UART_DIVISOR > 0xffff)
		return;
	/* a UART keeps what is written to its scratch register */
	outb(UART_BASE + UART_SCR, 0x5a);
	if (inb(UART_BASE + UART_SCR) != 0x5a)
		return;
	outb(UART_BASE + UART_IER, 0);
	outb(UART_BASE + UART_LCR, UART_LCR_DLAB);
	outb(UART_BASE + UART_DLL, UART_DIVISOR & 0xff);
	outb(UART_BASE + UART_DLM, UART_DIVISOR >> 8);
	outb(UART_BASE + UART_LCR, UART_LCR_8N1);
	outb(UART_BASE + UART_FCR, UART_FCR_ON);
	outb(UART_BASE + UART_MCR, UART_MCR_DTR_RTS);
	pcbios_uart_present = 1;
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
