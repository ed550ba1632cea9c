/** @file Entry point of the BIOS images: boot parameters, console, time, memory, PCI, then the core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/platform.h>
#include "pcbios.h"

const char platform_name[] = "pcbios";
const unsigned int platform_client_arch = 0;

/** Kernel command-line option naming QEMU's isa-debug-exit port */
#define PCBIOS_DEBUG_EXIT_OPT "debug-exit="

/** Port of QEMU's isa-debug-exit device, 0 if not given on the command line */
static uint16_t pcbios_debug_exit_port;

void pcbios_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

/** Close every open NIC so no DMA continues after we stop */
static void pcbios_close_nics(void)
{
	struct nic *nic;

	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++)
		netdev_close(nic);
}

void pcbios_stop(int status)
{
	printf("lwpxe: exit status %d: halting (no return to the BIOS yet)\n",
	       status);
	/* QEMU's isa-debug-exit ends QEMU with status (value << 1) | 1 */
	if (pcbios_debug_exit_port)
		outb(pcbios_debug_exit_port, (uint8_t)status);
	pcbios_halt();
}

void platform_exit(int status)
{
	pcbios_close_nics();
	pcbios_stop(status);
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
	uint32_t cmdline;

	pcbios_idt_init();
	/* copy what we need before anything can overwrite low memory */
	if (entries > PCBIOS_BP_E820_MAX)
		entries = PCBIOS_BP_E820_MAX;
	memcpy(map, params + PCBIOS_BP_E820_TABLE, entries * sizeof(map[0]));
	memcpy(&cmdline, params + PCBIOS_BP_CMD_LINE_PTR, sizeof(cmdline));
	pcbios_parse_cmdline(cmdline);
	pcbios_serial_init();
	pcbios_time_init();
	if (pcbios_memory_init(map, entries) != 0)
		platform_exit(1);
	pcbios_pci_probe();
	platform_exit(lwpxe_main(script->name, script->data, script->len));
}
