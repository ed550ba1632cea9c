/** @file Menu and form commands: `menu`, `form`, `item`, `choose` and `present`. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/form.h>
#include <lwpxe/menu.h>
#include <lwpxe/settings.h>
#include "../script/script_int.h"

static const struct command menu_cmd;
static const struct command menu_item_cmd;
static const struct command menu_choose_cmd;
static const struct command menu_form_cmd;
static const struct command menu_present_cmd;

/** Option ids of `menu`, `item` and `choose` */
enum {
	MENU_OPT_NAME = 1, MENU_OPT_DELETE, MENU_OPT_MENU, MENU_OPT_KEY,
	MENU_OPT_DEFAULT, MENU_OPT_GAP, MENU_OPT_TIMEOUT, MENU_OPT_RETIMEOUT,
	MENU_OPT_KEEP, MENU_OPT_SECRET,
};

/**
 * Find the menu or form a command names, printing why if there is none
 *
 * @v cmd       command name
 * @v name      name, NULL for the unnamed one
 * @v what      "menu" or "form", for the message
 * @ret menu    the menu or form, or NULL
 */
static struct menu *menu_cmd_find(const char *cmd, const char *name,
				  const char *what)
{
	struct menu *menu = menu_find(name);

	if (menu)
		return menu;
	if (name)
		printf("%s%s: no %s \"%s\"\n", script_where(), cmd, what, name);
	else
		printf("%s%s: no %s (make one with `%s` first)\n",
		       script_where(), cmd, what, what);
	return NULL;
}

/** Options of `menu` */
static const struct cmd_option menu_opts[] = {
	{ .name = "name", .short_name = 'n', .has_arg = 1, .id = MENU_OPT_NAME },
	{ .name = "delete", .short_name = 'd', .id = MENU_OPT_DELETE },
};

/**
 * `menu|form [--name NAME] [--delete] [TITLE...]`: make (or delete) a
 * menu or a form
 *
 * @v cmd       the command (`menu` or `form`)
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int menu_define(const struct command *cmd, int argc, char **argv)
{
	const char *name = NULL;
	struct menu *menu;
	int delete = 0;
	int optind = 1;
	char *title;
	char *arg;
	int id;

	while ((id = parse_options(cmd, menu_opts, ARRAY_SIZE(menu_opts),
				   argc, argv, &optind, &arg)) > 0) {
		if (id == MENU_OPT_NAME)
			name = arg;
		else
			delete = 1;
	}
	if (id < 0)
		return id;
	if (delete) {
		menu = menu_cmd_find(cmd->name, name, cmd->name);
		if (!menu)
			return -ENOENT;
		menu_delete(menu);
		return 0;
	}
	title = concat_args(argc - optind, argv + optind);
	menu = title ? menu_create(name, title) : NULL;
	free(title);
	if (!menu) {
		printf("%s%s: out of memory\n", script_where(), cmd->name);
		return -ENOMEM;
	}
	menu->is_form = cmd == &menu_form_cmd;
	return 0;
}

/** `menu [--name NAME] [--delete] [TITLE...]`: make (or delete) a menu */
static int menu_exec(int argc, char **argv)
{
	return menu_define(&menu_cmd, argc, argv);
}

/** `form [--name NAME] [--delete] [TITLE...]`: make (or delete) a form */
static int menu_form_exec(int argc, char **argv)
{
	return menu_define(&menu_form_cmd, argc, argv);
}

/** Options of `item` (--form is --menu for a form: one list holds both) */
static const struct cmd_option menu_item_opts[] = {
	{ .name = "menu", .short_name = 'm', .has_arg = 1, .id = MENU_OPT_MENU },
	{ .name = "form", .short_name = 'f', .has_arg = 1, .id = MENU_OPT_MENU },
	{ .name = "secret", .short_name = 's', .id = MENU_OPT_SECRET },
	{ .name = "key", .short_name = 'k', .has_arg = 1, .id = MENU_OPT_KEY },
	{ .name = "default", .short_name = 'd', .id = MENU_OPT_DEFAULT },
	{ .name = "gap", .short_name = 'g', .id = MENU_OPT_GAP },
};

/**
 * `item [--menu NAME|--form NAME] [--key KEY] [--default] [--secret]
 * [LABEL [TEXT...]]` or `item ... --gap [TEXT...]`: add an item (no
 * label, or --gap: a separator that cannot be selected); in a form the
 * label is the setting the field edits, --secret shows it as '*'

 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int menu_item_exec(int argc, char **argv)
{
	const char *name = NULL;
	const char *label = NULL;
	unsigned long key = 0;
	int is_default = 0, gap = 0, secret = 0;
	struct menu *menu;
	int optind = 1;
	char *text;
	char *arg;
	int id, rc;

	while ((id = parse_options(&menu_item_cmd, menu_item_opts,
				   ARRAY_SIZE(menu_item_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (id == MENU_OPT_MENU) {
			name = arg;
		} else if (id == MENU_OPT_KEY) {
			if (!parse_key(arg, &key) || key > 0xffff) {
				printf("%sitem: bad key \"%s\"\n",
				       script_where(), arg);
				return -EINVAL;
			}
		} else if (id == MENU_OPT_DEFAULT) {
			is_default = 1;
		} else if (id == MENU_OPT_SECRET) {
			secret = 1;
		} else {
			gap = 1;
		}
	}
	if (id < 0)
		return id;
	menu = menu_cmd_find("item", name, "menu");
	if (!menu)
		return -ENOENT;
	if (!gap && optind < argc && argv[optind][0])
		label = argv[optind++];
	text = concat_args(argc - optind, argv + optind);
	rc = text ? menu_add_item(menu, label, text, (int)key, is_default) :
		    -ENOMEM;
	free(text);
	if (rc == 0)
		menu->items[menu->count - 1].secret = secret;
	if (rc != 0)
		printf("%sitem: out of memory\n", script_where());
	return rc;
}

/** Options of `choose` */
static const struct cmd_option menu_choose_opts[] = {
	{ .name = "menu", .short_name = 'm', .has_arg = 1, .id = MENU_OPT_MENU },
	{ .name = "default", .short_name = 'd', .has_arg = 1,
	  .id = MENU_OPT_DEFAULT },
	{ .name = "timeout", .short_name = 't', .has_arg = 1,
	  .id = MENU_OPT_TIMEOUT },
	{ .name = "retimeout", .short_name = 'r', .has_arg = 1,
	  .id = MENU_OPT_RETIMEOUT },
	{ .name = "keep", .short_name = 'k', .id = MENU_OPT_KEEP },
};

/** What `choose` was asked for */
struct menu_choose_args {
	const char *menu;       /**< menu name, NULL for the unnamed menu */
	const char *dflt;       /**< label selected first, or NULL */
	unsigned long timeout;  /**< ms before the selection is taken, 0 = never */
	unsigned long retimeout;  /**< ms restarted by each key, 0 = none */
	int keep;               /**< nonzero to keep the menu afterwards */
};

/**
 * Parse the options of `choose` into @p args
 *
 * @ret rc      operand index (the setting), or -EINVAL (message printed)
 */
static int menu_choose_parse(int argc, char **argv,
			     struct menu_choose_args *args)
{
	int optind = 1;
	char *arg;
	int id;

	while ((id = parse_options(&menu_choose_cmd, menu_choose_opts,
				   ARRAY_SIZE(menu_choose_opts), argc, argv,
				   &optind, &arg)) > 0) {
		unsigned long *ms = id == MENU_OPT_TIMEOUT ? &args->timeout :
				    &args->retimeout;

		if (id == MENU_OPT_MENU) {
			args->menu = arg;
		} else if (id == MENU_OPT_DEFAULT) {
			args->dflt = arg;
		} else if (id == MENU_OPT_KEEP) {
			args->keep = 1;
		} else if (!parse_number(arg, ms)) {
			printf("%schoose: bad timeout \"%s\"\n",
			       script_where(), arg);
			return -EINVAL;
		}
	}
	if (id < 0)
		return id;
	if (optind != argc - 1)
		return command_usage(&menu_choose_cmd);
	return optind;
}

/**
 * `choose [--menu NAME] [--default LABEL] [--timeout MS] [--retimeout MS]
 * [--keep] SETTING`: show the menu, store the chosen item's label in
 * SETTING.  Esc fails with -ECANCELED.  The menu is deleted afterwards
 * unless --keep.
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int menu_choose_exec(int argc, char **argv)
{
	struct menu_choose_args args = { 0 };
	const char *label = NULL;
	struct menu *menu;
	int rc = menu_choose_parse(argc, argv, &args);

	if (rc < 0)
		return rc;
	menu = menu_cmd_find("choose", args.menu, "menu");
	if (!menu)
		return -ENOENT;
	if (menu->is_form) {
		printf("%schoose: \"%s\" is a form (use `present`)\n",
		       script_where(), menu->name ? menu->name : "");
		return -EINVAL;
	}
	rc = menu_choose(menu, args.dflt, args.timeout, args.retimeout, &label);
	if (rc == -ENOENT)
		printf("%schoose: the menu has no items to choose from\n",
		       script_where());
	else if (rc == -ECANCELED)
		printf("%schoose: cancelled\n", script_where());
	else if ((rc = settings_store_text(argv[argc - 1], label)) != 0)
		printf("%schoose: %s: %s\n", script_where(), argv[argc - 1],
		       errmsg(rc));
	if (!args.keep)
		menu_delete(menu);
	return rc;
}

/** Options of `present` */
static const struct cmd_option menu_present_opts[] = {
	{ .name = "form", .short_name = 'f', .has_arg = 1, .id = MENU_OPT_MENU },
	{ .name = "keep", .short_name = 'k', .id = MENU_OPT_KEEP },
};

/**
 * `present [--form NAME] [--keep]`: show a form, store its fields in
 * their settings when Enter is pressed on the last one (Esc fails with
 * -ECANCELED); the form is deleted afterwards unless --keep
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0 or -error
 */
static int menu_present_exec(int argc, char **argv)
{
	const char *name = NULL;
	struct menu *form;
	int keep = 0;
	int optind = 1;
	char *arg;
	int id, rc;

	while ((id = parse_options(&menu_present_cmd, menu_present_opts,
				   ARRAY_SIZE(menu_present_opts), argc, argv,
				   &optind, &arg)) > 0) {
		if (id == MENU_OPT_MENU)
			name = arg;
		else
			keep = 1;
	}
	if (id < 0)
		return id;
	if (optind != argc)
		return command_usage(&menu_present_cmd);
	form = menu_cmd_find("present", name, "form");
	if (!form)
		return -ENOENT;
	if (!form->is_form) {
		printf("%spresent: \"%s\" is a menu (use `choose`)\n",
		       script_where(), form->name ? form->name : "");
		return -EINVAL;
	}
	rc = form_present(form);
	if (rc == -ENOENT)
		printf("%spresent: the form has no fields\n", script_where());
	else if (rc == -ECANCELED)
		printf("%spresent: cancelled\n", script_where());
	if (!keep)
		menu_delete(form);
	return rc;
}

/** The `menu` command */
static const struct command menu_cmd = {
	.name = "menu",
	.usage = "[--name NAME] [--delete] [TITLE]",
	.exec = menu_exec,
};
COMMAND(menu_cmd);

/** The `item` command */
static const struct command menu_item_cmd = {
	.name = "item",
	.usage = "[--menu NAME|--form NAME] [--key KEY] [--default] [--secret] [LABEL [TEXT]|--gap [TEXT]]",
	.exec = menu_item_exec,
};
COMMAND(menu_item_cmd);

/** The `choose` command */
static const struct command menu_choose_cmd = {
	.name = "choose",
	.usage = "[--menu NAME] [--default LABEL] [--timeout MS] [--retimeout MS] [--keep] SETTING",
	.exec = menu_choose_exec,
};
COMMAND(menu_choose_cmd);

/** The `form` command */
static const struct command menu_form_cmd = {
	.name = "form",
	.usage = "[--name NAME] [--delete] [TITLE]",
	.exec = menu_form_exec,
};
COMMAND(menu_form_cmd);

/** The `present` command */
static const struct command menu_present_cmd = {
	.name = "present",
	.usage = "[--form NAME] [--keep]",
	.exec = menu_present_exec,
};
COMMAND(menu_present_cmd);
