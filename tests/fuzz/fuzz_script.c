/**
 * @file Fuzz target: script lines (src/script/): words, quotes, escapes,
 * comments and ${...} with :type, nested, as `echo` runs them.  Only
 * lines of one command: after `;`, `&&` or `||` any command could run
 * (`sleep`, `shell`), so inputs holding those characters are skipped.
 */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include "fuzz.h"

/** Settings the references may name, one of them naming another */
static void fuzz_script_settings(void)
{
	settings_store_text("fuzz-name", "fuzz-ip");
	settings_store_text("fuzz-ip", "10.0.2.15");
	settings_store_text("fuzz-mac", "52:54:00:12:34:56");
	settings_store_text("fuzz-empty", "");
}

/** Input: the rest of an `echo` line; also expanded on its own */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *text, *line, *value;

	if (memchr(data, ';', size) || memchr(data, '&', size) ||
	    memchr(data, '|', size))
		return 0;
	if (!ready) {
		fuzz_script_settings();
		ready = 1;
	}
	text = fuzz_text(data, size);
	line = malloc(size + 6);
	if (text && line) {
		memcpy(line, "echo ", 5);
		memcpy(line + 5, text, size + 1);
		system_cmd(line);
		value = expand_settings(text);
		free(value);
	}
	free(line);
	free(text);
	return 0;
}
