/** @file Real mode from the 32-bit core: the base-memory block, calls into real mode, vectors, the INT 13h entry. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "realmode.h"

/** BIOS data area word 40:13: base memory size in KiB */
#define PCBIOS_BDA_BASE_KIB 0x413

/** Real-mode stack after the copied code (realmode.S RM_STACK_SIZE) */
#define PCBIOS_RM_STACK 2048

/** Pool for pcbios_base_alloc() after the stack */
#define PCBIOS_RM_POOL 6144

/** Words pcbios_farcall() can push */
#define PCBIOS_RM_WORDS 8

/** Selectors of the 16-bit segments in the core's GDT (head.S) */
#define PCBIOS_GDT_RM16_CS 3
#define PCBIOS_GDT_RM16_DS 4

/** The real-mode half of realmode.S, as linked */
extern char pcbios_rm_start[], pcbios_rm_end[], pcbios_rm_data[];
extern char pcbios_rm_int13[], pcbios_rm_int_regs[];

/** The core's GDT and its register value (head.S) */
extern uint64_t pcbios_gdt32[];
extern char pcbios_gdt32_desc[];

/** Make the call rm_call and rm_regs describe (realmode.S) */
void pcbios_rm_call(void);

/** The data at pcbios_rm_data, in the order realmode.S lays it out */
struct pcbios_rm_data {
	uint16_t real_entry[2];         /**< far pointer to rm_real */
	segoff_t call_target;           /**< where pcbios_rm_call goes */
	segoff_t int15_orig;            /**< INT 15h before ours */
	uint32_t pm_far_off;            /**< 32-bit entry for the way up */
	uint16_t pm_far_sel;            /**< its selector */
	uint8_t pm_gdtr[6];             /**< the core's GDT register value */
	uint8_t real_idtr[6];           /**< the real-mode vector table */
	uint16_t int_ss;                /**< INT 13h caller's stack */
	uint32_t int_esp;
	uint16_t call_int;              /**< push FLAGS as INT does */
	uint16_t call_nwords;           /**< words pushed before the call */
	uint16_t call_words[PCBIOS_RM_WORDS];
	struct pcbios_regs regs;        /**< pcbios_rm_call's registers */
	struct pcbios_regs int_regs;    /**< the INT 13h caller's registers */
} __attribute__((packed));

uint16_t pcbios_rm_seg;

/** The block's data in base memory, NULL before pcbios_rm_init() */
static struct pcbios_rm_data *pcbios_rm;

/** Linear address and size of the block; next free byte of its pool */
static uintptr_t pcbios_rm_base;
static size_t pcbios_rm_size;
static uintptr_t pcbios_rm_pool_next;

/** The base memory size 40:13 had before we took the block (KiB) */
static uint16_t pcbios_rm_old_kib;

/** The BIOS data area's base memory size */
static volatile uint16_t *pcbios_bda_base_kib(void)
{
	return phys_to_virt(PCBIOS_BDA_BASE_KIB);
}

/** Offset of @p sym of realmode.S's real-mode half within the block */
static uint16_t pcbios_rm_offset(const void *sym)
{
	return (uint16_t)((const char *)sym - pcbios_rm_start);
}

/** Set the base of GDT entry @p index to @p base */
static void pcbios_gdt_set_base(unsigned int index, uint32_t base)
{
	uint64_t d = pcbios_gdt32[index];

	d &= ~0xff0000ffffff0000ULL;
	d |= (uint64_t)(base & 0xffffff) << 16;
	d |= (uint64_t)(base >> 24) << 56;
	pcbios_gdt32[index] = d;
}

int pcbios_rm_init(void)
{
	size_t code = (size_t)(pcbios_rm_end - pcbios_rm_start);
	unsigned int kib;
	uintptr_t top;

	/* the struct must match realmode.S's layout */
	if (pcbios_rm_offset(pcbios_rm_int_regs) !=
	    pcbios_rm_offset(pcbios_rm_data) +
	    offsetof(struct pcbios_rm_data, int_regs)) {
		printf("pcbios: realmode.S and realmode.c disagree on the "
		       "real-mode data layout\n");
		return -EINVAL;
	}
	pcbios_rm_size = code + PCBIOS_RM_STACK + PCBIOS_RM_POOL;
	kib = (unsigned int)((pcbios_rm_size + 1023) / 1024);
	pcbios_rm_old_kib = *pcbios_bda_base_kib();
	top = (uintptr_t)pcbios_rm_old_kib << 10;
	if (pcbios_rm_old_kib > 640 || top < (uintptr_t)kib * 1024 + 0x10000) {
		printf("pcbios: the BIOS reports %u KiB of base memory: no room "
		       "for %u KiB of real-mode code\n", pcbios_rm_old_kib, kib);
		return -ENOMEM;
	}
	/* page-aligned, so that the code page holds nothing written (realmode.S) */
	pcbios_rm_base = (top - (uintptr_t)kib * 1024) & ~(uintptr_t)0xfff;
	kib = (unsigned int)((top - pcbios_rm_base) >> 10);
	*pcbios_bda_base_kib() = (uint16_t)(pcbios_rm_old_kib - kib);
	pcbios_rm_seg = (uint16_t)(pcbios_rm_base >> 4);
	pcbios_rm_pool_next = pcbios_rm_base + code + PCBIOS_RM_STACK;

	memcpy(phys_to_virt(pcbios_rm_base), pcbios_rm_start, code);
	pcbios_rm = phys_to_virt(pcbios_rm_base +
				 pcbios_rm_offset(pcbios_rm_data));
	pcbios_rm->real_entry[1] = pcbios_rm_seg;
	memcpy(pcbios_rm->pm_gdtr, pcbios_gdt32_desc, sizeof(pcbios_rm->pm_gdtr));
	pcbios_gdt_set_base(PCBIOS_GDT_RM16_CS, (uint32_t)pcbios_rm_base);
	pcbios_gdt_set_base(PCBIOS_GDT_RM16_DS, (uint32_t)pcbios_rm_base);
	return 0;
}

int pcbios_rm_release(void)
{
	unsigned int kib = (unsigned int)(pcbios_rm_base >> 10);

	if (!pcbios_rm || *pcbios_bda_base_kib() != kib)
		return 0;
	*pcbios_bda_base_kib() = pcbios_rm_old_kib;
	return 1;
}

void *pcbios_base_alloc(size_t len)
{
	uintptr_t p = (pcbios_rm_pool_next + 15) & ~(uintptr_t)15;

	if (!pcbios_rm || p + len > pcbios_rm_base + pcbios_rm_size)
		return NULL;
	pcbios_rm_pool_next = p + len;
	return memset(phys_to_virt(p), 0, len);
}

/** Make the far call to @p target, pushing FLAGS first if @p is_int */
static void pcbios_call(segoff_t target, int is_int, struct pcbios_regs *regs,
			const uint16_t *words, unsigned int n)
{
	if (n > PCBIOS_RM_WORDS)
		n = PCBIOS_RM_WORDS;
	pcbios_rm->call_target = target;
	pcbios_rm->call_int = (uint16_t)is_int;
	pcbios_rm->call_nwords = (uint16_t)n;
	memcpy(pcbios_rm->call_words, words, n * sizeof(words[0]));
	pcbios_rm->regs = *regs;
	pcbios_rm_call();
	*regs = pcbios_rm->regs;
}

void pcbios_intcall(segoff_t handler, struct pcbios_regs *regs)
{
	pcbios_call(handler, 1, regs, NULL, 0);
}

void pcbios_int(unsigned int vector, struct pcbios_regs *regs)
{
	pcbios_intcall(pcbios_vector_get(vector), regs);
}

void pcbios_farcall(segoff_t target, struct pcbios_regs *regs,
		    const uint16_t *words, unsigned int n)
{
	pcbios_call(target, 0, regs, words, n);
}

segoff_t pcbios_vector_get(unsigned int vector)
{
	return ((volatile segoff_t *)phys_to_virt(0))[vector];
}

segoff_t pcbios_vector_set(unsigned int vector, segoff_t handler)
{
	volatile segoff_t *ivt = phys_to_virt(0);
	segoff_t old = ivt[vector];

	ivt[vector] = handler;
	return old;
}

segoff_t pcbios_rm_ptr(const void *sym)
{
	return SEGOFF(pcbios_rm_seg, pcbios_rm_offset(sym));
}

void *pcbios_rm_copy(const void *sym)
{
	return phys_to_virt(pcbios_rm_base + pcbios_rm_offset(sym));
}

void pcbios_rm_range(uint64_t *start, uint64_t *end)
{
	*start = pcbios_rm_base;
	*end = (uint64_t)pcbios_rm_old_kib << 10;
}

segoff_t pcbios_int13_hook(void)
{
	return pcbios_vector_set(0x13, pcbios_rm_ptr(pcbios_rm_int13));
}

int pcbios_int13_unhook(segoff_t orig)
{
	if (pcbios_vector_get(0x13) != pcbios_rm_ptr(pcbios_rm_int13))
		return -EBUSY;
	pcbios_vector_set(0x13, orig);
	return 0;
}

/** Called by realmode.S on an INT 13h: the handler on a copy of the caller's registers */
void pcbios_int13_enter(void);

void pcbios_int13_enter(void)
{
	struct pcbios_regs regs = pcbios_rm->int_regs;

	pcbios_int13(&regs);
	pcbios_rm->int_regs = regs;
}
