/*
 * 32-bit entry of the BIOS firmware (at its link address, pcbios.lds):
 * reached from unpack.S, with interrupts off, flat
 * segments and %esi pointing at the boot parameters.  Loads our own GDT
 * (the loader's may be anywhere), sets the segments and a stack, clears
 * .bss and calls pcbios_start(boot parameters).
 */

#define PCBIOS_STACK_SIZE 0x40000   /* 256 KiB */

	.code32
	.section .text.head32, "ax", @progbits
	.globl pcbios_start32
pcbios_start32:
	cli
	cld
	/* CS is flat in both cases; DS may still hold a real-mode base */
	lgdt	%cs:pcbios_gdt32_desc
	ljmp	$0x08, $1f
1:	movl	$0x10, %eax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	$pcbios_stack_top, %esp
	/* the stack is in .bss, but nothing is on it yet */
	movl	$_bss, %edi
	movl	$_ebss, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	fninit
	pushl	%esi
	call	pcbios_start
2:	cli
	hlt
	jmp	2b

/*
 * CPU exception entry points, 16 bytes apart, for vectors 0-31: each
 * pushes a zero where the CPU pushes no error code, then its vector, and
 * calls pcbios_exception(vector, error, eip), which does not return.
 */
	.balign	16
	.globl	pcbios_exception_stubs
pcbios_exception_stubs:
	.irp	vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.balign	16
	.if	(\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushl	$0
	.endif
	pushl	$\vec
	call	pcbios_exception
	.endr

/*
 * Flat 4 GiB segments: 0x08 code (32-bit), 0x10 data; 64 KiB 16-bit
 * segments 0x18 code, 0x20 data for the way to real mode, based at the
 * real-mode block once realmode.c has filled in the base; and 0x28, 64-bit
 * code for calls into long mode (crypto64/call64.S).
 */
	.section .data.pcbios_gdt32, "aw", @progbits
	.balign	8
	.globl	pcbios_gdt32
pcbios_gdt32:
	.quad	0
	.quad	0x00cf9a000000ffff
	.quad	0x00cf92000000ffff
	.quad	0x00009a000000ffff
	.quad	0x000092000000ffff
	.quad	0x00af9a000000ffff
	.globl	pcbios_gdt32_desc
pcbios_gdt32_desc:
	.word	pcbios_gdt32_desc - pcbios_gdt32 - 1
	.long	pcbios_gdt32

/* The IDT register value for protected mode */
	.globl	pcbios_idtr
pcbios_idtr:
	.word	32 * 8 - 1
	.long	pcbios_idt

/* The IDT: 32 interrupt gates, filled by pcbios_idt_init() */
	.section .bss.pcbios_idt, "aw", @nobits
	.balign	8
	.globl	pcbios_idt
pcbios_idt:
	.space	32 * 8

	.section .bss.pcbios_stack, "aw", @nobits
	.balign	16
	.globl	pcbios_stack_bottom
pcbios_stack_bottom:
	.space	PCBIOS_STACK_SIZE
	.globl	pcbios_stack_top
pcbios_stack_top:

	.section .note.GNU-stack, "", @progbits
