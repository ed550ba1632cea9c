/** @file ${memsize}: the machine's RAM in MiB, as iPXE gives it. */
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include <lwpxe/settings.h>

/** ${memsize}: platform_memsize() in MiB as a big-endian int32; -ENOENT if unknown */
static int memsize_compute(char *buf, size_t len)
{
	uint64_t mib = platform_memsize() >> 20;

	if (!mib || len < 4)
		return -ENOENT;
	if (mib > 0x7fffffff)
		mib = 0x7fffffff;
	buf[0] = (char)(mib >> 24);
	buf[1] = (char)(mib >> 16);
	buf[2] = (char)(mib >> 8);
	buf[3] = (char)mib;
	return 4;
}

/** The ${memsize} setting */
static const struct setting_def memsize_def = {
	.name = "memsize",
	.description = "Memory size (MiB)",
	.type = &setting_type_int32,
	.compute = memsize_compute,
};
SETTING(memsize_def);
