/** @file Reading the vectors of mbedTLS's own test suites: files and fields. */
#include <stdarg.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "suite_data.h"

FILE *suite_open(const char *name)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/test_suite_%s.data", MBEDTLS_SUITES,
		 name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	return f;
}

int suite_next(FILE *f, const char *name, char *line, size_t size,
	       size_t *pos)
{
	size_t len = strlen(name);

	while (fgets(line, (int)size, f)) {
		if (!strncmp(line, name, len) && line[len] == ':') {
			*pos = len;
			return 0;
		}
	}
	return -1;
}

int suite_field(const char *line, size_t *pos, struct field *f, long *number)
{
	const char *p = line + *pos;

	if (*p != ':')
		return -1;
	p++;
	if (*p == '"') {
		const char *close = strchr(++p, '"');

		assert_non_null(close);
		if (f) {
			f->len = 0;
			if (close - p == 4 && !memcmp(p, "FAIL", 4)) {
				f->len = SIZE_MAX;
			} else {
				for (; p < close; p += 2) {
					unsigned int byte;

					assert_true(f->len < FIELD_MAX);
					assert_int_equal(sscanf(p, "%2x", &byte), 1);
					f->b[f->len++] = (uint8_t)byte;
				}
			}
		}
		*pos = (size_t)(close + 1 - line);
		return 0;
	}
	if (number)
		*number = strtol(p, NULL, 10);
	*pos = (size_t)(p + strcspn(p, ":\r\n") - line);
	return 0;
}
