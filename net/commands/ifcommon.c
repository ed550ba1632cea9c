/** @file Shared by the interface commands: naming NICs on the command line. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/nic.h>
#include "ifcommon.h"

/**
 * Check that every name from @p first on is a NIC
 *
 * @ret rc      0, or -ENODEV after naming the first unknown one
 */
static int ifcmd_check_names(const char *cmd, int argc, char **argv, int first)
{
	for (int i = first; i < argc; i++) {
		if (!nic_find(argv[i])) {
			printf("%s%s: %s: no such interface\n", script_where(), cmd,
			       argv[i]);
			return -ENODEV;
		}
	}
	return 0;
}

int ifcmd_each(const char *cmd, int argc, char **argv, int first, ifcmd_fn fn,
	       int until_ok)
{
	struct nic *nic;
	int rc = ifcmd_check_names(cmd, argc, argv, first);
	int status = 0;
	int ran = 0;

	if (rc < 0)
		return rc;
	for (unsigned int i = 0; ; i++) {
		if (first < argc)
			nic = (first + (int)i < argc) ?
			      nic_find(argv[first + i]) : NULL;
		else
			nic = nic_get(i);
		if (!nic)
			break;
		ran = 1;
		rc = fn(nic);
		if (rc == 0 && until_ok)
			return 0;
		if (rc < 0)
			status = rc;
	}
	if (!ran) {
		printf("%s%s: no network interfaces\n", script_where(), cmd);
		return -ENODEV;
	}
	return status;
}
