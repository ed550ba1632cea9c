/** @file ${cpuvendor} and ${cpumodel}: the CPU's vendor and brand strings from CPUID. */
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/cpu.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>

/** First of the three extended leaves holding the 48-byte brand string */
#define CPUINFO_BRAND_LEAF 0x80000002u

/** Copy register @p value's four bytes, lowest first, to @p out */
static void cpuinfo_put(char *out, uint32_t value)
{
	for (int i = 0; i < 4; i++)
		out[i] = (char)(value >> (8 * i));
}

/** Length of @p s (up to @p len) without trailing NULs and blanks */
static int cpuinfo_trim(const char *s, size_t len)
{
	while (len && (s[len - 1] == '\0' || s[len - 1] == ' '))
		len--;
	return (int)len;
}

/** ${cpuvendor}: the 12-character vendor of CPUID leaf 0 ("GenuineIntel") */
static int cpuinfo_vendor(char *buf, size_t len)
{
	uint32_t regs[4];

	if (len < 12 || cpu_cpuid(0, 0, regs) < 0)
		return -ENOENT;
	cpuinfo_put(buf, regs[1]);
	cpuinfo_put(buf + 4, regs[3]);
	cpuinfo_put(buf + 8, regs[2]);
	return cpuinfo_trim(buf, 12);
}

/** ${cpumodel}: the brand string of leaves 0x80000002-4, leading blanks dropped */
static int cpuinfo_model(char *buf, size_t len)
{
	char brand[48];
	uint32_t regs[4];
	size_t skip = 0;
	int n;

	for (unsigned int i = 0; i < 3; i++) {
		if (cpu_cpuid(CPUINFO_BRAND_LEAF + i, 0, regs) < 0)
			return -ENOENT;
		for (unsigned int r = 0; r < 4; r++)
			cpuinfo_put(brand + 16 * i + 4 * r, regs[r]);
	}
	n = cpuinfo_trim(brand, sizeof(brand));
	for (int i = 0; i < n; i++) {
		if (!brand[i])
			n = i;
	}
	while ((int)skip < n && brand[skip] == ' ')
		skip++;
	n -= (int)skip;
	if (n <= 0 || (size_t)n > len)
		return -ENOENT;
	memcpy(buf, brand + skip, (size_t)n);
	return n;
}

/** The ${cpuvendor} setting */
static const struct setting_def cpuinfo_vendor_def = {
	.name = "cpuvendor",
	.description = "CPU vendor",
	.type = &setting_type_string,
	.compute = cpuinfo_vendor,
};
SETTING(cpuinfo_vendor_def);

/** The ${cpumodel} setting */
static const struct setting_def cpuinfo_model_def = {
	.name = "cpumodel",
	.description = "CPU model",
	.type = &setting_type_string,
	.compute = cpuinfo_model,
};
SETTING(cpuinfo_model_def);
