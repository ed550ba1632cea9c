/** @file The entry of the 64-bit code (built for x86_64, run in long mode by crypto64/call64.S): one call of struct crypto64_call. */
#include <lwpxe/chachapoly.h>
#include "../crypto64.h"

/** The 32-bit address @p a as a pointer */
#define PTR(a) ((void *)(uintptr_t)(a))

/** Do what @p call asks (the first function of the code, at offset 0) */
__attribute__((section(".text.crypto64_entry")))
void crypto64_entry(const struct crypto64_call *call)
{
	switch (call->op) {
	case CRYPTO64_CHACHA20:
		chacha20_blocks(PTR(call->state), PTR(call->in), PTR(call->out),
				call->blocks);
		break;
	case CRYPTO64_POLY1305:
		poly1305_blocks(PTR(call->state), PTR(call->key), PTR(call->in),
				call->blocks, call->hibit);
		break;
	}
}
