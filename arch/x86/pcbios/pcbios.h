/** @file Internal interfaces of the x86 BIOS platform (32-bit flat protected mode). */
#ifndef PCBIOS_H
#define PCBIOS_H

#include <stddef.h>
#include <stdint.h>
#include "../core/io.h"

/*
 * The boot parameters ("zero page", Linux Documentation/arch/x86/zero-page.rst):
 * the real-mode setup (setup.S) or a 32-bit boot loader leaves them at
 * the address passed in %esi.  Only the fields read here are named.
 */
#define PCBIOS_BP_E820_ENTRIES 0x1e8    /**< u8: entries in the E820 table */
#define PCBIOS_BP_CMD_LINE_PTR 0x228    /**< u32: address of the command line */
#define PCBIOS_BP_BOOT_TYPE 0x248       /**< u8: lwpxe: how we were loaded, PCBIOS_BOOT_* */
#define PCBIOS_BP_BOOT_DRIVE 0x249      /**< u8: lwpxe: BIOS drive we were loaded from */
#define PCBIOS_BP_PXENV 0x24c           /**< u32: lwpxe: PXENV+ structure (seg:off), 0 if none */
#define PCBIOS_BP_PXE 0x250             /**< u32: lwpxe: !PXE structure (seg:off), 0 if none */
#define PCBIOS_BP_E820_TABLE 0x2d0      /**< the E820 table, 20-byte entries */
#define PCBIOS_BP_E820_MAX 128          /**< room for entries in the table */

/** One E820 memory map entry as INT 15h AX=E820h returns it */
struct pcbios_e820 {
	uint64_t addr;          /**< start address */
	uint64_t len;           /**< length in bytes */
	uint32_t type;          /**< PCBIOS_E820_* */
} __attribute__((packed));

#define PCBIOS_E820_RAM 1       /**< usable memory */

/** Boot types (PCBIOS_BP_BOOT_TYPE), written by our own loaders into setup.S's header */
#define PCBIOS_BOOT_LINUX 0     /**< a Linux boot loader (GRUB, SYSLINUX, qemu -kernel) */
#define PCBIOS_BOOT_DISK 1      /**< our MBR (ipxe.usb) */
#define PCBIOS_BOOT_PXE 2       /**< a PXE ROM, its stack unloaded (ipxe.pxe) */
#define PCBIOS_BOOT_PXE_KEEP 3  /**< a PXE ROM, its UNDI kept (undionly.kpxe) */

/**
 * Memory below this stays free for what boot loaders put at fixed
 * addresses while lwpxe still serves them (GRUB unpacks its own core at
 * 1 MiB, `linux16` loads a kernel there): neither the firmware nor its
 * heap goes below it
 */
#define PCBIOS_LOW_KEEP (16UL << 20)

/** Least heap worth running with */
#define PCBIOS_HEAP_MIN (4UL << 20)

/** Highest address reachable without paging, plus one */
#define PCBIOS_4GIB 0x100000000ULL

/** Start and end of the image in memory, .bss and stack included (set by pcbios.lds) */
extern char _payload[], _end[];

/** Page-aligned end of the image (code, data, .bss and the stack) */
uint64_t pcbios_image_end(void);

/** How long the banner offers Ctrl-B (build option, like iPXE's BANNER_TIMEOUT) */
#ifndef PCBIOS_SHELL_PROMPT_MS
#define PCBIOS_SHELL_PROMPT_MS 1000
#endif

/**
 * Pointer to physical address @p addr (memory is flat: physical = linear).
 * The empty asm hides the constant so the compiler does not treat a low
 * address such as 0x413 as a null-pointer offset.
 */
static inline void *phys_to_virt(uintptr_t addr)
{
	__asm__("" : "+r"(addr));
	return (void *)addr;
}

/** Code segment selector of the flat 32-bit GDT (head.S, setup.S) */
#define PCBIOS_CS 0x08

/** Exit status reported after a CPU exception */
#define PCBIOS_EXCEPTION_STATUS 127

/** Stop the CPU for good (interrupts stay off) */
void pcbios_halt(void) __attribute__((noreturn));

/** Print @p status, report it to QEMU's isa-debug-exit if asked, halt */
void pcbios_stop(int status) __attribute__((noreturn));

/** Point the IDT at the exception stubs so a fault prints one line */
void pcbios_idt_init(void);

/** Put the canary at the bottom of the stack; a poller checks it (stackguard.c) */
void pcbios_stack_guard_init(void);

/**
 * Find the serial console's UART (COM1 unless built with SERIAL_PORT)
 * and set it to SERIAL_BAUD 8N1, unless the ACPI SPCR table says the
 * firmware redirects the screen to it.  Output before real mode works
 * goes to the UART alone.
 */
void pcbios_serial_init(void);

/**
 * Once INT 10h works: find out whether the firmware redirects the screen
 * to the UART (SPCR, else a loopback probe) and if so leave the UART to
 * the firmware, saying so once on the screen
 */
void pcbios_serial_check(void);

struct acpi_rsdp;

/** The ACPI RSDP in the EBDA or the BIOS area (E0000h-FFFFFh); NULL if none */
const struct acpi_rsdp *pcbios_rsdp(void);

/** Calibrate the TSC against the PIT; 0 or -error */
int pcbios_time_init(void);

/** Give the heap memory from the E820 map @p map of @p n entries and hide it (and lwpxe) from what boots next; 0 or -error */
int pcbios_memory_init(const struct pcbios_e820 *map, unsigned int n);

#endif
