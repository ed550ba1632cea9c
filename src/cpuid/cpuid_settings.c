/** @file The `cpuid/` settings scope: CPUID registers by iPXE's numbered names (${cpuid/2.0x80000001}). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/cpu.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>

/*
 * A name is a dotted number, each part shifted in 8 bits above the last
 * (as iPXE reads numbered settings), giving a 32-bit tag laid out as in
 * iPXE:
 *   bit 31      extended leaf (0x80000000 and up)
 *   bits 30-24  with bit 22: the subleaf (ECX); else leaves to read
 *               one after another, minus one
 *   bit 23      registers little-endian (strings), else big-endian
 *   bit 22      bits 30-24 are a subleaf
 *   bits 17-16  registers to take from each leaf, minus one
 *   bits 15-8   their indices, two bits each from bit 8 (EAX 0, EBX 1,
 *               ECX 2, EDX 3)
 *   bits 7-0    first leaf (with bit 31)
 * So "2.0x80000001" is ECX of leaf 0x80000001, "1.0x40.0.0xb" EAX of
 * leaf 0xb with subleaf 1.  Values are shown as hex digits (hexraw)
 * unless the name asks for a type.
 */

/** Tag bit: registers are copied little-endian */
#define CPUID_TAG_LE 0x00800000u
/** Tag bit: bits 30-24 are the subleaf */
#define CPUID_TAG_SUBLEAF 0x00400000u

/** Parse "A.B.C" into a tag, each part shifted in 8 bits up; nonzero if well-formed */
static int cpuid_parse_tag(const char *name, uint32_t *tag)
{
	uint32_t t = 0;
	const char *p = name;
	char *end;

	for (;;) {
		unsigned long part;

		if (!isdigit((unsigned char)*p))
			return 0;
		part = strtoul(p, &end, 0);
		if (part > 0xffffffffUL)
			return 0;
		t = (t << 8) | (uint32_t)part;
		p = end;
		if (!*p)
			break;
		if (*p++ != '.')
			return 0;
	}
	*tag = t;
	return 1;
}

/** Append register @p value to @p buf (up to @p len) at @p *pos, in the tag's byte order */
static void cpuid_put(uint8_t *buf, size_t len, size_t *pos, uint32_t value,
		      int little)
{
	for (int i = 0; i < 4; i++) {
		int shift = little ? 8 * i : 24 - 8 * i;

		if (buf && *pos < len)
			buf[*pos] = (uint8_t)(value >> shift);
		(*pos)++;
	}
}

/**
 * `cpuid/` scope: the registers a numbered name selects (at most 128
 * leaves of 4 registers); -EINVAL for a name that is not a dotted
 * number, -ENOENT if the CPU lacks a leaf
 */
static int cpuid_scope_fetch(const char *name, void *buf, size_t len,
			     const struct setting_type **type)
{
	uint32_t tag, leaf, subleaf, count, regs[4];
	unsigned int nregs;
	size_t pos = 0;

	if (!cpuid_parse_tag(name, &tag))
		return -EINVAL;
	leaf = tag & 0x800000ffu;
	subleaf = (tag >> 24) & 0x7f;
	count = 1;
	if (!(tag & CPUID_TAG_SUBLEAF)) {
		count = subleaf + 1;
		subleaf = 0;
	}
	nregs = ((tag >> 16) & 3) + 1;
	for (; count--; leaf++) {
		if (cpu_cpuid(leaf, subleaf, regs) < 0)
			return -ENOENT;
		for (unsigned int r = 0; r < nregs; r++)
			cpuid_put(buf, len, &pos,
				  regs[(tag >> (8 + 2 * r)) & 3],
				  !!(tag & CPUID_TAG_LE));
	}
	*type = &setting_type_hexraw;
	return (int)pos;
}

/** The `cpuid/` scope */
static const struct settings_scope cpuid_scope = {
	.name = "cpuid",
	.fetch = cpuid_scope_fetch,
};
SETTINGS_SCOPE(cpuid_scope);
