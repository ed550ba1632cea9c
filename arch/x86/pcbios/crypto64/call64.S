/*
 * Calls from the 32-bit BIOS firmware into its 64-bit code (code64/, built
 * for x86_64 and included here as bytes): long mode is entered for the
 * call and left after it, with paging on only meanwhile, through page
 * tables (engine.c) that map the low 4 GiB one to one; CR3, CR4 and EFER
 * get back the values they had.  Interrupts stay off throughout: the IDT
 * holds 32-bit gates.
 */

#define FLAT_CS 0x08            /* head.S's GDT: 32-bit code */
#define CODE64_CS 0x28          /* and 64-bit code */
#define MSR_EFER 0xc0000080
#define EFER_LME 0x100
#define CR0_PG 0x80000000
#define CR4_PAE 0x20

/* void pcbios_call64(const struct crypto64_call *call): crypto64_entry(call) in long mode */
	.code32
	.section .text.pcbios_call64, "ax", @progbits
	.globl	pcbios_call64
pcbios_call64:
	pushl	%ebp
	movl	%esp, %ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	pushfl
	cli
	movl	8(%ebp), %edi           /* the 64-bit code's first argument */
	movl	%cr3, %eax              /* CR3, CR4 and EFER as they were */
	pushl	%eax
	movl	%cr4, %eax
	pushl	%eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$pcbios_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	pushl	%eax
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$CR0_PG, %eax
	movl	%eax, %cr0
	ljmp	$CODE64_CS, $1f

	.code64
1:	movl	%edi, %edi              /* zero the upper halves */
	movl	%esp, %esp
	andq	$-16, %rsp
	call	pcbios_code64
	/* to 32-bit code (compatibility mode), then paging and long mode off */
	pushq	$FLAT_CS
	leaq	2f(%rip), %rax
	pushq	%rax
	lretq

	.code32
2:	movl	%cr0, %eax
	andl	$~CR0_PG, %eax
	movl	%eax, %cr0
	leal	-28(%ebp), %esp         /* rbp survived the call: what was saved */
	movl	$MSR_EFER, %ecx
	rdmsr
	popl	%eax
	wrmsr
	popl	%eax
	movl	%eax, %cr4
	popl	%eax
	movl	%eax, %cr3
	popfl
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

/* The 64-bit code: position-independent, its entry (crypto64_entry) first */
	.section .text.pcbios_code64, "ax", @progbits
	.balign	16
pcbios_code64:
	.incbin	"code64.bin"
