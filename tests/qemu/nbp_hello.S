/*
 * A tiny PXE boot program for tests/qemu/test_bios_bzimage.sh: loaded at
 * 0:7C00 and far-called, it writes to COM1 whether ES:BX pointed at a
 * PXENV+ structure, then returns with AX = 0.
 *
 * build: gcc -m32 -c nbp_hello.S && ld -m elf_i386 -N -Ttext=0x7c00
 *        -e nbp_start --oformat binary -o hello.0 nbp_hello.o
 */
#define COM1 0x3f8
#define COM1_LSR (COM1 + 5)
#define LSR_THRE 0x20

	.code16
	.text
	.globl	nbp_start
nbp_start:
	pushw	%ds
	pushw	%si
	pushw	%cs
	popw	%ds
	movw	$msg_hello, %si
	call	puts
	/* ES:BX -> "PXENV+"? */
	movw	$msg_none, %si
	movw	%es, %ax
	orw	%bx, %ax
	jz	1f
	movw	$msg_bad, %si
	cmpl	$0x4e455850, %es:(%bx)          /* "PXEN" */
	jne	1f
	cmpw	$0x2b56, %es:4(%bx)             /* "V+" */
	jne	1f
	movw	$msg_found, %si
1:	call	puts
	popw	%si
	popw	%ds
	xorw	%ax, %ax
	lretw

/* Write the NUL-terminated string at DS:SI to COM1. */
puts:
	lodsb
	testb	%al, %al
	jz	3f
	movb	%al, %ah
	movw	$COM1_LSR, %dx
2:	inb	%dx, %al
	testb	$LSR_THRE, %al
	jz	2b
	movb	%ah, %al
	movw	$COM1, %dx
	outb	%al, %dx
	jmp	puts
3:	ret

msg_hello:
	.asciz	"lwpxe-nbp-hello\r\n"
msg_none:
	.asciz	"lwpxe-nbp-pxenv=none\r\n"
msg_bad:
	.asciz	"lwpxe-nbp-pxenv=bad\r\n"
msg_found:
	.asciz	"lwpxe-nbp-pxenv=found\r\n"
