/** @file The `vcreate` and `vdestroy` commands: 802.1Q VLAN devices, as iPXE's. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/script.h>
#include "vlan_int.h"

/** Option ids */
enum {
	VCREATE_OPT_TAG = 1,
	VCREATE_OPT_PRIORITY,
};

/** Options of `vcreate` */
static const struct cmd_option vcreate_opts[] = {
	{ .name = "tag", .short_name = 't', .has_arg = 1,
	  .id = VCREATE_OPT_TAG },
	{ .name = "priority", .short_name = 'p', .has_arg = 1,
	  .id = VCREATE_OPT_PRIORITY },
};

static const struct command vcreate_cmd;

/** Parse option @p name's value @p arg, at most @p max; 0 or -EINVAL (said in a line) */
static int vcreate_number(const char *name, const char *arg,
			  unsigned long min, unsigned long max,
			  unsigned long *value)
{
	if (parse_number(arg, value) && *value >= min && *value <= max)
		return 0;
	printf("%svcreate: --%s \"%s\" is not a number from %lu to %lu\n",
	       script_where(), name, arg, min, max);
	return -EINVAL;
}

/** `vcreate --tag TAG [--priority P] TRUNK`: create VLAN device TRUNK-TAG */
static int vcreate_exec(int argc, char **argv)
{
	unsigned long tag = 0, priority = 0;
	struct nic *trunk, *vlan;
	int optind = 1;
	char *arg;
	int id, rc;

	while ((id = parse_options(&vcreate_cmd, vcreate_opts,
				   ARRAY_SIZE(vcreate_opts), argc, argv,
				   &optind, &arg)) > 0) {
		rc = id == VCREATE_OPT_TAG ?
		     vcreate_number("tag", arg, 1, VLAN_TAG_MAX, &tag) :
		     vcreate_number("priority", arg, 0, VLAN_PRIORITY_MAX,
				    &priority);
		if (rc < 0)
			return rc;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1 || !tag)
		return command_usage(&vcreate_cmd);
	trunk = nic_find(argv[optind]);
	if (!trunk) {
		printf("%svcreate: %s: no such network interface\n",
		       script_where(), argv[optind]);
		return -ENODEV;
	}
	rc = vlan_create(trunk, (unsigned int)tag, (unsigned int)priority,
			 &vlan);
	if (rc == -EEXIST)
		printf("%svcreate: %s already has VLAN %lu\n", script_where(),
		       trunk->name, tag);
	else if (rc == -EINVAL)
		printf("%svcreate: %s is a VLAN device itself\n",
		       script_where(), trunk->name);
	else if (rc < 0)
		printf("%svcreate: %s: %s\n", script_where(), trunk->name,
		       errmsg(rc));
	return rc;
}

/** The `vcreate` command */
static const struct command vcreate_cmd = {
	.name = "vcreate",
	.usage = "--tag TAG [--priority P] interface",
	.exec = vcreate_exec,
};
COMMAND(vcreate_cmd);

static const struct command vdestroy_cmd;

/** `vdestroy NAME`: remove VLAN device NAME (closed first) */
static int vdestroy_exec(int argc, char **argv)
{
	struct nic *vlan;
	int optind = 1;
	char *arg;
	int id;

	id = parse_options(&vdestroy_cmd, NULL, 0, argc, argv, &optind, &arg);
	if (id < 0)
		return id;
	if (optind != argc - 1)
		return command_usage(&vdestroy_cmd);
	vlan = nic_find(argv[optind]);
	if (!vlan) {
		printf("%svdestroy: %s: no such network interface\n",
		       script_where(), argv[optind]);
		return -ENODEV;
	}
	if (vlan_destroy(vlan) < 0) {
		printf("%svdestroy: %s is not a VLAN device\n", script_where(),
		       vlan->name);
		return -ENOTSUP;
	}
	return 0;
}

/** The `vdestroy` command */
static const struct command vdestroy_cmd = {
	.name = "vdestroy",
	.usage = "interface",
	.exec = vdestroy_exec,
};
COMMAND(vdestroy_cmd);
