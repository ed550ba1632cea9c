/** @file The iPXE script language: expansion, command lines, scripts, shell. */
#ifndef LWPXE_SCRIPT_H
#define LWPXE_SCRIPT_H

#include <stddef.h>

/** Most scripts running inside one another (a script chaining itself stops there) */
#define SCRIPT_NEST_MAX 16

/** Status a script ended with when it ran `exit N`: -EXIT_BASE - N */
#define SCRIPT_EXIT_BASE 0x10000

/** Deepest ${...} nesting a line may have (bounds the work and the stack) */
#define EXPAND_DEPTH_MAX 32

/**
 * Expand ${...} (nested, with :type) in @p text; returns a heap string
 * the caller frees, or NULL on an unterminated ${, nesting deeper than
 * EXPAND_DEPTH_MAX, or no memory.
 */
char *expand_settings(const char *text);

/**
 * Run one command line: expansion, quoting, `;`, `||`, `&&`.
 * Returns the status of the last command run (0 or -error).
 */
int system_cmd(const char *line);

/**
 * Run a script of @p len bytes named @p name (for messages).  Stops at
 * the first failing command not guarded by `||` and says which line
 * failed; handles labels and goto.  Returns 0, -error, or for `exit N`
 * the value script_exit_status() decodes.
 */
int script_run(const char *name, const char *text, size_t len);

/**
 * End the running script after the command running now, as `exit` does;
 * the script's status is that command's (`chain --replace`)
 */
void script_end(void);

/** Process exit status for a script result: 0, N for `exit N`, else 1 */
int script_exit_status(int rc);

/** "name:line: " of the script line running now, "" outside a script (prefix for error lines) */
const char *script_where(void);

/** Interactive shell with line editing and history until `exit` */
int shell(void);

#endif
