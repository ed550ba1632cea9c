/** @file memcpy for the x86_64 builds (Linux, UEFI): REP MOVSB where the CPU says it is fast (ERMS), else 64 bytes a loop step through registers. */
/* The x86_64 links take it with --wrap=memcpy (X86_64_LDFLAGS): every call
 * to memcpy comes here and src/libc's is left out; the BIOS images (32-bit,
 * sized with -Os) keep that one: pcbios.mk takes only arch/x86/core's C files.
 * CPUs with ERMS (CPUID leaf 7, EBX bit 9) copy with one REP MOVSB at cache
 * speed.  Others, and emulators: QEMU's TCG runs a REP instruction one
 * iteration a step, so a loop of eight 8-byte moves, one step per 64 bytes,
 * copies a frame there 1.9 times as fast as REP MOVSQ and a 16 KiB TLS
 * record 2.7 times (qemu-x86_64 7.2, by hand); the tail goes as words, then bytes.
 * The first call asks CPUID and keeps the answer. */
	.set	MEMCPY_LOOP, 1              /* memcpy_how: the loop */
	.set	MEMCPY_REP, 2               /* memcpy_how: REP MOVSB */
	.set	CPUID_7_EBX_ERMS, 1 << 9    /* enhanced REP MOVSB/STOSB */

	.section .text.__wrap_memcpy, "ax", @progbits
	.globl	__wrap_memcpy
	.hidden	__wrap_memcpy
	.type	__wrap_memcpy, @function
/* __wrap_memcpy(dest %rdi, src %rsi, n %rdx): copy n bytes forwards; returns dest */
__wrap_memcpy:
	movq	%rdi, %rax
	movzbl	memcpy_how(%rip), %ecx
	cmpl	$MEMCPY_LOOP, %ecx
	je	.Lloop_start
	cmpl	$MEMCPY_REP, %ecx
	jne	.Lask
	movq	%rdx, %rcx
	rep movsb
	ret
.Lloop_start:
	cmpq	$64, %rdx
	jb	.Ltail
.Lloop:
	movq	(%rsi), %r8
	movq	8(%rsi), %r9
	movq	16(%rsi), %r10
	movq	24(%rsi), %r11
	movq	%r8, (%rdi)
	movq	%r9, 8(%rdi)
	movq	%r10, 16(%rdi)
	movq	%r11, 24(%rdi)
	movq	32(%rsi), %r8
	movq	40(%rsi), %r9
	movq	48(%rsi), %r10
	movq	56(%rsi), %r11
	movq	%r8, 32(%rdi)
	movq	%r9, 40(%rdi)
	movq	%r10, 48(%rdi)
	movq	%r11, 56(%rdi)
	addq	$64, %rsi
	addq	$64, %rdi
	subq	$64, %rdx
	cmpq	$64, %rdx
	jae	.Lloop
.Ltail:
	movq	%rdx, %rcx
	shrq	$3, %rcx
	rep movsq
	movq	%rdx, %rcx
	andq	$7, %rcx
	rep movsb
	ret
/* first call: ERMS from CPUID leaf 7 (if the CPU has that leaf) decides */
.Lask:
	pushq	%rbx
	pushq	%rdx
	xorl	%eax, %eax
	cpuid
	movl	$MEMCPY_LOOP, %r8d
	cmpl	$7, %eax
	jb	.Lknown
	movl	$7, %eax
	xorl	%ecx, %ecx
	cpuid
	testl	$CPUID_7_EBX_ERMS, %ebx
	jz	.Lknown
	movl	$MEMCPY_REP, %r8d
.Lknown:
	movb	%r8b, memcpy_how(%rip)
	popq	%rdx
	popq	%rbx
	jmp	__wrap_memcpy
	.size	__wrap_memcpy, . - __wrap_memcpy

/* how memcpy copies: 0 not asked yet, MEMCPY_LOOP or MEMCPY_REP (the unit
 * test sets it to check each way) */
	.section .data.memcpy_how, "aw", @progbits
	.globl	memcpy_how
	.hidden	memcpy_how
	.type	memcpy_how, @object
memcpy_how:
	.byte	0
	.size	memcpy_how, 1
	.section .note.GNU-stack, "", @progbits
