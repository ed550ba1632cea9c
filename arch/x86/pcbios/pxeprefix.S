/*
 * Prefix of bin/ipxe.pxe and bin/undionly.kpxe: a PXE network boot
 * program.  The PXE ROM loads the file to 0:7C00 and jumps here in real
 * mode with ES:BX -> PXENV+ and the !PXE far pointer at SS:SP+4.  The
 * prefix is followed by an ipxe.lkrn (setup sectors, then the 32-bit
 * part); it loads that as a Linux boot loader would (like mbr.S does from
 * a disk): the 32-bit part to 1 MiB with INT 15h AH=87h, the setup
 * sectors to PXE_SETUP_SEG:0, the header fields a loader fills, lwpxe's
 * boot information (setup.S, 0x248..), then the setup entry.
 *
 * Built twice (pcbios.mk):
 *   PXE_KEEP_UNDI undefined  ipxe.pxe: shut the UNDI down and unload the
 *                            PXE stack (PXENV_UNDI_SHUTDOWN,
 *                            PXENV_UNLOAD_STACK, PXENV_STOP_UNDI); lwpxe's
 *                            own drivers take the NIC
 *   PXE_KEEP_UNDI defined    undionly.kpxe: leave the stack loaded and
 *                            pass the !PXE and PXENV+ pointers on for
 *                            drivers/net/undi.c
 *
 * The last PXE_CMDLINE_MAX bytes of the prefix hold a kernel command line
 * (NUL-terminated, empty for none) that mkpxe.sh may write.  A failure
 * prints one line (INT 10h) and returns to the PXE ROM, which tries the
 * next boot device; once the stack is unloaded INT 18h does that instead.
 */

#include "pxe.h"

#define PXE_LOAD_SEG 0x07c0            /* where the ROM put us: 0:7C00 */
#define PXE_STACK_TOP 0x7c00           /* our stack: 0:7C00 downwards */
#define PXE_SETUP_SEG 0x1000           /* real-mode setup: linear 0x10000 */
#define PXE_HEAP_END 0xe000            /* setup segment: heap end, stack top */
#define PXE_PAYLOAD 0x100000           /* code32_start: the 32-bit part */
#define PXE_CHUNK 0x8000               /* bytes per INT 15h AH=87h move */
#define PXE_SIZE 1536                  /* bytes of this prefix */
#define PXE_CMDLINE_MAX 256            /* command line field at its end */
#define PXE_PARAMS_SIZE 16             /* largest parameter block used here */

/* Linux boot protocol header offsets in the setup sectors (setup.S) */
#define HDR_SETUP_SECTS 0x1f1
#define HDR_SYSSIZE 0x1f4
#define HDR_MAGIC 0x202
#define HDR_TYPE_OF_LOADER 0x210
#define HDR_LOADFLAGS 0x211
#define HDR_HEAP_END_PTR 0x224
#define HDR_CMD_LINE_PTR 0x228
#define HDR_CAN_USE_HEAP 0x80
#define HDR_MAGIC_VALUE 0x53726448     /* "HdrS" */

/* lwpxe's boot information (setup.S, pcbios.h PCBIOS_BP_* and PCBIOS_BOOT_*) */
#define BOOT_TYPE 0x248
#define BOOT_PXENV 0x24c
#define BOOT_PXE 0x250
#define BOOT_PXE_UNLOADED 2
#define BOOT_PXE_KEEP 3

	.code16
	.text
	.globl	pxe_prefix
pxe_prefix:
	/* CS:IP is 0:7C00; use segment 07C0 so offsets match the link */
	ljmp	$PXE_LOAD_SEG, $1f
1:	cli
	movw	%cs, %ax
	movw	%ax, %ds
	movw	%es, pxe_pxenv + 2
	movw	%bx, pxe_pxenv
	movw	%ss, pxe_rom_ss
	movw	%sp, pxe_rom_sp
	movw	%sp, %bp
	movl	%ss:4(%bp), %eax
	movl	%eax, pxe_ppxe
	/* our own stack: PXENV_UNLOAD_STACK discards the ROM's */
	xorw	%ax, %ax
	movw	%ax, %ss
	movw	$PXE_STACK_TOP, %sp
	sti
	cld

	call	pxe_find_api
	movw	$pxe_msg_header, %si
	movw	$PXE_LOAD_SEG + PXE_SIZE / 16, %ax
	movw	%ax, %fs
	cmpl	$HDR_MAGIC_VALUE, %fs:HDR_MAGIC
	jne	pxe_fail
#ifndef PXE_KEEP_UNDI
	call	pxe_unload
#else
	cmpw	$0, pxe_entry_kind
	jne	1f
	movw	$pxe_msg_no_api, %si
	call	pxe_print
1:
#endif
	call	pxe_load
	jmp	pxe_enter_setup

/*
 * Check the !PXE and PXENV+ structures the ROM gave; keep the valid ones
 * (the others become 0) and choose the API entry: !PXE's if there is one,
 * else PXENV+'s.  A 2.1 PXENV+ names the !PXE structure too.
 */
pxe_find_api:
	movl	pxe_pxenv, %eax
	movw	$PXE_PXENV_LENGTH, %dx
	movw	$pxe_sig_pxenv, %si
	movw	$6, %cx
	call	pxe_check
	movl	%eax, pxe_pxenv
	movl	pxe_ppxe, %eax
	call	pxe_check_ppxe
	jnz	1f
	/* no usable !PXE on the stack: the one a 2.1 PXENV+ names */
	movl	pxe_pxenv, %eax
	testl	%eax, %eax
	jz	1f
	call	pxe_far_es_di
	cmpw	$0x0201, %es:PXE_PXENV_VERSION(%di)
	movl	$0, %eax
	jb	1f
	movl	%es:PXE_PXENV_PXEPTR(%di), %eax
	call	pxe_check_ppxe
1:	movl	%eax, pxe_ppxe
	/* the entry: !PXE's, else PXENV+'s, else none */
	testl	%eax, %eax
	jz	2f
	call	pxe_far_es_di
	movl	%es:PXE_PPXE_ENTRY_SP(%di), %eax
	movl	%eax, pxe_entry
	movw	$1, pxe_entry_kind
	ret
2:	movl	pxe_pxenv, %eax
	testl	%eax, %eax
	jz	3f
	call	pxe_far_es_di
	movl	%es:PXE_PXENV_RMENTRY(%di), %eax
	movl	%eax, pxe_entry
	movw	$2, pxe_entry_kind
3:	ret

/* EAX = the !PXE far pointer if the structure there is valid, else 0; ZF set if 0. */
pxe_check_ppxe:
	movw	$PXE_PPXE_LENGTH, %dx
	movw	$pxe_sig_ppxe, %si
	movw	$4, %cx
	call	pxe_check
	testl	%eax, %eax
	ret

/*
 * Keep far pointer EAX only if the structure there starts with the CX
 * signature bytes at DS:SI and its bytes (as many as the u8 at offset DX
 * says) sum to 0; else EAX = 0.  Uses BX, CX, DX, SI, DI, ES.
 */
pxe_check:
	testl	%eax, %eax
	jz	3f
	call	pxe_far_es_di
	pushw	%di
	repe cmpsb
	popw	%di
	jne	2f
	movw	%dx, %bx
	movzbw	%es:(%bx,%di), %cx
	jcxz	2f
	xorb	%dl, %dl
1:	addb	%es:(%di), %dl
	incw	%di
	loop	1b
	testb	%dl, %dl
	jz	3f
2:	xorl	%eax, %eax
3:	ret

/* ES:DI = far pointer EAX (segment in the high half) */
pxe_far_es_di:
	movw	%ax, %di
	pushl	%eax
	shrl	$16, %eax
	movw	%ax, %es
	popl	%eax
	ret

#ifndef PXE_KEEP_UNDI
/*
 * ipxe.pxe: stop the UNDI and take the PXE stack out of memory, as the
 * specification orders it: shut the NIC down for another driver, unload
 * the base code, then the UNDI.  A refusal is reported and the boot goes
 * on (our drivers reset the NIC anyway); the pointers are dropped either
 * way, since the stack's structures are no longer valid.
 */
pxe_unload:
	cmpw	$0, pxe_entry_kind
	je	1f
	movw	$PXENV_UNDI_SHUTDOWN, %bx
	call	pxe_call_checked
	jc	1f
	movw	$PXENV_UNLOAD_STACK, %bx
	call	pxe_call_checked
	jc	1f
	movw	$PXENV_STOP_UNDI, %bx
	call	pxe_call_checked
1:	movw	$1, pxe_unloaded
	movl	$0, pxe_ppxe
	movl	$0, pxe_pxenv
	ret

/*
 * PXE call BX with a cleared parameter block; on failure print
 * "lwpxe: PXE call OPCODE failed (status STATUS): ..." and set CF.
 */
pxe_call_checked:
	call	pxe_call
	jnc	1f
	pushw	%ax
	movw	$pxe_msg_call, %si
	call	pxe_print
	movw	%bx, %ax
	call	pxe_print_hex
	movw	$pxe_msg_status, %si
	call	pxe_print
	popw	%ax
	call	pxe_print_hex
	movw	$pxe_msg_stays, %si
	call	pxe_print
	stc
1:	ret

/*
 * Call the PXE API: opcode BX, parameter block pxe_params (cleared first).
 * AX = the block's status; CF set if the call failed.  Other registers
 * are kept.
 */
pxe_call:
	pushal
	pushw	%ds
	pushw	%es
	movw	$pxe_params, %di
	movw	%ds, %ax
	movw	%ax, %es
	movw	$PXE_PARAMS_SIZE / 2, %cx
	xorw	%ax, %ax
	rep stosw
	movw	$pxe_params, %di
	cmpw	$1, pxe_entry_kind
	jne	1f
	/* !PXE: push segment, offset, opcode; far call; the caller pops */
	pushw	%ds
	pushw	%di
	pushw	%bx
	lcallw	*pxe_entry
	addw	$6, %sp
	jmp	2f
	/* PXENV+: BX = opcode, ES:DI = parameter block */
1:	lcallw	*%cs:pxe_entry
2:	movw	%cs, %bx
	movw	%bx, %ds
	cmpw	$PXENV_EXIT_SUCCESS, %ax
	movw	pxe_params, %ax
	je	3f
	testw	%ax, %ax
	jnz	4f
	movw	$PXENV_STATUS_FAILURE, %ax
4:	movw	%ax, pxe_call_status
	popw	%es
	popw	%ds
	popal
	movw	pxe_call_status, %ax
	stc
	ret
3:	popw	%es
	popw	%ds
	popal
	xorw	%ax, %ax
	clc
	ret
#endif

/*
 * Load the lkrn after the prefix: the 32-bit part to PXE_PAYLOAD with
 * INT 15h AH=87h in PXE_CHUNK pieces, then the boot sector and setup
 * sectors to PXE_SETUP_SEG:0 (above everything still needed here), then
 * the fields a boot loader writes and lwpxe's boot information.
 */
pxe_load:
	movzbl	%fs:HDR_SETUP_SECTS, %eax
	incl	%eax
	shll	$9, %eax
	movl	%eax, pxe_setup_len
	addl	$PXE_LOAD_SEG * 16 + PXE_SIZE, %eax
	movl	%eax, pxe_move_src
	movl	$PXE_PAYLOAD, pxe_move_dst
	movl	%fs:HDR_SYSSIZE, %ebp
	shll	$4, %ebp
1:	testl	%ebp, %ebp
	jz	3f
	movl	$PXE_CHUNK, %ecx
	cmpl	%ecx, %ebp
	jae	2f
	movl	%ebp, %ecx
2:	subl	%ecx, %ebp
	call	pxe_move
	jmp	1b
3:	/* the setup sectors, from just after the prefix */
	pushw	%es
	movw	$PXE_SETUP_SEG, %ax
	movw	%ax, %es
	xorw	%di, %di
	movw	$PXE_SIZE, %si
	movw	pxe_setup_len, %cx
	rep movsb
	/* the fields a loader writes, then ours */
	movb	$0xff, %es:HDR_TYPE_OF_LOADER
	orb	$HDR_CAN_USE_HEAP, %es:HDR_LOADFLAGS
	movw	$PXE_HEAP_END - 0x200, %es:HDR_HEAP_END_PTR
	cmpb	$0, pxe_cmdline
	je	4f
	movl	$PXE_LOAD_SEG * 16 + pxe_cmdline, %es:HDR_CMD_LINE_PTR
4:	movb	$BOOT_PXE_KEEP, %es:BOOT_TYPE
	cmpw	$0, pxe_unloaded
	je	5f
	movb	$BOOT_PXE_UNLOADED, %es:BOOT_TYPE
5:	movl	pxe_pxenv, %eax
	movl	%eax, %es:BOOT_PXENV
	movl	pxe_ppxe, %eax
	movl	%eax, %es:BOOT_PXE
	popw	%es
	ret

/*
 * Copy ECX bytes (at most 64 KiB, rounded up to words) from linear
 * pxe_move_src to pxe_move_dst with INT 15h AH=87h and move both on.
 */
pxe_move:
	pushl	%ecx
	movl	pxe_move_src, %eax
	movw	$pxe_gdt_src, %di
	call	pxe_set_base
	movl	pxe_move_dst, %eax
	movw	$pxe_gdt_dst, %di
	call	pxe_set_base
	popl	%ecx
	addl	%ecx, pxe_move_src
	addl	%ecx, pxe_move_dst
	incl	%ecx
	shrl	$1, %ecx
	pushw	%es
	pushw	%ds
	popw	%es
	movw	$pxe_gdt, %si
	movb	$0x87, %ah
	int	$0x15
	popw	%es
	movw	$pxe_msg_move, %si
	jc	pxe_fail
	ret

/* Put linear address EAX into the base of the INT 15h descriptor at DS:DI. */
pxe_set_base:
	movw	%ax, 2(%di)
	shrl	$16, %eax
	movb	%al, 4(%di)
	movb	%ah, 7(%di)
	ret

/* Enter the setup as a Linux loader does: segments = setup, CS = setup + 0x20. */
pxe_enter_setup:
	cli
	movw	$PXE_SETUP_SEG, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movw	$PXE_HEAP_END, %sp
	ljmp	$PXE_SETUP_SEG + 0x20, $0

/*
 * Print the message at DS:SI, then give up: back to the PXE ROM (which
 * tries the next boot device) with its stack and AX = failure, or INT 18h
 * once the stack is gone.
 */
pxe_fail:
	call	pxe_print
	cmpw	$0, pxe_unloaded
	jne	1f
	cli
	movw	pxe_rom_ss, %ss
	movw	pxe_rom_sp, %sp
	sti
	movw	$PXENV_STATUS_FAILURE, %ax
	lretw
1:	int	$0x18
2:	hlt
	jmp	2b

/* Print the NUL-terminated string at DS:SI with INT 10h teletype output. */
pxe_print:
	pushaw
1:	lodsb
	testb	%al, %al
	jz	2f
	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	jmp	1b
2:	popaw
	ret

#ifndef PXE_KEEP_UNDI
/* Print AX as four hex digits. */
pxe_print_hex:
	pushaw
	movw	%ax, %dx
	movw	$4, %cx
1:	rolw	$4, %dx
	movb	%dl, %al
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	2f
	addb	$'a' - '9' - 1, %al
2:	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	loop	1b
	popaw
	ret

pxe_msg_call:
	.asciz	"lwpxe: PXE call "
pxe_msg_status:
	.asciz	" failed (status "
pxe_msg_stays:
	.asciz	"): the PXE stack stays in base memory\r\n"
#else
pxe_msg_no_api:
	.asciz	"lwpxe: no valid !PXE or PXENV+ structure from the PXE ROM: no UNDI to drive\r\n"
#endif
pxe_msg_header:
	.asciz	"lwpxe: no Linux boot header after the PXE prefix: broken image\r\n"
pxe_msg_move:
	.asciz	"lwpxe: INT 15h AH=87h could not copy the image to 1 MiB\r\n"

pxe_sig_pxenv:
	.ascii	PXE_PXENV_SIGNATURE
pxe_sig_ppxe:
	.ascii	PXE_PPXE_SIGNATURE

	.balign	4
pxe_pxenv:
	.long	0                              /* PXENV+, seg:off */
pxe_ppxe:
	.long	0                              /* !PXE, seg:off */
pxe_entry:
	.long	0                              /* API entry, seg:off */
pxe_entry_kind:
	.word	0                              /* 0 none, 1 !PXE, 2 PXENV+ */
pxe_unloaded:
	.word	0                              /* nonzero once the stack is gone */
pxe_rom_ss:
	.word	0                              /* the ROM's stack, for a return */
pxe_rom_sp:
	.word	0
pxe_call_status:
	.word	0
pxe_setup_len:
	.long	0                              /* boot sector + setup sectors */
pxe_move_src:
	.long	0                              /* linear source of the next move */
pxe_move_dst:
	.long	0                              /* linear destination */

	.balign	4
pxe_params:
	.space	PXE_PARAMS_SIZE                /* PXE parameter block */

/* INT 15h AH=87h descriptors: 2 for the BIOS, source, destination, 2 for the BIOS */
	.balign	8
pxe_gdt:
	.quad	0, 0
pxe_gdt_src:
	.word	0xffff
	.byte	0, 0, 0, 0x93, 0, 0
pxe_gdt_dst:
	.word	0xffff
	.byte	0, 0, 0, 0x93, 0, 0
	.quad	0, 0

/* The command line (mkpxe.sh writes it), at the end of the prefix */
	.org	PXE_SIZE - PXE_CMDLINE_MAX
pxe_cmdline:
	.space	PXE_CMDLINE_MAX

	.section .note.GNU-stack, "", @progbits
