/** @file Finding commands and parsing their options iPXE-style. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include "script_int.h"

/** Find a registered command by name; NULL if none */
const struct command *command_find(const char *name)
{
	const struct command *cmd;

	TABLE_FOREACH(commands, const struct command *, cmd) {
		if (strcmp(cmd->name, name) == 0)
			return cmd;
	}
	return NULL;
}

/** Print the usage line of @p cmd; returns -EINVAL */
int command_usage(const struct command *cmd)
{
	printf("%sUsage: %s%s%s\n", script_where(), cmd->name,
	       cmd->usage && *cmd->usage ? " " : "",
	       cmd->usage ? cmd->usage : "");
	return -EINVAL;
}

/**
 * Find a long option by name
 *
 * @v opts      option list
 * @v nopts     its length
 * @v name      name without "--"
 * @v len       length of @p name
 * @ret opt     the option, or NULL
 */
static const struct cmd_option *parseopt_long(const struct cmd_option *opts,
					      unsigned int nopts,
					      const char *name, size_t len)
{
	for (unsigned int i = 0; i < nopts; i++) {
		if (strlen(opts[i].name) == len &&
		    strncmp(opts[i].name, name, len) == 0)
			return &opts[i];
	}
	return NULL;
}

/**
 * Find a short option by letter
 *
 * @v opts      option list
 * @v nopts     its length
 * @v c         the letter
 * @ret opt     the option, or NULL
 */
static const struct cmd_option *parseopt_short(const struct cmd_option *opts,
					       unsigned int nopts, char c)
{
	for (unsigned int i = 0; i < nopts; i++) {
		if (opts[i].short_name && opts[i].short_name == c)
			return &opts[i];
	}
	return NULL;
}

/**
 * Say what is wrong with an option, then the usage line
 *
 * @v cmd       the command
 * @v what      the problem
 * @v word      the option as written
 * @ret rc      -EINVAL
 */
static int parseopt_error(const struct command *cmd, const char *what,
			  const char *word)
{
	printf("%s%s: %s \"%s\"; ", script_where(), cmd->name, what, word);
	printf("usage: %s%s%s\n", cmd->name,
	       cmd->usage && *cmd->usage ? " " : "",
	       cmd->usage ? cmd->usage : "");
	return -EINVAL;
}

/** The word whose bundled single-letter flags are being taken ("-ar") */
static const char *parseopt_bundle;

/** Index in @c parseopt_bundle of the next letter to take */
static size_t parseopt_pos = 1;

/** Forget any half-taken bundle of flags (a new command line starts) */
void parseopt_reset(void)
{
	parseopt_bundle = NULL;
	parseopt_pos = 1;
}

/** Parse the next option of @p argv (see command.h) */
int parse_options(const struct command *cmd, const struct cmd_option *opts,
		  unsigned int nopts, int argc, char **argv, int *optind,
		  char **arg)
{
	const struct cmd_option *opt;
	const char *word;
	const char *value = NULL;

	if (*optind < 1)
		*optind = 1;
	*arg = NULL;
	if (*optind >= argc)
		return 0;
	word = argv[*optind];
	if (word[0] != '-' || word[1] == '\0')
		return 0;
	if (strcmp(word, "--") == 0) {
		(*optind)++;
		return 0;
	}
	if (word[1] == '-') {
		const char *eq = strchr(word + 2, '=');
		size_t len = eq ? (size_t)(eq - word - 2) : strlen(word + 2);

		opt = parseopt_long(opts, nopts, word + 2, len);
		if (eq)
			value = eq + 1;
	} else {
		if (parseopt_bundle != word)
			parseopt_pos = 1;
		opt = parseopt_short(opts, nopts, word[parseopt_pos]);
		if (opt && !opt->has_arg && word[parseopt_pos + 1]) {
			/* "-ar": flags bundled in one word, taken one a call */
			parseopt_bundle = word;
			parseopt_pos++;
			return opt->id;
		}
		if (word[parseopt_pos + 1])
			value = word + parseopt_pos + 1;
		parseopt_bundle = NULL;
	}
	if (!opt)
		return parseopt_error(cmd, "unknown option", word);
	(*optind)++;
	if (!opt->has_arg) {
		if (value)
			return parseopt_error(cmd, "option takes no value",
					      word);
		return opt->id;
	}
	if (!value) {
		if (*optind >= argc)
			return parseopt_error(cmd, "option needs a value",
					      word);
		value = argv[(*optind)++];
	}
	*arg = (char *)value;
	return opt->id;
}

/** Parse a whole unsigned number (decimal, 0x hex or 0 octal); nonzero if all of @p text was one */
int parse_number(const char *text, unsigned long *value)
{
	char *end;

	if (!text[0] || text[0] == '-')
		return 0;
	*value = strtoul(text, &end, 0);
	return *end == '\0';
}

/** Parse a key: one character as itself, else a nonzero key code number; nonzero if valid */
int parse_key(const char *text, unsigned long *key)
{
	if (text[0] && !text[1]) {
		*key = (unsigned char)text[0];
		return 1;
	}
	return parse_number(text, key) && *key;
}
