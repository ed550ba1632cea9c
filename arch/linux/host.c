/** @file The host calls drivers of the Linux-process build use (<lwpxe/host.h>), and the interfaces --net names. */
#include <lwpxe/errors.h>
#include <lwpxe/host.h>
#include "linux.h"
#include "linux_api.h"

/** Most --net interfaces (as many NICs as the registry keeps) */
#define LINUX_NET_MAX 16

/* Facts from the kernel's socket.h and uio.h */
#define LINUX_AF_INET 2             /**< socket family for interface ioctls */
#define LINUX_SOCK_DGRAM 2          /**< socket type for interface ioctls */
#define LINUX_SYS_writev 20         /**< writev(2) on x86_64 */

/** struct iovec */
struct linux_iovec {
	const void *base;           /**< start */
	size_t len;                 /**< length */
};

/** Interface names from --net, in order */
static const char *linux_net_names[LINUX_NET_MAX];

/** Number of names in linux_net_names */
static unsigned int linux_net_count;

int linux_net_add(const char *name)
{
	if (linux_net_count >= LINUX_NET_MAX)
		return -ENOSPC;
	linux_net_names[linux_net_count++] = name;
	return 0;
}

const char *host_net_name(unsigned int index)
{
	return index < linux_net_count ? linux_net_names[index] : NULL;
}

int host_open_rw(const char *path)
{
	return linux_open(path, LINUX_O_RDWR | LINUX_O_NONBLOCK |
			  LINUX_O_CLOEXEC);
}

int host_socket(void)
{
	return (int)linux_syscall(LINUX_SYS_socket, LINUX_AF_INET,
				  LINUX_SOCK_DGRAM, 0, 0, 0, 0);
}

int host_ioctl(int fd, unsigned long request, void *arg)
{
	return linux_ioctl(fd, request, arg);
}

long host_read(int fd, void *buf, size_t len)
{
	return linux_read(fd, buf, len);
}

long host_write2(int fd, const void *a, size_t alen, const void *b,
		 size_t blen)
{
	struct linux_iovec iov[2] = { { a, alen }, { b, blen } };

	return linux_syscall(LINUX_SYS_writev, fd, (long)iov, 2, 0, 0, 0);
}

void host_close(int fd)
{
	linux_close(fd);
}

void host_watch_fd(int fd)
{
	linux_watch_fd(fd);
}

void host_unwatch_fd(int fd)
{
	linux_unwatch_fd(fd);
}
