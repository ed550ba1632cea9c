/** @file The menus a script has built: named lists of items. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/menu.h>

/** Every menu, newest first */
static struct menu *menu_list;

/** Nonzero if @p name (NULL: unnamed) is the name of @p menu */
static int menu_named(const struct menu *menu, const char *name)
{
	if (!name || !menu->name)
		return !name && !menu->name;
	return strcmp(menu->name, name) == 0;
}

/** Find menu @p name (NULL: the unnamed menu); NULL if none */
struct menu *menu_find(const char *name)
{
	struct menu *menu;

	for (menu = menu_list; menu; menu = menu->next) {
		if (menu_named(menu, name))
			return menu;
	}
	return NULL;
}

/** Remove and free @p menu */
void menu_delete(struct menu *menu)
{
	struct menu **pp;

	for (pp = &menu_list; *pp; pp = &(*pp)->next) {
		if (*pp == menu) {
			*pp = menu->next;
			break;
		}
	}
	for (unsigned int i = 0; i < menu->count; i++) {
		free(menu->items[i].label);
		free(menu->items[i].text);
	}
	free(menu->items);
	free(menu->name);
	free(menu->title);
	free(menu);
}

/** Make a menu titled @p title that is in no list; NULL if out of memory */
struct menu *menu_alloc(const char *title)
{
	struct menu *menu = calloc(1, sizeof(*menu));

	if (!menu)
		return NULL;
	menu->title = strdup(title ? title : "");
	if (!menu->title) {
		free(menu);
		return NULL;
	}
	return menu;
}

/** Make menu @p name titled @p title, replacing one of that name; NULL if out of memory */
struct menu *menu_create(const char *name, const char *title)
{
	struct menu *old = menu_find(name);
	struct menu *menu = menu_alloc(title);

	if (!menu)
		return NULL;
	if (name && !(menu->name = strdup(name))) {
		menu_delete(menu);
		return NULL;
	}
	if (old)
		menu_delete(old);
	menu->next = menu_list;
	menu_list = menu;
	return menu;
}

/** Append an item to @p menu; 0 or -ENOMEM */
int menu_add_item(struct menu *menu, const char *label, const char *text,
		  int key, int is_default)
{
	struct menu_item *items;
	struct menu_item *item;

	items = realloc(menu->items, (menu->count + 1) * sizeof(*items));
	if (!items)
		return -ENOMEM;
	menu->items = items;
	item = &items[menu->count];
	memset(item, 0, sizeof(*item));
	item->label = label ? strdup(label) : NULL;
	item->text = strdup(text ? text : "");
	if ((label && !item->label) || !item->text) {
		free(item->label);
		free(item->text);
		return -ENOMEM;
	}
	item->key = key;
	if (is_default && label) {
		for (unsigned int i = 0; i < menu->count; i++)
			items[i].is_default = 0;
		item->is_default = 1;
	}
	menu->count++;
	return 0;
}

/** Nonzero if item @p i of @p menu can be selected (not a separator) */
int menu_selectable(const struct menu *menu, unsigned int i)
{
	return i < menu->count && menu->items[i].label != NULL;
}
