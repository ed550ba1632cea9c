/** @file Editing a form's fields with keys: pure logic, no drawing. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/form.h>

/** Backspace as most terminals send it */
#define FORM_DEL 0x7f

/** Longest text a field takes */
#define FORM_FIELD_MAX 255

/** Start filling in @p form; 0, -ENOENT or -ENOMEM */
int form_ui_init(struct form_ui *ui, const struct menu *form,
		 const char *(*initial)(const char *label, void *ctx),
		 void *ctx)
{
	int found = 0;

	memset(ui, 0, sizeof(*ui));
	ui->form = form;
	ui->values = calloc(form->count ? form->count : 1, sizeof(char *));
	if (!ui->values)
		return -ENOMEM;
	for (unsigned int i = 0; i < form->count; i++) {
		const char *text;

		if (!menu_selectable(form, i))
			continue;
		text = initial ? initial(form->items[i].label, ctx) : NULL;
		ui->values[i] = strdup(text ? text : "");
		if (!ui->values[i]) {
			form_ui_free(ui);
			return -ENOMEM;
		}
		if (!found || form->items[i].is_default)
			ui->focus = i;
		found = 1;
	}
	if (!found) {
		form_ui_free(ui);
		return -ENOENT;
	}
	return 0;
}

/** Free the field texts */
void form_ui_free(struct form_ui *ui)
{
	if (!ui->values)
		return;
	for (unsigned int i = 0; i < ui->form->count; i++)
		free(ui->values[i]);
	free(ui->values);
	ui->values = NULL;
}

/** The next field after the focus in direction @p dir (+1/-1); the focus itself if none */
static unsigned int form_ui_next(const struct form_ui *ui, int dir)
{
	for (int i = (int)ui->focus + dir;
	     i >= 0 && i < (int)ui->form->count; i += dir) {
		if (menu_selectable(ui->form, (unsigned int)i))
			return (unsigned int)i;
	}
	return ui->focus;
}

/** Move the focus one field in direction @p dir */
static enum form_action form_ui_move(struct form_ui *ui, int dir)
{
	unsigned int next = form_ui_next(ui, dir);

	if (next == ui->focus)
		return FORM_IDLE;
	ui->focus = next;
	return FORM_MOVED;
}

/** Append @p c to the focused field */
static enum form_action form_ui_insert(struct form_ui *ui, char c)
{
	char *text = ui->values[ui->focus];
	size_t len = strlen(text);

	if (len >= FORM_FIELD_MAX)
		return FORM_IDLE;
	text = realloc(text, len + 2);
	if (!text)
		return FORM_IDLE;
	text[len] = c;
	text[len + 1] = '\0';
	ui->values[ui->focus] = text;
	return FORM_EDITED;
}

/** Act on @p key */
enum form_action form_ui_key(struct form_ui *ui, int key)
{
	char *text = ui->values[ui->focus];
	size_t len = strlen(text);

	switch (key) {
	case KEY_UP: return form_ui_move(ui, -1);
	case KEY_DOWN: case '\t': return form_ui_move(ui, 1);
	case '\r': case '\n':
		return form_ui_next(ui, 1) == ui->focus ? FORM_SUBMIT :
		       form_ui_move(ui, 1);
	case KEY_ESC: case CTRL('c'): case CTRL('d'): return FORM_CANCELLED;
	case FORM_DEL: case CTRL('h'):
		if (!len)
			return FORM_IDLE;
		text[len - 1] = '\0';
		return FORM_EDITED;
	case CTRL('u'):
		if (!len)
			return FORM_IDLE;
		text[0] = '\0';
		return FORM_EDITED;
	default:
		if (key < 0x20 || key >= 0x7f)
			return FORM_IDLE;
		return form_ui_insert(ui, (char)key);
	}
}
