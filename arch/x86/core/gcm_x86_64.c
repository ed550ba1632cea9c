/**
 * @file The AES-GCM engine for x86_64 CPUs with AES-NI and PCLMULQDQ.
 *
 * Counter mode runs eight blocks at once through the AES rounds, and
 * GHASH folds eight blocks per reduction: the state times H^8, the next
 * block times H^7 and so on, summed before one reduction (Intel's white
 * paper "Carry-Less Multiplication and Its Usage for Computing the GCM
 * Mode").  Inside, blocks are byte-reversed so that one 128-bit lane
 * holds a block with its x^0 coefficient in bit 127; a carry-less
 * product of two such values is then the reversed product shifted right
 * by one bit, which the reduction puts right.
 *
 * The functions that use the instructions are compiled for them alone,
 * and the engine offers itself only where CPUID says the CPU has them.
 */
#include <immintrin.h>
#include <lwpxe/cpu.h>
#include <lwpxe/gcm.h>

/** CPUID leaf 1, ECX: PCLMULQDQ, SSSE3 and AES-NI */
#define GCM_CPUID_PCLMUL (1u << 1)
#define GCM_CPUID_SSSE3 (1u << 9)
#define GCM_CPUID_AES (1u << 25)

/** Blocks in flight in counter mode, and hashed per reduction */
#define GCM_WIDE 8

/** Compile for the instructions this engine uses */
#define GCM_SIMD __attribute__((target("sse2,ssse3,aes,pclmul")))

/** The key state, unaligned as struct gcm_key may be (loaded with movdqu) */
struct gcm_x86_key {
	/** AES round keys */
	uint8_t rk[15][GCM_BLOCK];
	/** H^1 .. H^GCM_WIDE, byte-reversed */
	uint8_t h[GCM_WIDE][GCM_BLOCK];
	/** AES rounds: 10 or 14 */
	unsigned int rounds;
};

_Static_assert(sizeof(struct gcm_x86_key) <= sizeof(struct gcm_key),
	       "gcm_x86_key fits struct gcm_key");

/** Load 16 bytes */
#define LOAD(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
/** Store 16 bytes */
#define STORE(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))

/** The byte-reversing shuffle */
GCM_SIMD static inline __m128i gcm_x86_swap(__m128i v)
{
	return _mm_shuffle_epi8(v, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
						10, 11, 12, 13, 14, 15));
}

/** An unreduced product: low, high and middle (Karatsuba) 128-bit parts */
struct gcm_x86_prod {
	__m128i lo, hi, mid;
};

/** Add @p a * @p b (byte-reversed blocks) to @p p, unreduced */
GCM_SIMD static inline void gcm_x86_mul_add(struct gcm_x86_prod *p, __m128i a,
					    __m128i b)
{
	__m128i a_fold = _mm_xor_si128(a, _mm_shuffle_epi32(a, 0x4e));
	__m128i b_fold = _mm_xor_si128(b, _mm_shuffle_epi32(b, 0x4e));

	p->lo = _mm_xor_si128(p->lo, _mm_clmulepi64_si128(a, b, 0x00));
	p->hi = _mm_xor_si128(p->hi, _mm_clmulepi64_si128(a, b, 0x11));
	p->mid = _mm_xor_si128(p->mid,
			       _mm_clmulepi64_si128(a_fold, b_fold, 0x00));
}

/** 128-bit shift right of @p v by @p n bits (0 < n < 64) */
#define SHR128(v, n) _mm_or_si128(_mm_srli_epi64((v), (n)), \
	_mm_slli_epi64(_mm_srli_si128((v), 8), 64 - (n)))

/** The product @p p reduced modulo the GCM polynomial (byte-reversed) */
GCM_SIMD static inline __m128i gcm_x86_reduce(struct gcm_x86_prod p)
{
	__m128i mid = _mm_xor_si128(p.mid, _mm_xor_si128(p.lo, p.hi));
	__m128i lo = _mm_xor_si128(p.lo, _mm_slli_si128(mid, 8));
	__m128i hi = _mm_xor_si128(p.hi, _mm_srli_si128(mid, 8));
	__m128i carry_lo = _mm_srli_epi64(lo, 63);
	__m128i carry_hi = _mm_srli_epi64(hi, 63);
	__m128i fold;

	/* [hi:lo] <<= 1: the product of reversed values is one bit short */
	lo = _mm_or_si128(_mm_slli_epi64(lo, 1), _mm_slli_si128(carry_lo, 8));
	hi = _mm_or_si128(_mm_or_si128(_mm_slli_epi64(hi, 1),
				       _mm_slli_si128(carry_hi, 8)),
			  _mm_srli_si128(carry_lo, 8));

	/* fold the low half (degrees 128..255) back by x^128 = x^7 + x^2 + x + 1:
	 * first the bits that the shifts below would push out of its low word */
	fold = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(lo, 63),
					   _mm_slli_epi64(lo, 62)),
			     _mm_slli_epi64(lo, 57));
	lo = _mm_xor_si128(lo, _mm_slli_si128(fold, 8));
	fold = _mm_xor_si128(_mm_xor_si128(SHR128(lo, 1), SHR128(lo, 2)),
			     SHR128(lo, 7));
	return _mm_xor_si128(hi, _mm_xor_si128(lo, fold));
}

/** @p a * @p b, reduced */
GCM_SIMD static __m128i gcm_x86_mul(__m128i a, __m128i b)
{
	struct gcm_x86_prod p = { _mm_setzero_si128(), _mm_setzero_si128(),
				  _mm_setzero_si128() };

	gcm_x86_mul_add(&p, a, b);
	return gcm_x86_reduce(p);
}

/** One step of the AES-128 key schedule: @p key and the next round's assist */
GCM_SIMD static inline __m128i gcm_x86_expand(__m128i key, __m128i assist)
{
	key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
	key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
	key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
	return _mm_xor_si128(key, assist);
}

/** AES-128's next round key from @p k with round constant @p rcon */
#define AES128_NEXT(k, rcon) gcm_x86_expand((k), \
	_mm_shuffle_epi32(_mm_aeskeygenassist_si128((k), (rcon)), 0xff))
/** AES-256's next even round key from @p a (two back) and @p b (one back) */
#define AES256_EVEN(a, b, rcon) gcm_x86_expand((a), \
	_mm_shuffle_epi32(_mm_aeskeygenassist_si128((b), (rcon)), 0xff))
/** AES-256's next odd round key from @p a (two back) and @p b (one back) */
#define AES256_ODD(a, b) gcm_x86_expand((a), \
	_mm_shuffle_epi32(_mm_aeskeygenassist_si128((b), 0), 0xaa))

/** Expand AES-128 or AES-256 key @p key into @p t's round keys */
GCM_SIMD static void gcm_x86_schedule(struct gcm_x86_key *t,
				      const uint8_t *key, unsigned int bits)
{
	__m128i rk[15];

	rk[0] = LOAD(key);
	if (bits == 128) {
		rk[1] = AES128_NEXT(rk[0], 0x01);
		rk[2] = AES128_NEXT(rk[1], 0x02);
		rk[3] = AES128_NEXT(rk[2], 0x04);
		rk[4] = AES128_NEXT(rk[3], 0x08);
		rk[5] = AES128_NEXT(rk[4], 0x10);
		rk[6] = AES128_NEXT(rk[5], 0x20);
		rk[7] = AES128_NEXT(rk[6], 0x40);
		rk[8] = AES128_NEXT(rk[7], 0x80);
		rk[9] = AES128_NEXT(rk[8], 0x1b);
		rk[10] = AES128_NEXT(rk[9], 0x36);
		t->rounds = 10;
	} else {
		rk[1] = LOAD(key + GCM_BLOCK);
		rk[2] = AES256_EVEN(rk[0], rk[1], 0x01);
		rk[3] = AES256_ODD(rk[1], rk[2]);
		rk[4] = AES256_EVEN(rk[2], rk[3], 0x02);
		rk[5] = AES256_ODD(rk[3], rk[4]);
		rk[6] = AES256_EVEN(rk[4], rk[5], 0x04);
		rk[7] = AES256_ODD(rk[5], rk[6]);
		rk[8] = AES256_EVEN(rk[6], rk[7], 0x08);
		rk[9] = AES256_ODD(rk[7], rk[8]);
		rk[10] = AES256_EVEN(rk[8], rk[9], 0x10);
		rk[11] = AES256_ODD(rk[9], rk[10]);
		rk[12] = AES256_EVEN(rk[10], rk[11], 0x20);
		rk[13] = AES256_ODD(rk[11], rk[12]);
		rk[14] = AES256_EVEN(rk[12], rk[13], 0x40);
		t->rounds = 14;
	}
	for (unsigned int i = 0; i <= t->rounds; i++)
		STORE(t->rk[i], rk[i]);
}

/** Encrypt @p n (at most GCM_WIDE) blocks in @p b with round keys @p rk */
GCM_SIMD static inline void gcm_x86_aes(const __m128i *rk, unsigned int rounds,
					__m128i *b, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		b[i] = _mm_xor_si128(b[i], rk[0]);
	for (unsigned int r = 1; r < rounds; r++)
		for (unsigned int i = 0; i < n; i++)
			b[i] = _mm_aesenc_si128(b[i], rk[r]);
	for (unsigned int i = 0; i < n; i++)
		b[i] = _mm_aesenclast_si128(b[i], rk[rounds]);
}

/** Load @p t's round keys into @p rk */
GCM_SIMD static inline void gcm_x86_load_keys(const struct gcm_x86_key *t,
					      __m128i *rk)
{
	for (unsigned int i = 0; i <= t->rounds; i++)
		rk[i] = LOAD(t->rk[i]);
}

/** Encrypt one block */
GCM_SIMD static void gcm_x86_encrypt(const struct gcm_key *k,
				     const uint8_t *in, uint8_t *out)
{
	const struct gcm_x86_key *t = (const struct gcm_x86_key *)k;
	__m128i rk[15], b = LOAD(in);

	gcm_x86_load_keys(t, rk);
	gcm_x86_aes(rk, t->rounds, &b, 1);
	STORE(out, b);
}

/** Expand the round keys and H's powers: the part of gcm_x86_setkey() that runs the instructions */
GCM_SIMD static void gcm_x86_prepare(struct gcm_x86_key *t, const uint8_t *key,
				     unsigned int bits)
{
	uint8_t zero[GCM_BLOCK] = { 0 }, h[GCM_BLOCK];
	__m128i power, one;

	gcm_x86_schedule(t, key, bits);
	gcm_x86_encrypt((const struct gcm_key *)t, zero, h);
	one = gcm_x86_swap(LOAD(h));
	power = one;
	STORE(t->h[0], power);
	for (unsigned int i = 1; i < GCM_WIDE; i++) {
		power = gcm_x86_mul(power, one);
		STORE(t->h[i], power);
	}
}

/** Set up the round keys and H's powers, if the CPU can and the key is 128 or 256 bits */
static int gcm_x86_setkey(struct gcm_key *k, const uint8_t *key,
			  unsigned int bits)
{
	const uint32_t need = GCM_CPUID_PCLMUL | GCM_CPUID_SSSE3 |
			      GCM_CPUID_AES;
	uint32_t regs[4];

	if ((bits != 128 && bits != 256) || cpu_cpuid(1, 0, regs) ||
	    (regs[2] & need) != need)
		return -1;
	gcm_x86_prepare((struct gcm_x86_key *)k, key, bits);
	return 0;
}

/** Fold @p n (at most GCM_WIDE) byte-reversed blocks @p b into hash @p x */
GCM_SIMD static inline __m128i gcm_x86_fold(const __m128i *h, __m128i x,
					    const __m128i *b, unsigned int n)
{
	struct gcm_x86_prod p = { _mm_setzero_si128(), _mm_setzero_si128(),
				  _mm_setzero_si128() };

	gcm_x86_mul_add(&p, _mm_xor_si128(x, b[0]), h[n - 1]);
	for (unsigned int i = 1; i < n; i++)
		gcm_x86_mul_add(&p, b[i], h[n - 1 - i]);
	return gcm_x86_reduce(p);
}

/** Fold @p n blocks into the hash, GCM_WIDE per reduction */
GCM_SIMD static void gcm_x86_ghash(const struct gcm_key *k, uint8_t *x,
				   const uint8_t *in, size_t n)
{
	const struct gcm_x86_key *t = (const struct gcm_x86_key *)k;
	__m128i h[GCM_WIDE], b[GCM_WIDE], acc = gcm_x86_swap(LOAD(x));

	for (unsigned int i = 0; i < GCM_WIDE; i++)
		h[i] = LOAD(t->h[i]);
	while (n) {
		unsigned int m = n < GCM_WIDE ? (unsigned int)n : GCM_WIDE;

		for (unsigned int i = 0; i < m; i++)
			b[i] = gcm_x86_swap(LOAD(in + i * GCM_BLOCK));
		acc = gcm_x86_fold(h, acc, b, m);
		in += m * GCM_BLOCK;
		n -= m;
	}
	STORE(x, gcm_x86_swap(acc));
}

/** Counter mode GCM_WIDE blocks at a time, hashing the ciphertext as it goes */
GCM_SIMD static void gcm_x86_crypt(const struct gcm_key *k, int decrypt,
				   uint8_t *ctr, uint8_t *x, const uint8_t *in,
				   uint8_t *out, size_t n)
{
	const struct gcm_x86_key *t = (const struct gcm_x86_key *)k;
	const __m128i one = _mm_set_epi32(0, 0, 0, 1);
	__m128i rk[15], h[GCM_WIDE], s[GCM_WIDE], c[GCM_WIDE];
	__m128i count = gcm_x86_swap(LOAD(ctr)), acc = gcm_x86_swap(LOAD(x));

	gcm_x86_load_keys(t, rk);
	for (unsigned int i = 0; i < GCM_WIDE; i++)
		h[i] = LOAD(t->h[i]);
	while (n) {
		unsigned int m = n < GCM_WIDE ? (unsigned int)n : GCM_WIDE;

		for (unsigned int i = 0; i < m; i++) {
			s[i] = gcm_x86_swap(count);
			count = _mm_add_epi32(count, one);
		}
		gcm_x86_aes(rk, t->rounds, s, m);
		for (unsigned int i = 0; i < m; i++) {
			__m128i text = LOAD(in + i * GCM_BLOCK);
			__m128i result = _mm_xor_si128(text, s[i]);

			c[i] = gcm_x86_swap(decrypt ? text : result);
			STORE(out + i * GCM_BLOCK, result);
		}
		acc = gcm_x86_fold(h, acc, c, m);
		in += m * GCM_BLOCK;
		out += m * GCM_BLOCK;
		n -= m;
	}
	STORE(ctr, gcm_x86_swap(count));
	STORE(x, gcm_x86_swap(acc));
}

/** The engine */
static const struct gcm_engine gcm_x86_engine = {
	.setkey = gcm_x86_setkey,
	.encrypt = gcm_x86_encrypt,
	.ghash = gcm_x86_ghash,
	.crypt = gcm_x86_crypt,
};
GCM_ENGINE(gcm_x86_engine);
