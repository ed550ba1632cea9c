/** @file Drawing a menu on the console with ANSI sequences: title, item rows, status line. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/colour.h>
#include <lwpxe/console.h>
#include <lwpxe/menu.h>

/** Screen row of the status line (countdown) */
#define MENU_STATUS_ROW (MENU_FIRST_ROW + MENU_ITEM_ROWS + 1)

/** Write @p text (or as many '*' if @p secret) at @p row, @p col in pair @p pair, cut or padded with blanks to @p width */
void menu_draw_text(unsigned int row, unsigned int col, unsigned int width,
		    unsigned int pair, const char *text, int secret)
{
	size_t len = strlen(text);

	if (len > width)
		len = width;
	printf("\033[%u;%uH", row, col);
	cpair_use(pair);
	for (size_t i = 0; i < len; i++)
		console_putchar(secret ? '*' : (unsigned char)text[i]);
	printf("%*s", (int)(width - len), "");
}

/**
 * Write one whole row: @p text from column @p col (1-based) in pair
 * @p pair, blanks around it to MENU_WIDTH
 */
static void menu_draw_row(unsigned int row, unsigned int col, unsigned int pair,
			  const char *text)
{
	char line[MENU_WIDTH + 1];
	unsigned int lead = col - 1 < MENU_WIDTH ? col - 1 : 0;

	snprintf(line, sizeof(line), "%*s%s", (int)lead, "", text);
	menu_draw_text(row, 1, MENU_WIDTH, pair, line, 0);
}

/** Draw item row @p row (0-based on screen) of @p ui */
static void menu_draw_item(const struct menu_ui *ui, unsigned int row)
{
	unsigned int i = ui->first + row;
	const struct menu_item *item;
	unsigned int pair = CPAIR_NORMAL;

	if (i >= ui->menu->count) {
		menu_draw_row(MENU_FIRST_ROW + row, 1, CPAIR_NORMAL, "");
		return;
	}
	item = &ui->menu->items[i];
	if (!item->label)
		pair = CPAIR_SEPARATOR;
	else if (i == ui->selected)
		pair = CPAIR_SELECT;
	menu_draw_row(MENU_FIRST_ROW + row, 2, pair, item->text);
}

/** Park the cursor at the start of the selected row */
static void menu_draw_cursor(const struct menu_ui *ui)
{
	printf("\033[%u;1H", MENU_FIRST_ROW + ui->selected - ui->first);
}

/** Width of the marks saying more items are above or below */
#define MENU_MORE_WIDTH 12

/** Redraw the item rows and the marks for items scrolled out of view, then park the cursor on the selection */
void menu_draw_items(const struct menu_ui *ui)
{
	unsigned int col = MENU_WIDTH - MENU_MORE_WIDTH + 1;
	int above = ui->first > 0;
	int below = ui->first + ui->rows < ui->menu->count;

	for (unsigned int row = 0; row < ui->rows; row++)
		menu_draw_item(ui, row);
	menu_draw_text(MENU_FIRST_ROW - 1, col, MENU_MORE_WIDTH,
		       above ? CPAIR_SEPARATOR : CPAIR_NORMAL,
		       above ? "  (more up)" : "", 0);
	menu_draw_text(MENU_FIRST_ROW + ui->rows, col, MENU_MORE_WIDTH,
		       below ? CPAIR_SEPARATOR : CPAIR_NORMAL,
		       below ? "(more down)" : "", 0);
	menu_draw_cursor(ui);
}

/** Redraw after the selection moved from @p old_selected with @p old_first on top */
void menu_draw_moved(const struct menu_ui *ui, unsigned int old_selected,
		     unsigned int old_first)
{
	if (ui->first != old_first) {
		menu_draw_items(ui);
		return;
	}
	menu_draw_item(ui, old_selected - ui->first);
	menu_draw_item(ui, ui->selected - ui->first);
	menu_draw_cursor(ui);
}

/** Show @p text on the status line below the items */
void menu_draw_status(const char *text)
{
	menu_draw_row(MENU_STATUS_ROW, 2, CPAIR_NORMAL, text);
}

/** Clear the screen in the normal colours and draw @p title centred on the title row */
void menu_draw_title(const char *title)
{
	size_t len = strlen(title);
	unsigned int col = len < MENU_WIDTH ?
			   (unsigned int)(MENU_WIDTH - len) / 2 + 1 : 1;

	cpair_use(CPAIR_NORMAL);
	printf("\033[2J");
	menu_draw_row(MENU_TITLE_ROW, col, CPAIR_NORMAL, title);
}

/** Clear the screen and draw the title and every visible item */
void menu_draw(const struct menu_ui *ui)
{
	menu_draw_title(ui->menu->title);
	menu_draw_status("");
	menu_draw_items(ui);
}

/** Leave the menu screen: default colours, cleared screen, cursor home */
void menu_draw_end(void)
{
	cpair_use(CPAIR_DEFAULT);
	printf("\033[2J\033[H");
}
