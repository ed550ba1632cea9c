/** @file Entry point of the BIOS images: boot parameters, console, time, memory, NICs, the core, then back to the BIOS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/platform.h>
#include <lwpxe/san.h>
#include "memmap.h"
#include "pxe.h"
#include "realmode.h"

const char platform_name[] = "pcbios";
const unsigned int platform_client_arch = 0;
const unsigned int platform_shell_prompt_ms = PCBIOS_SHELL_PROMPT_MS;

int platform_secure_boot(void)
{
	return -ENOTSUP;
}

/** Kernel command-line option naming QEMU's isa-debug-exit port */
#define PCBIOS_DEBUG_EXIT_OPT "debug-exit="

/** Port of QEMU's isa-debug-exit device, 0 if not given on the command line */
static uint16_t pcbios_debug_exit_port;

void pcbios_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void pcbios_stop(int status)
{
	printf("lwpxe: exit status %d: halting\n", status);
	/* QEMU's isa-debug-exit ends QEMU with status (value << 1) | 1 */
	if (pcbios_debug_exit_port)
		outb(pcbios_debug_exit_port, (uint8_t)status);
	pcbios_halt();
}

/**
 * Hand the machine back to the BIOS with INT 18h, which tries the next
 * boot device.  Hooked SAN drives stay resident (with our memory hidden);
 * otherwise INT 15h and base memory are given back first.
 */
static void __noreturn pcbios_return_to_bios(int status)
{
	struct pcbios_regs regs = { 0 };
	const struct san_drive *drive = san_drives();

	if (drive) {
		printf("lwpxe: exit status %d: drive %#x stays hooked; "
		       "INT 18h: next boot device\n", status, drive->number);
	} else {
		printf("lwpxe: exit status %d: INT 18h: next boot device\n",
		       status);
		if (pcbios_memmap_unhook() == 0)
			pcbios_rm_release();
	}
	pcbios_int(0x18, &regs);
	printf("lwpxe: the BIOS returned from INT 18h: halting\n");
	pcbios_halt();
}

void platform_exit(int status)
{
	netdev_close_all();
	nic_remove_all();
	if (pcbios_debug_exit_port || !pcbios_rm_seg)
		pcbios_stop(status);
	pcbios_return_to_bios(status);
}

/**
 * Read the options we know from the kernel command line at @p addr:
 * `debug-exit=PORT` makes platform_exit() write the exit status to that
 * port (QEMU: -device isa-debug-exit,iobase=0x501,iosize=2 -append
 * debug-exit=0x501).  Nothing else is read yet.
 */
static void pcbios_parse_cmdline(uint32_t addr)
{
	const char *opt;

	if (!addr)
		return;
	opt = strstr(phys_to_virt(addr), PCBIOS_DEBUG_EXIT_OPT);
	if (opt)
		pcbios_debug_exit_port = (uint16_t)strtoul(
			opt + strlen(PCBIOS_DEBUG_EXIT_OPT), NULL, 0);
}

/** Called from head.S with the boot parameters (zero page) */
void __noreturn pcbios_start(const uint8_t *params);

void pcbios_start(const uint8_t *params)
{
	const struct embedded_image *script = &embedded_images[0];
	struct pcbios_e820 map[PCBIOS_BP_E820_MAX];
	unsigned int entries = params[PCBIOS_BP_E820_ENTRIES];
	segoff_t ppxe, pxenv;
	uint32_t cmdline;

	pcbios_idt_init();
	pcbios_stack_guard_init();
	/* copy what we need before anything can overwrite low memory */
	if (entries > PCBIOS_BP_E820_MAX)
		entries = PCBIOS_BP_E820_MAX;
	memcpy(map, params + PCBIOS_BP_E820_TABLE, entries * sizeof(map[0]));
	memcpy(&cmdline, params + PCBIOS_BP_CMD_LINE_PTR, sizeof(cmdline));
	memcpy(&ppxe, params + PCBIOS_BP_PXE, sizeof(ppxe));
	memcpy(&pxenv, params + PCBIOS_BP_PXENV, sizeof(pxenv));
	pcbios_parse_cmdline(cmdline);
	pcbios_serial_init();
	pcbios_time_init();
	if (pcbios_rm_init() != 0)
		platform_exit(1);
	pcbios_serial_check();
	if (pcbios_memory_init(map, entries) != 0)
		platform_exit(1);
	pcbios_pxe_init(ppxe, pxenv);
	nic_probe_all();
	platform_exit(lwpxe_main(script->name, script->data, script->len));
}
