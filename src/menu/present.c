/** @file Presenting a form: keys in, fields redrawn, the values stored in settings at the end. */
#include <stdio.h>
#include <lwpxe/console.h>
#include <lwpxe/errors.h>
#include <lwpxe/form.h>
#include <lwpxe/settings.h>
#include <lwpxe/script.h>

/** Longest setting value offered in a field */
#define PRESENT_VALUE_MAX 256

/** A setting's current value as text, for a field to start with; NULL if unset */
static const char *present_initial(const char *label, void *ctx)
{
	char *buf = ctx;

	if (settings_fetch_text(label, buf, PRESENT_VALUE_MAX) < 0)
		return NULL;
	return buf;
}

/** Store every field in its setting; 0 or the first error (message printed) */
static int present_store(const struct form_ui *ui)
{
	const struct menu *form = ui->form;
	int rc;

	for (unsigned int i = 0; i < form->count; i++) {
		if (!menu_selectable(form, i))
			continue;
		rc = settings_store_text(form->items[i].label, ui->values[i]);
		if (rc != 0) {
			printf("%s%s: %s\n", script_where(),
			       form->items[i].label, errmsg(rc));
			return rc;
		}
	}
	return 0;
}

/** Show @p form, let the user fill it in, store the fields; 0 or -error */
int form_present(const struct menu *form)
{
	char value[PRESENT_VALUE_MAX];
	enum form_action action = FORM_IDLE;
	unsigned int old_focus;
	struct form_ui ui;
	int rc;

	rc = form_ui_init(&ui, form, present_initial, value);
	if (rc != 0)
		return rc;
	form_draw(&ui);
	while (action != FORM_SUBMIT && action != FORM_CANCELLED) {
		old_focus = ui.focus;
		action = form_ui_key(&ui, getkey(0));
		if (action == FORM_MOVED)
			form_draw_field(&ui, old_focus);
		if (action == FORM_MOVED || action == FORM_EDITED)
			form_draw_field(&ui, ui.focus);
	}
	menu_draw_end();
	rc = action == FORM_SUBMIT ? present_store(&ui) : -ECANCELED;
	form_ui_free(&ui);
	return rc;
}
