/*
 * The multiboot test kernel: prints on COM1 what the boot loader handed
 * over (magic, information flags, memory sizes, memory map, command line,
 * modules with their sizes and first bytes, boot loader name), checks
 * that its .bss came zeroed, then stops QEMU through isa-debug-exit
 * (port 0x501, status 0x21: QEMU exits with 67).
 */
#include <stdint.h>

#define COM1 0x3f8
#define DEBUG_EXIT 0x501

struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
	uint32_t mods_count, mods_addr, syms[4], mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr, config_table, boot_loader_name;
};

struct mb_module {
	uint32_t start, end, string, reserved;
};

static volatile uint32_t zeroed_bss[1024];

static void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void putc_serial(char c)
{
	while (!(inb(COM1 + 5) & 0x20))
		;
	outb(COM1, (uint8_t)c);
}

static void puts_serial(const char *s)
{
	while (*s)
		putc_serial(*s++);
}

static void put_hex(uint32_t v)
{
	puts_serial("0x");
	for (int i = 28; i >= 0; i -= 4)
		putc_serial("0123456789abcdef"[(v >> i) & 0xf]);
}

static void put_dec(uint32_t v)
{
	char buf[12];
	int n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		putc_serial(buf[--n]);
}

/* the first @len bytes at @p, as text (non-printables as '.') */
static void put_bytes(const uint8_t *p, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		putc_serial(p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.');
}

void mbtest_main(uint32_t magic, const struct mb_info *info);

void mbtest_main(uint32_t magic, const struct mb_info *info)
{
	uint32_t nonzero = 0;

	puts_serial("\r\nlwpxe-mb-magic ");
	put_hex(magic);
	puts_serial("\r\nlwpxe-mb-flags ");
	put_hex(info->flags);
	puts_serial("\r\nlwpxe-mb-mem-lower ");
	put_dec(info->mem_lower);
	puts_serial("\r\nlwpxe-mb-mem-upper ");
	put_dec(info->mem_upper);
	puts_serial("\r\nlwpxe-mb-mmap-entries ");
	put_dec(info->mmap_length / 24);
	puts_serial("\r\nlwpxe-mb-cmdline ");
	puts_serial((const char *)info->cmdline);
	puts_serial("\r\nlwpxe-mb-loader ");
	puts_serial((const char *)info->boot_loader_name);
	puts_serial("\r\nlwpxe-mb-mods ");
	put_dec(info->mods_count);
	for (uint32_t i = 0; i < info->mods_count; i++) {
		const struct mb_module *m =
			(const struct mb_module *)info->mods_addr + i;

		puts_serial("\r\nlwpxe-mb-mod ");
		puts_serial((const char *)m->string);
		puts_serial(" size=");
		put_dec(m->end - m->start);
		puts_serial(m->start & 0xfff ? " unaligned" : " page-aligned");
		puts_serial(" data=");
		put_bytes((const uint8_t *)m->start,
			  m->end - m->start < 16 ? m->end - m->start : 16);
	}
	for (uint32_t i = 0; i < sizeof(zeroed_bss) / 4; i++)
		nonzero |= zeroed_bss[i];
	puts_serial(nonzero ? "\r\nlwpxe-mb-bss-dirty" : "\r\nlwpxe-mb-bss-zero");
	puts_serial("\r\nlwpxe-mb-done\r\n");
	outb(DEBUG_EXIT, 0x21);
}
