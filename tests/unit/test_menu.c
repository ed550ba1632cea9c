/** @file Unit tests for menus: item lists, moving the selection, key decoding, drawing, the commands. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/colour.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/form.h>
#include <lwpxe/menu.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include "platform_stub.h"

/** Drop every menu, setting and colour change; quiet console, no keys */
static int reset(void **state)
{
	struct menu *menu;

	(void)state;
	while ((menu = menu_find(NULL)) != NULL)
		menu_delete(menu);
	while ((menu = menu_find("sub")) != NULL)
		menu_delete(menu);
	settings_free_block(settings_root());
	colour_reset();
	stub_console_quiet(1);
	stub_console_reset();
	stub_console_input(NULL);
	return 0;
}

/** A menu: separator, a, b, separator, c (key 'c'), d */
static struct menu *sample(void)
{
	struct menu *menu = menu_create(NULL, "Title");

	assert_non_null(menu);
	assert_int_equal(menu_add_item(menu, NULL, "-- top --", 0, 0), 0);
	assert_int_equal(menu_add_item(menu, "a", "Item A", 0, 0), 0);
	assert_int_equal(menu_add_item(menu, "b", "Item B", 0, 0), 0);
	assert_int_equal(menu_add_item(menu, NULL, "", 0, 0), 0);
	assert_int_equal(menu_add_item(menu, "c", "Item C", 'c', 0), 0);
	assert_int_equal(menu_add_item(menu, "d", "Item D", 0, 0), 0);
	return menu;
}

/** Menus are found by name, replaced by a new one of that name, deleted */
static void test_menu_list(void **state)
{
	struct menu *unnamed, *sub, *again;

	(void)state;
	unnamed = menu_create(NULL, "Main");
	sub = menu_create("sub", "Sub");
	assert_ptr_equal(menu_find(NULL), unnamed);
	assert_ptr_equal(menu_find("sub"), sub);
	assert_null(menu_find("other"));
	again = menu_create("sub", "Sub again");
	assert_ptr_equal(menu_find("sub"), again);
	assert_string_equal(again->title, "Sub again");
	menu_delete(again);
	assert_null(menu_find("sub"));
	assert_ptr_equal(menu_find(NULL), unnamed);
}

/** Items keep their order; a later default replaces an earlier one; separators are not selectable */
static void test_menu_items(void **state)
{
	struct menu *menu = sample();

	(void)state;
	assert_int_equal(menu->count, 6);
	assert_false(menu_selectable(menu, 0));
	assert_true(menu_selectable(menu, 1));
	assert_false(menu_selectable(menu, 3));
	assert_false(menu_selectable(menu, 6));
	assert_int_equal(menu->items[4].key, 'c');
	assert_int_equal(menu_add_item(menu, "e", "E", 0, 1), 0);
	assert_int_equal(menu_add_item(menu, "f", "F", 0, 1), 0);
	assert_false(menu->items[6].is_default);
	assert_true(menu->items[7].is_default);
}

/** The first selection: --default label, else the default item, else the first selectable */
static void test_ui_init(void **state)
{
	struct menu *menu = sample();
	struct menu *empty = menu_create("sub", "Empty");
	struct menu_ui ui;

	(void)state;
	assert_int_equal(menu_ui_init(&ui, menu, 10, NULL), 0);
	assert_int_equal(ui.selected, 1);
	assert_int_equal(ui.first, 0);
	menu->items[5].is_default = 1;
	assert_int_equal(menu_ui_init(&ui, menu, 10, NULL), 0);
	assert_int_equal(ui.selected, 5);
	assert_int_equal(menu_ui_init(&ui, menu, 10, "b"), 0);
	assert_int_equal(ui.selected, 2);
	assert_int_equal(menu_ui_init(&ui, menu, 10, "missing"), 0);
	assert_int_equal(ui.selected, 5);
	/* a selection below the visible rows scrolls into view */
	assert_int_equal(menu_ui_init(&ui, menu, 2, "d"), 0);
	assert_int_equal(ui.first, 4);
	assert_int_equal(menu_ui_init(&ui, empty, 10, NULL), -ENOENT);
	assert_int_equal(menu_add_item(empty, NULL, "only a gap", 0, 0), 0);
	assert_int_equal(menu_ui_init(&ui, empty, 10, NULL), -ENOENT);
}

/** Arrows skip separators and stop at the ends; pages, Home, End; scrolling follows */
static void test_ui_move(void **state)
{
	struct menu *menu = sample();
	struct menu_ui ui;

	(void)state;
	assert_int_equal(menu_ui_init(&ui, menu, 3, NULL), 0);
	assert_int_equal(menu_ui_key(&ui, KEY_UP), MENU_IDLE);
	assert_int_equal(ui.selected, 1);
	assert_int_equal(menu_ui_key(&ui, KEY_DOWN), MENU_MOVED);
	assert_int_equal(ui.selected, 2);
	assert_int_equal(menu_ui_key(&ui, KEY_DOWN), MENU_MOVED);
	assert_int_equal(ui.selected, 4);       /* over the gap */
	assert_int_equal(ui.first, 2);
	assert_int_equal(menu_ui_key(&ui, KEY_DOWN), MENU_MOVED);
	assert_int_equal(menu_ui_key(&ui, KEY_DOWN), MENU_IDLE);
	assert_int_equal(ui.selected, 5);
	assert_int_equal(ui.first, 3);
	assert_int_equal(menu_ui_key(&ui, KEY_HOME), MENU_MOVED);
	assert_int_equal(ui.selected, 1);
	assert_int_equal(ui.first, 0);          /* the top separator shows again */
	assert_int_equal(menu_ui_key(&ui, KEY_END), MENU_MOVED);
	assert_int_equal(ui.selected, 5);
	assert_int_equal(menu_ui_key(&ui, KEY_PPAGE), MENU_MOVED);
	assert_int_equal(ui.selected, 2);       /* two rows up lands on the gap, then b */
	assert_int_equal(menu_ui_key(&ui, KEY_NPAGE), MENU_MOVED);
	assert_int_equal(ui.selected, 4);
	assert_int_equal(menu_ui_key(&ui, 'x'), MENU_IDLE);
}

/** Enter chooses, a shortcut selects and chooses, Esc, Ctrl-C and end of input cancel */
static void test_ui_choose_keys(void **state)
{
	struct menu *menu = sample();
	struct menu_ui ui;

	(void)state;
	assert_int_equal(menu_ui_init(&ui, menu, 3, NULL), 0);
	assert_int_equal(menu_ui_key(&ui, '\r'), MENU_CHOSEN);
	assert_int_equal(menu_ui_key(&ui, '\n'), MENU_CHOSEN);
	assert_int_equal(menu_ui_key(&ui, 'c'), MENU_CHOSEN);
	assert_int_equal(ui.selected, 4);
	assert_int_equal(ui.first, 2);
	assert_int_equal(menu_ui_key(&ui, 'C'), MENU_IDLE);
	assert_int_equal(menu_ui_key(&ui, KEY_ESC), MENU_CANCELLED);
	assert_int_equal(menu_ui_key(&ui, CTRL('c')), MENU_CANCELLED);
	assert_int_equal(menu_ui_key(&ui, CTRL('d')), MENU_CANCELLED);
}

/** Terminal sequences decode to keys; a lone Esc keeps the byte after it */
static void test_key_decoding(void **state)
{
	(void)state;
	stub_console_input("\033[A\033[B\033[5~\033[6~\033[H\033[F\033[1~\033[4~"
			   "\033OA\033x\033\033[B");
	assert_int_equal(getkey(0), KEY_UP);
	assert_int_equal(getkey(0), KEY_DOWN);
	assert_int_equal(getkey(0), KEY_PPAGE);
	assert_int_equal(getkey(0), KEY_NPAGE);
	assert_int_equal(getkey(0), KEY_HOME);
	assert_int_equal(getkey(0), KEY_END);
	assert_int_equal(getkey(0), KEY_HOME);
	assert_int_equal(getkey(0), KEY_END);
	assert_int_equal(getkey(0), KEY_UP);
	assert_int_equal(getkey(0), KEY_ESC);
	assert_true(iskey());
	assert_int_equal(getkey(0), 'x');
	assert_int_equal(getkey(0), KEY_ESC);
	assert_int_equal(getkey(0), KEY_DOWN);
	assert_false(iskey());
	/* Esc as the last key: nothing follows */
	stub_console_input("\033");
	assert_int_equal(getkey(0), KEY_ESC);
	assert_false(iskey());
}

/** Pairs print as SGR sequences; colour and cpair change them; bad numbers are refused */
static void test_colours(void **state)
{
	char sgr[16];

	(void)state;
	cpair_sgr(CPAIR_NORMAL, sgr);
	assert_string_equal(sgr, "\033[0;37;44m");      /* colour 4 is magic: blue */
	cpair_sgr(CPAIR_DEFAULT, sgr);
	assert_string_equal(sgr, "\033[0;39;49m");
	assert_int_equal(cpair_define(CPAIR_NORMAL, 3, 6), 0);
	cpair_sgr(CPAIR_NORMAL, sgr);
	assert_string_equal(sgr, "\033[0;33;46m");
	assert_int_equal(colour_define(6, 1, 0x112233), 0);
	cpair_sgr(CPAIR_NORMAL, sgr);
	assert_string_equal(sgr, "\033[0;33;41m");
	assert_int_equal(colour_define(8, 1, -1), -EINVAL);
	assert_int_equal(colour_define(1, 8, -1), -EINVAL);
	assert_int_equal(colour_define(1, 1, 0x1000000), -EINVAL);
	assert_int_equal(cpair_define(8, 1, 1), -EINVAL);
	assert_int_equal(cpair_define(1, 8, 1), -EINVAL);
	colour_reset();
	cpair_sgr(CPAIR_NORMAL, sgr);
	assert_string_equal(sgr, "\033[0;37;44m");
}

/** Run a script (lines from 2, after "#!ipxe") and return what it printed (status in *rc) */
static const char *script(const char *text, int *rc)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "#!ipxe\n%s", text);
	stub_console_reset();
	*rc = script_run("t.ipxe", buf, strlen(buf));
	return stub_console_output();
}

/** The value of setting @p name as text ("" if unset) */
static const char *setting(const char *name)
{
	static char buf[64];

	if (settings_fetch_text(name, buf, sizeof(buf)) < 0)
		buf[0] = '\0';
	return buf;
}

/** A drawn menu: title, items, the highlight moving; the chosen label stored; the menu gone */
static void test_choose_drawn(void **state)
{
	const char *out;
	int rc;

	(void)state;
	stub_console_input("\033[B\r");
	out = script("menu Boot menu\nitem --gap Systems\nitem one First\n"
		     "item two Second\nchoose target\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("target"), "two");
	assert_non_null(strstr(out, "\033[2J"));
	assert_non_null(strstr(out, "Boot menu"));
	assert_non_null(strstr(out, "\033[3;1H\033[0;36;44m Systems "));
	assert_non_null(strstr(out, "\033[4;1H\033[0;37;41m First "));
	/* after Down: First plain again, Second highlighted */
	assert_non_null(strstr(out, "\033[4;1H\033[0;37;44m First "));
	assert_non_null(strstr(out, "\033[5;1H\033[0;37;41m Second "));
	/* the screen is left clean in the default colours */
	assert_non_null(strstr(out, "\033[0;39;49m\033[2J\033[H"));
	assert_null(menu_find(NULL));
}

/** A menu longer than the screen: marks say more items are below, then above, once scrolled */
static void test_choose_long(void **state)
{
	char text[4096] = "menu Long\n";
	const char *out;
	int rc;

	(void)state;
	for (unsigned int i = 0; i < 30; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "item i%u Item %u\n", i, i);
	strcat(text, "choose x\n");
	stub_console_input("\033[6~\033[6~\r");
	out = script(text, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("x"), "i29");       /* two pages down, clamped at the end */
	assert_non_null(strstr(out, "\033[22;68H\033[0;36;44m(more down) "));
	assert_non_null(strstr(out, "\033[2;68H\033[0;36;44m  (more up) "));
	assert_non_null(strstr(out, "\033[21;1H\033[0;37;41m Item 29 "));
}

/** --default, shortcuts, --keep and --menu; Esc takes the || branch */
static void test_choose_options(void **state)
{
	const char *out;
	int rc;

	(void)state;
	stub_console_input("\r");
	script("menu --name sub Sub\nitem --menu sub a A\nitem --menu sub b B\n"
	       "choose --menu sub --default b --keep x\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("x"), "b");
	assert_non_null(menu_find("sub"));
	stub_console_input("q");
	script("item --menu sub --key q quit Quit\nchoose --menu sub y\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("y"), "quit");
	assert_null(menu_find("sub"));
	stub_console_input("\033");
	out = script("menu M\nitem a A\nchoose z || echo escaped\n", &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "t.ipxe:4: choose: cancelled\nescaped\n"));
	assert_string_equal(setting("z"), "");
}

/** --timeout with no key takes the default; a key stops the countdown */
static void test_choose_timeout(void **state)
{
	const char *status;
	const char *out;
	int rc;

	(void)state;
	stub_console_input(NULL);
	out = script("menu M\nitem a A\nitem --default b B\n"
		     "choose --timeout 50 t\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("t"), "b");
	assert_non_null(strstr(out, "\"B\" in 1 s"));
	/* end of input (Ctrl-D) does not stop the countdown */
	stub_console_input("\x04");
	script("menu M\nitem a A\nitem --default b B\n"
	       "choose --timeout 50 t\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("t"), "b");
	/* --retimeout: no countdown until a key, then one from that key */
	stub_console_input("\033[A");
	out = script("menu M\nitem a A\nitem --default b B\n"
		     "choose --retimeout 50 t\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("t"), "a");
	assert_non_null(strstr(out, "\"A\" in 1 s"));
	assert_null(strstr(out, "\"B\" in 1 s"));
	/* Up stops the countdown (the status line is blanked) and moves; Enter takes a */
	stub_console_input("\033[A\r");
	out = script("menu M\nitem a A\nitem --default b B\n"
		     "choose --timeout 50 t\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("t"), "a");
	status = strstr(out, "\"B\" in 1 s");
	assert_non_null(status);
	status = strstr(status, "\033[23;1H");
	assert_non_null(status);
	assert_int_equal(strspn(status + strlen("\033[23;1H\033[0;37;44m"), " "),
			 79);
}

/** Bad input: one line each, non-zero status, no hang */
static void test_bad_input(void **state)
{
	const char *out;
	int rc;

	(void)state;
	out = script("choose x || echo no-menu\n", &rc);
	assert_string_equal(out, "t.ipxe:2: choose: no menu (make one with `menu` first)\nno-menu\n");
	out = script("choose --menu nope x || echo no-such\n", &rc);
	assert_string_equal(out, "t.ipxe:2: choose: no menu \"nope\"\nno-such\n");
	out = script("menu Empty\nitem --gap only a gap\nchoose x || echo empty\n", &rc);
	assert_string_equal(out, "t.ipxe:4: choose: the menu has no items to choose from\nempty\n");
	assert_null(menu_find(NULL));
	out = script("item a A || echo no-item-menu\n", &rc);
	assert_string_equal(out, "t.ipxe:2: item: no menu (make one with `menu` first)\nno-item-menu\n");
	out = script("menu M\nitem --key toolong a A || echo badkey\n", &rc);
	assert_string_equal(out, "t.ipxe:3: item: bad key \"toolong\"\nbadkey\n");
	out = script("choose --timeout soon x || echo badtime\n", &rc);
	assert_string_equal(out, "t.ipxe:2: choose: bad timeout \"soon\"\nbadtime\n");
	out = script("menu --name gone --delete || echo nodelete\n", &rc);
	assert_string_equal(out, "t.ipxe:2: menu: no menu \"gone\"\nnodelete\n");
	out = script("cpair --foreground 8 1 || echo badpair\n", &rc);
	assert_string_equal(out, "t.ipxe:2: cpair: pair 1 of colours 8 on 9 out of range (pair 0-7, colours 0-7 or 9)\nbadpair\n");
	out = script("colour --rgb 0x1000000 1 || echo badrgb\n", &rc);
	assert_non_null(strstr(out, "t.ipxe:2: colour: colour 1, basic 9 or RGB out of range"));
	assert_non_null(strstr(out, "\nbadrgb\n"));
}

/** read edits the current value; end of input fails with one line; login masks the password */
static void test_read_login(void **state)
{
	const char *out;
	int rc;

	(void)state;
	stub_console_input("hello world\r");
	script("read greeting\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("greeting"), "hello world");
	stub_console_input("\x7f\x7f\x7fWIDE\r");
	script("read greeting\n", &rc);
	assert_string_equal(setting("greeting"), "hello woWIDE");
	stub_console_input("\x04");
	out = script("read answer || echo eof\n", &rc);
	assert_string_equal(out, "\nt.ipxe:2: read: answer: no input (end of input)\neof\n");
	/* a partial line then end of input: fails too, no wait for more */
	stub_console_input("part\x04");
	out = script("read answer || echo eof\n", &rc);
	assert_non_null(strstr(out, "t.ipxe:2: read: answer: no input (end of input)\neof\n"));
	assert_string_equal(setting("answer"), "");
	stub_console_input("alice\rs3cret\r");
	out = script("login\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("username"), "alice");
	assert_string_equal(setting("password"), "s3cret");
	assert_non_null(strstr(out, "Login"));
	assert_non_null(strstr(out, "\033[4;32H\033[0;30;46m****** "));
	assert_null(strstr(out, "s3cret"));
	stub_console_input("\033");
	out = script("login || echo no-login\n", &rc);
	assert_non_null(strstr(out, "t.ipxe:2: login: cancelled\nno-login\n"));
}

/** A sample form: field a, separator, secret field b (the default) */
static struct menu *sample_form(void)
{
	struct menu *form = menu_create(NULL, "Form");

	assert_non_null(form);
	form->is_form = 1;
	assert_int_equal(menu_add_item(form, "a", "A", 0, 0), 0);
	assert_int_equal(menu_add_item(form, NULL, "--", 0, 0), 0);
	assert_int_equal(menu_add_item(form, "b", "B", 0, 1), 0);
	form->items[2].secret = 1;
	return form;
}

/** Start values for form fields: "va" for a, none for b */
static const char *initial(const char *label, void *ctx)
{
	(void)ctx;
	return strcmp(label, "a") == 0 ? "va" : NULL;
}

/** Form fields: start values, typing, Backspace, Ctrl-U, moving, submit, cancel */
static void test_form_ui(void **state)
{
	struct menu *form = sample_form();
	struct form_ui ui;

	(void)state;
	assert_int_equal(form_ui_init(&ui, form, initial, NULL), 0);
	assert_int_equal(ui.focus, 2);          /* the default field */
	assert_string_equal(ui.values[0], "va");
	assert_null(ui.values[1]);
	assert_string_equal(ui.values[2], "");
	assert_int_equal(form_ui_key(&ui, 'x'), FORM_EDITED);
	assert_string_equal(ui.values[2], "x");
	assert_int_equal(form_ui_key(&ui, KEY_DOWN), FORM_IDLE);
	assert_int_equal(form_ui_key(&ui, KEY_UP), FORM_MOVED);
	assert_int_equal(ui.focus, 0);          /* over the separator */
	assert_int_equal(form_ui_key(&ui, 0x7f), FORM_EDITED);
	assert_string_equal(ui.values[0], "v");
	assert_int_equal(form_ui_key(&ui, CTRL('u')), FORM_EDITED);
	assert_string_equal(ui.values[0], "");
	assert_int_equal(form_ui_key(&ui, 0x7f), FORM_IDLE);
	assert_int_equal(form_ui_key(&ui, KEY_LEFT), FORM_IDLE);
	assert_int_equal(form_ui_key(&ui, '\t'), FORM_MOVED);
	assert_int_equal(form_ui_key(&ui, KEY_UP), FORM_MOVED);
	assert_int_equal(form_ui_key(&ui, '\r'), FORM_MOVED);
	assert_int_equal(ui.focus, 2);
	assert_int_equal(form_ui_key(&ui, '\r'), FORM_SUBMIT);
	assert_int_equal(form_ui_key(&ui, KEY_ESC), FORM_CANCELLED);
	assert_int_equal(form_ui_key(&ui, CTRL('d')), FORM_CANCELLED);
	form_ui_free(&ui);
	assert_int_equal(menu_add_item(menu_create("sub", "Empty"), NULL, "gap",
				       0, 0), 0);
	assert_int_equal(form_ui_init(&ui, menu_find("sub"), NULL, NULL),
			 -ENOENT);
}

/** present stores the fields; bad input: no form, a menu given to present, a form given to choose */
static void test_present(void **state)
{
	const char *out;
	int rc;

	(void)state;
	stub_console_input("1\r2\r");
	out = script("set a old\nform F\nitem a A\nitem --secret b B\npresent\n",
		     &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(setting("a"), "old1");
	assert_string_equal(setting("b"), "2");
	assert_non_null(strstr(out, "\033[3;32H\033[0;30;46mold "));
	assert_null(menu_find(NULL));
	out = script("present || echo no-form\n", &rc);
	assert_string_equal(out, "t.ipxe:2: present: no form (make one with `form` first)\nno-form\n");
	out = script("menu --name sub M\nitem --menu sub a A\npresent --form sub || echo is-menu\n", &rc);
	assert_string_equal(out, "t.ipxe:4: present: \"sub\" is a menu (use `choose`)\nis-menu\n");
	out = script("form --name sub F\nitem --form sub a A\nchoose --menu sub x || echo is-form\n", &rc);
	assert_string_equal(out, "t.ipxe:4: choose: \"sub\" is a form (use `present`)\nis-form\n");
	out = script("form\nitem --gap -- only\npresent || echo no-fields\n", &rc);
	assert_string_equal(out, "t.ipxe:4: present: the form has no fields\nno-fields\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_menu_list, reset),
		cmocka_unit_test_setup(test_menu_items, reset),
		cmocka_unit_test_setup(test_ui_init, reset),
		cmocka_unit_test_setup(test_ui_move, reset),
		cmocka_unit_test_setup(test_ui_choose_keys, reset),
		cmocka_unit_test_setup(test_key_decoding, reset),
		cmocka_unit_test_setup(test_colours, reset),
		cmocka_unit_test_setup(test_choose_drawn, reset),
		cmocka_unit_test_setup(test_choose_long, reset),
		cmocka_unit_test_setup(test_choose_options, reset),
		cmocka_unit_test_setup(test_choose_timeout, reset),
		cmocka_unit_test_setup(test_bad_input, reset),
		cmocka_unit_test_setup(test_read_login, reset),
		cmocka_unit_test_setup(test_form_ui, reset),
		cmocka_unit_test_setup(test_present, reset),
	};

	return cmocka_run_group_tests(tests, NULL, reset);
}
