/** @file iSCSI text keys: "key=value\0" pairs in login and text PDUs. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "iscsi_int.h"

/** Longest key name (RFC 7143 6.1: 63 bytes) */
#define TEXT_KEY_MAX 63

int iscsi_text_add(char *buf, size_t size, size_t *len, const char *key,
		   const char *fmt, ...)
{
	size_t klen = strlen(key);
	size_t pos = *len;
	va_list args;
	int n;

	if (pos + klen + 2 > size)
		return -ENOSPC;
	memcpy(buf + pos, key, klen);
	buf[pos + klen] = '=';
	pos += klen + 1;
	va_start(args, fmt);
	n = vsnprintf(buf + pos, size - pos, fmt, args);
	va_end(args);
	if (n < 0 || (size_t)n + 1 > size - pos)
		return -ENOSPC;
	*len = pos + (size_t)n + 1;
	return 0;
}

int iscsi_text_foreach(const char *data, size_t len, iscsi_text_fn fn,
		       void *ctx)
{
	char key[TEXT_KEY_MAX + 1];
	size_t pos = 0;
	int rc;

	if (len && data[len - 1] != '\0')
		return -EBADMSG;
	while (pos < len) {
		const char *item = data + pos;
		size_t item_len = strlen(item);
		const char *eq = memchr(item, '=', item_len);

		pos += item_len + 1;
		if (item_len == 0)
			continue;  /* tolerate padding NULs */
		if (!eq || eq == item || (size_t)(eq - item) > TEXT_KEY_MAX)
			return -EBADMSG;
		memcpy(key, item, (size_t)(eq - item));
		key[eq - item] = '\0';
		rc = fn(key, eq + 1, ctx);
		if (rc)
			return rc;
	}
	return 0;
}
