/** @file The few Linux system calls the Linux-process platform makes, without a C library. */
#ifndef LINUX_API_H
#define LINUX_API_H

#include <stddef.h>
#include <stdint.h>

/* System call numbers (x86_64) */
#define LINUX_SYS_read 0
#define LINUX_SYS_write 1
#define LINUX_SYS_open 2
#define LINUX_SYS_close 3
#define LINUX_SYS_poll 7
#define LINUX_SYS_mmap 9
#define LINUX_SYS_madvise 28
#define LINUX_SYS_ioctl 16
#define LINUX_SYS_socket 41
#define LINUX_SYS_sysinfo 99
#define LINUX_SYS_clock_gettime 228
#define LINUX_SYS_exit_group 231
#define LINUX_SYS_getrandom 318

/* open() flags */
#define LINUX_O_RDONLY 0
#define LINUX_O_WRONLY 1
#define LINUX_O_RDWR 2
#define LINUX_O_CREAT 0100
#define LINUX_O_TRUNC 01000
#define LINUX_O_NONBLOCK 04000
#define LINUX_O_CLOEXEC 02000000

/* poll() events */
#define LINUX_POLLIN 0x0001

/* mmap() */
#define LINUX_PROT_READ 1
#define LINUX_PROT_WRITE 2
#define LINUX_MAP_PRIVATE 0x02
#define LINUX_MAP_ANONYMOUS 0x20
#define LINUX_MAP_NORESERVE 0x4000
#define LINUX_MADV_HUGEPAGE 14

/* Linux errno values equal lwpxe's error codes, so errmsg() words them. */

/* Terminal (asm-generic termios) */
#define LINUX_TCGETS 0x5401
#define LINUX_TCSETS 0x5402
#define LINUX_ICANON 0000002
#define LINUX_ECHO 0000010
#define LINUX_ISIG 0000001
#define LINUX_ICRNL 0000400
#define LINUX_VMIN 6
#define LINUX_VTIME 5

/** struct termios as the kernel's TCGETS fills it */
struct linux_termios {
	uint32_t c_iflag;      /**< input modes */
	uint32_t c_oflag;      /**< output modes */
	uint32_t c_cflag;      /**< control modes */
	uint32_t c_lflag;      /**< local modes */
	uint8_t c_line;        /**< line discipline */
	uint8_t c_cc[19];      /**< control characters */
};

/** struct pollfd */
struct linux_pollfd {
	int fd;                /**< file descriptor */
	short events;          /**< events wanted */
	short revents;         /**< events seen */
};

/** struct timespec */
struct linux_timespec {
	long tv_sec;           /**< seconds */
	long tv_nsec;          /**< nanoseconds */
};

/** Make system call @p nr with up to six arguments; result or -errno */
long linux_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
		   long a6);

/** read(2) */
static inline long linux_read(int fd, void *buf, size_t len)
{
	return linux_syscall(LINUX_SYS_read, fd, (long)buf, (long)len, 0, 0, 0);
}

/** write(2) */
static inline long linux_write(int fd, const void *buf, size_t len)
{
	return linux_syscall(LINUX_SYS_write, fd, (long)buf, (long)len, 0, 0, 0);
}

/** open(2) */
static inline int linux_open(const char *path, int flags)
{
	return (int)linux_syscall(LINUX_SYS_open, (long)path, flags, 0, 0, 0, 0);
}

/** open(2) with a mode for created files */
static inline int linux_open_mode(const char *path, int flags, int mode)
{
	return (int)linux_syscall(LINUX_SYS_open, (long)path, flags, mode, 0, 0, 0);
}

/** close(2) */
static inline int linux_close(int fd)
{
	return (int)linux_syscall(LINUX_SYS_close, fd, 0, 0, 0, 0, 0);
}

/** ioctl(2) */
static inline int linux_ioctl(int fd, unsigned long req, void *arg)
{
	return (int)linux_syscall(LINUX_SYS_ioctl, fd, (long)req, (long)arg, 0, 0, 0);
}

/** Register @p fd as a source of events that should end time_idle() early */
void linux_watch_fd(int fd);

/** Stop watching @p fd */
void linux_unwatch_fd(int fd);

#endif
