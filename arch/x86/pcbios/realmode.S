/*
 * The way between the 32-bit flat core and real mode.
 *
 * The real-mode half (everything between pcbios_rm_start and
 * pcbios_rm_end) is copied by realmode.c into a block of base memory and
 * runs there with CS = that block's segment, so it addresses its own code
 * and data by offset from pcbios_rm_start (RM()).  The 32-bit half stays
 * where it was linked.
 *
 * Core -> real mode: pcbios_rm_call runs one far call (an INT is a far
 * call with FLAGS pushed) described by rm_call and rm_regs, which
 * realmode.c fills and reads back.
 * Real mode -> core: the INT 13h entry saves the caller's registers in
 * rm_int_regs and calls pcbios_int13_enter() on the core's stack, then
 * returns the registers and the arithmetic flags to the caller.
 * The INT 15h entry answers E820, E801 and 88h from tables realmode.c's
 * users fill (the memory map with lwpxe's memory hidden) without leaving
 * real mode, and passes everything else on.
 *
 * The core's stack position is saved in pcbios_pm_esp whenever the CPU
 * leaves for real mode; an entry from real mode continues below it, so
 * an INT 13h from a boot sector the core far-called leaves the core's
 * frames intact.
 */

#define RM(sym) ((sym) - pcbios_rm_start)

/* struct pcbios_regs (realmode.h) */
#define REGS_EAX 0
#define REGS_EBX 4
#define REGS_ECX 8
#define REGS_EDX 12
#define REGS_ESI 16
#define REGS_EDI 20
#define REGS_EBP 24
#define REGS_DS 28
#define REGS_ES 30
#define REGS_FLAGS 32
#define REGS_SS 34
#define REGS_SP 36
#define REGS_SIZE 38

/* GDT selectors (head.S) */
#define FLAT_CS 0x08
#define FLAT_DS 0x10
#define RM16_CS 0x18
#define RM16_DS 0x20

/* Arithmetic flags a hook returns: CF PF AF ZF SF OF */
#define ARITH_FLAGS 0x08d5

#define SMAP 0x534d4150
#define E820_ENTRY 20
#define E820_MAX 64

#define RM_STACK_SIZE 2048

/* ---------------------------------------------------------------- */
/* 32-bit half                                                        */
/* ---------------------------------------------------------------- */

	.code32
	.section .text.pcbios_rm32, "ax", @progbits

/* Flat segments, the core's IDT and stack (pcbios_pm_esp), after a jump from real mode */
	.macro	ENTER32
	movw	$FLAT_DS, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	pcbios_pm_esp, %esp
	lidt	pcbios_idtr
	cld
	.endm

/*
 * void pcbios_rm_call(void): make the far call rm_call describes with the
 * registers in rm_regs; the results are in rm_regs on return.
 */
	.globl	pcbios_rm_call
pcbios_rm_call:
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, pcbios_pm_esp
	movw	$RM(rm_do_call), %ax
	jmp	pcbios_to_real

/* Back from rm_do_call: the core's stack as pcbios_rm_call left it. */
pcbios_rm_call_done:
	ENTER32
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

/* INT 13h from real mode: run the core's handler, then return to the caller. */
pcbios_int13_entry32:
	ENTER32
	call	pcbios_int13_enter
	movl	%esp, pcbios_pm_esp
	movw	$RM(rm_int_return), %ax
	jmp	pcbios_to_real

/*
 * Leave for real mode and continue at offset %ax of the real-mode block:
 * through 16-bit protected mode (64 KiB segments, so real mode inherits
 * sane limits), then clear CR0.PE and reload CS with the block's segment.
 */
pcbios_to_real:
	ljmp	$RM16_CS, $RM(rm_pm16)

/* ---------------------------------------------------------------- */
/* Real-mode half, copied to base memory                              */
/* ---------------------------------------------------------------- */

	.section .text.pcbios_rm16, "ax", @progbits
	.balign	4096                    /* the code page holds no data */
	.globl	pcbios_rm_start
pcbios_rm_start:

/* Store the general and data segment registers into pcbios_regs \area (CS-relative) */
	.macro	STORE_REGS area
	movl	%eax, %cs:RM(\area) + REGS_EAX
	movl	%ebx, %cs:RM(\area) + REGS_EBX
	movl	%ecx, %cs:RM(\area) + REGS_ECX
	movl	%edx, %cs:RM(\area) + REGS_EDX
	movl	%esi, %cs:RM(\area) + REGS_ESI
	movl	%edi, %cs:RM(\area) + REGS_EDI
	movl	%ebp, %cs:RM(\area) + REGS_EBP
	movw	%ds, %cs:RM(\area) + REGS_DS
	movw	%es, %cs:RM(\area) + REGS_ES
	.endm

/* Load them from pcbios_regs \area, DS last */
	.macro	LOAD_REGS area
	movl	%cs:RM(\area) + REGS_EAX, %eax
	movl	%cs:RM(\area) + REGS_EBX, %ebx
	movl	%cs:RM(\area) + REGS_ECX, %ecx
	movl	%cs:RM(\area) + REGS_EDX, %edx
	movl	%cs:RM(\area) + REGS_ESI, %esi
	movl	%cs:RM(\area) + REGS_EDI, %edi
	movl	%cs:RM(\area) + REGS_EBP, %ebp
	movw	%cs:RM(\area) + REGS_ES, %es
	movw	%cs:RM(\area) + REGS_DS, %ds
	.endm

	.code16
rm_pm16:
	movw	$RM16_DS, %dx
	movw	%dx, %ds
	movw	%dx, %es
	movw	%dx, %fs
	movw	%dx, %gs
	movw	%dx, %ss
	movl	%cr0, %edx
	andb	$0xfe, %dl
	movl	%edx, %cr0
	ljmpw	*%cs:RM(rm_real_entry)
rm_real:
	xorw	%dx, %dx
	movw	%dx, %fs
	movw	%dx, %gs
	movw	%cs, %dx
	movw	%dx, %ds
	movw	%dx, %es
	lidt	%cs:RM(rm_real_idtr)
	jmp	*%ax

/*
 * Jump to the 32-bit code at linear address %ebx: reload the core's GDT
 * (a BIOS call may have loaded its own), set CR0.PE, far jump.
 */
rm_to_prot:
	cli
	movl	%ebx, %cs:RM(rm_pm_far)
	lgdtl	%cs:RM(rm_pm_gdtr)
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	ljmpl	*%cs:RM(rm_pm_far)

/* The far call of pcbios_rm_call. */
rm_do_call:
	/* the caller's stack if rm_regs names one, else ours */
	movw	%cs:RM(rm_regs) + REGS_SP, %cx
	movw	%cs:RM(rm_regs) + REGS_SS, %dx
	testw	%cx, %cx
	jnz	1f
	movw	%cs, %dx
	movw	$RM(rm_stack_top), %cx
1:	movw	%dx, %ss
	movzwl	%cx, %esp
	/* the words to push, the last first so words[0] ends on top */
	movw	%cs:RM(rm_call_nwords), %cx
	movw	%cx, %si
	shlw	$1, %si
	jcxz	3f
2:	subw	$2, %si
	pushw	%cs:RM(rm_call_words)(%si)
	loop	2b
3:	cmpw	$0, %cs:RM(rm_call_int)
	je	4f
	sti
	pushfw
4:	LOAD_REGS	rm_regs
	cld
	sti
	lcallw	*%cs:RM(rm_call_target)
	cli
	STORE_REGS	rm_regs
	pushfw
	popw	%cs:RM(rm_regs) + REGS_FLAGS
	/* back on our stack for the way up */
	movw	%cs, %dx
	movw	%dx, %ss
	movl	$RM(rm_stack_top), %esp
	movl	$pcbios_rm_call_done, %ebx
	jmp	rm_to_prot

/* INT 13h: save the caller's state, run the core's handler. */
	.globl	pcbios_rm_int13
pcbios_rm_int13:
	cli
	STORE_REGS	rm_int_regs
	movw	%sp, %bp
	movw	4(%bp), %ax
	movw	%ax, %cs:RM(rm_int_regs) + REGS_FLAGS
	movw	%ss, %cs:RM(rm_int_ss)
	movl	%esp, %cs:RM(rm_int_esp)
	movl	$pcbios_int13_entry32, %ebx
	jmp	rm_to_prot

/* Back from the core's handler: registers and flags to the caller. */
rm_int_return:
	movw	%cs:RM(rm_int_ss), %ss
	movl	%cs:RM(rm_int_esp), %esp
	movw	%sp, %bp
	movw	%cs:RM(rm_int_regs) + REGS_FLAGS, %ax
	andw	$ARITH_FLAGS, %ax
	andw	$~ARITH_FLAGS, 4(%bp)
	orw	%ax, 4(%bp)
	LOAD_REGS	rm_int_regs
	iret

/*
 * INT 15h: E820 (the map in rm_e820, continuation value = next index),
 * E801 and 88h from rm_e801_1m16m, rm_e801_16m and rm_e88 when
 * rm_e820_count is set; the
 * rest goes to the previous handler.
 */
	.globl	pcbios_rm_int15
pcbios_rm_int15:
	cmpw	$0, %cs:RM(rm_e820_count)
	je	9f
	cmpl	$0xe820, %eax
	je	1f
	cmpw	$0xe801, %ax
	je	5f
	cmpb	$0x88, %ah
	je	6f
9:	ljmpw	*%cs:RM(rm_int15_orig)

1:	cmpl	$SMAP, %edx
	jne	9b
	cmpl	$E820_ENTRY, %ecx
	jb	8f
	cmpl	%cs:RM(rm_e820_count), %ebx
	jae	8f
	pushw	%ds
	pushw	%si
	pushw	%di
	pushw	%cs
	popw	%ds
	imulw	$E820_ENTRY, %bx, %si
	addw	$RM(rm_e820), %si
	movw	$E820_ENTRY, %cx
	cld
	rep movsb
	popw	%di
	popw	%si
	popw	%ds
	incl	%ebx
	cmpl	%cs:RM(rm_e820_count), %ebx
	jb	2f
	xorl	%ebx, %ebx
2:	movl	$SMAP, %eax
	movl	$E820_ENTRY, %ecx
	jmp	7f

5:	movw	%cs:RM(rm_e801_1m16m), %ax
	movw	%cs:RM(rm_e801_16m), %bx
	movw	%ax, %cx
	movw	%bx, %dx
	jmp	7f

6:	movw	%cs:RM(rm_e88), %ax

	/* success: clear CF in the caller's flags */
7:	pushw	%bp
	movw	%sp, %bp
	andw	$~0x0001, 6(%bp)
	popw	%bp
	iret

	/* bad call: CF set, AH = 86h (function not supported) */
8:	movb	$0x86, %ah
	pushw	%bp
	movw	%sp, %bp
	orw	$0x0001, 6(%bp)
	popw	%bp
	iret

/*
 * ---- data of the real-mode half (realmode.c names it in struct pcbios_rm_data) ----
 * On a page of its own, as are the stack and pool after it: every call
 * stores registers here, and a store into a page holding code the CPU
 * has decoded makes it check for self-modifying code (a pipeline flush
 * on hardware, a slow path for each store under QEMU's TCG).
 */
	.balign	4096
	.globl	pcbios_rm_data
pcbios_rm_data:
rm_real_entry:          /* far pointer to rm_real: offset, segment (set by C) */
	.word	RM(rm_real), 0
rm_call_target:         /* far pointer the call goes to */
	.long	0
	.globl	pcbios_rm_int15_orig
pcbios_rm_int15_orig:
rm_int15_orig:          /* the INT 15h vector before ours */
	.long	0
rm_pm_far:              /* 32-bit far pointer for the jump to the core */
	.long	0
	.word	FLAT_CS
rm_pm_gdtr:             /* the core's GDT register value (set by C) */
	.word	0
	.long	0
rm_real_idtr:           /* the real-mode vector table */
	.word	0x3ff
	.long	0
rm_int_ss:              /* INT 13h caller's stack (all of ESP: flat-mode */
	.word	0               /* callers such as GRUB keep its top half) */
rm_int_esp:
	.long	0
rm_call_int:            /* nonzero: push FLAGS as INT does */
	.word	0
rm_call_nwords:         /* words pushed before the call */
	.word	0
rm_call_words:
	.space	16
rm_regs:                /* pcbios_rm_call's registers */
	.globl	pcbios_rm_regs
pcbios_rm_regs:
	.space	REGS_SIZE
rm_int_regs:            /* the INT 13h caller's registers */
	.globl	pcbios_rm_int_regs
pcbios_rm_int_regs:
	.space	REGS_SIZE
	.globl	pcbios_rm_memsizes
pcbios_rm_memsizes:     /* struct pcbios_memsizes (memmap.c) */
rm_e801_1m16m:          /* E801: KiB between 1 and 16 MiB */
	.word	0
rm_e801_16m:            /* E801: 64 KiB blocks above 16 MiB */
	.word	0
rm_e88:                 /* 88h: KiB above 1 MiB */
	.word	0
	.balign	4
	.globl	pcbios_rm_e820_count
pcbios_rm_e820_count:
rm_e820_count:          /* entries in rm_e820; 0 = INT 15h passes everything on */
	.long	0
	.globl	pcbios_rm_e820
pcbios_rm_e820:
rm_e820:
	.space	E820_ENTRY * E820_MAX
	.balign	16
	.globl	pcbios_rm_end
pcbios_rm_end:

/* The real-mode stack is not copied: it follows the block in base memory. */
rm_stack_top = pcbios_rm_end + RM_STACK_SIZE

	.section .bss.pcbios_rm32, "aw", @nobits
	.balign	4
	.globl	pcbios_pm_esp
pcbios_pm_esp:          /* the core's stack when it left for real mode */
	.long	0

	.section .note.GNU-stack, "", @progbits
