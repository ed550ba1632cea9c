/** @file Forms (`form`, `item`, `present`, and `login`): fields that edit settings, on one screen. */
#ifndef LWPXE_FORM_H
#define LWPXE_FORM_H

#include <stddef.h>
#include <lwpxe/menu.h>

/** What a key did to a form on screen */
enum form_action {
	FORM_IDLE,              /**< nothing changed */
	FORM_EDITED,            /**< the focused field's text changed */
	FORM_MOVED,             /**< the focus moved to another field */
	FORM_SUBMIT,            /**< Enter on the last field: store the values */
	FORM_CANCELLED,         /**< Esc, Ctrl-C or end of input */
};

/** A form being filled in */
struct form_ui {
	const struct menu *form;  /**< the form: items are settings (label) and prompts (text) */
	char **values;          /**< text of each field (NULL for separators) */
	unsigned int focus;     /**< index of the field being edited */
};

/**
 * Start filling in @p form: each field holds @p initial(label) (NULL:
 * empty), the focus is on the default field or the first one.
 * 0, -ENOENT if there is no field, or -ENOMEM.
 */
int form_ui_init(struct form_ui *ui, const struct menu *form,
		 const char *(*initial)(const char *label, void *ctx),
		 void *ctx);

/** Free the field texts */
void form_ui_free(struct form_ui *ui);

/**
 * Act on @p key: text keys append to the focused field, Backspace
 * deletes, Ctrl-U empties it; Up/Down/Tab move between fields (over
 * separators); Enter moves on, or submits on the last field; Esc,
 * Ctrl-C and Ctrl-D (end of input) cancel.
 */
enum form_action form_ui_key(struct form_ui *ui, int key);

/** Clear the screen and draw the title, every prompt and field */
void form_draw(const struct form_ui *ui);

/** Redraw field @p i (after an edit, or the focus left or reached it) */
void form_draw_field(const struct form_ui *ui, unsigned int i);

/**
 * Show @p form, let the user fill it in and store each field in the
 * setting its item names.  0, -ECANCELED, -ENOENT (no fields) or the
 * error of a setting that could not be stored (message printed).
 */
int form_present(const struct menu *form);

#endif
