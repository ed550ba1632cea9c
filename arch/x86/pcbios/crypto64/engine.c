/**
 * @file The ChaCha20-Poly1305 engine of the BIOS images: the portable block
 * code built for x86_64 and run in long mode where the CPU has it.
 *
 * Under QEMU's TCG the 32-bit build of that code ran a BIOS HTTPS download
 * at a quarter of HTTP's speed: ChaCha20's sixteen state words do not fit
 * eight registers, and Poly1305's 64-bit sums became add-with-carry
 * chains that TCG computes in helpers.  Each call enters long mode for a
 * whole run of blocks (a TLS record: two calls) and leaves it.
 */
#include <lwpxe/chachapoly.h>
#include <lwpxe/cpu.h>
#include "crypto64.h"

/** CPUID 80000001h EDX: long mode */
#define CPUID_LM (1u << 29)

/** Page table entry bits: present, writable, 2 MiB page */
#define PTE_P 0x1
#define PTE_RW 0x2
#define PTE_PS 0x80

/** Page tables mapping the low 4 GiB one to one in 2 MiB pages (call64.S loads pcbios_pml4) */
uint64_t pcbios_pml4[512] __attribute__((aligned(4096)));
static uint64_t crypto64_pdpt[512] __attribute__((aligned(4096)));
static uint64_t crypto64_pd[4][512] __attribute__((aligned(4096)));

/**
 * Shorter runs stay in 32-bit code (the portable functions): entering and
 * leaving long mode costs about as much as this many bytes (under TCG,
 * which empties its TLB at each change of CR0.PG and CR4.PAE), and a TLS
 * record's AEAD makes several small calls (Poly1305's key, the header,
 * the lengths) beside its two long ones
 */
#define CRYPTO64_MIN_BYTES 256

/** Nonzero if the CPU has long mode; the first time, the page tables are built */
static int crypto64_usable(void)
{
	uint32_t regs[4];

	if (cpu_cpuid(CPU_CPUID_EXT + 1, 0, regs) != 0 ||
	    !(regs[3] & CPUID_LM))
		return 0;
	for (uint32_t i = 0; i < 4; i++) {
		for (uint32_t j = 0; j < 512; j++)
			crypto64_pd[i][j] = ((uint64_t)i << 30 | j << 21) |
					    PTE_P | PTE_RW | PTE_PS;
		crypto64_pdpt[i] = (uintptr_t)crypto64_pd[i] | PTE_P | PTE_RW;
	}
	pcbios_pml4[0] = (uintptr_t)crypto64_pdpt | PTE_P | PTE_RW;
	return 1;
}

/** chacha20_blocks() in long mode */
static void crypto64_chacha20(uint32_t st[16], const uint8_t *in,
			      uint8_t *out, size_t n)
{
	struct crypto64_call call = {
		.op = CRYPTO64_CHACHA20, .state = (uintptr_t)st,
		.in = (uintptr_t)in, .out = (uintptr_t)out, .blocks = n,
	};

	if (n * CHACHA20_BLOCK < CRYPTO64_MIN_BYTES)
		chacha20_blocks(st, in, out, n);
	else
		pcbios_call64(&call);
}

/** poly1305_blocks() in long mode */
static void crypto64_poly1305(uint32_t h[5], const uint32_t r[5],
			      const uint8_t *in, size_t n, uint32_t hibit)
{
	struct crypto64_call call = {
		.op = CRYPTO64_POLY1305, .state = (uintptr_t)h,
		.key = (uintptr_t)r, .in = (uintptr_t)in, .blocks = n,
		.hibit = hibit,
	};

	if (n * POLY1305_BLOCK < CRYPTO64_MIN_BYTES)
		poly1305_blocks(h, r, in, n, hibit);
	else
		pcbios_call64(&call);
}

static const struct chachapoly_engine crypto64_engine = {
	.usable = crypto64_usable,
	.chacha20 = crypto64_chacha20,
	.poly1305 = crypto64_poly1305,
};
CHACHAPOLY_ENGINE(crypto64_engine);
