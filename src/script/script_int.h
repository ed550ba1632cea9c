/** @file Script-language internals shared by the interpreter, shell and commands. */
#ifndef SCRIPT_INT_H
#define SCRIPT_INT_H

#include <stddef.h>
#include <lwpxe/script.h>

/** A growing heap string */
struct strbuf {
	char *s;          /**< text, NUL-terminated once anything was added */
	size_t len;       /**< characters held */
	size_t cap;       /**< size of @c s */
	int failed;       /**< nonzero after an allocation failed */
};

/** Append @p len bytes of @p s */
void strbuf_add(struct strbuf *sb, const char *s, size_t len);

/** Append one character */
void strbuf_addc(struct strbuf *sb, char c);

/** Take the string (never NULL unless out of memory); @p sb is emptied */
char *strbuf_take(struct strbuf *sb);

/** Forget the string */
void strbuf_free(struct strbuf *sb);

/**
 * Length of the ${...} reference at @p s (which starts with "${"),
 * counting nested references; 0 if it is not terminated within @p len
 * or nests deeper than EXPAND_DEPTH_MAX (@p error says which)
 */
size_t expand_ref_len(const char *s, size_t len, const char **error);

/** Stop levels: goto ends the current line, exit ends the script or shell */
#define SCRIPT_STOP_COMMAND 1
#define SCRIPT_STOP_SEQUENCE 2

/** Ask the command loops to stop at @p level */
void script_stop(int level);

/** Nonzero if stopped at @p level or above; consumes a stop at or below it */
int script_stopped(int level);

/** Forget any pending stop */
void script_stop_reset(void);

/** Hide the running script while a shell runs; pass the result to script_restore() */
void *script_hide(void);

/** Make a script hidden by script_hide() the running one again */
void script_restore(void *script);

/** Continue the running script at label @p label; 0, -ENOENT or -ENOTSUP */
int script_goto(const char *label);

/** Nonzero if the last command system_cmd() ran printed anything */
int cmdline_printed(void);

/** Read a line with editing and history; heap string, or NULL at end of input */
char *readline_history(const char *prompt);

/**
 * Read a line starting as @p initial, not kept in the history, shown as
 * '*' if @p secret; heap string, or NULL at end of input (Ctrl-D on an
 * empty line or at the end of one)
 */
char *readline_plain(const char *prompt, const char *initial, int secret);

/** Forget any half-taken bundle of single-letter flags ("-ar") before a command runs */
void parseopt_reset(void);

/** Run the command of @p argc expanded words @p argv (`time CMD...`); its status */
int cmdline_exec_argv(int argc, char **argv);

/** Join @p argc words of @p argv with single spaces; heap string or NULL */
char *concat_args(int argc, char **argv);

#endif
