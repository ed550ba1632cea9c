/** @file Menus of the script language (`menu`, `item`, `choose`): the item lists, the selection, the screen. */
#ifndef LWPXE_MENU_H
#define LWPXE_MENU_H

/** One line of a menu */
struct menu_item {
	char *label;            /**< name `choose` stores; NULL for a separator */
	char *text;             /**< text shown */
	int key;                /**< shortcut key, 0 if none */
	int is_default;         /**< nonzero if selected first */
	int secret;             /**< form field shown as '*' (item --secret) */
};

/** A menu */
struct menu {
	char *name;             /**< name (`menu --name`); NULL for the unnamed menu */
	char *title;            /**< title shown above the items */
	struct menu_item *items;  /**< items in order */
	unsigned int count;     /**< number of items */
	int is_form;            /**< nonzero for a form (`form`): items are settings to edit */
	struct menu *next;      /**< next menu in the list */
};

/** Make menu @p name (NULL: unnamed) titled @p title, replacing one of that name; NULL if out of memory */
struct menu *menu_create(const char *name, const char *title);

/** Make a menu titled @p title that is in no list (free with menu_delete()); NULL if out of memory */
struct menu *menu_alloc(const char *title);

/** Find menu @p name (NULL: the unnamed menu); NULL if none */
struct menu *menu_find(const char *name);

/** Remove and free @p menu */
void menu_delete(struct menu *menu);

/**
 * Append an item to @p menu: @p label NULL makes a separator.  A default
 * item takes over from any earlier one.  0 or -ENOMEM.
 */
int menu_add_item(struct menu *menu, const char *label, const char *text,
		  int key, int is_default);

/** Nonzero if item @p i of @p menu can be selected (not a separator) */
int menu_selectable(const struct menu *menu, unsigned int i);

/** What a key did to a menu on screen */
enum menu_action {
	MENU_IDLE,              /**< nothing changed */
	MENU_MOVED,             /**< the selection moved (rows to redraw) */
	MENU_CHOSEN,            /**< the selected item was chosen */
	MENU_CANCELLED,         /**< the user gave up (Esc, Ctrl-C, end of input) */
};

/** A menu being chosen from: which item is selected, which rows show */
struct menu_ui {
	const struct menu *menu;  /**< the menu */
	unsigned int rows;      /**< item rows on the screen */
	unsigned int selected;  /**< index of the selected item */
	unsigned int first;     /**< index of the item in the top row */
};

/**
 * Start choosing from @p menu in @p rows rows: select the item labelled
 * @p dflt if given and present, else the menu's default item, else the
 * first selectable one.  0, or -ENOENT if no item can be selected.
 */
int menu_ui_init(struct menu_ui *ui, const struct menu *menu,
		 unsigned int rows, const char *dflt);

/**
 * Act on @p key: arrows, Page Up/Down, Home/End move (skipping
 * separators), Enter chooses, a shortcut selects and chooses its item,
 * Esc, Ctrl-C and Ctrl-D (end of input) cancel.
 */
enum menu_action menu_ui_key(struct menu_ui *ui, int key);

/** Rows and columns the menu screen is drawn in */
#define MENU_SCREEN_ROWS 25
#define MENU_SCREEN_COLS 80

/** Item rows between the title and the status line */
#define MENU_ITEM_ROWS (MENU_SCREEN_ROWS - 6)

/** Screen row (1-based) of the title */
#define MENU_TITLE_ROW 1

/** Screen row of the first item */
#define MENU_FIRST_ROW 3

/** Columns written per row: one short of the edge, so no console wraps */
#define MENU_WIDTH (MENU_SCREEN_COLS - 1)

/** Write @p text (or as many '*' if @p secret) at @p row, @p col (1-based) in colour pair @p pair, cut or padded with blanks to @p width */
void menu_draw_text(unsigned int row, unsigned int col, unsigned int width,
		    unsigned int pair, const char *text, int secret);

/** Clear the screen in the normal colours and draw @p title centred on the title row */
void menu_draw_title(const char *title);

/** Clear the screen and draw the title and every visible item */
void menu_draw(const struct menu_ui *ui);

/** Redraw the item rows (after the selection moved) */
void menu_draw_items(const struct menu_ui *ui);

/** Redraw only what changed after the selection moved from @p old_selected (@p old_first was the top row) */
void menu_draw_moved(const struct menu_ui *ui, unsigned int old_selected,
		     unsigned int old_first);

/** Show @p text (may be "") on the status line below the items */
void menu_draw_status(const char *text);

/** Leave the menu screen: default colours, cleared screen, cursor home */
void menu_draw_end(void);

/**
 * Show @p menu and let the user choose: selection as menu_ui_init(),
 * @p timeout_ms (0 = none) chooses the selection unless a key comes
 * first (a countdown shows meanwhile; end of input, Ctrl-D, does not
 * stop it); each key restarts the countdown from @p retimeout_ms, or
 * stops it if that is 0.  0 with *label set to
 * the chosen item's label (owned by the menu), -ECANCELED or -ENOENT.
 */
int menu_choose(const struct menu *menu, const char *dflt,
		unsigned long timeout_ms, unsigned long retimeout_ms,
		const char **label);

#endif
