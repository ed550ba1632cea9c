/** @file Shared set-up of the libFuzzer targets: a quiet console, input helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "platform_stub.h"

/** Called by libFuzzer once: keep the console's output off standard output */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	stub_console_quiet(1);
	return 0;
}

/** Start consuming @p size bytes at @p data */
void fuzz_input_init(struct fuzz_input *in, const uint8_t *data, size_t size)
{
	in->data = data;
	in->left = size;
}

/** Next byte of @p in, 0 once it is used up */
unsigned int fuzz_byte(struct fuzz_input *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->data++;
}

/** Take up to @p max bytes from @p in; *@p len says how many */
const uint8_t *fuzz_take(struct fuzz_input *in, size_t max, size_t *len)
{
	const uint8_t *p = in->data;

	*len = max < in->left ? max : in->left;
	in->data += *len;
	in->left -= *len;
	return p;
}

/** The input as a NUL-terminated heap string */
char *fuzz_text(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (text) {
		memcpy(text, data, size);
		text[size] = '\0';
	}
	return text;
}

/** The next line of @p in as a NUL-terminated heap string */
char *fuzz_line(struct fuzz_input *in)
{
	const uint8_t *nl = memchr(in->data, '\n', in->left);
	size_t len = nl ? (size_t)(nl - in->data) : in->left;
	char *text = fuzz_text(in->data, len);

	in->data += nl ? len + 1 : len;
	in->left -= nl ? len + 1 : len;
	return text;
}

/** Abort with @p what on standard error unless @p ok */
void fuzz_require(int ok, const char *what)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz: broken promise: %s\n", what);
	abort();
}
