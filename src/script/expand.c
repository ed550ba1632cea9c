/** @file Expansion of ${name}, ${scope/name:type} and nested ${net${i}/ip}. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include "script_int.h"

/** Words for nesting deeper than EXPAND_DEPTH_MAX */
#define EXPAND_TOO_DEEP "${...} nested more than " EXPAND_DEPTH_TEXT " deep"
#define EXPAND_DEPTH_TEXT EXPAND_STR(EXPAND_DEPTH_MAX)
#define EXPAND_STR(x) EXPAND_STR2(x)
#define EXPAND_STR2(x) #x

size_t expand_ref_len(const char *s, size_t len, const char **error)
{
	unsigned int depth = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '{') {
			if (++depth > EXPAND_DEPTH_MAX) {
				*error = EXPAND_TOO_DEEP;
				return 0;
			}
			i++;
		} else if (s[i] == '}' && depth && --depth == 0) {
			return i + 1;
		}
	}
	*error = "unterminated ${";
	return 0;
}

/**
 * Append the text value of setting @p name (nothing if it is unset)
 *
 * @v out       destination
 * @v name      "[scope/]name[:type]"
 */
static void expand_value(struct strbuf *out, const char *name)
{
	int len = settings_fetch_text(name, NULL, 0);
	char *value;

	if (len <= 0)
		return;
	value = malloc((size_t)len + 1);
	if (!value) {
		out->failed = 1;
		return;
	}
	if (settings_fetch_text(name, value, (size_t)len + 1) == len)
		strbuf_add(out, value, (size_t)len);
	free(value);
}

/**
 * Expand @p text in one pass: each "${" opens a name on a stack of at most
 * EXPAND_DEPTH_MAX levels, each "}" looks the innermost name up and
 * appends its value one level down (no rescans, no recursion)
 *
 * @v out       destination
 * @v text      text with ${...} references
 * @ret rc      0, or -EINVAL on an unterminated or too deep ${
 */
static int expand_into(struct strbuf *out, const char *text)
{
	struct strbuf names[EXPAND_DEPTH_MAX + 1];
	unsigned int depth = 0;
	int rc = 0;

	names[0] = *out;
	for (const char *p = text; *p && rc == 0; p++) {
		if (p[0] == '$' && p[1] == '{') {
			if (depth == EXPAND_DEPTH_MAX) {
				rc = -EINVAL;
				break;
			}
			memset(&names[++depth], 0, sizeof(names[0]));
			strbuf_add(&names[depth], "", 0);
			p++;
		} else if (p[0] == '}' && depth) {
			char *name = strbuf_take(&names[depth--]);

			if (!name)
				rc = -ENOMEM;
			else
				expand_value(&names[depth], name);
			free(name);
		} else {
			strbuf_addc(&names[depth], *p);
		}
	}
	if (rc == 0 && depth)
		rc = -EINVAL;   /* unterminated */
	while (depth)
		strbuf_free(&names[depth--]);
	*out = names[0];
	return rc;
}

/** Expand every ${...} in @p text; heap string, NULL on an error */
char *expand_settings(const char *text)
{
	struct strbuf out = { 0 };

	if (expand_into(&out, text) < 0) {
		strbuf_free(&out);
		return NULL;
	}
	return strbuf_take(&out);
}
