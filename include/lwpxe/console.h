/** @file Console: several outputs, one input (keys). */
#ifndef LWPXE_CONSOLE_H
#define LWPXE_CONSOLE_H

#include <lwpxe/compiler.h>

/** Escape: a lone ESC byte, as getkey() returns it */
#define KEY_ESC 0x1b

/** Special keys as returned by getkey() (after ASCII and control codes) */
#define KEY_UP 0x1001      /**< cursor up */
#define KEY_DOWN 0x1002    /**< cursor down */
#define KEY_RIGHT 0x1003   /**< cursor right */
#define KEY_LEFT 0x1004    /**< cursor left */
#define KEY_HOME 0x1005    /**< home */
#define KEY_END 0x1006     /**< end */
#define KEY_DC 0x1007      /**< delete character under cursor */
#define KEY_PPAGE 0x1008   /**< page up */
#define KEY_NPAGE 0x1009   /**< page down */
#define CTRL(c) ((c) & 0x1f)  /**< control-key code of letter @p c */

/** A console output and/or input, provided by the platform */
struct console_driver {
	const char *name;                /**< name for debugging */
	void (*putchar)(int c);          /**< write one byte; NULL if input only */
	int (*iskey)(void);              /**< nonzero if a key is waiting; NULL if output only */
	int (*getchar)(void);            /**< read one key (byte or KEY_ code), blocking */
};

/** Register a console driver */
#define CONSOLE(object) TABLE_ENTRY(consoles, object)
TABLE_DECLARE(consoles);

/** Write one byte to every console output */
void console_putchar(int c);

/** Write a NUL-terminated string to every console output */
void console_puts(const char *s);

/** Nonzero if a key is waiting on any console input */
int iskey(void);

/**
 * Wait up to @p timeout_ms (0 = forever) for a key; -1 on timeout.
 * ANSI escape sequences (cursor keys from terminals and serial lines)
 * arrive decoded as KEY_ codes.
 */
int getkey(unsigned long timeout_ms);

/** Nonzero if Ctrl-C is waiting (looked for at most every 10 ms); the other keys waiting stay for the next read */
int console_cancelled(void);

#endif
