/** @file Entropy on Linux: the kernel's getrandom(2). */
#include <lwpxe/errors.h>
#include <lwpxe/random.h>
#include "linux_api.h"

int entropy_get(void *buf, size_t len)
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
