/** @file `autoboot [netX...]`: DHCP, then boot what it names, one interface after another, as iPXE's does. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include "ifcommon.h"

/** Room for one command line built here */
#define AUTOBOOT_LINE_MAX 64

/** Nonzero if setting "@p nic/@p name" holds something */
static int autoboot_isset(const struct nic *nic, const char *name)
{
	char ref[AUTOBOOT_LINE_MAX];

	snprintf(ref, sizeof(ref), "%s/%s", nic->name, name);
	return settings_fetch(ref, NULL, 0, NULL) > 0;
}

/**
 * Get a lease on @p nic, then boot its root-path (SAN; unless
 * skip-san-boot is set) or else its filename
 *
 * @ret rc      the boot's status (it returned), or why nothing was booted
 */
static int autoboot_one(struct nic *nic)
{
	char line[AUTOBOOT_LINE_MAX];
	int rc;

	snprintf(line, sizeof(line), "dhcp %s", nic->name);
	rc = system_cmd(line);
	if (rc < 0)
		return rc;
	if (autoboot_isset(nic, "root-path") &&
	    !autoboot_isset(nic, "skip-san-boot")) {
		snprintf(line, sizeof(line), "sanboot ${%s/root-path}",
			 nic->name);
		return system_cmd(line);
	}
	if (autoboot_isset(nic, "filename")) {
		snprintf(line, sizeof(line), "chain ${%s/filename}", nic->name);
		return system_cmd(line);
	}
	printf("%sautoboot: %s: DHCP gave neither a root-path nor a filename\n",
	       script_where(), nic->name);
	return -ENOENT;
}

/** `autoboot [netX...]`: try each named NIC (or every NIC) until one boots */
static int autoboot_exec(int argc, char **argv)
{
	return ifcmd_each("autoboot", argc, argv, 1, autoboot_one, 1);
}

/** The `autoboot` command */
static const struct command autoboot_cmd = {
	.name = "autoboot",
	.usage = "[netX...]",
	.exec = autoboot_exec,
};
COMMAND(autoboot_cmd);
