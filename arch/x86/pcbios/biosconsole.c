/** @file BIOS text console: the screen through INT 10h (with ESC[K, ESC[nC and ESC[nD carried out), the keyboard through INT 16h. */
#include <lwpxe/ansi.h>
#include <lwpxe/console.h>
#include "realmode.h"

/** BIOS data area: columns of the text screen (word at 40:4A) */
#define PCBIOS_BDA_COLS 0x44a

/** Columns assumed when the BIOS data area says none (no video BIOS) */
#define PCBIOS_BIOSCON_COLS 80

/** Attribute of the blanks ESC[K writes: light grey on black */
#define PCBIOS_BIOSCON_ATTR 0x07

/** INT 16h scan codes of the special keys, and what getkey() calls them */
static const struct {
	uint8_t scan;           /**< scan code in AH */
	int key;                /**< KEY_ code */
} pcbios_keys[] = {
	{ 0x48, KEY_UP },
	{ 0x50, KEY_DOWN },
	{ 0x4b, KEY_LEFT },
	{ 0x4d, KEY_RIGHT },
	{ 0x47, KEY_HOME },
	{ 0x4f, KEY_END },
	{ 0x53, KEY_DC },
};

/** Nonzero once real mode works (the console is quiet before) */
static int pcbios_bioscon_ready(void)
{
	return pcbios_rm_seg != 0;
}

/** The ANSI parser's state across calls */
static struct ansi_parser pcbios_bioscon_ansi;

/** Write one character at the cursor with INT 10h teletype output */
static void pcbios_bioscon_tty(uint8_t c)
{
	struct pcbios_regs regs = {
		.eax = 0x0e00 | c,
		.ebx = 0x0007,
	};

	pcbios_int(0x10, &regs);
}

/** Columns of the text screen */
static unsigned int pcbios_bioscon_cols(void)
{
	uint16_t cols = *(const uint16_t *)phys_to_virt(PCBIOS_BDA_COLS);

	return cols ? cols : PCBIOS_BIOSCON_COLS;
}

/** Carry out the sequence the parser just completed: K erases to the end of the line, C and D move the cursor */
static void pcbios_bioscon_ansi_do(void)
{
	const struct ansi_parser *seq = &pcbios_bioscon_ansi;
	struct pcbios_regs regs = { .eax = 0x0300 };
	unsigned int cols = pcbios_bioscon_cols();
	unsigned int col, n = ansi_param(seq, 0, 1);

	pcbios_int(0x10, &regs);        /* AH=03h: DH row, DL column */
	col = (uint8_t)regs.edx;
	if (col >= cols)
		return;
	if (seq->final == 'K' && !ansi_param(seq, 0, 0)) {
		/* AH=09h: blanks from the cursor on; the cursor stays */
		regs.eax = 0x0900 | ' ';
		regs.ebx = PCBIOS_BIOSCON_ATTR;
		regs.ecx = cols - col;
	} else if (seq->final == 'C' || seq->final == 'D') {
		if (seq->final == 'D')
			col = n < col ? col - n : 0;
		else
			col = n < cols - 1 - col ? col + n : cols - 1;
		regs.eax = 0x0200;      /* AH=02h: cursor to DH, DL */
		regs.ebx = 0;
		regs.edx = (regs.edx & 0xff00) | col;
	} else {
		return;
	}
	pcbios_int(0x10, &regs);
}

/** Write one byte, turning \n into \r\n and carrying out ANSI sequences */
static void pcbios_bioscon_putchar(int c)
{
	if (!pcbios_bioscon_ready())
		return;
	switch (ansi_step(&pcbios_bioscon_ansi, c)) {
	case ANSI_DONE:
		pcbios_bioscon_ansi_do();
		return;
	case ANSI_CONSUMED:
		return;
	default:
		break;
	}
	if (c == '\n')
		pcbios_bioscon_tty('\r');
	pcbios_bioscon_tty((uint8_t)c);
}

/** Nonzero if a key is waiting (INT 16h AH=01h clears ZF) */
static int pcbios_bioscon_iskey(void)
{
	struct pcbios_regs regs = { .eax = 0x0100 };

	if (!pcbios_bioscon_ready())
		return 0;
	pcbios_int(0x16, &regs);
	return !(regs.flags & PCBIOS_ZF);
}

/** Read one key (INT 16h AH=00h), special keys as KEY_ codes */
static int pcbios_bioscon_getchar(void)
{
	struct pcbios_regs regs = { .eax = 0x0000 };
	uint8_t ascii, scan;

	pcbios_int(0x16, &regs);
	ascii = (uint8_t)regs.eax;
	scan = (uint8_t)(regs.eax >> 8);
	if (ascii && ascii != 0xe0)
		return ascii;
	for (unsigned int i = 0; i < sizeof(pcbios_keys) / sizeof(pcbios_keys[0]); i++)
		if (pcbios_keys[i].scan == scan)
			return pcbios_keys[i].key;
	return 0;
}

static const struct console_driver pcbios_bioscon = {
	.name = "bios",
	.putchar = pcbios_bioscon_putchar,
	.iskey = pcbios_bioscon_iskey,
	.getchar = pcbios_bioscon_getchar,
};
CONSOLE(pcbios_bioscon);
