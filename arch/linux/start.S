/* Process entry: hand the initial stack (argc, argv, envp) to linux_start. */
	.section .text._start, "ax", @progbits
	.globl _start
_start:
	xorl	%ebp, %ebp
	movq	%rsp, %rdi
	andq	$-16, %rsp
	call	linux_start
	hlt
	.section .note.GNU-stack, "", @progbits
