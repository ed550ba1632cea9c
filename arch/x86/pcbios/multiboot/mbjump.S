/*
 * The last step of a multiboot boot (multiboot.c): copy the kernel's
 * segments to their addresses, which may overlap lwpxe itself, and jump
 * to the kernel.  multiboot.c copies the code between pcbios_mb_jump and
 * pcbios_mb_jump_end to free memory and calls the copy with a table:
 *
 *   u32 count, u32 entry, u32 info, then count x { u32 dst, u32 src,
 *   u32 filesz, u32 memsz }
 *
 * The code is position independent and uses no memory but the table and
 * the segments: lwpxe's stack, GDT and IDT may be gone by the end.  The
 * cached flat segments stay valid; interrupts stay off.  The kernel starts
 * with EAX = 0x2BADB002 and EBX = the multiboot information.
 */

#define MB_BOOTLOADER_MAGIC 0x2badb002

	.code32
	.section .text.pcbios_mb_jump, "ax", @progbits
	.globl	pcbios_mb_jump
pcbios_mb_jump:
	cli
	cld
	movl	4(%esp), %ebp           /* the table */
	movl	0(%ebp), %edx           /* segments left */
	leal	12(%ebp), %ebx          /* the first segment */
1:	testl	%edx, %edx
	jz	2f
	movl	0(%ebx), %edi
	movl	4(%ebx), %esi
	movl	8(%ebx), %ecx
	rep movsb
	movl	12(%ebx), %ecx
	subl	8(%ebx), %ecx
	xorl	%eax, %eax
	rep stosb
	addl	$16, %ebx
	decl	%edx
	jmp	1b
2:	movl	4(%ebp), %ecx           /* entry */
	movl	8(%ebp), %ebx           /* info */
	movl	$MB_BOOTLOADER_MAGIC, %eax
	jmp	*%ecx
	.globl	pcbios_mb_jump_end
pcbios_mb_jump_end:

	.section .note.GNU-stack, "", @progbits
