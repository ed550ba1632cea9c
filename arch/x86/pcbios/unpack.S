/** @file First 32-bit code of bin/ipxe.lkrn: unpack the firmware to the top of memory, enter it. */
/*
 * The loaders put the .lkrn's 32-bit part at 1 MiB (code32_start) and
 * enter here -- from setup.S, from a 32-bit boot loader (GRUB `linux`)
 * or from our own prefixes -- with interrupts off, a flat CS and %esi
 * pointing at the boot parameters.  The 32-bit part is this entry, the
 * decompressor and the compressed firmware (unpack.lds); the
 * decompressor (unpack.c) writes the firmware to the top of memory,
 * relocates it there, and we jump to its entry (head.S) with %esi as we
 * got it and %ebx, %edi, %ebp zero as the boot protocol has them.
 */

#define UNPACK_CS 0x08              /* flat 4 GiB code, in unpack_gdt */
#define UNPACK_DS 0x10              /* flat 4 GiB data */
#define UNPACK_STACK_SIZE 0x1000    /* the decompressor needs a few hundred bytes */

	.code32
	.section .text.unpack_entry, "ax", @progbits
	.globl	unpack_start32
unpack_start32:
	cli
	cld
	/*
	 * Our own flat segments: DS may still hold a real-mode base and a
	 * boot loader's GDT may be anywhere.  head.S loads the firmware's
	 * own before any segment reload.
	 */
	lgdt	%cs:unpack_gdt_desc
	ljmp	$UNPACK_CS, $1f
1:	movl	$UNPACK_DS, %eax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	%esi, %ebp                  /* boot parameters */
	movl	$unpack_stack_top, %esp
	pushl	%ebp
	call	unpack_payload              /* returns only if it worked */
	movl	%ebp, %esi
	xorl	%ebx, %ebx
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	jmp	*%eax

/* Flat 4 GiB segments: 0x08 code (32-bit), 0x10 data. */
	.balign	8
unpack_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff
	.quad	0x00cf92000000ffff
unpack_gdt_desc:
	.word	unpack_gdt_desc - unpack_gdt - 1
	.long	unpack_gdt

	.section .bss.unpack_stack, "aw", @nobits
	.balign	16
	.space	UNPACK_STACK_SIZE
unpack_stack_top:

	.section .note.GNU-stack, "", @progbits
