/** @file Commands of the script language and shell. */
#ifndef LWPXE_COMMAND_H
#define LWPXE_COMMAND_H

#include <lwpxe/compiler.h>

/** A command (`echo`, `dhcp`, `sanboot`) */
struct command {
	const char *name;                        /**< word that invokes it */
	const char *usage;                       /**< one-line usage, e.g. "[--timeout MS] [text]" */
	int (*exec)(int argc, char **argv);      /**< run it; 0 or -error (message already printed) */
};

/** Register a command */
#define COMMAND(object) TABLE_ENTRY(commands, object)
TABLE_DECLARE(commands);

/** Find a command by name; NULL if none */
const struct command *command_find(const char *name);

/** Print "Usage: name usage" for @p cmd; returns -EINVAL */
int command_usage(const struct command *cmd);

/** One long option for parse_options() */
struct cmd_option {
	const char *name;      /**< long name without "--" ("timeout") */
	char short_name;       /**< single-letter form, or 0 */
	int has_arg;           /**< nonzero if it takes a value */
	int id;                /**< value returned by parse_options() */
};

/**
 * Parse options for @p cmd iPXE-style: "--name value", "--name=value",
 * "-x value", stopping at the first non-option or "--".  Call repeatedly:
 * returns an option id (with *arg set), 0 when options end (with *optind
 * at the first operand), or -EINVAL after printing the usage line.
 */
int parse_options(const struct command *cmd, const struct cmd_option *opts,
		  unsigned int nopts, int argc, char **argv, int *optind,
		  char **arg);

/** Parse a whole unsigned number (decimal, 0x hex, 0 octal); nonzero if all of @p text was one */
int parse_number(const char *text, unsigned long *value);

/** Parse a key: one character as itself, else a nonzero key code; nonzero if valid */
int parse_key(const char *text, unsigned long *key);

#endif
