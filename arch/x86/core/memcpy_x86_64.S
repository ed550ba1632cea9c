/** @file memcpy for the x86_64 builds (Linux, UEFI): one REP MOVSB, which CPUs with ERMSB/FSRM run at cache speed. */
/* The x86_64 links take it with --wrap=memcpy (X86_64_LDFLAGS): every call
 * to memcpy comes here and src/libc's is left out; the BIOS images (32-bit,
 * sized with -Os) keep that one: pcbios.mk takes only arch/x86/core's C files. */
	.section .text.__wrap_memcpy, "ax", @progbits
	.globl	__wrap_memcpy
	.hidden	__wrap_memcpy
	.type	__wrap_memcpy, @function
/* __wrap_memcpy(dest %rdi, src %rsi, n %rdx): copy n bytes forwards; returns dest */
__wrap_memcpy:
	movq	%rdi, %rax
	movq	%rdx, %rcx
	rep movsb
	ret
	.size	__wrap_memcpy, . - __wrap_memcpy
	.section .note.GNU-stack, "", @progbits
