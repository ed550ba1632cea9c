/** @file Fuzz target: URIs (src/uri/uri.c), as typed in scripts and sent by DHCP. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/uri.h>
#include "fuzz.h"

/** Input: a base URI line, then a reference; both parsed, joined, re-encoded */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct uri u;
	static char out[2 * URI_MAX];
	struct fuzz_input in;
	char *base, *ref;

	fuzz_input_init(&in, data, size);
	base = fuzz_line(&in);
	ref = fuzz_line(&in);
	if (base && ref) {
		uri_has_scheme(base);
		if (uri_parse(base, &u) == 0)
			uri_unparse(&u, out, sizeof(out));
		uri_resolve(base, ref, out, sizeof(out));
		uri_decode(ref, out, sizeof(out));
		uri_encode(data, size, out, sizeof(out));
	}
	free(base);
	free(ref);
	return 0;
}
