/** @file The interactive shell: read a line, run it, until `exit`. */
#include <stdlib.h>
#include <lwpxe/script.h>
#include "script_int.h"

/** Prompt shown before each line */
#define SHELL_PROMPT "lwpxe> "

/** Interactive shell: read and run lines until `exit` or end of input */
int shell(void)
{
	void *script = script_hide();
	int rc = 0;

	script_stop_reset();
	for (;;) {
		char *line = readline_history(SHELL_PROMPT);

		if (!line) {
			rc = 0;
			break;
		}
		rc = system_cmd(line);
		free(line);
		if (script_stopped(SCRIPT_STOP_SEQUENCE))
			break;
	}
	script_restore(script);
	return rc;
}
