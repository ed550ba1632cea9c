/** @file Waiting for the user or the clock: `prompt` and `sleep`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/command.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/time.h>
#include "../script/script_int.h"

/** Text shown by `prompt` when none is given */
#define PROMPT_DEFAULT_TEXT "Press any key to continue"

/** Option ids of `prompt` */
enum { PROMPT_OPT_KEY = 1, PROMPT_OPT_TIMEOUT };

/** Options of `prompt` */
static const struct cmd_option prompt_opts[] = {
	{ .name = "key", .short_name = 'k', .has_arg = 1,
	  .id = PROMPT_OPT_KEY },
	{ .name = "timeout", .short_name = 't', .has_arg = 1,
	  .id = PROMPT_OPT_TIMEOUT },
};

static const struct command prompt_cmd;
static const struct command prompt_sleep_cmd;

/**
 * Show @p text, wait for a key, then erase the text again
 *
 * @v text      prompt text
 * @v timeout   milliseconds, 0 for ever
 * @ret key     the key, or -1 on timeout
 */
static int prompt_wait(const char *text, unsigned long timeout)
{
	int key;

	printf("%s", text);
	key = getkey(timeout);
	for (size_t i = strlen(text); i; i--)
		printf("\b \b");
	return key;
}

/**
 * `prompt [--key K] [--timeout MS] [text]`: wait for a key.  Without
 * --key any key succeeds; with it, that key succeeds and any other key
 * fails with -ECANCELED.  A timeout fails with -ETIMEDOUT.
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int prompt_exec(int argc, char **argv)
{
	unsigned long want = 0;
	unsigned long timeout = 0;
	int optind = 1;
	char *text;
	char *arg;
	int id;
	int key;

	while ((id = parse_options(&prompt_cmd, prompt_opts,
				   ARRAY_SIZE(prompt_opts), argc, argv,
				   &optind, &arg)) > 0) {
		int ok = id == PROMPT_OPT_KEY ? parse_key(arg, &want) :
			 parse_number(arg, &timeout);

		if (!ok) {
			printf("%sprompt: bad %s \"%s\"\n", script_where(),
			       id == PROMPT_OPT_KEY ? "key" : "timeout", arg);
			return -EINVAL;
		}
	}
	if (id < 0)
		return id;
	text = optind < argc ? concat_args(argc - optind, argv + optind) :
			       strdup(PROMPT_DEFAULT_TEXT);
	if (!text)
		return -ENOMEM;
	key = prompt_wait(text, timeout);
	free(text);
	if (key < 0)
		return -ETIMEDOUT;
	if (want && (unsigned long)key != want)
		return -ECANCELED;
	return 0;
}

/**
 * `sleep SECONDS`: wait, keeping the network running; Ctrl-C cancels
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0, -ECANCELED or -EINVAL
 */
static int prompt_sleep_exec(int argc, char **argv)
{
	unsigned long seconds;

	if (argc != 2)
		return command_usage(&prompt_sleep_cmd);
	if (!parse_number(argv[1], &seconds) || seconds > 0xffffffUL) {
		printf("%ssleep: \"%s\" is not a number of seconds\n",
		       script_where(), argv[1]);
		return -EINVAL;
	}
	return sleep_ms(seconds * 1000);
}

/** The `prompt` command */
static const struct command prompt_cmd = {
	.name = "prompt",
	.usage = "[--key K] [--timeout MS] [text]",
	.exec = prompt_exec,
};
COMMAND(prompt_cmd);

/** The `sleep` command */
static const struct command prompt_sleep_cmd = {
	.name = "sleep",
	.usage = "seconds",
	.exec = prompt_sleep_exec,
};
COMMAND(prompt_sleep_cmd);
