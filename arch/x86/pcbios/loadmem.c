/** @file Placing images on BIOS: free RAM from INT 15h E820 with lwpxe hidden, clear of busy ranges; the hand-over. */
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/san.h>
#include <lwpxe/netdev.h>
#include "loadmem.h"
#include "realmode.h"

/** "SMAP": the E820 signature in EDX and EAX */
#define PCBIOS_LOAD_SMAP 0x534d4150

/** Addresses from here on need more than 32 bits */
#define PCBIOS_LOAD_4GIB 0x100000000ULL

/** The E820 entry buffer in base memory, allocated once */
static struct pcbios_e820 *pcbios_load_e820;

/** Read E820 entry @p *next into the buffer; 0 (with *next updated) or -error */
static int pcbios_load_e820_next(uint32_t *next)
{
	struct pcbios_regs regs = { 0 };
	segoff_t buf;

	if (!pcbios_load_e820)
		pcbios_load_e820 = pcbios_base_alloc(sizeof(*pcbios_load_e820));
	if (!pcbios_load_e820)
		return -ENOMEM;
	buf = virt_to_segoff(pcbios_load_e820);
	regs.eax = 0xe820;
	regs.ebx = *next;
	regs.ecx = sizeof(*pcbios_load_e820);
	regs.edx = PCBIOS_LOAD_SMAP;
	regs.es = SEGOFF_SEG(buf);
	regs.edi = SEGOFF_OFF(buf);
	pcbios_int(0x15, &regs);
	if ((regs.flags & PCBIOS_CF) || regs.eax != PCBIOS_LOAD_SMAP)
		return -EIO;
	*next = regs.ebx;
	return 0;
}

unsigned int pcbios_load_map(struct pcbios_e820 *map, unsigned int max)
{
	uint32_t next = 0;
	unsigned int n = 0;

	while (n < max && pcbios_load_e820_next(&next) == 0) {
		map[n++] = *pcbios_load_e820;
		if (!next)
			break;
	}
	return n;
}

int pcbios_load_init(struct pcbios_load_plan *plan)
{
	struct pcbios_e820 map[PCBIOS_LOAD_E820_MAX];
	unsigned int n = pcbios_load_map(map, PCBIOS_LOAD_E820_MAX);

	memset(plan, 0, sizeof(*plan));
	for (unsigned int i = 0; i < n; i++) {
		const struct pcbios_e820 *e = &map[i];

		if (e->type == PCBIOS_E820_RAM && e->len &&
		    e->addr < PCBIOS_LOAD_4GIB &&
		    plan->nram < PCBIOS_LOAD_RAM_MAX) {
			plan->ram[plan->nram].start = e->addr;
			plan->ram[plan->nram].end =
				MIN(e->addr + e->len, PCBIOS_LOAD_4GIB);
			plan->nram++;
		}
	}
	if (!plan->nram)
		return -ENOMEM;
	return pcbios_load_busy(plan, (uintptr_t)_payload,
				(uintptr_t)_end - (uintptr_t)_payload);
}

int pcbios_load_busy(struct pcbios_load_plan *plan, uint64_t start,
		     uint64_t len)
{
	if (plan->nbusy >= PCBIOS_LOAD_BUSY_MAX)
		return -ENOSPC;
	plan->busy[plan->nbusy].start = start;
	plan->busy[plan->nbusy].end = start + len;
	plan->nbusy++;
	return 0;
}

/** The busy range [@p a, @p a + @p len) overlaps, NULL if none */
static const struct pcbios_range *
pcbios_load_clash(const struct pcbios_load_plan *plan, uint64_t a,
		  uint64_t len)
{
	for (unsigned int i = 0; i < plan->nbusy; i++) {
		const struct pcbios_range *b = &plan->busy[i];

		if (a < b->end && b->start < a + len)
			return b;
	}
	return NULL;
}

/** Lowest aligned place for @p len in [@p lo, @p hi); 0 if none */
static uint64_t pcbios_load_lowest(const struct pcbios_load_plan *plan,
				   uint64_t len, uint64_t align, uint64_t lo,
				   uint64_t hi)
{
	uint64_t a = (lo + align - 1) & ~(align - 1);
	const struct pcbios_range *b;

	while (a + len <= hi) {
		b = pcbios_load_clash(plan, a, len);
		if (!b)
			return a;
		a = (b->end + align - 1) & ~(align - 1);
	}
	return 0;
}

/** Highest aligned place for @p len in [@p lo, @p hi); 0 if none */
static uint64_t pcbios_load_highest(const struct pcbios_load_plan *plan,
				    uint64_t len, uint64_t align, uint64_t lo,
				    uint64_t hi)
{
	uint64_t a;
	const struct pcbios_range *b;

	if (hi < lo + len)
		return 0;
	a = (hi - len) & ~(align - 1);
	while (a >= lo) {
		b = pcbios_load_clash(plan, a, len);
		if (!b)
			return a;
		if (b->start < lo + len)
			return 0;
		a = (b->start - len) & ~(align - 1);
	}
	return 0;
}

uint64_t pcbios_load_find(const struct pcbios_load_plan *plan, uint64_t len,
			  uint64_t align, uint64_t lo, uint64_t hi, int top)
{
	uint64_t best = 0;

	if (!align)
		align = 1;
	for (unsigned int i = 0; i < plan->nram; i++) {
		uint64_t rlo = MAX(plan->ram[i].start, lo);
		uint64_t rhi = MIN(plan->ram[i].end, hi);
		uint64_t a;

		if (rhi <= rlo)
			continue;
		a = top ? pcbios_load_highest(plan, len, align, rlo, rhi) :
			  pcbios_load_lowest(plan, len, align, rlo, rhi);
		if (a && (!best || (top ? a > best : a < best)))
			best = a;
	}
	return best;
}

void pcbios_load_handover(void)
{
	netdev_close_all();
	if (!san_drives())
		pcbios_memmap_unhook();
}
