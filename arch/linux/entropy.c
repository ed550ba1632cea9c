/** @file Entropy on Linux: the kernel's getrandom(2). */
#include <lwpxe/entropy.h>
#include <lwpxe/errors.h>
#include "linux_api.h"

/** Fill @p buf with @p len bytes from getrandom(2); 0 or -error */
static int linux_getrandom_fill(void *buf, size_t len)
{
	unsigned char *out = buf;

	while (len) {
		long got = linux_syscall(LINUX_SYS_getrandom, (long)out,
					 (long)len, 0, 0, 0, 0);

		if (got <= 0)
			return got < 0 ? (int)got : -EIO;
		out += got;
		len -= (size_t)got;
	}
	return 0;
}

/** The kernel's generator */
static const struct entropy_source linux_getrandom_entropy = {
	.name = "getrandom()",
	.fill = linux_getrandom_fill,
};

const struct entropy_source *const platform_entropy_sources[] = {
	&linux_getrandom_entropy,
	NULL,
};
