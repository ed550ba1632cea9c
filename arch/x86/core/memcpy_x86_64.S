/** @file memcpy for the x86_64 builds (Linux, UEFI): REP MOVSQ for the 8-byte words, REP MOVSB for the rest. */
/* The x86_64 links take it with --wrap=memcpy (X86_64_LDFLAGS): every call
 * to memcpy comes here and src/libc's is left out; the BIOS images (32-bit,
 * sized with -Os) keep that one: pcbios.mk takes only arch/x86/core's C files.
 * Words first: CPUs with ERMSB/FSRM run either form at cache speed, older
 * ones and emulators (QEMU's TCG takes one step per iteration) a word at a
 * time eight times faster than a byte at a time. */
	.section .text.__wrap_memcpy, "ax", @progbits
	.globl	__wrap_memcpy
	.hidden	__wrap_memcpy
	.type	__wrap_memcpy, @function
/* __wrap_memcpy(dest %rdi, src %rsi, n %rdx): copy n bytes forwards; returns dest */
__wrap_memcpy:
	movq	%rdi, %rax
	movq	%rdx, %rcx
	shrq	$3, %rcx
	rep movsq
	movq	%rdx, %rcx
	andq	$7, %rcx
	rep movsb
	ret
	.size	__wrap_memcpy, . - __wrap_memcpy
	.section .note.GNU-stack, "", @progbits
