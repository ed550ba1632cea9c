/** @file Moving the selection through a menu's items with keys: pure logic, no drawing. */
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/menu.h>

/**
 * The selectable item nearest to @p from in direction @p dir (+1 or -1),
 * @p from itself included; -1 if there is none that way
 */
static int menu_ui_seek(const struct menu_ui *ui, int from, int dir)
{
	for (int i = from; i >= 0 && i < (int)ui->menu->count; i += dir) {
		if (menu_selectable(ui->menu, (unsigned int)i))
			return i;
	}
	return -1;
}

/** Scroll so that the selected item is on a visible row */
static void menu_ui_scroll(struct menu_ui *ui)
{
	if (ui->selected < ui->first)
		ui->first = ui->selected;
	else if (ui->selected >= ui->first + ui->rows)
		ui->first = ui->selected - ui->rows + 1;
}

/** Start choosing; 0 or -ENOENT if no item can be selected */
int menu_ui_init(struct menu_ui *ui, const struct menu *menu,
		 unsigned int rows, const char *dflt)
{
	int first;

	memset(ui, 0, sizeof(*ui));
	ui->menu = menu;
	ui->rows = rows ? rows : 1;
	first = menu_ui_seek(ui, 0, 1);
	if (first < 0)
		return -ENOENT;
	ui->selected = (unsigned int)first;
	for (unsigned int i = 0; i < menu->count; i++) {
		if (menu->items[i].is_default && menu_selectable(menu, i))
			ui->selected = i;
	}
	for (unsigned int i = 0; dflt && i < menu->count; i++) {
		if (menu_selectable(menu, i) &&
		    strcmp(menu->items[i].label, dflt) == 0) {
			ui->selected = i;
			break;
		}
	}
	menu_ui_scroll(ui);
	return 0;
}

/**
 * Move the selection @p delta items on (negative: back), landing on the
 * nearest selectable item, and clamping at either end
 */
static enum menu_action menu_ui_move(struct menu_ui *ui, int delta)
{
	int last = (int)ui->menu->count - 1;
	int target = (int)ui->selected + delta;
	int dir = delta < 0 ? -1 : 1;
	int found;

	if (target < 0)
		target = 0;
	if (target > last)
		target = last;
	found = menu_ui_seek(ui, target, dir);
	if (found < 0)
		found = menu_ui_seek(ui, target, -dir);
	if (found < 0 || (unsigned int)found == ui->selected)
		return MENU_IDLE;
	ui->selected = (unsigned int)found;
	if (dir < 0 && menu_ui_seek(ui, 0, 1) == found &&
	    (unsigned int)found < ui->rows)
		ui->first = 0;  /* separators above the first item come back into view */
	menu_ui_scroll(ui);
	return MENU_MOVED;
}

/** The item whose shortcut is @p key; -1 if none */
static int menu_ui_shortcut(const struct menu_ui *ui, int key)
{
	for (unsigned int i = 0; i < ui->menu->count; i++) {
		if (menu_selectable(ui->menu, i) && ui->menu->items[i].key &&
		    ui->menu->items[i].key == key)
			return (int)i;
	}
	return -1;
}

/** Act on @p key */
enum menu_action menu_ui_key(struct menu_ui *ui, int key)
{
	int rows = (int)ui->rows;
	int count = (int)ui->menu->count;
	int item;

	switch (key) {
	case KEY_UP: return menu_ui_move(ui, -1);
	case KEY_DOWN: return menu_ui_move(ui, 1);
	case KEY_PPAGE: return menu_ui_move(ui, -(rows > 1 ? rows - 1 : 1));
	case KEY_NPAGE: return menu_ui_move(ui, rows > 1 ? rows - 1 : 1);
	case KEY_HOME: return menu_ui_move(ui, -count);
	case KEY_END: return menu_ui_move(ui, count);
	case '\r': case '\n': return MENU_CHOSEN;
	case KEY_ESC: case CTRL('c'): case CTRL('d'): return MENU_CANCELLED;
	default: break;
	}
	item = menu_ui_shortcut(ui, key);
	if (item < 0)
		return MENU_IDLE;
	ui->selected = (unsigned int)item;
	menu_ui_scroll(ui);
	return MENU_CHOSEN;
}
