/** @file Expansion of ${name}, ${scope/name:type} and nested ${net${i}/ip}. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include "script_int.h"

/** Length of the ${...} at @p s, nesting counted; 0 if unterminated */
size_t expand_ref_len(const char *s, size_t len)
{
	unsigned int depth = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '{') {
			depth++;
			i++;
		} else if (s[i] == '}' && depth && --depth == 0) {
			return i + 1;
		}
	}
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
 * Expand @p len bytes of @p text into @p out
 *
 * @v out       destination
 * @v text      text with ${...} references
 * @v len       length of @p text
 * @ret rc      0, or -EINVAL on an unterminated ${
 */
static int expand_into(struct strbuf *out, const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (text[i] == '$' && i + 1 < len && text[i + 1] == '{') {
			size_t ref = expand_ref_len(text + i, len - i);
			struct strbuf name = { 0 };
			char *s;
			int rc;

			if (!ref)
				return -EINVAL;
			rc = expand_into(&name, text + i + 2, ref - 3);
			s = strbuf_take(&name);
			if (rc < 0 || !s) {
				free(s);
				return rc < 0 ? rc : -ENOMEM;
			}
			expand_value(out, s);
			free(s);
			i += ref;
		} else {
			strbuf_addc(out, text[i++]);
		}
	}
	return 0;
}

/** Expand every ${...} in @p text; heap string, NULL on an unterminated ${ */
char *expand_settings(const char *text)
{
	struct strbuf out = { 0 };

	if (expand_into(&out, text, strlen(text)) < 0) {
		strbuf_free(&out);
		return NULL;
	}
	return strbuf_take(&out);
}
