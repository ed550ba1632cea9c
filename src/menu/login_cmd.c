/** @file The `login` command: a form asking for a user name and a password. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/form.h>
#include "../script/script_int.h"

static const struct command read_login_cmd;

/**
 * `login`: a form asking for a user name and a password (shown as '*'),
 * stored in ${username} and ${password}
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int read_login_exec(int argc, char **argv)
{
	struct menu *form;
	int rc;

	(void)argv;
	if (argc != 1)
		return command_usage(&read_login_cmd);
	form = menu_alloc("Login");
	rc = form ? menu_add_item(form, "username", "Username", 0, 0) : -ENOMEM;
	if (rc == 0)
		rc = menu_add_item(form, "password", "Password", 0, 0);
	if (rc == 0) {
		form->items[1].secret = 1;
		rc = form_present(form);
		if (rc == -ECANCELED)
			printf("%slogin: cancelled\n", script_where());
	} else {
		printf("%slogin: out of memory\n", script_where());
	}
	if (form)
		menu_delete(form);
	return rc;
}

/** The `login` command */
static const struct command read_login_cmd = {
	.name = "login",
	.usage = "",
	.exec = read_login_exec,
};
COMMAND(read_login_cmd);
