/** @file LZMA decoder and x86 branch filter of the BIOS unpacker: small, one call, bounds-checked. */
#include <lwpxe/errors.h>
#include "unlzma.h"

/*
 * LZMA in brief: a binary range coder whose adaptive probabilities (11-bit,
 * starting at one half) sit in one array, laid out below.  Each step is a
 * literal byte or a match (length 2-273, distance) against the output so
 * far; the 12 states remember what the last steps were, and the four most
 * recent distances ("reps") can be reused cheaply.
 */
#define UNLZMA_STATES 12
#define UNLZMA_POS_MAX 16           /* position states: 1 << pb, pb <= 4 */
#define UNLZMA_LEN_PROBS 514        /* choice, choice 2, low, mid, high */

/* offsets of the probability groups */
#define P_IS_MATCH 0                                    /* [state][pos] */
#define P_IS_REP (P_IS_MATCH + UNLZMA_STATES * UNLZMA_POS_MAX)
#define P_IS_REP_G0 (P_IS_REP + UNLZMA_STATES)
#define P_IS_REP_G1 (P_IS_REP_G0 + UNLZMA_STATES)
#define P_IS_REP_G2 (P_IS_REP_G1 + UNLZMA_STATES)
#define P_IS_REP0_LONG (P_IS_REP_G2 + UNLZMA_STATES)    /* [state][pos] */
#define P_SLOT (P_IS_REP0_LONG + UNLZMA_STATES * UNLZMA_POS_MAX) /* [4][64] */
#define P_SPECIAL (P_SLOT + 4 * 64)         /* distance bits of slots 4-13 */
#define P_ALIGN (P_SPECIAL + 114)           /* low 4 bits of long distances */
#define P_LEN (P_ALIGN + 16)
#define P_REP_LEN (P_LEN + UNLZMA_LEN_PROBS)
#define P_LITERAL (P_REP_LEN + UNLZMA_LEN_PROBS)        /* 0x300 per context */

/* inside a length coder */
#define L_CHOICE 0
#define L_CHOICE2 1
#define L_LOW 2                             /* [pos][8] */
#define L_MID (L_LOW + UNLZMA_POS_MAX * 8)  /* [pos][8] */
#define L_HIGH (L_MID + UNLZMA_POS_MAX * 8) /* [256] */

#define UNLZMA_TOP (1u << 24)       /* below this the range takes a byte */
#define UNLZMA_END 0xffffffffu      /* the distance of the end marker */

/** Range decoder state */
struct unlzma_rc {
	const uint8_t *in;          /**< next input byte */
	const uint8_t *end;         /**< end of the input */
	uint32_t range;             /**< current range */
	uint32_t code;              /**< input value within the range */
	int short_input;            /**< the input ran out */
};

/** Keep the range at 24 bits or more, reading a byte if needed */
static void unlzma_normalize(struct unlzma_rc *rc)
{
	if (rc->range >= UNLZMA_TOP)
		return;
	if (rc->in == rc->end) {
		rc->short_input = 1;
		return;
	}
	rc->range <<= 8;
	rc->code = (rc->code << 8) | *rc->in++;
}

/** Decode one bit with the probability at @p prob and adapt it */
static unsigned int unlzma_bit(struct unlzma_rc *rc, uint16_t *prob)
{
	uint32_t bound;

	unlzma_normalize(rc);
	bound = (rc->range >> 11) * *prob;
	if (rc->code < bound) {
		rc->range = bound;
		*prob += (2048 - *prob) >> 5;
		return 0;
	}
	rc->range -= bound;
	rc->code -= bound;
	*prob -= *prob >> 5;
	return 1;
}

/** Decode @p bits bits, most significant first, through the tree at @p probs */
static unsigned int unlzma_tree(struct unlzma_rc *rc, uint16_t *probs,
				unsigned int bits)
{
	unsigned int node = 1;

	for (unsigned int i = 0; i < bits; i++)
		node = (node << 1) | unlzma_bit(rc, &probs[node]);
	return node - (1u << bits);
}

/** Decode @p bits bits, least significant first, through the tree at @p probs */
static uint32_t unlzma_tree_rev(struct unlzma_rc *rc, uint16_t *probs,
				unsigned int bits)
{
	unsigned int node = 1;
	uint32_t val = 0;

	for (unsigned int i = 0; i < bits; i++) {
		unsigned int bit = unlzma_bit(rc, &probs[node]);

		node = (node << 1) | bit;
		val |= bit << i;
	}
	return val;
}

/** Decode @p bits bits of even probability, most significant first */
static uint32_t unlzma_direct(struct unlzma_rc *rc, unsigned int bits)
{
	uint32_t val = 0;

	while (bits--) {
		unlzma_normalize(rc);
		rc->range >>= 1;
		val <<= 1;
		if (rc->code >= rc->range) {
			rc->code -= rc->range;
			val |= 1;
		}
	}
	return val;
}

/** Decode a match length minus 2 (0-271) with the length coder at @p probs */
static unsigned int unlzma_len(struct unlzma_rc *rc, uint16_t *probs,
			       unsigned int pos_state)
{
	if (!unlzma_bit(rc, &probs[L_CHOICE]))
		return unlzma_tree(rc, &probs[L_LOW + pos_state * 8], 3);
	if (!unlzma_bit(rc, &probs[L_CHOICE2]))
		return 8 + unlzma_tree(rc, &probs[L_MID + pos_state * 8], 3);
	return 16 + unlzma_tree(rc, &probs[L_HIGH], 8);
}

/** Decode a match distance minus 1 for a match of length @p len + 2 */
static uint32_t unlzma_dist(struct unlzma_rc *rc, uint16_t *probs,
			    unsigned int len)
{
	unsigned int slot = unlzma_tree(rc, &probs[P_SLOT + (len < 3 ? len : 3) * 64], 6);
	unsigned int bits;
	uint32_t dist;

	if (slot < 4)
		return slot;
	/* slot: the top two bits of the distance and how many follow */
	bits = (slot >> 1) - 1;
	dist = (2 | (slot & 1)) << bits;
	if (slot < 14)
		return dist + unlzma_tree_rev(rc, &probs[P_SPECIAL + dist - slot - 1], bits);
	dist += unlzma_direct(rc, bits - 4) << 4;
	return dist + unlzma_tree_rev(rc, &probs[P_ALIGN], 4);
}

/** Decode a literal byte; after a match it is coded against the byte @p match */
static uint8_t unlzma_literal(struct unlzma_rc *rc, uint16_t *probs,
			      int after_match, unsigned int match)
{
	unsigned int sym = 1;

	if (after_match) {
		/* while the bits agree with the match byte, use its own probabilities */
		do {
			unsigned int mbit = (match >> 7) & 1;
			unsigned int bit;

			match <<= 1;
			bit = unlzma_bit(rc, &probs[0x100 + (mbit << 8) + sym]);
			sym = (sym << 1) | bit;
			if (bit != mbit)
				break;
		} while (sym < 0x100);
	}
	while (sym < 0x100)
		sym = (sym << 1) | unlzma_bit(rc, &probs[sym]);
	return (uint8_t)sym;
}

/** The state after a literal */
static unsigned int unlzma_after_literal(unsigned int state)
{
	return state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
}

/**
 * Decode a match at one of the recent distances @p rep, which moves to
 * rep[0]; updates @p state.  @p ctx is state and position for the
 * [state][pos] groups.
 *
 * @return the match length (1 for the short form)
 */
static size_t unlzma_rep(struct unlzma_rc *rc, uint16_t *probs, uint32_t *rep,
			 unsigned int *state, unsigned int ctx,
			 unsigned int pos_state)
{
	unsigned int old = *state;
	uint32_t dist;

	if (!unlzma_bit(rc, &probs[P_IS_REP_G0 + old])) {
		if (!unlzma_bit(rc, &probs[P_IS_REP0_LONG + ctx])) {
			*state = old < 7 ? 9 : 11;
			return 1;
		}
	} else {
		if (!unlzma_bit(rc, &probs[P_IS_REP_G1 + old])) {
			dist = rep[1];
		} else {
			if (!unlzma_bit(rc, &probs[P_IS_REP_G2 + old])) {
				dist = rep[2];
			} else {
				dist = rep[3];
				rep[3] = rep[2];
			}
			rep[2] = rep[1];
		}
		rep[1] = rep[0];
		rep[0] = dist;
	}
	*state = old < 7 ? 8 : 11;
	return unlzma_len(rc, &probs[P_REP_LEN], pos_state) + 2;
}

int unlzma(uint8_t *out, size_t out_len, const uint8_t *in, size_t in_len,
	   uint16_t *probs, size_t nprobs)
{
	struct unlzma_rc rc;
	unsigned int props = in_len ? in[0] : 0;
	unsigned int lc, lp, pb, state = 0;
	uint32_t rep[4] = { 0, 0, 0, 0 };
	size_t pos = 0, len;

	/* properties (5 bytes), then the range coder's first 5 bytes: 0, code */
	if (in_len < 10 || props >= 9 * 5 * 5 || in[5] != 0)
		return -EBADMSG;
	lc = props % 9;
	lp = props / 9 % 5;
	pb = props / 45;
	if (UNLZMA_PROBS(lc + lp) > nprobs)
		return -ENOTSUP;
	for (size_t i = 0; i < UNLZMA_PROBS(lc + lp); i++)
		probs[i] = 1024;
	rc.code = (uint32_t)in[6] << 24 | (uint32_t)in[7] << 16 |
		  (uint32_t)in[8] << 8 | in[9];
	rc.in = in + 10;
	rc.end = in + in_len;
	rc.range = 0xffffffffu;
	rc.short_input = 0;

	while (!rc.short_input) {
		unsigned int pos_state = pos & ((1u << pb) - 1);
		unsigned int ctx = (state << 4) + pos_state;

		if (!unlzma_bit(&rc, &probs[P_IS_MATCH + ctx])) {
			unsigned int prev = pos ? out[pos - 1] : 0;
			uint16_t *lit = &probs[P_LITERAL + 0x300 *
				(((pos & ((1u << lp) - 1)) << lc) + (prev >> (8 - lc)))];

			if (pos == out_len)
				return -EBADMSG;
			/* after a match, rep[0] < pos held when it was checked */
			out[pos] = unlzma_literal(&rc, lit, state >= 7,
						  state >= 7 ? out[pos - rep[0] - 1] : 0);
			pos++;
			state = unlzma_after_literal(state);
			continue;
		}
		if (unlzma_bit(&rc, &probs[P_IS_REP + state])) {
			len = unlzma_rep(&rc, probs, rep, &state, ctx, pos_state);
		} else {
			rep[3] = rep[2];
			rep[2] = rep[1];
			rep[1] = rep[0];
			len = unlzma_len(&rc, &probs[P_LEN], pos_state);
			state = state < 7 ? 7 : 10;
			rep[0] = unlzma_dist(&rc, probs, len);
			if (rep[0] == UNLZMA_END)
				break;
			len += 2;
		}
		if (rep[0] >= pos || len > out_len - pos)
			return -EBADMSG;
		for (; len; len--, pos++)
			out[pos] = out[pos - rep[0] - 1];
	}
	if (rc.short_input || pos != out_len)
		return -EBADMSG;
	return 0;
}

/** Whether @p b can be the top byte of a near call/jump offset worth converting */
static int unlzma_x86_top(uint8_t b)
{
	return b == 0x00 || b == 0xff;
}

/*
 * The x86 filter turned the 32-bit offsets after E8 (call) and E9 (jmp)
 * bytes into absolute addresses when the offset's top byte is 00 or FF,
 * skipping opcodes that follow too closely on other E8/E9 bytes it left
 * alone (they are likely inside an instruction).  Decoding walks the same
 * decisions: mask bit k set means the E8/E9 byte k + 1 bytes back was
 * left alone.
 */
void unlzma_x86(uint8_t *buf, size_t len)
{
	unsigned int mask = 0;
	size_t last = (size_t)0 - 5;        /* no E8/E9 seen: "5 bytes before" */
	size_t i = 0;

	while (i + 5 <= len) {
		uint8_t *p = &buf[i];
		size_t gap = i - last;
		unsigned int nbit = 0;          /* 1-3: how far back the newest mask bit is */
		uint32_t src, dest;

		if ((p[0] & 0xfe) != 0xe8) {
			i++;
			continue;
		}
		last = i;
		mask = gap > 3 ? 0 : (mask << (gap - 1)) & 7;
		if (mask)
			nbit = mask >= 4 ? 3 : mask >= 2 ? 2 : 1;
		/* left alone: two E8/E9 bytes close behind, or an unlikely offset */
		if ((mask & (mask - 1)) || (mask && unlzma_x86_top(p[4 - nbit])) ||
		    !unlzma_x86_top(p[4])) {
			mask = ((mask << 1) & 7) | 1;
			i++;
			continue;
		}
		src = (uint32_t)p[4] << 24 | (uint32_t)p[3] << 16 |
		      (uint32_t)p[2] << 8 | p[1];
		for (;;) {
			dest = src - (uint32_t)(i + 5);
			if (!mask || !unlzma_x86_top((uint8_t)(dest >> (24 - nbit * 8))))
				break;
			src = dest ^ ((1u << (32 - nbit * 8)) - 1);
		}
		p[4] = (dest >> 24) & 1 ? 0xff : 0x00;
		p[3] = (uint8_t)(dest >> 16);
		p[2] = (uint8_t)(dest >> 8);
		p[1] = (uint8_t)dest;
		i += 5;
	}
}
