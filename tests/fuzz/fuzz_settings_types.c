/** @file Fuzz target: setting types (src/settings/types.c): text parsed to raw bytes and raw bytes formatted, as `set` and ${name:type} do. */
#include <stdlib.h>
#include <lwpxe/settings.h>
#include "fuzz.h"

/** Every type, in the order the input's first byte picks from */
static const struct setting_type *const fuzz_types[] = {
	&setting_type_string, &setting_type_uristring, &setting_type_ipv4,
	&setting_type_hex, &setting_type_hexhyp, &setting_type_hexraw,
	&setting_type_uint8, &setting_type_uint16, &setting_type_uint32,
	&setting_type_int8, &setting_type_int16, &setting_type_int32,
	&setting_type_uuid, &setting_type_mac,
};

/** Input: a type index, then text parsed as it (and formatted back), the same bytes formatted as raw */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t raw[256];
	static char text[1024];
	const struct setting_type *type;
	size_t room;
	char *in;
	int len;

	if (!size)
		return 0;
	type = fuzz_types[data[0] % (sizeof(fuzz_types) / sizeof(fuzz_types[0]))];
	in = fuzz_text(data + 1, size - 1);
	if (!in)
		return 0;
	room = data[0] % sizeof(raw);    /* parse() says when it needs more */
	len = type->parse(in, raw, room);
	if (len >= 0 && (size_t)len <= room)
		type->format(raw, (size_t)len, text, data[0] % sizeof(text));
	type->format(data + 1, size - 1, text, sizeof(text));
	free(in);
	return 0;
}
