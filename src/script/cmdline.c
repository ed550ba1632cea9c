/** @file Command lines: words, quotes, `;` `&&` `||`, expansion per command. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include "script_int.h"

/** Characters of a bad line quoted in its syntax error */
#define CMDLINE_QUOTE_MAX 60

/*
 * Like iPXE, a line is first split into words, and `;`, `&&`, `||` and
 * a word starting with `#` (a comment) are recognised only as whole
 * words; each command's words are expanded just before it runs, so an
 * expanded value stays one argument and sees what earlier commands set.
 * On top of iPXE: a word that starts with " or ' runs to the matching
 * quote (spaces kept; no expansion inside '...'), and a backslash makes
 * the next blank, quote, backslash, $, #, ;, & or | literal.  Quotes
 * inside a word and other backslashes stay as written, so kernel
 * arguments like foo="a b" and paths like \boot\bcd pass through.
 */

/** What a word is */
enum cmdline_kind {
	CMDLINE_WORD,     /**< an argument */
	CMDLINE_SEQ,      /**< `;`: run the next command regardless */
	CMDLINE_AND,      /**< `&&`: run the next command if this one succeeded */
	CMDLINE_OR,       /**< `||`: run the next command if this one failed */
};

/** One word of a line, as written */
struct cmdline_word {
	const char *raw;          /**< start in the line */
	size_t len;               /**< length as written */
	enum cmdline_kind kind;   /**< argument or separator */
};

/** A line split into words */
struct cmdline_words {
	struct cmdline_word *word;    /**< the words */
	unsigned int count;           /**< how many */
	unsigned int cap;             /**< room for */
};

/** Bytes written to the console so far (seen through cmdline_tap) */
static unsigned long cmdline_output;

/** Error code (positive) of the last command that failed; 0 before any */
static uint32_t cmdline_errno;

/** Whether the last command run printed anything */
static int cmdline_last_printed;

/** Count console output, so failures already reported are not repeated */
static void cmdline_tap_putchar(int c)
{
	(void)c;
	cmdline_output++;
}

/** An output-only console that only counts */
static const struct console_driver cmdline_tap = {
	.name = "script-tap",
	.putchar = cmdline_tap_putchar,
};
CONSOLE(cmdline_tap);

/** Nonzero if the last command system_cmd() ran printed anything */
int cmdline_printed(void)
{
	return cmdline_last_printed;
}

/**
 * Nonzero if a backslash before @p c makes it literal
 *
 * @v c         character after the backslash
 */
static int cmdline_escapable(char c)
{
	return c && (isspace((unsigned char)c) || strchr("\"'\\$#;&|", c));
}

/**
 * Length of a ${...} reference inside double quotes
 *
 * @v s         the reference, starting with "${"
 * @v error     set if it does not end before the closing quote
 * @ret len     its length (1 on an error, to step over the '$')
 */
static size_t cmdline_quoted_ref_len(const char *s, const char **error)
{
	const char *quote = strchr(s, '"');
	size_t ref = expand_ref_len(s, quote ? (size_t)(quote - s)
					     : strlen(s), error);

	return ref ? ref : 1;
}

/**
 * Length of the word starting at @p s
 *
 * @v s         start of the word (not a blank)
 * @v error     receives a description on a syntax error
 * @ret len     length, or 0 on a syntax error
 */
static size_t cmdline_word_len(const char *s, const char **error)
{
	size_t i = 0;

	if (s[0] == '"' || s[0] == '\'') {
		char q = s[0];

		for (i = 1; s[i] && s[i] != q; i++) {
			if (q == '"' && s[i] == '\\' && s[i + 1])
				i++;
			else if (q == '"' && s[i] == '$' && s[i + 1] == '{')
				i += cmdline_quoted_ref_len(s + i, error) - 1;
		}
		if (*error)
			return 0;
		if (!s[i]) {
			*error = q == '"' ? "unterminated \"" :
					    "unterminated '";
			return 0;
		}
		i++;
	}
	while (s[i] && !isspace((unsigned char)s[i])) {
		if (s[i] == '\\' && cmdline_escapable(s[i + 1])) {
			i += 2;
		} else if (s[i] == '$' && s[i + 1] == '{') {
			size_t ref = expand_ref_len(s + i, strlen(s + i), error);

			if (!ref)
				return 0;
			i += ref;
		} else {
			i++;
		}
	}
	return i;
}

/**
 * Classify a word as written
 *
 * @v raw       the word
 * @v len       its length
 * @ret kind    separator kind, or CMDLINE_WORD
 */
static enum cmdline_kind cmdline_classify(const char *raw, size_t len)
{
	if (len == 1 && raw[0] == ';')
		return CMDLINE_SEQ;
	if (len == 2 && raw[0] == '&' && raw[1] == '&')
		return CMDLINE_AND;
	if (len == 2 && raw[0] == '|' && raw[1] == '|')
		return CMDLINE_OR;
	return CMDLINE_WORD;
}

/**
 * Add a word to @p words
 *
 * @v words     the list
 * @v raw       the word as written
 * @v len       its length
 * @ret rc      0 or -ENOMEM
 */
static int cmdline_add(struct cmdline_words *words, const char *raw,
		       size_t len)
{
	if (words->count == words->cap) {
		unsigned int cap = words->cap ? words->cap * 2 : 16;
		struct cmdline_word *w = realloc(words->word,
						 cap * sizeof(*w));

		if (!w)
			return -ENOMEM;
		words->word = w;
		words->cap = cap;
	}
	words->word[words->count].raw = raw;
	words->word[words->count].len = len;
	words->word[words->count].kind = cmdline_classify(raw, len);
	words->count++;
	return 0;
}

/**
 * Split @p line into words, stopping at a comment
 *
 * @v line      the line
 * @v words     receives the words (free words->word)
 * @v error     receives a description on a syntax error
 * @ret rc      0, -EINVAL on a syntax error, -ENOMEM
 */
static int cmdline_split(const char *line, struct cmdline_words *words,
			 const char **error)
{
	const char *p = line;

	memset(words, 0, sizeof(*words));
	for (;;) {
		size_t len;
		int rc;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			return 0;
		len = cmdline_word_len(p, error);
		if (!len)
			return -EINVAL;
		rc = cmdline_add(words, p, len);
		if (rc < 0)
			return rc;
		p += len;
	}
}

/**
 * Append the value of the ${...} reference at @p s
 *
 * @v out       destination
 * @v s         the reference, starting with "${"
 * @v len       its length (from expand_ref_len())
 */
static void cmdline_expand_ref(struct strbuf *out, const char *s, size_t len)
{
	char *ref = malloc(len + 1);
	char *value;

	if (!ref) {
		out->failed = 1;
		return;
	}
	memcpy(ref, s, len);
	ref[len] = '\0';
	value = expand_settings(ref);
	if (value)
		strbuf_add(out, value, strlen(value));
	else
		out->failed = 1;
	free(value);
	free(ref);
}

/**
 * Turn a word as written into its argument: quotes, escapes, ${...}
 *
 * @v w         the word
 * @ret arg     heap string, or NULL if out of memory
 */
static char *cmdline_expand_word(const struct cmdline_word *w)
{
	struct strbuf out = { 0 };
	const char *s = w->raw;
	size_t len = w->len;
	size_t i = 0;
	char quote = 0;

	if (s[0] == '"' || s[0] == '\'')
		quote = s[i++];
	strbuf_add(&out, "", 0);
	while (i < len) {
		char c = s[i];

		if (quote && c == quote) {
			quote = 0;
			i++;
		} else if (quote == '\'') {
			strbuf_addc(&out, c);
			i++;
		} else if (c == '\\' && i + 1 < len &&
			   (quote ? strchr("\"\\$", s[i + 1]) != NULL :
				    cmdline_escapable(s[i + 1]))) {
			strbuf_addc(&out, s[i + 1]);
			i += 2;
		} else if (c == '$' && i + 1 < len && s[i + 1] == '{') {
			const char *error;
			size_t ref = expand_ref_len(s + i, len - i, &error);

			if (!ref)
				ref = 1;    /* cannot happen: split checked */
			cmdline_expand_ref(&out, s + i, ref);
			i += ref;
		} else {
			strbuf_addc(&out, c);
			i++;
		}
	}
	return strbuf_take(&out);
}

/**
 * Run one command
 *
 * @v argc      number of arguments (0: nothing to do)
 * @v argv      arguments, NULL-terminated
 * @ret rc      its status
 */
static int cmdline_exec(int argc, char **argv)
{
	const struct command *cmd;
	int rc;

	if (argc == 0)
		return 0;
	parseopt_reset();
	errno_site_clear();
	cmd = command_find(argv[0]);
	if (!cmd) {
		printf("%s%s: command not found\n", script_where(), argv[0]);
		cmdline_errno = errno_ipxe(-ENOEXEC);
		return -ENOEXEC;        /* as iPXE's */
	}
	rc = cmd->exec(argc, argv);
	if (rc < 0)
		cmdline_errno = errno_ipxe(rc);
	return rc;
}

/** Run the command of @p argc words @p argv (already expanded); its status */
int cmdline_exec_argv(int argc, char **argv)
{
	return cmdline_exec(argc, argv);
}

/** ${errno}: iPXE's number (errno_ipxe()) for the last command that failed, as a big-endian uint32 */
static int cmdline_errno_compute(char *buf, size_t len)
{
	if (len < 4)
		return -ENOENT;
	buf[0] = (char)(cmdline_errno >> 24);
	buf[1] = (char)(cmdline_errno >> 16);
	buf[2] = (char)(cmdline_errno >> 8);
	buf[3] = (char)cmdline_errno;
	return 4;
}

/** The ${errno} setting */
static const struct setting_def cmdline_errno_def = {
	.name = "errno",
	.description = "Error code of the last failed command",
	.type = &setting_type_uint32,
	.compute = cmdline_errno_compute,
};
SETTING(cmdline_errno_def);

/**
 * Expand and run the command made of words [@p first, @p end)
 *
 * @v words     the line's words
 * @v first     index of its first word
 * @v end       index past its last word
 * @ret rc      its status
 */
static int cmdline_run(const struct cmdline_words *words, unsigned int first,
		       unsigned int end)
{
	int argc = (int)(end - first);
	char **argv = calloc((size_t)argc + 1, sizeof(*argv));
	unsigned long mark = cmdline_output;
	int rc = 0;

	if (!argv)
		return -ENOMEM;
	for (int i = 0; i < argc; i++) {
		argv[i] = cmdline_expand_word(&words->word[first + i]);
		if (!argv[i])
			rc = -ENOMEM;
	}
	if (rc == 0)
		rc = cmdline_exec(argc, argv);
	cmdline_last_printed = cmdline_output != mark;
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	return rc;
}

/**
 * Whether the command after a separator runs
 *
 * @v kind      the separator
 * @v rc        status of the command before it
 * @ret run     nonzero to run it
 */
static int cmdline_should_run(enum cmdline_kind kind, int rc)
{
	if (kind == CMDLINE_AND)
		return rc == 0;
	if (kind == CMDLINE_OR)
		return rc != 0;
	return 1;
}

/** Run one command line: split, then expand and run each command in turn */
int system_cmd(const char *line)
{
	struct cmdline_words words;
	const char *error = NULL;
	unsigned int first = 0;
	int run = 1;
	int rc;

	cmdline_last_printed = 0;
	rc = cmdline_split(line, &words, &error);
	if (rc < 0) {
		if (error) {
			while (isspace((unsigned char)*line))
				line++;
			printf("%ssyntax error: %s in: %.*s%s\n",
			       script_where(), error, CMDLINE_QUOTE_MAX, line,
			       strlen(line) > CMDLINE_QUOTE_MAX ? "..." : "");
			cmdline_last_printed = 1;
		}
		free(words.word);
		return rc;
	}
	for (;;) {
		unsigned int end = first;

		while (end < words.count &&
		       words.word[end].kind == CMDLINE_WORD)
			end++;
		if (run)
			rc = cmdline_run(&words, first, end);
		if (script_stopped(SCRIPT_STOP_COMMAND) || end == words.count)
			break;
		run = cmdline_should_run(words.word[end].kind, rc);
		first = end + 1;
	}
	free(words.word);
	return rc;
}
