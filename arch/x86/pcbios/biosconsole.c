/** @file BIOS text console: the screen through INT 10h (ANSI cursor, erase and colour sequences carried out), the keyboard through INT 16h. */
#include <lwpxe/ansi.h>
#include <lwpxe/console.h>
#include "realmode.h"

/** BIOS data area: columns of the text screen (word at 40:4A) */
#define PCBIOS_BDA_COLS 0x44a

/** BIOS data area: rows of the text screen less one (byte at 40:84) */
#define PCBIOS_BDA_ROWS 0x484

/** Columns assumed when the BIOS data area says none (no video BIOS) */
#define PCBIOS_BIOSCON_COLS 80

/** Rows assumed when the BIOS data area says none */
#define PCBIOS_BIOSCON_ROWS 25

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
	{ 0x49, KEY_PPAGE },
	{ 0x51, KEY_NPAGE },
};

/** Nonzero once real mode works (the console is quiet before) */
static int pcbios_bioscon_ready(void)
{
	return pcbios_rm_seg != 0;
}

/** The ANSI parser's state across calls */
static struct ansi_parser pcbios_bioscon_ansi;

/** Attribute text is written in (ESC[...m changes it) */
static uint8_t pcbios_bioscon_attr = ANSI_PC_ATTR_DEFAULT;

/** Write one character at the cursor with INT 10h teletype output, in the current colours */
static void pcbios_bioscon_tty(uint8_t c)
{
	struct pcbios_regs regs = {
		.eax = 0x0900 | c,
		.ebx = pcbios_bioscon_attr,
		.ecx = 1,
	};

	/* teletype keeps a cell's attribute: AH=09h sets it first */
	if (c >= 0x20 && pcbios_bioscon_attr != ANSI_PC_ATTR_DEFAULT)
		pcbios_int(0x10, &regs);
	regs.eax = 0x0e00 | c;
	regs.ebx = 0x0007;
	pcbios_int(0x10, &regs);
}

/** Columns of the text screen */
static unsigned int pcbios_bioscon_cols(void)
{
	uint16_t cols = *(const uint16_t *)phys_to_virt(PCBIOS_BDA_COLS);

	return cols ? cols : PCBIOS_BIOSCON_COLS;
}

/** Rows of the text screen */
static unsigned int pcbios_bioscon_rows(void)
{
	uint8_t last = *(const uint8_t *)phys_to_virt(PCBIOS_BDA_ROWS);

	return last ? last + 1U : PCBIOS_BIOSCON_ROWS;
}

/** Move the cursor to @p row, @p col (0-based, clamped to the screen) */
static void pcbios_bioscon_goto(unsigned int row, unsigned int col)
{
	struct pcbios_regs regs = { .eax = 0x0200 };    /* AH=02h */
	unsigned int rows = pcbios_bioscon_rows();
	unsigned int cols = pcbios_bioscon_cols();

	row = row < rows ? row : rows - 1;
	col = col < cols ? col : cols - 1;
	regs.edx = row << 8 | col;
	pcbios_int(0x10, &regs);
}

/** Fill the whole screen with blanks in the current colours (ESC[2J); the cursor stays */
static void pcbios_bioscon_clear(void)
{
	struct pcbios_regs regs = {
		.eax = 0x0600,          /* AH=06h scroll up, AL=0: blank the window */
		.ebx = (uint32_t)pcbios_bioscon_attr << 8,
		.ecx = 0,
		.edx = (pcbios_bioscon_rows() - 1) << 8 | (pcbios_bioscon_cols() - 1),
	};

	pcbios_int(0x10, &regs);
}

/** Carry out ESC[K (erase to the end of the line), ESC[nC and ESC[nD (move along it) */
static void pcbios_bioscon_line(const struct ansi_parser *seq)
{
	struct pcbios_regs regs = { .eax = 0x0300 };
	unsigned int cols = pcbios_bioscon_cols();
	unsigned int col, n = ansi_param(seq, 0, 1);

	pcbios_int(0x10, &regs);        /* AH=03h: DH row, DL column */
	col = (uint8_t)regs.edx;
	if (col >= cols)
		return;
	if (seq->final == 'K') {
		/* AH=09h: blanks from the cursor on; the cursor stays */
		regs.eax = 0x0900 | ' ';
		regs.ebx = pcbios_bioscon_attr;
		regs.ecx = cols - col;
	} else {
		if (seq->final == 'D')
			col = n < col ? col - n : 0;
		else
			col = n < cols - 1 - col ? col + n : cols - 1;
		regs.eax = 0x0200;      /* AH=02h: cursor to DH, DL */
		regs.ebx = 0;
		regs.edx = (regs.edx & 0xff00) | col;
	}
	pcbios_int(0x10, &regs);
}

/** Carry out the sequence the parser just completed: K, C, D, H (cursor to row;col), 2J (clear), m (colours) */
static void pcbios_bioscon_ansi_do(void)
{
	const struct ansi_parser *seq = &pcbios_bioscon_ansi;

	switch (seq->final) {
	case 'K':
		if (!ansi_param(seq, 0, 0))
			pcbios_bioscon_line(seq);
		break;
	case 'C': case 'D':
		pcbios_bioscon_line(seq);
		break;
	case 'H':
		pcbios_bioscon_goto(ansi_param(seq, 0, 1) - 1,
				    ansi_param(seq, 1, 1) - 1);
		break;
	case 'J':
		if (ansi_param(seq, 0, 0) == 2)
			pcbios_bioscon_clear();
		break;
	case 'm':
		pcbios_bioscon_attr = ansi_sgr_attr(seq, pcbios_bioscon_attr);
		break;
	default:
		break;
	}
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
