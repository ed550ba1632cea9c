/** @file What the Linux-process platform offers drivers of the host's devices (TAP): descriptor calls and the interfaces named on the command line. */
#ifndef LWPXE_HOST_H
#define LWPXE_HOST_H

#include <stddef.h>

/** Platform: the @p index-th `--net` argument (IFNAME or DRIVER[/DEVICE]:IFNAME), in command-line order; NULL past the last */
const char *host_net_name(unsigned int index);

/** Platform: open @p path read-write, non-blocking, closed on exec; a descriptor or -error */
int host_open_rw(const char *path);

/** Platform: a datagram socket for interface ioctls (SIOCGIF*); a descriptor or -error */
int host_socket(void);

/** Platform: ioctl(2) on @p fd; 0 or -error */
int host_ioctl(int fd, unsigned long request, void *arg);

/** Platform: read up to @p len bytes from @p fd; bytes read or -error (-EAGAIN: nothing waiting) */
long host_read(int fd, void *buf, size_t len);

/** Platform: write @p alen bytes at @p a then @p blen at @p b in one call (one frame); bytes written or -error */
long host_write2(int fd, const void *a, size_t alen, const void *b, size_t blen);

/** Platform: close @p fd */
void host_close(int fd);

/** Platform: let input on @p fd end an idle wait early (the poll loop's sleep) */
void host_watch_fd(int fd);

/** Platform: stop watching @p fd */
void host_unwatch_fd(int fd);

#endif
