/** @file Choosing from a menu on screen: keys in, redraws out, the countdown of `choose --timeout`. */
#include <stdio.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/menu.h>
#include <lwpxe/time.h>

/** Largest status line written */
#define MENU_STATUS_MAX 128

/**
 * Show the countdown for @p left_ms more milliseconds
 *
 * @v ui        the menu
 * @v left_ms   time left, above 0
 */
static void menu_choose_countdown(const struct menu_ui *ui,
				  unsigned long left_ms)
{
	char text[MENU_STATUS_MAX];

	snprintf(text, sizeof(text),
		 "\"%s\" in %lu s (press any key to stop the countdown)",
		 ui->menu->items[ui->selected].text, (left_ms + 999) / 1000);
	menu_draw_status(text);
}

/**
 * Wait for a key while the countdown runs, redrawing it each second
 *
 * @v ui        the menu
 * @v deadline  ticks_ms() at which the selection is chosen
 * @ret key     the key, or -1 once the deadline passed
 */
static int menu_choose_wait(const struct menu_ui *ui, uint64_t deadline)
{
	uint64_t now;
	unsigned long left;
	int key;

	while ((now = ticks_ms()) < deadline) {
		left = (unsigned long)(deadline - now);
		menu_choose_countdown(ui, left);
		/* wake when the shown number of seconds changes */
		key = getkey(left % 1000 ? left % 1000 : 1000);
		if (key >= 0)
			return key;
	}
	return -1;
}

/** Show @p menu and let the user choose; 0, -ECANCELED or -ENOENT */
int menu_choose(const struct menu *menu, const char *dflt,
		unsigned long timeout_ms, unsigned long retimeout_ms,
		const char **label)
{
	uint64_t deadline = ticks_ms() + timeout_ms;
	enum menu_action action = MENU_IDLE;
	int counting = timeout_ms != 0;
	unsigned int old_selected, old_first;
	struct menu_ui ui;
	int key;

	if (menu_ui_init(&ui, menu, MENU_ITEM_ROWS, dflt) != 0)
		return -ENOENT;
	menu_draw(&ui);
	while (action != MENU_CHOSEN && action != MENU_CANCELLED) {
		key = counting ? menu_choose_wait(&ui, deadline) : getkey(0);
		if (key < 0)
			break;  /* the countdown ran out: take the selection */
		if (counting && key == CTRL('d'))
			continue;  /* end of input: no key will stop the countdown */
		if (retimeout_ms) {
			counting = 1;
			deadline = ticks_ms() + retimeout_ms;
		} else if (counting) {
			counting = 0;
			menu_draw_status("");
		}
		old_selected = ui.selected;
		old_first = ui.first;
		action = menu_ui_key(&ui, key);
		if (action == MENU_MOVED)
			menu_draw_moved(&ui, old_selected, old_first);
	}
	menu_draw_end();
	if (action == MENU_CANCELLED)
		return -ECANCELED;
	*label = menu->items[ui.selected].label;
	return 0;
}
