/** @file Growing heap strings for the script interpreter. */
#include <stdlib.h>
#include <string.h>
#include "script_int.h"

/**
 * Make room for @p more characters and a NUL
 *
 * @v sb        string
 * @v more      characters about to be added
 * @ret ok      nonzero if there is room
 */
static int strbuf_grow(struct strbuf *sb, size_t more)
{
	size_t need = sb->len + more + 1;
	size_t cap = sb->cap ? sb->cap : 32;
	char *s;

	if (sb->failed)
		return 0;
	if (need <= sb->cap)
		return 1;
	while (cap < need)
		cap *= 2;
	s = realloc(sb->s, cap);
	if (!s) {
		sb->failed = 1;
		return 0;
	}
	sb->s = s;
	sb->cap = cap;
	return 1;
}

/** Append @p len bytes of @p s */
void strbuf_add(struct strbuf *sb, const char *s, size_t len)
{
	if (!strbuf_grow(sb, len))
		return;
	memcpy(sb->s + sb->len, s, len);
	sb->len += len;
	sb->s[sb->len] = '\0';
}

/** Append one character */
void strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

/** Take the string out of @p sb; NULL if out of memory */
char *strbuf_take(struct strbuf *sb)
{
	char *s;

	if (!sb->failed)
		strbuf_grow(sb, 0);
	if (sb->failed) {
		strbuf_free(sb);
		return NULL;
	}
	sb->s[sb->len] = '\0';
	s = sb->s;
	memset(sb, 0, sizeof(*sb));
	return s;
}

/** Free the string and empty @p sb */
void strbuf_free(struct strbuf *sb)
{
	free(sb->s);
	memset(sb, 0, sizeof(*sb));
}

/** Join @p argc words with single spaces; heap string or NULL */
char *concat_args(int argc, char **argv)
{
	struct strbuf sb = { 0 };

	for (int i = 0; i < argc; i++) {
		if (i)
			strbuf_addc(&sb, ' ');
		strbuf_add(&sb, argv[i], strlen(argv[i]));
	}
	return strbuf_take(&sb);
}
