/*
 * Master boot record of bin/ipxe.usb (linked at 0:7C00 by pcbios.mk): acts
 * as the Linux boot loader for the ipxe.lkrn stored in partition 1.  With
 * INT 13h extensions it reads the lkrn's boot sector and setup sectors to
 * PCBIOS_MBR_SETUP_SEG:0, the 32-bit part in chunks through a bounce
 * buffer that INT 15h AH=87h copies to 1 MiB, fills the header fields a
 * loader writes (Documentation/arch/x86/boot.rst) and enters the setup
 * code at setup segment + 0x20 : 0.  Any failure prints one line with
 * INT 10h teletype and hands over to the next boot device (INT 18h).
 * mkusb.sh writes the partition size and, in the sector after the
 * kernel, the command line (an empty sector: none).
 */

#define PCBIOS_MBR_BASE 0x7c00         /* where the BIOS loads us */
#define PCBIOS_MBR_SETUP_SEG 0x1000    /* real-mode setup: linear 0x10000 */
#define PCBIOS_MBR_BOUNCE_SEG 0x2000   /* read buffer: linear 0x20000 */
#define PCBIOS_MBR_CHUNK 64            /* sectors per read (32 KiB) */
#define PCBIOS_MBR_HEAP_END 0xe000     /* setup segment: heap end, stack top */
#define PCBIOS_MBR_PAYLOAD 0x100000    /* code32_start: the 32-bit part */

/* Linux boot protocol header offsets in the setup segment */
#define HDR_SETUP_SECTS 0x1f1
#define HDR_SYSSIZE 0x1f4
#define HDR_TYPE_OF_LOADER 0x210
#define HDR_LOADFLAGS 0x211
#define HDR_HEAP_END_PTR 0x224
#define HDR_CMD_LINE_PTR 0x228
#define HDR_CAN_USE_HEAP 0x80

	.code16
	.text
	.globl	pcbios_mbr
pcbios_mbr:
	cli
	xorw	%ax, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	$PCBIOS_MBR_BASE, %sp
	sti
	cld
	/* CS may be 0 or 0x7c0: only relative jumps and calls below */
	movb	%dl, mbr_drive
	/* INT 13h extensions with the packet interface (AH=42h)? */
	movb	$0x41, %ah
	movw	$0x55aa, %bx
	int	$0x13
	movw	$mbr_msg_noext, %si
	jc	mbr_fail
	cmpw	$0xaa55, %bx
	jne	mbr_fail
	testb	$1, %cl
	jz	mbr_fail

	/* the lkrn's boot sector and header, then its setup sectors */
	movl	mbr_part1 + 8, %eax
	movl	%eax, mbr_dap_lba
	movw	$PCBIOS_MBR_SETUP_SEG, mbr_dap_seg
	movw	$1, %cx
	call	mbr_read
	movw	$PCBIOS_MBR_SETUP_SEG, %ax
	movw	%ax, %fs
	movzbw	%fs:HDR_SETUP_SECTS, %cx
	call	mbr_read

	/* the 32-bit part: syssize 16-byte units, in whole sectors */
	movl	%fs:HDR_SYSSIZE, %ebp
	addl	$31, %ebp
	shrl	$5, %ebp
2:	movl	$PCBIOS_MBR_CHUNK, %ecx
	cmpl	%ecx, %ebp
	jae	3f
	movw	%bp, %cx
3:	jcxz	4f
	movw	$PCBIOS_MBR_BOUNCE_SEG, mbr_dap_seg
	call	mbr_read
	subl	%ecx, %ebp
	shlw	$8, %cx                       /* sectors to 16-bit words */
	movw	$mbr_gdt, %si
	movb	$0x87, %ah
	int	$0x15
	movw	$mbr_msg_move, %si
	jc	mbr_fail
	addw	$PCBIOS_MBR_CHUNK * 2, mbr_gdt_dst + 3   /* next 32 KiB (base bits 8-23) */
	jmp	2b

	/* the fields a boot loader writes, then the setup entry */
4:	movb	$0xff, %fs:HDR_TYPE_OF_LOADER
	orb	$HDR_CAN_USE_HEAP, %fs:HDR_LOADFLAGS
	movw	$PCBIOS_MBR_HEAP_END - 0x200, %fs:HDR_HEAP_END_PTR
	/* the sector after the kernel: its command line, empty for none */
	movw	$PCBIOS_MBR_SETUP_SEG + PCBIOS_MBR_HEAP_END / 16, mbr_dap_seg
	movw	$1, %cx
	call	mbr_read
	cmpb	$0, %fs:PCBIOS_MBR_HEAP_END
	je	5f
	movl	$PCBIOS_MBR_SETUP_SEG * 16 + PCBIOS_MBR_HEAP_END, %fs:HDR_CMD_LINE_PTR
5:	cli
	movw	$PCBIOS_MBR_SETUP_SEG, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %gs
	movw	%ax, %ss
	movw	$PCBIOS_MBR_HEAP_END, %sp
	ljmp	$PCBIOS_MBR_SETUP_SEG + 0x20, $0

/*
 * Read CX sectors (may be 0) from mbr_dap_lba to mbr_dap_seg:0 with INT 13h
 * AH=42h, then move both past them.  Fails the boot on a read error.
 */
mbr_read:
	jcxz	1f
	pushal
	movw	%cx, mbr_dap_count
	movw	$mbr_dap, %si
	movb	mbr_drive, %dl
	movb	$0x42, %ah
	int	$0x13
	movw	$mbr_msg_read, %si
	jc	mbr_fail
	popal
	movzwl	%cx, %eax
	addl	%eax, mbr_dap_lba
	shlw	$5, %ax
	addw	%ax, mbr_dap_seg
1:	ret

/* Print the message at SI, then let the BIOS try the next boot device. */
mbr_fail:
	lodsb
	testb	%al, %al
	jz	1f
	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	jmp	mbr_fail
1:	int	$0x18
2:	hlt
	jmp	2b

mbr_msg_noext:
	.asciz	"lwpxe: no INT 13h extensions\r\n"
mbr_msg_read:
	.asciz	"lwpxe: disk read error\r\n"
mbr_msg_move:
	.asciz	"lwpxe: memory move error\r\n"

mbr_drive:
	.byte	0

/* INT 13h AH=42h disk address packet */
	.balign	4
mbr_dap:
	.byte	16, 0
mbr_dap_count:
	.word	0
	.word	0                             /* buffer offset */
mbr_dap_seg:
	.word	0
mbr_dap_lba:
	.quad	0

/* INT 15h AH=87h descriptors: 2 for the BIOS, source, destination, 2 for the BIOS */
	.balign	8
mbr_gdt:
	.quad	0, 0
	.word	0xffff                        /* source: the bounce buffer */
	.byte	0, 0, PCBIOS_MBR_BOUNCE_SEG >> 12, 0x93, 0, 0
mbr_gdt_dst:
	.word	0xffff                        /* destination: 1 MiB onwards */
	.byte	0, 0, PCBIOS_MBR_PAYLOAD >> 16, 0x93, 0, 0
	.quad	0, 0

	.org	0x1b8
	.long	0                             /* disk signature */
	.word	0
/* Partition 1: the lkrn, from LBA 1 (mkusb.sh writes the size) */
mbr_part1:
	.byte	0x80, 0x00, 0x02, 0x00        /* active, CHS 0/0/2 */
	.byte	0xda, 0xfe, 0xff, 0xff        /* non-FS data, CHS end: beyond CHS */
	.long	1                             /* first LBA */
	.long	0                             /* sectors */
	.org	0x1fe
	.word	0xaa55

	.section .note.GNU-stack, "", @progbits
