/** @file The choice of ChaCha20-Poly1305 engine, and the portable one that is always there. */
#include <lwpxe/chachapoly.h>

/** The portable engine runs on every CPU */
static int chachapoly_portable_usable(void)
{
	return 1;
}

/** The engine built from net/tls/chachapoly_blocks.c */
static const struct chachapoly_engine chachapoly_portable = {
	.usable = chachapoly_portable_usable,
	.chacha20 = chacha20_blocks,
	.poly1305 = poly1305_blocks,
};

const struct chachapoly_engine *chachapoly_engine(void)
{
	static const struct chachapoly_engine *chosen;
	const struct chachapoly_engine *engine;

	if (chosen)
		return chosen;
	chosen = &chachapoly_portable;
	TABLE_FOREACH(chachapoly_engines, const struct chachapoly_engine *,
		      engine) {
		if (engine->usable()) {
			chosen = engine;
			break;
		}
	}
	return chosen;
}
