/** @file Line editing with history for the shell, drawn with ANSI sequences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/console.h>
#include "script_int.h"

/** Lines kept in the history */
#define READLINE_HISTORY 16

/** Backspace as most terminals send it */
#define READLINE_DEL 0x7f

/** Earlier lines, oldest first */
static char *readline_hist[READLINE_HISTORY];

/** Number of lines in readline_hist */
static unsigned int readline_nhist;

/** The line being edited */
struct readline {
	const char *prompt;   /**< prompt drawn before it */
	char *buf;            /**< text, NUL-terminated */
	size_t len;           /**< characters in @c buf */
	size_t cap;           /**< size of @c buf */
	size_t cursor;        /**< cursor position, 0..len */
	unsigned int hist;    /**< history entry shown; readline_nhist = new line */
	char *saved;          /**< the new line while browsing history */
	int secret;           /**< nonzero to show '*' for every character */
	int browse;           /**< nonzero if Up/Down browse the history */
};

/**
 * Write @p n characters of the line from @p at, or as many '*'
 *
 * @v rl        the line
 * @v at        first character
 * @v n         how many
 */
static void readline_show(const struct readline *rl, size_t at, size_t n)
{
	for (size_t i = 0; i < n; i++)
		console_putchar(rl->secret ? '*' : (unsigned char)rl->buf[at + i]);
}

/**
 * Redraw the prompt and line and put the cursor back
 *
 * @v rl        the line
 */
static void readline_redraw(const struct readline *rl)
{
	printf("\r%s", rl->prompt);
	readline_show(rl, 0, rl->len);
	printf("\033[K");
	if (rl->cursor < rl->len)
		printf("\033[%uD", (unsigned int)(rl->len - rl->cursor));
}

/**
 * Replace the whole line with @p text, cursor at the end
 *
 * @v rl        the line
 * @v text      new contents
 * @ret ok      nonzero on success
 */
static int readline_set(struct readline *rl, const char *text)
{
	size_t n = strlen(text);

	if (n + 1 > rl->cap) {
		char *buf = realloc(rl->buf, n + 1);

		if (!buf)
			return 0;
		rl->buf = buf;
		rl->cap = n + 1;
	}
	memcpy(rl->buf, text, n + 1);
	rl->len = rl->cursor = n;
	return 1;
}

/**
 * Insert @p c at the cursor
 *
 * @v rl        the line
 * @v c         printable character
 */
static void readline_insert(struct readline *rl, char c)
{
	if (rl->len + 2 > rl->cap) {
		size_t cap = rl->cap * 2 + 16;
		char *buf = realloc(rl->buf, cap);

		if (!buf)
			return;
		rl->buf = buf;
		rl->cap = cap;
	}
	memmove(rl->buf + rl->cursor + 1, rl->buf + rl->cursor,
		rl->len - rl->cursor + 1);
	rl->buf[rl->cursor++] = c;
	rl->len++;
	if (rl->cursor == rl->len)
		readline_show(rl, rl->cursor - 1, 1);
	else
		readline_redraw(rl);
}

/**
 * Delete @p n characters starting at @p at
 *
 * @v rl        the line
 * @v at        first character to delete
 * @v n         how many
 */
static void readline_delete(struct readline *rl, size_t at, size_t n)
{
	if (at >= rl->len || n == 0)
		return;
	n = MIN(n, rl->len - at);
	memmove(rl->buf + at, rl->buf + at + n, rl->len - at - n + 1);
	rl->len -= n;
	if (rl->cursor > at)
		rl->cursor = rl->cursor > at + n ? rl->cursor - n : at;
	readline_redraw(rl);
}

/**
 * Show history entry @p index (readline_nhist: the line being typed)
 *
 * @v rl        the line
 * @v index     entry to show
 */
static void readline_browse(struct readline *rl, unsigned int index)
{
	if (index > readline_nhist || index == rl->hist)
		return;
	if (rl->hist == readline_nhist) {
		free(rl->saved);
		rl->saved = strdup(rl->buf);
	}
	rl->hist = index;
	readline_set(rl, index == readline_nhist ?
		     (rl->saved ? rl->saved : "") : readline_hist[index]);
	readline_redraw(rl);
}

/**
 * Remember @p line in the history (not blanks or a repeat of the last)
 *
 * @v line      the line entered
 */
static void readline_remember(const char *line)
{
	char *copy;

	if (!*line || (readline_nhist &&
		       strcmp(readline_hist[readline_nhist - 1], line) == 0))
		return;
	copy = strdup(line);
	if (!copy)
		return;
	if (readline_nhist == READLINE_HISTORY) {
		free(readline_hist[0]);
		memmove(readline_hist, readline_hist + 1,
			(READLINE_HISTORY - 1) * sizeof(readline_hist[0]));
		readline_nhist--;
	}
	readline_hist[readline_nhist++] = copy;
}

/**
 * Act on one key that moves the cursor or edits
 *
 * @v rl        the line
 * @v key       the key
 */
static void readline_key(struct readline *rl, int key)
{
	switch (key) {
	case KEY_LEFT: case CTRL('b'):
		if (rl->cursor)
			rl->cursor--;
		break;
	case KEY_RIGHT: case CTRL('f'):
		if (rl->cursor < rl->len)
			rl->cursor++;
		break;
	case KEY_HOME: case CTRL('a'):
		rl->cursor = 0;
		break;
	case KEY_END: case CTRL('e'):
		rl->cursor = rl->len;
		break;
	case READLINE_DEL: case CTRL('h'):
		if (rl->cursor)
			readline_delete(rl, rl->cursor - 1, 1);
		return;
	case KEY_DC: case CTRL('d'):
		readline_delete(rl, rl->cursor, 1);
		return;
	case CTRL('k'):
		readline_delete(rl, rl->cursor, rl->len - rl->cursor);
		return;
	case CTRL('u'):
		readline_delete(rl, 0, rl->cursor);
		return;
	case CTRL('c'):
		readline_set(rl, "");
		break;
	case KEY_UP:
		if (rl->hist && rl->browse)
			readline_browse(rl, rl->hist - 1);
		return;
	case KEY_DOWN:
		if (rl->browse)
			readline_browse(rl, rl->hist + 1);
		return;
	default:
		if (key >= 0x20 && key < 0x100 && key != READLINE_DEL)
			readline_insert(rl, (char)key);
		return;
	}
	readline_redraw(rl);
}

/** Edit @p rl until Enter (the line) or end of input (NULL); the caller frees the result */
static char *readline_run(struct readline *rl)
{
	int key;

	printf("%s", rl->prompt);
	readline_show(rl, 0, rl->len);
	for (;;) {
		key = getkey(0);
		/* Ctrl-D (how the Linux build reports end of input) ends an
		 * empty line; outside the shell, at the end of any line */
		if (key < 0 || (key == CTRL('d') &&
				(rl->len == 0 ||
				 (!rl->browse && rl->cursor == rl->len)))) {
			free(rl->buf);
			rl->buf = NULL;
			break;
		}
		if (key == '\r' || key == '\n')
			break;
		readline_key(rl, key);
	}
	console_putchar('\n');
	free(rl->saved);
	return rl->buf;
}

/** Read one line with editing and history; heap string, NULL at end of input (Ctrl-D on an empty line) */
char *readline_history(const char *prompt)
{
	struct readline rl = { .prompt = prompt, .hist = readline_nhist,
			       .browse = 1 };
	char *line;

	if (!readline_set(&rl, ""))
		return NULL;
	line = readline_run(&rl);
	if (line)
		readline_remember(line);
	return line;
}

/** Read one line starting as @p initial, outside the history; '*' shown if @p secret */
char *readline_plain(const char *prompt, const char *initial, int secret)
{
	struct readline rl = { .prompt = prompt, .secret = secret };

	if (!readline_set(&rl, initial))
		return NULL;
	return readline_run(&rl);
}
