/** @file Settings internals shared by the block tree and the value store. */
#ifndef SETTINGS_INT_H
#define SETTINGS_INT_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/settings.h>

/** One stored value */
struct setting_value {
	struct setting_value *next;         /**< next value in the block */
	char *name;                         /**< canonical name ("root-path") */
	const struct setting_type *type;    /**< type it was stored with */
	size_t len;                         /**< raw length */
	uint8_t data[];                     /**< raw bytes */
};

/** A block of settings */
struct settings {
	char *name;                         /**< full name ("net0.dhcp", "" for root) */
	struct settings *parent;            /**< enclosing block, NULL for root */
	struct settings *children;          /**< first child, in creation order */
	struct settings *next;              /**< next sibling */
	struct setting_value *values;       /**< values, in creation order */
};

/** Free every value held directly in @p block */
void settings_free_values(struct settings *block);

#endif
