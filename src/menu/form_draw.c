/** @file Drawing a form on the console with ANSI sequences: title, a prompt and a field per row. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/colour.h>
#include <lwpxe/form.h>

/** Column (1-based) where the prompts start */
#define FORM_PROMPT_COL 3

/** Column where the fields start */
#define FORM_FIELD_COL 32

/** Width of a field on screen (a longer text shows its end) */
#define FORM_FIELD_WIDTH (MENU_WIDTH - FORM_FIELD_COL)

/** Redraw field @p i, then park the cursor at the end of the focused field */
void form_draw_field(const struct form_ui *ui, unsigned int i)
{
	const char *text = ui->values[i];
	size_t len = strlen(text);
	size_t focus_len;

	if (i >= MENU_ITEM_ROWS || !text)
		return;
	if (len > FORM_FIELD_WIDTH - 1)
		text += len - (FORM_FIELD_WIDTH - 1);
	menu_draw_text(MENU_FIRST_ROW + i, FORM_FIELD_COL, FORM_FIELD_WIDTH,
		       CPAIR_EDIT, text, ui->form->items[i].secret);
	focus_len = strlen(ui->values[ui->focus]);
	if (focus_len > FORM_FIELD_WIDTH - 1)
		focus_len = FORM_FIELD_WIDTH - 1;
	printf("\033[%u;%uH", MENU_FIRST_ROW + ui->focus,
	       FORM_FIELD_COL + (unsigned int)focus_len);
}

/** Clear the screen and draw the title, every prompt and field */
void form_draw(const struct form_ui *ui)
{
	const struct menu *form = ui->form;

	menu_draw_title(form->title);
	for (unsigned int i = 0; i < form->count && i < MENU_ITEM_ROWS; i++) {
		unsigned int row = MENU_FIRST_ROW + i;

		if (!menu_selectable(form, i)) {
			menu_draw_text(row, FORM_PROMPT_COL - 1,
				       MENU_WIDTH - FORM_PROMPT_COL + 2,
				       CPAIR_SEPARATOR, form->items[i].text, 0);
			continue;
		}
		menu_draw_text(row, FORM_PROMPT_COL,
			       FORM_FIELD_COL - FORM_PROMPT_COL - 1,
			       CPAIR_NORMAL, form->items[i].text, 0);
	}
	for (unsigned int i = 0; i < form->count; i++) {
		if (i != ui->focus && ui->values[i])
			form_draw_field(ui, i);
	}
	form_draw_field(ui, ui->focus);
}
