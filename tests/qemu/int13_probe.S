/*
 * INT 13h probe for tests/qemu/test_bios_int13.sh: the boot sector (and
 * the sectors after it) of a small LU that lwpxe sanboots.  It calls INT
 * 13h on its boot drive, one function after another, and prints a line
 * per call on COM1:
 *     int13-probe NAME ax=XXXX bx=XXXX cx=XXXX dx=XXXX cf=N
 * (the registers as the call left them, unless NAME's comment says what
 * the probe put there instead), then "int13-probe-done", and ends QEMU
 * through isa-debug-exit (port 0x501, status 0).  The LU is PROBE_BLOCKS
 * blocks of 512 bytes; the probe writes to LBA 63 and its last block.
 */

#define COM1 0x3f8
#define COM1_LSR (COM1 + 5)
#define DEBUG_EXIT 0x501
#define PROBE_BLOCKS 2048
#define PROBE_SECTORS 4         /* this program, boot sector included */
#define PARAMS 0x1000           /* AH=48h buffer */
#define DAP 0x1100              /* disk address packets */
#define BUF_SEG 0x5000          /* scratch buffer 5000:0000 */
#define FLAT 0x60000            /* 64-bit flat address (6000:0000) */

	.code16
	.section .text
	.globl	probe_start
probe_start:
	ljmp	$0, $1f
1:	xorw	%ax, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	$0x7c00, %sp
	cld
	pushw	%dx
	/* the rest of the program after this sector; nothing in this
	 * sector's memory may change (the probe compares it with LBA 0) */
	movw	$load_dap, %si
	movb	$0x42, %ah
	int	$0x13
	popw	%dx
	jc	1f
	jmp	probe_main
1:	movw	$load_failed, %si
	call	puts
	movb	$1, %al
	movw	$DEBUG_EXIT, %dx
	outb	%al, %dx
	cli
	hlt

/* Print the NUL-terminated string at SI on COM1 */
puts:
	lodsb
	testb	%al, %al
	jz	2f
	call	putc
	jmp	puts
2:	ret

/* Print AL on COM1, waiting (boundedly) until it takes it */
putc:
	pushw	%ax
	pushw	%cx
	pushw	%dx
	movb	%al, %ah
	movw	$0xffff, %cx
	movw	$COM1_LSR, %dx
1:	inb	%dx, %al
	testb	$0x20, %al
	loopz	1b
	movb	%ah, %al
	movw	$COM1, %dx
	outb	%al, %dx
	popw	%dx
	popw	%cx
	popw	%ax
	ret

load_dap:
	.byte	0x10, 0
	.word	PROBE_SECTORS - 1
	.word	0x7e00, 0
	.quad	1
load_failed:
	.asciz	"int13-probe: cannot load the rest of the probe\r\n"

	. = probe_start + 510
	.byte	0x55, 0xaa

/* ---- sector 1 on: the probe ---- */

probe_main:
	movb	%dl, drive

	/* 41: extensions present? */
	movw	$0x4100, %ax
	movw	$0x55aa, %bx
	call	call13
	movw	$n41, %si
	call	report

	/* 15: type and size (CX:DX = blocks) */
	movw	$0x1500, %ax
	call	call13
	movw	$n15, %si
	call	report

	/* 08: geometry (CX, DH) and the disk count (DL); bx = the BIOS
	 * data area's disk count (40:75) */
	movw	$0x0800, %ax
	call	call13
	movzbw	0x475, %ax
	movw	%ax, r_bx
	movw	$n08, %si
	call	report

	/* 08n: 08 on the next drive number: a BIOS hard disk moved up
	 * past us (DL = the disk count), or no disk at all (CF) */
	incb	drive
	movw	$0x0800, %ax
	call	call13
	decb	drive
	movw	$n08n, %si
	call	report

	/* 48: EDD 3.0 table; bx = size, cx = key, dx = byte sum of the
	 * device path part (0 if its checksum is right) */
	movw	$0x4a, PARAMS
	movw	$0x4800, %ax
	movw	$PARAMS, %si
	call	call13
	movw	PARAMS, %ax
	movw	%ax, r_bx
	movw	PARAMS + 0x1e, %ax
	movw	%ax, r_cx
	movw	$PARAMS + 0x1e, %si
	movw	$0x4a - 0x1e, %cx
	xorb	%dl, %dl
1:	lodsb
	addb	%al, %dl
	loop	1b
	xorb	%dh, %dh
	movw	%dx, r_dx
	movw	$n48, %si
	call	report
	/* 48p: ax = flags, bx = blocks (low word), cx = bytes per block,
	 * dx = the first two characters of the host bus ("PC") */
	movw	PARAMS + 2, %ax
	movw	%ax, r_ax
	movw	PARAMS + 0x10, %ax
	movw	%ax, r_bx
	movw	PARAMS + 0x18, %ax
	movw	%ax, r_cx
	movw	PARAMS + 0x24, %ax
	movw	%ax, r_dx
	movw	$n48p, %si
	call	report

	/* 48s: a 1Ah-byte buffer; bx = the size it says it filled */
	movw	$0x1a, PARAMS
	movw	$0x4800, %ax
	movw	$PARAMS, %si
	call	call13
	movw	PARAMS, %ax
	movw	%ax, r_bx
	movw	$n48s, %si
	call	report

	/* 42f: read LBA 0 to a 64-bit flat address; bx = blocks done, dx =
	 * 0 if it matches this boot sector */
	movw	$0xffff, %bx
	movw	%bx, %cx
	xorw	%dx, %dx
	movw	$0, %di
	call	dap_long
	movl	$FLAT, DAP + 0x10
	movl	$0, DAP + 0x14
	movw	$0x4200, %ax
	call	call_dap
	movw	$FLAT >> 4, %ax
	call	compare
	movw	$n42f, %si
	call	report

	/* 43: write this boot sector to the last block (seg:off) */
	movw	$PROBE_BLOCKS - 1, %di
	movw	$0x7c00, %bx
	xorw	%cx, %cx
	call	dap_short
	movw	$0x4300, %ax
	call	call_dap
	movw	$n43, %si
	call	report

	/* 42: read it back to 5000:0000; dx = 0 if it matches */
	movw	$PROBE_BLOCKS - 1, %di
	xorw	%bx, %bx
	movw	$BUF_SEG, %cx
	call	dap_short
	movw	$0x4200, %ax
	call	call_dap
	movw	$BUF_SEG, %ax
	call	compare
	movw	$n42, %si
	call	report

	/* 44: verify the last block */
	movw	$PROBE_BLOCKS - 1, %di
	call	dap_short
	movw	$0x4400, %ax
	call	call_dap
	movw	$n44, %si
	call	report

	/* 42e: one block past the end: an error */
	movw	$PROBE_BLOCKS, %di
	xorw	%bx, %bx
	movw	$BUF_SEG, %cx
	call	dap_short
	movw	$0x4200, %ax
	call	call_dap
	movw	$n42e, %si
	call	report

	/* 01: the status of that call */
	movw	$0x0100, %ax
	call	call13
	movw	$n01, %si
	call	report

	/* 03: CHS write of this boot sector to C/H/S 0/1/1 (LBA 63) */
	movw	$0x0301, %ax
	movw	$0x7c00, %bx
	movw	$0x0001, %cx
	movb	$1, %dh
	call	call13_dh
	movw	$n03, %si
	call	report

	/* 02: CHS read of it to 5000:0000; dx = 0 if it matches */
	movw	$BUF_SEG, %ax
	movw	%ax, %es
	movw	$0x0201, %ax
	xorw	%bx, %bx
	movw	$0x0001, %cx
	movb	$1, %dh
	call	call13_dh
	xorw	%ax, %ax
	movw	%ax, %es
	movw	$BUF_SEG, %ax
	call	compare
	movw	$n02, %si
	call	report

	/* 00 then 01: a reset clears the status */
	movw	$0x0000, %ax
	call	call13
	movw	$0x0100, %ax
	call	call13
	movw	$n01r, %si
	call	report

	movw	$done, %si
	call	puts
	xorb	%al, %al
	movw	$DEBUG_EXIT, %dx
	outb	%al, %dx
	cli
	hlt

/* INT 13h on the boot drive (DL; DH = 0) with AX BX CX SI as set; keep the results */
call13:
	xorb	%dh, %dh
/* The same with DH as set */
call13_dh:
	movb	drive, %dl
	int	$0x13
/* Keep AX BX CX DX and CF as a call left them, for report */
save:
	movw	%ax, r_ax
	movw	%bx, r_bx
	movw	%cx, r_cx
	movw	%dx, r_dx
	pushfw
	popw	r_fl
	ret

/* INT 13h AH (in AX) with DS:SI at the packet; bx = its block count after the call */
call_dap:
	movw	$DAP, %si
	call	call13
	movw	DAP + 2, %ax
	movw	%ax, r_bx
	ret

/* A 10h-byte packet: one block at LBA DI to CX:BX */
dap_short:
	movb	$0x10, DAP
	jmp	dap_fill
/* An 18h-byte packet: the same, buffer CX:BX (FFFF:FFFF: flat) */
dap_long:
	movb	$0x18, DAP
dap_fill:
	movb	$0, DAP + 1
	movw	$1, DAP + 2
	movw	%bx, DAP + 4
	movw	%cx, DAP + 6
	movw	%di, DAP + 8
	movw	$0, DAP + 10
	movl	$0, DAP + 12
	ret

/* r_dx = 0 if the 512 bytes at AX:0000 equal this boot sector, else nonzero */
compare:
	pushw	%es
	movw	%ax, %es
	xorw	%di, %di
	movw	$0x7c00, %si
	movw	$512, %cx
	repe cmpsb
	popw	%es
	je	1f
	incw	%cx
1:	movw	%cx, r_dx
	ret

/* Print "int13-probe NAME ax=.. bx=.. cx=.. dx=.. cf=N" (NAME at SI) */
report:
	pushw	%si
	movw	$prefix, %si
	call	puts
	popw	%si
	call	puts
	movw	$s_ax, %si
	movw	r_ax, %ax
	call	putreg
	movw	$s_bx, %si
	movw	r_bx, %ax
	call	putreg
	movw	$s_cx, %si
	movw	r_cx, %ax
	call	putreg
	movw	$s_dx, %si
	movw	r_dx, %ax
	call	putreg
	movw	$s_cf, %si
	call	puts
	movb	r_fl, %al
	andb	$1, %al
	addb	$'0', %al
	call	putc
	movb	$'\r', %al
	call	putc
	movb	$'\n', %al
	call	putc
	ret

/* Print the string at SI, then AX as 4 hex digits */
putreg:
	pushw	%ax
	call	puts
	popw	%ax
	movw	$4, %cx
1:	rolw	$4, %ax
	pushw	%ax
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	2f
	addb	$'a' - '9' - 1, %al
2:	call	putc
	popw	%ax
	loop	1b
	ret

prefix:	.asciz	"int13-probe "
s_ax:	.asciz	" ax="
s_bx:	.asciz	" bx="
s_cx:	.asciz	" cx="
s_dx:	.asciz	" dx="
s_cf:	.asciz	" cf="
done:	.asciz	"int13-probe-done\r\n"
n41:	.asciz	"41"
n15:	.asciz	"15"
n08:	.asciz	"08"
n08n:	.asciz	"08n"
n48:	.asciz	"48"
n48p:	.asciz	"48p"
n48s:	.asciz	"48s"
n42f:	.asciz	"42f"
n43:	.asciz	"43"
n42:	.asciz	"42"
n44:	.asciz	"44"
n42e:	.asciz	"42e"
n01:	.asciz	"01"
n03:	.asciz	"03"
n02:	.asciz	"02"
n01r:	.asciz	"01r"

drive:	.byte	0
	.balign	2
r_ax:	.word	0
r_bx:	.word	0
r_cx:	.word	0
r_dx:	.word	0
r_fl:	.word	0

	. = probe_start + PROBE_SECTORS * 512
