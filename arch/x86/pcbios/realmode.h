/** @file Real mode from the 32-bit core: BIOS calls, far calls, interrupt hooks and base memory. */
#ifndef PCBIOS_REALMODE_H
#define PCBIOS_REALMODE_H

#include <stddef.h>
#include <stdint.h>
#include "pcbios.h"

/**
 * Registers handed to and from real mode.  The layout is shared with
 * realmode.S (PCBIOS_REGS_* there).
 */
struct pcbios_regs {
	uint32_t eax;           /**< EAX in and out */
	uint32_t ebx;           /**< EBX in and out */
	uint32_t ecx;           /**< ECX in and out */
	uint32_t edx;           /**< EDX in and out */
	uint32_t esi;           /**< ESI in and out */
	uint32_t edi;           /**< EDI in and out */
	uint32_t ebp;           /**< EBP in and out */
	uint16_t ds;            /**< DS in and out */
	uint16_t es;            /**< ES in and out */
	uint16_t flags;         /**< FLAGS after a call; a hook's caller's flags, in and out */
	uint16_t ss;            /**< call: stack segment to use if sp != 0 */
	uint16_t sp;            /**< call: stack pointer to use, 0 = lwpxe's own real-mode stack */
} __attribute__((packed));

/** FLAGS bits */
#define PCBIOS_CF 0x0001        /**< carry: BIOS calls report failure in it */
#define PCBIOS_ZF 0x0040        /**< zero */
#define PCBIOS_IF 0x0200        /**< interrupts enabled */

/** A real-mode far pointer as the interrupt vector table holds it: segment << 16 | offset */
typedef uint32_t segoff_t;

/** Segment of @p p */
#define SEGOFF_SEG(p) ((uint16_t)((p) >> 16))
/** Offset of @p p */
#define SEGOFF_OFF(p) ((uint16_t)(p))
/** Far pointer @p seg:@p off */
#define SEGOFF(seg, off) (((segoff_t)(seg) << 16) | (uint16_t)(off))

/** Pointer to real-mode address @p seg:@p off */
static inline void *real_to_virt(uint16_t seg, uint16_t off)
{
	return phys_to_virt(((uintptr_t)seg << 4) + off);
}

/** Pointer to what far pointer @p p points at */
static inline void *segoff_to_virt(segoff_t p)
{
	return real_to_virt(SEGOFF_SEG(p), SEGOFF_OFF(p));
}

/** Far pointer to @p p, which must lie below 1 MiB (offset kept below 16) */
static inline segoff_t virt_to_segoff(const void *p)
{
	uintptr_t a = (uintptr_t)p;

	return SEGOFF(a >> 4, a & 0xf);
}

/**
 * Set up real mode: take a page-aligned block of base memory below the
 * top the BIOS data area gives (40:13, lowered to cover it), copy the
 * real-mode code into it.  Called once, before any other function here; 0 or -error.
 */
int pcbios_rm_init(void);

/**
 * Give the base memory back and restore 40:13 if nobody took memory below
 * ours; nonzero if it was given back.  Hooks must be removed first.
 */
int pcbios_rm_release(void);

/** Segment of lwpxe's base-memory block (real-mode code, stack, pool) */
extern uint16_t pcbios_rm_seg;

/** Far pointer to symbol @p sym of realmode.S's real-mode half, as copied to base memory */
segoff_t pcbios_rm_ptr(const void *sym);

/** The copy in base memory of realmode.S's real-mode symbol @p sym */
void *pcbios_rm_copy(const void *sym);

/** The base memory lwpxe took: from the block up to the old top of base memory */
void pcbios_rm_range(uint64_t *start, uint64_t *end);

/**
 * Call the real-mode interrupt handler at @p handler as INT does (FLAGS
 * pushed, far call), with @p regs in and out.  Interrupts are enabled
 * while real-mode code runs.
 */
void pcbios_intcall(segoff_t handler, struct pcbios_regs *regs);

/** INT @p vector through the vector table, with @p regs in and out */
void pcbios_int(unsigned int vector, struct pcbios_regs *regs);

/**
 * Far-call real-mode code at @p target with @p regs in and out, after
 * pushing @p n 16-bit @p words (words[0] ends on top of the stack, as
 * the PXE API wants: opcode, offset, segment).  @p n is at most 8.
 */
void pcbios_farcall(segoff_t target, struct pcbios_regs *regs,
		    const uint16_t *words, unsigned int n);

/**
 * Allocate @p len bytes of base memory from lwpxe's block, 16-byte
 * aligned, for buffers real-mode code reads (PXE parameter blocks, the
 * iBFT); never freed.  NULL if the pool is full.
 */
void *pcbios_base_alloc(size_t len);

/** The vector @p vector holds */
segoff_t pcbios_vector_get(unsigned int vector);

/** Point @p vector at @p handler; returns what it held */
segoff_t pcbios_vector_set(unsigned int vector, segoff_t handler);

/**
 * Hook INT 13h: point it at lwpxe's real-mode entry, which switches to
 * the core and calls pcbios_int13(); returns the previous vector, for
 * chaining with pcbios_intcall().
 */
segoff_t pcbios_int13_hook(void);

/** Undo pcbios_int13_hook() with the vector it returned; -EBUSY if someone hooked over us */
int pcbios_int13_unhook(segoff_t orig);

/**
 * The core's INT 13h handler (int13.c), called with the caller's
 * registers and flags; what it leaves in @p regs is returned to the
 * caller (only the arithmetic flags of regs->flags: CF, ZF, ...).
 */
void pcbios_int13(struct pcbios_regs *regs);

#endif
