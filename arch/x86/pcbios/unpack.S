/** @file First 32-bit code of bin/ipxe.lkrn: move the decompressor out of the way, unpack the firmware to its link address, enter it. */
/*
 * The loaders put the .lkrn's 32-bit part at 1 MiB (code32_start) and
 * enter here -- from setup.S, from a 32-bit boot loader (GRUB `linux`)
 * or from our own prefixes -- with interrupts off, a flat CS and %esi
 * pointing at the boot parameters.  The 32-bit part is this entry, then
 * the decompressor and the compressed firmware, linked above the
 * firmware's end (unpack.lds).  The entry copies that second part to its
 * link address, the decompressor (unpack.c) writes the firmware to its
 * own link address (32 MiB, pcbios.lds) and we jump to its entry
 * (head.S) with %esi as we got it and %ebx, %edi, %ebp zero as the boot
 * protocol has them.
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
	 * boot loader's GDT may be anywhere.  This GDT is overwritten by the
	 * firmware later; head.S loads its own before any segment reload.
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
	/* copy the rest backwards: its link address lies above its load address */
	movl	$unpack_copy_size, %ecx
	movl	$unpack_copy_src - 1, %esi
	addl	%ecx, %esi
	movl	$_unpack - 1, %edi
	addl	%ecx, %edi
	std
	rep movsb
	cld
	jmp	unpack_moved

/* Flat 4 GiB segments: 0x08 code (32-bit), 0x10 data. */
	.balign	8
unpack_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff
	.quad	0x00cf92000000ffff
unpack_gdt_desc:
	.word	unpack_gdt_desc - unpack_gdt - 1
	.long	unpack_gdt

/* Runs at the link address of the decompressor, above the firmware's end. */
	.section .text.unpack_moved, "ax", @progbits
unpack_moved:
	movl	$unpack_stack_top, %esp
	call	unpack_payload              /* returns only if it worked */
	movl	%ebp, %esi
	xorl	%ebx, %ebx
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	movl	$unpack_payload_entry, %eax
	jmp	*%eax

	.section .bss.unpack_stack, "aw", @nobits
	.balign	16
	.space	UNPACK_STACK_SIZE
unpack_stack_top:

	.section .note.GNU-stack, "", @progbits
