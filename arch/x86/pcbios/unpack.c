/** @file Decompressor of bin/ipxe.lkrn: the firmware from mkpack.sh's blob (LZMA, x86 filter) to the top of memory, relocated. */
#include <stdint.h>
#include <stddef.h>
#include <lwpxe/errors.h>
#include "pcbios.h"
#include "unlzma.h"

/*
 * Symbols from the link (unpack.lds, and payload.lds written by
 * mkpack.sh): the blob (5 LZMA property bytes, then raw LZMA data of the
 * BCJ-filtered firmware followed by its relocation table), the
 * firmware's link address, entry and end with .bss, and the sizes of the
 * firmware and of all the blob unpacks to (absolute symbols: the address
 * is the value).
 */
extern const uint8_t unpack_blob[], unpack_blob_end[];
extern const uint8_t unpack_payload_start[], unpack_payload_entry[];
extern const uint8_t unpack_payload_end[];
extern const uint8_t unpack_payload_size[], unpack_payload_unpacked[];

/** Alignment of where the firmware goes */
#define UNPACK_ALIGN 0x10000

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

/**
 * Where the firmware goes: the top of the highest usable E820 memory
 * below 4 GiB that leaves room under it, above PCBIOS_LOW_KEEP, for the
 * smallest heap; its link address if the loader passed no memory map
 *
 * @v params    the boot parameters (zero page)
 * @v need      bytes the firmware takes while unpacking and running
 */
static uint32_t unpack_place(const uint8_t *params, uint32_t need)
{
	unsigned int n = params[PCBIOS_BP_E820_ENTRIES];
	const struct pcbios_e820 *map =
		(const struct pcbios_e820 *)(params + PCBIOS_BP_E820_TABLE);
	uint64_t best = 0;

	if (n == 0)
		return (uint32_t)(uintptr_t)unpack_payload_start;
	if (n > PCBIOS_BP_E820_MAX)
		n = PCBIOS_BP_E820_MAX;
	for (unsigned int i = 0; i < n; i++) {
		uint64_t start = map[i].addr;
		uint64_t end = map[i].addr + map[i].len;
		uint64_t at;

		if (map[i].type != PCBIOS_E820_RAM)
			continue;
		if (end > PCBIOS_4GIB)
			end = PCBIOS_4GIB;
		if (end < need)
			continue;
		at = (end - need) & ~(uint64_t)(UNPACK_ALIGN - 1);
		if (at >= start && at >= PCBIOS_LOW_KEEP + PCBIOS_HEAP_MIN &&
		    at > best)
			best = at;
	}
	if (!best)
		unpack_fail("no usable memory for it above 20 MiB");
	return (uint32_t)best;
}

/**
 * Apply mkpack.sh's relocation table (a count, then the offsets of the
 * words holding addresses inside the firmware, each as its distance from
 * the previous one in 7-bit groups, low first, bit 7 set on all but the
 * last) to the firmware unpacked at @p dest, @p delta bytes from its link
 * address
 */
static void unpack_relocate(uint8_t *dest, uint32_t delta)
{
	size_t size = (size_t)unpack_payload_size;
	const uint8_t *p = dest + size + 4;
	const uint8_t *end = dest + (size_t)unpack_payload_unpacked;
	uint32_t n, off = 0;

	__builtin_memcpy(&n, dest + size, sizeof(n));
	for (uint32_t i = 0; i < n; i++) {
		uint32_t word, step = 0;
		unsigned int shift = 0;

		do {
			if (p == end || shift > 28)
				unpack_fail("corrupt relocation table");
			step |= (uint32_t)(*p & 0x7f) << shift;
			shift += 7;
		} while (*p++ & 0x80);
		off += step;
		if (off < step || off > size - sizeof(word))
			unpack_fail("corrupt relocation table");
		__builtin_memcpy(&word, dest + off, sizeof(word));
		word += delta;
		__builtin_memcpy(dest + off, &word, sizeof(word));
	}
	if (p != end)
		unpack_fail("corrupt relocation table");
}

/** Called by unpack.S: place, decompress and relocate the firmware; returns its entry (only on success) */
uint32_t unpack_payload(const uint8_t *params);

uint32_t unpack_payload(const uint8_t *params)
{
	uint32_t link = (uint32_t)(uintptr_t)unpack_payload_start;
	uint32_t need = (uint32_t)(uintptr_t)unpack_payload_unpacked;
	uint32_t run = (uint32_t)((uintptr_t)unpack_payload_end - link);
	uint8_t *dest;
	int rc;

	if (run > need)
		need = run;
	dest = (uint8_t *)(uintptr_t)unpack_place(params, need);
	rc = unlzma(dest, (size_t)unpack_payload_unpacked, unpack_blob,
		    (size_t)(unpack_blob_end - unpack_blob), unpack_probs,
		    sizeof(unpack_probs) / sizeof(unpack_probs[0]));
	if (rc == -ENOTSUP)
		unpack_fail("unsupported LZMA properties");
	if (rc != 0)
		unpack_fail("corrupt data");
	unlzma_x86(dest, (size_t)unpack_payload_unpacked);
	unpack_relocate(dest, (uint32_t)(uintptr_t)dest - link);
	return (uint32_t)(uintptr_t)unpack_payload_entry +
	       ((uint32_t)(uintptr_t)dest - link);
}
