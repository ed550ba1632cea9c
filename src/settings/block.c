/** @file Settings blocks: the tree of blocks ("", "net0", "net0.dhcp"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "settings_int.h"

/** Name of the root block */
static char settings_root_name[] = "";

/** The root block */
static struct settings settings_root_block = { .name = settings_root_name };

/** The root block */
struct settings *settings_root(void)
{
	return &settings_root_block;
}

/**
 * Depth-first search for a block by full name
 *
 * @v block     where to start
 * @v name      full name
 * @ret block   the block, or NULL
 */
static struct settings *settings_search_block(struct settings *block,
					      const char *name)
{
	if (strcmp(block->name, name) == 0)
		return block;
	for (struct settings *child = block->children; child;
	     child = child->next) {
		struct settings *found = settings_search_block(child, name);

		if (found)
			return found;
	}
	return NULL;
}

/** Most aliases kept */
#define SETTINGS_ALIASES 4

/** One alias: a scope name that stands for another block's name */
struct settings_alias_entry {
	char *alias;      /**< name as written ("netX") */
	char *target;     /**< block it means ("net0") */
};

/** The aliases set so far */
static struct settings_alias_entry settings_aliases[SETTINGS_ALIASES];

/** Make scope @p alias mean block @p target (and its children) */
int settings_alias(const char *alias, const char *target)
{
	struct settings_alias_entry *free_entry = NULL;
	char *copy = strdup(target);

	if (!copy)
		return -ENOMEM;
	for (unsigned int i = 0; i < SETTINGS_ALIASES; i++) {
		struct settings_alias_entry *e = &settings_aliases[i];

		if (e->alias && strcmp(e->alias, alias) == 0) {
			free(e->target);
			e->target = copy;
			return 0;
		}
		if (!e->alias && !free_entry)
			free_entry = e;
	}
	if (free_entry)
		free_entry->alias = strdup(alias);
	if (!free_entry || !free_entry->alias) {
		free(copy);
		return -ENOMEM;
	}
	free_entry->target = copy;
	return 0;
}

/**
 * Find a block by full name, reading an alias at its start
 *
 * @v name      "netX" or "netX.dhcp" (an alias), or any full name
 * @ret block   the block, or NULL
 */
static struct settings *settings_find_aliased(const char *name)
{
	for (unsigned int i = 0; i < SETTINGS_ALIASES; i++) {
		const struct settings_alias_entry *e = &settings_aliases[i];
		size_t len = e->alias ? strlen(e->alias) : 0;
		struct settings *found;
		char *full;

		if (!len || strncmp(name, e->alias, len) != 0 ||
		    (name[len] != '\0' && name[len] != '.'))
			continue;
		full = malloc(strlen(e->target) + strlen(name + len) + 1);
		if (!full)
			return NULL;
		strcpy(full, e->target);
		strcat(full, name + len);
		found = settings_search_block(&settings_root_block, full);
		free(full);
		return found;
	}
	return NULL;
}

/** Find a block by full name ("" is the root) or alias; NULL if none */
struct settings *settings_find_block(const char *name)
{
	struct settings *block;

	block = settings_search_block(&settings_root_block, name ? name : "");
	return block || !name ? block : settings_find_aliased(name);
}

/**
 * Free the children of @p block, their values and their children
 *
 * @v block     block to empty of children
 */
static void settings_free_children(struct settings *block)
{
	while (block->children) {
		struct settings *child = block->children;

		block->children = child->next;
		settings_free_children(child);
		settings_free_values(child);
		free(child->name);
		free(child);
	}
}

/**
 * Build the full name of a child called @p name under @p parent
 *
 * @v parent    parent block
 * @v name      local name ("dhcp") or full name ("net0.dhcp")
 * @ret full    heap string, or NULL if out of memory
 */
static char *settings_child_name(const struct settings *parent,
				 const char *name)
{
	size_t plen = strlen(parent->name);
	char *full;

	if (plen == 0 ||
	    (strncmp(name, parent->name, plen) == 0 && name[plen] == '.'))
		return strdup(name);
	full = malloc(plen + 1 + strlen(name) + 1);
	if (!full)
		return NULL;
	memcpy(full, parent->name, plen);
	full[plen] = '.';
	strcpy(full + plen + 1, name);
	return full;
}

/**
 * Check that @p name can name a block (not empty, no '/', ':' or spaces)
 *
 * @v name      proposed name
 * @ret ok      nonzero if valid
 */
static int settings_valid_name(const char *name)
{
	if (!name || !*name)
		return 0;
	for (const char *p = name; *p; p++) {
		if (*p == '/' || *p == ':' || *p == '$' || *p == '{' ||
		    *p == '}' || isspace((unsigned char)*p))
			return 0;
	}
	return 1;
}

/** Create (or empty and reuse) child @p name of @p parent */
struct settings *settings_new_block(struct settings *parent, const char *name)
{
	struct settings **link;
	struct settings *block;
	char *full;

	if (!parent)
		parent = &settings_root_block;
	if (!settings_valid_name(name))
		return NULL;
	full = settings_child_name(parent, name);
	if (!full)
		return NULL;

	/* an existing block of that name is emptied and reused in place */
	for (link = &parent->children; *link; link = &(*link)->next) {
		if (strcmp((*link)->name, full) == 0) {
			free(full);
			settings_free_children(*link);
			settings_free_values(*link);
			return *link;
		}
	}

	block = calloc(1, sizeof(*block));
	if (!block) {
		free(full);
		return NULL;
	}
	block->name = full;
	block->parent = parent;
	*link = block;
	return block;
}

/** Remove @p block with its children and values (the root is only emptied) */
void settings_free_block(struct settings *block)
{
	struct settings **link;

	if (!block)
		return;
	settings_free_children(block);
	settings_free_values(block);
	if (block == &settings_root_block)
		return;
	for (link = &block->parent->children; *link; link = &(*link)->next) {
		if (*link == block) {
			*link = block->next;
			break;
		}
	}
	free(block->name);
	free(block);
}

/** Full name of @p block */
const char *settings_block_name(const struct settings *block)
{
	return block ? block->name : "";
}
