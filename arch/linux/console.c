/** @file Console on Linux: standard output, and keys from standard input in raw mode. */
#include <lwpxe/console.h>
#include "linux.h"
#include "linux_api.h"

/** Output waiting to be written */
static char linux_out[4096];
static size_t linux_out_len;

/** Terminal settings to restore at exit (valid if linux_raw) */
static struct linux_termios linux_saved_tty;
static int linux_raw;

/** Bytes read but not yet returned (escape sequences arrive together) */
static unsigned char linux_in[64];
static unsigned int linux_in_head, linux_in_tail;
static int linux_in_eof;
/** Nonzero once end of input has been reported as one Ctrl-D */
static int linux_in_eof_told;

void linux_console_flush(void)
{
	size_t done = 0;

	while (done < linux_out_len) {
		long n = linux_write(1, linux_out + done, linux_out_len - done);

		if (n <= 0)
			break;
		done += (size_t)n;
	}
	linux_out_len = 0;
}

/** Queue one byte for standard output, flushing at end of line */
static void linux_putchar(int c)
{
	if (linux_out_len == sizeof(linux_out))
		linux_console_flush();
	linux_out[linux_out_len++] = (char)c;
	if (c == '\n')
		linux_console_flush();
}

/** Read whatever standard input has ready without waiting */
static void linux_fill(void)
{
	struct linux_pollfd pfd = { .fd = 0, .events = LINUX_POLLIN };
	long n;

	if (linux_in_eof || linux_in_head != linux_in_tail)
		return;
	linux_console_flush();
	if (linux_syscall(LINUX_SYS_poll, (long)&pfd, 1, 0, 0, 0, 0) <= 0)
		return;
	n = linux_read(0, linux_in, sizeof(linux_in));
	if (n <= 0) {
		linux_in_eof = 1;
		linux_unwatch_fd(0);
		return;
	}
	linux_in_head = 0;
	linux_in_tail = (unsigned int)n;
}

/** Nonzero if a key is waiting (end of input reads once as Ctrl-D) */
static int linux_iskey(void)
{
	linux_fill();
	return (linux_in_eof && !linux_in_eof_told) ||
	       linux_in_head != linux_in_tail;
}

/** Next buffered byte, or -1 */
static int linux_next(void)
{
	if (linux_in_head == linux_in_tail)
		return -1;
	return linux_in[linux_in_head++];
}

/** Read one key, waiting for it */
static int linux_getchar(void)
{
	while (!linux_iskey())
		time_idle(100000);
	if (linux_in_eof && linux_in_head == linux_in_tail) {
		linux_in_eof_told = 1;
		return CTRL('D');
	}
	return linux_next();
}

static const struct console_driver linux_console = {
	.name = "stdio",
	.putchar = linux_putchar,
	.iskey = linux_iskey,
	.getchar = linux_getchar,
};
CONSOLE(linux_console);

void linux_console_init(void)
{
	struct linux_termios raw;

	linux_watch_fd(0);
	if (linux_ioctl(0, LINUX_TCGETS, &linux_saved_tty) != 0)
		return;
	raw = linux_saved_tty;
	raw.c_lflag &= ~(uint32_t)(LINUX_ICANON | LINUX_ECHO | LINUX_ISIG);
	raw.c_iflag &= ~(uint32_t)LINUX_ICRNL;
	raw.c_cc[LINUX_VMIN] = 1;
	raw.c_cc[LINUX_VTIME] = 0;
	if (linux_ioctl(0, LINUX_TCSETS, &raw) == 0)
		linux_raw = 1;
}

void linux_console_fini(void)
{
	linux_console_flush();
	if (linux_raw)
		linux_ioctl(0, LINUX_TCSETS, &linux_saved_tty);
	linux_raw = 0;
}
