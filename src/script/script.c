/** @file Scripts: #!ipxe header, lines, labels, goto, stopping on failure. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include "script_int.h"

/** A running script */
struct script {
	const char *name;          /**< name for messages */
	const char *text;          /**< contents */
	size_t len;                /**< length of @c text */
	size_t offset;             /**< where the next line starts */
	unsigned int next_lineno;  /**< line number at @c offset */
	unsigned int lineno;       /**< line number of the line running now */
	struct script *outer;      /**< the script that ran this one */
};

/** One logical line (continuations joined) */
struct script_line {
	char *text;                /**< heap copy, label split off */
	const char *label;         /**< label after ':', or NULL */
	const char *command;       /**< command part */
	size_t start;              /**< offset of its first physical line */
	unsigned int lineno;       /**< number of its first physical line */
};

/** The innermost running script, or NULL */
static struct script *script_current;

/** "name:line: " of the running script line, or "" outside a script */
const char *script_where(void)
{
	static char where[96];

	if (!script_current)
		return "";
	snprintf(where, sizeof(where), "%s:%u: ", script_current->name,
		 script_current->lineno);
	return where;
}

/** Hide the running script (for an interactive shell) and return it */
void *script_hide(void)
{
	struct script *script = script_current;

	script_current = NULL;
	return script;
}

/** Make @p script, hidden by script_hide(), the running one again */
void script_restore(void *script)
{
	script_current = script;
}

/**
 * Split a label (":name rest") off the front of @p line
 *
 * @v line      the line, its text already read
 */
static void script_split_label(struct script_line *line)
{
	char *p = line->text;

	while (isspace((unsigned char)*p))
		p++;
	line->label = NULL;
	line->command = p;
	if (*p != ':')
		return;
	line->label = ++p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	if (*p)
		*p++ = '\0';
	line->command = p;
}

/**
 * Read the next logical line of @p script and step past it
 *
 * @v script    the script
 * @v line      receives the line; free line->text
 * @ret rc      1 if a line was read, 0 at the end, -ENOMEM
 */
static int script_read_line(struct script *script, struct script_line *line)
{
	struct strbuf sb = { 0 };

	if (script->offset >= script->len)
		return 0;
	line->start = script->offset;
	line->lineno = script->next_lineno;
	strbuf_add(&sb, "", 0);
	while (script->offset < script->len) {
		const char *s = script->text + script->offset;
		size_t rest = script->len - script->offset;
		const char *nl = memchr(s, '\n', rest);
		size_t n = nl ? (size_t)(nl - s) : rest;

		script->offset += nl ? n + 1 : n;
		script->next_lineno++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n && s[n - 1] == '\\' && script->offset < script->len) {
			strbuf_add(&sb, s, n - 1);
			continue;
		}
		strbuf_add(&sb, s, n);
		break;
	}
	line->text = strbuf_take(&sb);
	if (!line->text)
		return -ENOMEM;
	script_split_label(line);
	return 1;
}

/** Continue the running script at label @p label */
int script_goto(const char *label)
{
	struct script *script = script_current;
	size_t offset;
	unsigned int next_lineno;
	struct script_line line;
	int rc;

	if (!script)
		return -ENOTSUP;
	offset = script->offset;
	next_lineno = script->next_lineno;
	script->offset = 0;
	script->next_lineno = 1;
	while ((rc = script_read_line(script, &line)) > 0) {
		int found = line.label && strcmp(line.label, label) == 0;

		free(line.text);
		if (found) {
			script->offset = line.start;
			script->next_lineno = line.lineno;
			return 0;
		}
	}
	script->offset = offset;
	script->next_lineno = next_lineno;
	return rc < 0 ? rc : -ENOENT;
}

/**
 * Check for the "#!ipxe" (or "#!gpxe") header and a blank after it
 *
 * @v text      contents
 * @v len       length
 * @ret ok      nonzero if it is an iPXE script
 */
static int script_has_header(const char *text, size_t len)
{
	if (len < 6 || (memcmp(text, "#!ipxe", 6) != 0 &&
			memcmp(text, "#!gpxe", 6) != 0))
		return 0;
	return len == 6 || isspace((unsigned char)text[6]);
}

/**
 * Say which line failed, unless the command already said why
 *
 * @v script    the script
 * @v line      the failing line
 * @v rc        its status
 */
static void script_report(const struct script *script,
			  const struct script_line *line, int rc)
{
	size_t n = strlen(line->command);

	if (cmdline_printed())
		return;
	while (n && isspace((unsigned char)line->command[n - 1]))
		n--;
	printf("%s:%u: %.*s: %s\n", script->name, line->lineno, (int)n,
	       line->command, errmsg(rc));
}

/**
 * Run the lines of @p script until the end, `exit` or a failure
 *
 * @v script    the script
 * @ret rc      status of the script
 */
static int script_lines(struct script *script)
{
	struct script_line line;
	int rc = 0;
	int more;

	while ((more = script_read_line(script, &line)) > 0) {
		script->lineno = line.lineno;
		rc = system_cmd(line.command);
		if (script_stopped(SCRIPT_STOP_SEQUENCE)) {
			free(line.text);
			return rc;
		}
		if (rc != 0) {
			script_report(script, &line, rc);
			free(line.text);
			return rc;
		}
		free(line.text);
	}
	return more < 0 ? more : rc;
}

/** Run script @p text of @p len bytes named @p name */
int script_run(const char *name, const char *text, size_t len)
{
	struct script script = {
		.name = name ? name : "script", .text = text, .len = len,
		.next_lineno = 1, .outer = script_current,
	};
	unsigned int depth = 1;
	int rc;

	if (!text || !script_has_header(text, len)) {
		printf("%s: not an iPXE script\n", script.name);
		return -ENOEXEC;
	}
	for (const struct script *s = script.outer; s; s = s->outer)
		depth++;
	if (depth > SCRIPT_NEST_MAX) {
		printf("%s: scripts nested more than %d deep (does one chain "
		       "itself?)\n", script.name, SCRIPT_NEST_MAX);
		return -E2BIG;
	}
	script_stop_reset();
	script_current = &script;
	rc = script_lines(&script);
	script_current = script.outer;
	return rc;
}

/** Process exit status for script result @p rc */
int script_exit_status(int rc)
{
	if (rc >= 0)
		return 0;
	if (rc <= -SCRIPT_EXIT_BASE)
		return -rc - SCRIPT_EXIT_BASE;
	return 1;
}
