/** @file iBFT placement on Linux: the file named by `--ibft-out`, rewritten each time the table is built. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include "linux.h"
#include "linux_api.h"

/** Path given with --ibft-out, or NULL to keep the table in memory only */
static const char *linux_ibft_path;

void linux_ibft_output(const char *path)
{
	linux_ibft_path = path;
}

int ibft_install(const void *table, size_t len)
{
	long n = 0;
	int fd;

	if (!linux_ibft_path)
		return 0;
	fd = linux_open_mode(linux_ibft_path,
			     LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC |
			     LINUX_O_CLOEXEC, 0644);
	if (fd < 0) {
		printf("ibft: cannot write %s: %s\n", linux_ibft_path,
		       errmsg(fd));
		return fd;
	}
	if (len)
		n = linux_write(fd, table, len);
	linux_close(fd);
	if (n != (long)len) {
		printf("ibft: cannot write %s: %s\n", linux_ibft_path,
		       errmsg(n < 0 ? (int)n : -EIO));
		return n < 0 ? (int)n : -EIO;
	}
	return 0;
}
