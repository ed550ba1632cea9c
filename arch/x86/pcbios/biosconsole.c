/** @file BIOS text console: the screen through INT 10h, the keyboard through INT 16h. */
#include <lwpxe/console.h>
#include "realmode.h"

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

/** Write one character at the cursor with INT 10h teletype output */
static void pcbios_bioscon_tty(uint8_t c)
{
	struct pcbios_regs regs = {
		.eax = 0x0e00 | c,
		.ebx = 0x0007,
	};

	pcbios_int(0x10, &regs);
}

/** Write one byte, turning \n into \r\n */
static void pcbios_bioscon_putchar(int c)
{
	if (!pcbios_bioscon_ready())
		return;
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
