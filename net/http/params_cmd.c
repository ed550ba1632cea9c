/** @file The `params` and `param` commands (iPXE's): form parameter lists for POSTs to URIs ending in ##params. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include "http_int.h"

/** Option ids */
enum {
	PARAMS_OPT_NAME = 1,
	PARAMS_OPT_DELETE,
	PARAMS_OPT_PARAMS,
	PARAMS_OPT_HEADER,
};

/** Options of `params` */
static const struct cmd_option params_opts[] = {
	{ .name = "name", .short_name = 'n', .has_arg = 1, .id = PARAMS_OPT_NAME },
	{ .name = "delete", .short_name = 'd', .has_arg = 0, .id = PARAMS_OPT_DELETE },
};

/** Options of `param` */
static const struct cmd_option param_opts[] = {
	{ .name = "params", .short_name = 'p', .has_arg = 1, .id = PARAMS_OPT_PARAMS },
	{ .name = "header", .short_name = 'H', .has_arg = 0, .id = PARAMS_OPT_HEADER },
};

static const struct command params_cmd;
static const struct command param_cmd;

/** `params [--name NAME] [--delete]`: start (or delete) a parameter list */
static int params_exec(int argc, char **argv)
{
	const char *name = NULL;
	struct http_params *list;
	int optind = 1, del = 0;
	char *arg;
	int id;

	while ((id = parse_options(&params_cmd, params_opts,
				   ARRAY_SIZE(params_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (id == PARAMS_OPT_NAME)
			name = arg;
		else
			del = 1;
	}
	if (id < 0)
		return id;
	if (optind != argc)
		return command_usage(&params_cmd);
	if (!del)
		return http_params_create(name);
	list = http_params_find(name);
	if (!list) {
		printf("%sparams: no parameter list \"%s\"\n", script_where(),
		       name ? name : "");
		return -ENOENT;
	}
	http_params_delete(list);
	return 0;
}

/** `param [--params NAME] [--header] KEY [VALUE]`: add a parameter */
static int param_exec(int argc, char **argv)
{
	const char *name = NULL;
	struct http_params *list;
	int optind = 1, header = 0;
	char *arg;
	int id, rc;

	while ((id = parse_options(&param_cmd, param_opts,
				   ARRAY_SIZE(param_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (id == PARAMS_OPT_PARAMS)
			name = arg;
		else
			header = 1;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1 && optind != argc - 2)
		return command_usage(&param_cmd);
	list = http_params_find(name);
	if (!list) {
		printf("%sparam: no parameter list \"%s\" (use params)\n",
		       script_where(), name ? name : "");
		return -ENOENT;
	}
	rc = http_params_add(list, argv[optind],
			     optind + 1 < argc ? argv[optind + 1] : "", header);
	if (rc < 0)
		printf("%sparam: %s: %s\n", script_where(), argv[optind],
		       errmsg(rc));
	return rc;
}

/** The `params` command */
static const struct command params_cmd = {
	.name = "params",
	.usage = "[--name name] [--delete]",
	.exec = params_exec,
};
COMMAND(params_cmd);

/** The `param` command */
static const struct command param_cmd = {
	.name = "param",
	.usage = "[--params name] [--header] key [value]",
	.exec = param_exec,
};
COMMAND(param_cmd);
