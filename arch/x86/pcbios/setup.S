/*
 * Start of bin/ipxe.lkrn: a boot sector that only says it needs a boot
 * loader, the Linux boot protocol header (Documentation/arch/x86/boot.rst,
 * version 2.07), and the real-mode setup the loader runs.  The setup fills
 * a boot parameter block ("zero page") with the E820 memory map and a copy
 * of the header, turns A20 on, enters flat 32-bit protected mode and jumps
 * to code32_start with %esi pointing at the block -- the same state the
 * 32-bit boot protocol hands over, so head.S serves both.
 */

#define PCBIOS_ZP 0x1000            /* boot parameter block, in the setup segment */
#define PCBIOS_STACK_TOP 0x8000     /* real-mode stack: below the 32 KiB loaders give */
#define PCBIOS_SMAP 0x534d4150      /* "SMAP", the E820 signature */
#define PCBIOS_E820_ENTRIES 0x1e8   /* zero page: number of E820 entries */
#define PCBIOS_E820_TABLE 0x2d0     /* zero page: the E820 entries */
#define PCBIOS_E820_MAX 128         /* room in the table */
#define PCBIOS_LOADED_HIGH 0x01     /* loadflags: protected-mode part at 1 MiB */

	.code16
	.section .setup, "ax", @progbits

/* Offset 0: run only if a BIOS boots the file as a disk; say why it stops. */
	.globl pcbios_bootsect
pcbios_bootsect:
	ljmp	$0x07c0, $1f
1:	movw	%cs, %ax
	movw	%ax, %ds
	movw	$pcbios_msg_loader, %si
	call	pcbios_print
	jmp	pcbios_halt16

/* The Linux boot protocol header, at its fixed offsets. */
	.org	0x1f1
pcbios_hdr:
	.byte	pcbios_setup_sects          /* 1f1 setup_sects: sectors after this one */
	.word	0                           /* 1f2 root_flags */
	.long	pcbios_syssize              /* 1f4 syssize: 32-bit part, 16-byte units */
	.word	0                           /* 1f8 ram_size (obsolete) */
	.word	0xffff                      /* 1fa vid_mode: normal */
	.word	0                           /* 1fc root_dev */
	.word	0xaa55                      /* 1fe boot_flag */
	.byte	0xeb, pcbios_setup16 - 1f   /* 200 jump: the real-mode entry */
1:	.ascii	"HdrS"                      /* 202 header */
	.word	0x0207                      /* 206 version */
	.long	0                           /* 208 realmode_swtch */
	.word	0x1000                      /* 20c start_sys_seg (obsolete) */
	.word	pcbios_version - 0x200      /* 20e kernel_version */
	.byte	0                           /* 210 type_of_loader (loader writes) */
	.byte	PCBIOS_LOADED_HIGH          /* 211 loadflags */
	.word	0                           /* 212 setup_move_size */
pcbios_code32_start:
	.long	pcbios_start32              /* 214 code32_start */
	.long	0                           /* 218 ramdisk_image */
	.long	0                           /* 21c ramdisk_size */
	.long	0                           /* 220 bootsect_kludge */
	.word	0                           /* 224 heap_end_ptr */
	.byte	0                           /* 226 ext_loader_ver */
	.byte	0                           /* 227 ext_loader_type */
	.long	0                           /* 228 cmd_line_ptr (loader writes) */
	.long	0x7fffffff                  /* 22c initrd_addr_max */
	.long	0                           /* 230 kernel_alignment: not relocatable */
	.byte	0                           /* 234 relocatable_kernel */
	.byte	0                           /* 235 min_alignment */
	.word	0                           /* 236 xloadflags */
	.long	2047                        /* 238 cmdline_size */
	.long	0                           /* 23c hardware_subarch: PC */
	.quad	0                           /* 240 hardware_subarch_data */
/*
 * lwpxe's boot information, after the 2.07 header (a 2.07 loader leaves
 * it alone): our own loaders (mbr.S, pxeprefix.S) write it into the setup
 * sectors they load; copied into the zero page with the header.
 */
	.byte	0                           /* 248 boot type: PCBIOS_BOOT_* */
	.byte	0                           /* 249 BIOS boot drive (disk boot) */
	.word	0                           /* 24a reserved */
	.long	0                           /* 24c PXENV+ structure, seg:off */
	.long	0                           /* 250 !PXE structure, seg:off */
pcbios_hdr_end:

pcbios_version:
	.asciz	"lwpxe (pcbios)"

/*
 * Real-mode entry: CS = setup segment + 0x20, IP = 0, DS = ES = SS = setup
 * segment.  Reload CS so offsets match the link addresses of .setup.
 */
pcbios_setup16:
	cli
	cld
	movw	%ds, %ax
	movw	%ax, %ss
	movw	$PCBIOS_STACK_TOP, %sp
	pushw	%ax
	pushw	$1f
	lretw
1:	movw	%ax, %es
	/* a clean boot parameter block holding a copy of the header */
	movw	$PCBIOS_ZP, %di
	movw	$0x800, %cx
	xorw	%ax, %ax
	rep stosw
	movw	$pcbios_hdr, %si
	movw	$PCBIOS_ZP + 0x1f1, %di
	movw	$pcbios_hdr_end - pcbios_hdr, %cx
	rep movsb
	call	pcbios_e820
	call	pcbios_a20
	jnc	pcbios_enter32
	movw	$pcbios_msg_a20, %si
	call	pcbios_print
	jmp	pcbios_halt16

/* Fill the zero page's E820 table with INT 15h AX=E820h, one entry per call. */
pcbios_e820:
	xorl	%ebx, %ebx
	movw	$PCBIOS_ZP + PCBIOS_E820_TABLE, %di
1:	movl	$0xe820, %eax
	movl	$PCBIOS_SMAP, %edx
	movl	$20, %ecx
	int	$0x15
	jc	2f
	cmpl	$PCBIOS_SMAP, %eax
	jne	2f
	cmpl	$20, %ecx
	jb	2f
	addw	$20, %di
	incb	PCBIOS_ZP + PCBIOS_E820_ENTRIES
	cmpb	$PCBIOS_E820_MAX, PCBIOS_ZP + PCBIOS_E820_ENTRIES
	jae	2f
	testl	%ebx, %ebx
	jnz	1b
2:	ret

/* Turn A20 on if it is off: BIOS call, then the fast gate at port 92h; CF set if it stays off. */
pcbios_a20:
	call	pcbios_a20_test
	jnc	1f
	movw	$0x2401, %ax
	int	$0x15
	call	pcbios_a20_test
	jnc	1f
	inb	$0x92, %al
	orb	$0x02, %al
	andb	$0xfe, %al
	outb	%al, $0x92
	movw	$0x4000, %cx
2:	call	pcbios_a20_test
	jnc	1f
	loop	2b
	stc
1:	ret

/* CF clear if 0000:0500 and FFFF:0510 are different memory (A20 on); both are restored. */
pcbios_a20_test:
	pushw	%ds
	pushw	%es
	pushw	%cx
	xorw	%ax, %ax
	movw	%ax, %ds
	decw	%ax
	movw	%ax, %es
	movw	0x500, %cx
	movw	%es:0x510, %dx
	movw	$0x55aa, 0x500
	movw	$0xaa55, %es:0x510
	movw	0x500, %ax
	movw	%dx, %es:0x510
	movw	%cx, 0x500
	popw	%cx
	popw	%es
	popw	%ds
	cmpw	$0x55aa, %ax
	je	1f
	stc
	ret
1:	clc
	ret

/* Load the GDT, set CR0.PE and far-jump to code32_start with %esi = zero page. */
pcbios_enter32:
	xorl	%ebx, %ebx
	movw	%ds, %bx
	shll	$4, %ebx
	leal	pcbios_gdt(%ebx), %eax
	movl	%eax, pcbios_gdt_desc + 2
	lgdtl	pcbios_gdt_desc
	movl	pcbios_code32_start, %eax
	movl	%eax, pcbios_far_ptr
	leal	PCBIOS_ZP(%ebx), %esi
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	ljmpl	*pcbios_far_ptr

/* Print the NUL-terminated string at DS:SI with INT 10h teletype output. */
pcbios_print:
	lodsb
	testb	%al, %al
	jz	1f
	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	jmp	pcbios_print
1:	ret

/* Stop for good. */
pcbios_halt16:
	cli
1:	hlt
	jmp	1b

pcbios_msg_loader:
	.asciz	"lwpxe: ipxe.lkrn needs a Linux boot loader (qemu -kernel, GRUB linux16, SYSLINUX)\r\n"
pcbios_msg_a20:
	.asciz	"lwpxe: cannot enable the A20 gate\r\n"

/* Flat 4 GiB segments: 0x08 code (32-bit), 0x10 data. */
	.balign	8
pcbios_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff
	.quad	0x00cf92000000ffff
pcbios_gdt_end:
pcbios_gdt_desc:
	.word	pcbios_gdt_end - pcbios_gdt - 1
	.long	0                           /* linear base, set at run time */
pcbios_far_ptr:
	.long	0                           /* code32_start, set at run time */
	.word	0x08

	.section .note.GNU-stack, "", @progbits
