/** @file The `nslookup` command: resolve a host name into a setting, as iPXE's does. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>

static const struct command nslookup_command;

/**
 * `nslookup SETTING NAME`: store NAME's IPv4 address in SETTING (type
 * ipv4 unless SETTING names one, "x:string"); one line on failure
 */
static int nslookup_exec(int argc, char **argv)
{
	char why[200];
	char setting[128];
	char text[16];
	uint32_t addr;
	const uint8_t *a = (const uint8_t *)&addr;
	int rc;

	if (argc != 3)
		return command_usage(&nslookup_command);
	rc = dns_resolve(argv[2], &addr, why, sizeof(why));
	if (rc < 0) {
		printf("%snslookup: %s\n", script_where(), why);
		return rc;
	}
	snprintf(text, sizeof(text), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	snprintf(setting, sizeof(setting), "%s%s", argv[1],
		 strchr(argv[1], ':') ? "" : ":ipv4");
	rc = settings_store_text(setting, text);
	if (rc < 0)
		printf("%snslookup: cannot store %s in %s: %s\n", script_where(),
		       text, argv[1], errmsg(rc));
	return rc;
}

/** The `nslookup` command */
static const struct command nslookup_command = {
	.name = "nslookup",
	.usage = "<setting> <name>",
	.exec = nslookup_exec,
};
COMMAND(nslookup_command);
