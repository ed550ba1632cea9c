/** @file Console: output to every registered driver, keys from any of them. */
#include <lwpxe/console.h>
#include <lwpxe/poll.h>
#include <lwpxe/time.h>

/** Write one byte to every console output */
void console_putchar(int c)
{
	const struct console_driver *con;

	TABLE_FOREACH(consoles, const struct console_driver *, con) {
		if (con->putchar)
			con->putchar(c);
	}
}

/** Write a NUL-terminated string to every console output */
void console_puts(const char *s)
{
	while (*s)
		console_putchar((unsigned char)*s++);
}

/** The first console input with a key waiting; NULL if none */
static const struct console_driver *console_ready(void)
{
	const struct console_driver *con;

	TABLE_FOREACH(consoles, const struct console_driver *, con) {
		if (con->iskey && con->getchar && con->iskey())
			return con;
	}
	return NULL;
}

/** Nonzero if a key is waiting on any console input */
int iskey(void)
{
	return console_ready() != NULL;
}

/** Wait up to @p timeout_ms (0 = forever) for a key; the key or -1 on timeout */
int getkey(unsigned long timeout_ms)
{
	uint64_t start = ticks_ms();
	const struct console_driver *con;
	int key;

	for (;;) {
		con = console_ready();
		if (con) {
			key = con->getchar();
			if (key >= 0)
				return key;
		}
		if (timeout_ms && ticks_ms() - start >= timeout_ms)
			return -1;
		step_idle();
	}
}
