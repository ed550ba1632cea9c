/** @file Console: output to every registered driver, keys from any of them. */
#include <string.h>
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

/** Bytes read ahead of their reader, returned first: typed while console_cancelled() looked for Ctrl-C, or the byte after an ESC that began no sequence */
static unsigned char console_ahead[64];
static unsigned int console_ahead_len;

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
	return console_ahead_len || console_ready() != NULL;
}

/** Put byte @p c back in front of the bytes read ahead (dropped if they are full) */
static void console_unget(int c)
{
	if (c < 0 || console_ahead_len == sizeof(console_ahead))
		return;
	memmove(console_ahead + 1, console_ahead, console_ahead_len++);
	console_ahead[0] = (unsigned char)c;
}

/** Wait up to @p timeout_ms (0 = forever) for a byte or key; -1 on timeout */
static int console_getraw(unsigned long timeout_ms)
{
	uint64_t start = ticks_ms();
	const struct console_driver *con;
	int key;

	if (console_ahead_len) {
		key = console_ahead[0];
		memmove(console_ahead, console_ahead + 1, --console_ahead_len);
		return key;
	}
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

/** How long the bytes of one escape sequence may be apart, in ms */
#define CONSOLE_ESC_MS 50

/**
 * Decode the rest of an ANSI escape sequence (after ESC), as terminals and
 * serial consoles send for cursor keys
 *
 * @ret key     KEY_ code, or ESC itself if not understood (a byte that
 *              begins no sequence is kept for the next read)
 */
static int console_escape(void)
{
	int c = console_getraw(CONSOLE_ESC_MS);
	int num = 0;

	if (c != '[' && c != 'O') {
		console_unget(c);
		return KEY_ESC;
	}
	while ((c = console_getraw(CONSOLE_ESC_MS)) >= '0' && c <= '9')
		num = num * 10 + (c - '0');
	switch (c) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case '~':
		if (num == 1 || num == 7)
			return KEY_HOME;
		if (num == 4 || num == 8)
			return KEY_END;
		if (num == 5 || num == 6)
			return num == 5 ? KEY_PPAGE : KEY_NPAGE;
		return num == 3 ? KEY_DC : KEY_ESC;
	default: return KEY_ESC;
	}
}

/** Wait up to @p timeout_ms (0 = forever) for a key; the key or -1 on timeout */
int getkey(unsigned long timeout_ms)
{
	int key = console_getraw(timeout_ms);

	return key == KEY_ESC ? console_escape() : key;
}

/**
 * Shortest time between two looks for Ctrl-C: a look may cost a call into
 * the firmware (INT 16h through real mode on BIOS), and busy loops such as
 * a download call console_cancelled() after every batch of frames
 */
#define CONSOLE_CANCEL_CHECK_MS 10

/** Nonzero if Ctrl-C is waiting (looked for at most every CONSOLE_CANCEL_CHECK_MS); other keys stay for their reader */
int console_cancelled(void)
{
	static uint64_t last_ms;
	static int looked;
	const struct console_driver *con;
	uint64_t now = ticks_ms();

	if (looked && now - last_ms < CONSOLE_CANCEL_CHECK_MS)
		return 0;
	looked = 1;
	last_ms = now;
	while ((con = console_ready())) {
		int c = con->getchar();

		if (c == CTRL('c'))
			return 1;
		if (c >= 0 && console_ahead_len < sizeof(console_ahead))
			console_ahead[console_ahead_len++] = (unsigned char)c;
	}
	return 0;
}
