/*
 * Start of the multiboot test kernel (tests/qemu/mbtest.c), linked at
 * 1 MiB like real kernels, so lwpxe must load it over itself.  The header
 * asks for page-aligned modules and memory information; built with
 * -DMB_KLUDGE it also carries the a.out kludge addresses (for the flat
 * binary made from the same link).
 */
#define MB_MAGIC 0x1badb002
#ifdef MB_KLUDGE
#define MB_FLAGS 0x00010003
#else
#define MB_FLAGS 0x00000003
#endif

	.code32
	.text
	.globl	mbtest_start
mbtest_start:
	jmp	1f
	.balign	4
mb_header:
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)
#ifdef MB_KLUDGE
	.long	mb_header               /* header_addr */
	.long	mbtest_start            /* load_addr */
	.long	_edata                  /* load_end_addr */
	.long	_end                    /* bss_end_addr */
	.long	mbtest_start            /* entry_addr */
#endif
1:	movl	$stack_top, %esp
	pushl	%ebx
	pushl	%eax
	call	mbtest_main
2:	cli
	hlt
	jmp	2b

	.bss
	.balign	16
	.space	16384
stack_top:

	.section .note.GNU-stack, "", @progbits
