/** @file Settings values: store, fetch and delete "[scope/]name[:type]". */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "settings_int.h"

/** A parsed "[scope/]name[:type]" */
struct setting_ref {
	char *copy;                         /**< heap copy the pointers refer to */
	struct settings *scope;             /**< named block, or NULL if unscoped */
	const struct settings_scope *computed; /**< computed scope named instead, or NULL */
	const char *name;                   /**< canonical setting name */
	const struct setting_type *type;    /**< the :type suffix, or NULL */
};

/**
 * Canonical name for @p name: a well-known name for DHCP numbers ("17")
 *
 * @v name      name as written
 * @ret name    the well-known name, or @p name itself
 */
static const char *settings_canonical(const char *name)
{
	const struct setting_def *def = setting_def_find(name);

	return def ? def->name : name;
}

/** The computed scope called @p name; NULL if none */
static const struct settings_scope *settings_find_scope(const char *name)
{
	const struct settings_scope *scope;

	TABLE_FOREACH(settings_scopes, const struct settings_scope *, scope) {
		if (strcmp(scope->name, name) == 0)
			return scope;
	}
	return NULL;
}

/**
 * Parse "[scope/]name[:type]"
 *
 * @v text      the reference
 * @v ref       filled in; free ref->copy when done
 * @ret rc      0, -ENOENT for an unknown scope, -EINVAL for a bad name or type
 */
static int settings_parse_ref(const char *text, struct setting_ref *ref)
{
	char *name;
	char *slash;
	char *colon;

	memset(ref, 0, sizeof(*ref));
	ref->copy = strdup(text);
	if (!ref->copy)
		return -ENOMEM;
	name = ref->copy;
	slash = strchr(name, '/');
	if (slash) {
		*slash = '\0';
		ref->scope = settings_find_block(name);
		if (!ref->scope)
			ref->computed = settings_find_scope(name);
		name = slash + 1;
		if (!ref->scope && !ref->computed)
			goto err_noent;
	}
	colon = strchr(name, ':');
	if (colon) {
		*colon = '\0';
		ref->type = setting_type_find(colon + 1);
		if (!ref->type)
			goto err_inval;
	}
	if (!*name)
		goto err_inval;
	ref->name = settings_canonical(name);
	return 0;

err_noent:
	free(ref->copy);
	ref->copy = NULL;
	return -ENOENT;
err_inval:
	free(ref->copy);
	ref->copy = NULL;
	return -EINVAL;
}

/**
 * Find @p name in @p block, then in its children depth-first
 *
 * @v block     where to start
 * @v name      canonical name
 * @ret value   the value, or NULL
 */
static struct setting_value *settings_lookup(struct settings *block,
					     const char *name)
{
	for (struct setting_value *v = block->values; v; v = v->next) {
		if (strcmp(v->name, name) == 0)
			return v;
	}
	for (struct settings *child = block->children; child;
	     child = child->next) {
		struct setting_value *v = settings_lookup(child, name);

		if (v)
			return v;
	}
	return NULL;
}

/**
 * Unlink and free the value called @p name held directly in @p block
 *
 * @v block     the block
 * @v name      canonical name
 * @ret rc      0, or -ENOENT if there was none
 */
static int settings_delete(struct settings *block, const char *name)
{
	for (struct setting_value **link = &block->values; *link;
	     link = &(*link)->next) {
		struct setting_value *v = *link;

		if (strcmp(v->name, name) == 0) {
			*link = v->next;
			free(v->name);
			free(v);
			return 0;
		}
	}
	return -ENOENT;
}

/** Free every value held directly in @p block */
void settings_free_values(struct settings *block)
{
	while (block->values) {
		struct setting_value *v = block->values;

		block->values = v->next;
		free(v->name);
		free(v);
	}
}

/**
 * Make a value holding a copy of @p data
 *
 * @v name      canonical name
 * @v type      its type
 * @v data      raw bytes
 * @v len       length of @p data
 * @ret value   new value, or NULL if out of memory
 */
static struct setting_value *settings_new_value(const char *name,
						const struct setting_type *type,
						const void *data, size_t len)
{
	struct setting_value *v = malloc(sizeof(*v) + len);

	if (!v)
		return NULL;
	v->name = strdup(name);
	if (!v->name) {
		free(v);
		return NULL;
	}
	v->next = NULL;
	v->type = type;
	v->len = len;
	if (len)
		memcpy(v->data, data, len);
	return v;
}

/** Store (or with @p data NULL delete) raw bytes under @p name in @p block */
int settings_store(struct settings *block, const char *name,
		   const struct setting_type *type, const void *data, size_t len)
{
	const struct setting_def *def;
	struct setting_value *v;
	struct setting_value **link;

	if (!name || !*name)
		return -EINVAL;
	if (!block)
		block = settings_root();
	def = setting_def_find(name);
	if (def)
		name = def->name;
	if (!data) {
		settings_delete(block, name);
		return 0;
	}
	if (!type)
		type = def ? def->type : &setting_type_string;
	v = settings_new_value(name, type, data, len);
	if (!v)
		return -ENOMEM;

	/* replace an old value in place, else append */
	for (link = &block->values; *link; link = &(*link)->next) {
		if (strcmp((*link)->name, name) == 0) {
			struct setting_value *old = *link;

			v->next = old->next;
			*link = v;
			free(old->name);
			free(old);
			return 0;
		}
	}
	*link = v;
	return 0;
}

/** Room for a computed value */
#define SETTINGS_COMPUTED_MAX 256

/**
 * The value of a well-known setting that is computed, not stored
 * (${unixtime}), fetched as settings_fetch() does
 *
 * @ret len     full raw length, or -ENOENT if it is not computed or unknown
 */
static int settings_compute(const struct setting_ref *ref, void *buf,
			    size_t len, const struct setting_type **type)
{
	const struct setting_def *def = setting_def_find(ref->name);
	char value[SETTINGS_COMPUTED_MAX];
	int n;

	if (!def || !def->compute)
		return -ENOENT;
	n = def->compute(value, sizeof(value));
	if (n < 0 || n >= (int)sizeof(value))
		return n < 0 ? n : -ERANGE;
	if (buf && len)
		memcpy(buf, value, MIN(len, (size_t)n));
	if (type)
		*type = ref->type ? ref->type : def->type;
	return n;
}

/** Fetch the raw bytes of "[scope/]name[:type]"; full length or -error */
int settings_fetch(const char *name, void *buf, size_t len,
		   const struct setting_type **type)
{
	struct setting_ref ref;
	struct setting_value *v;
	int rc;

	rc = settings_parse_ref(name, &ref);
	if (rc < 0)
		return rc;
	if (ref.computed) {
		const struct setting_type *own = NULL;

		rc = ref.computed->fetch(ref.name, buf, len, &own);
		if (type)
			*type = ref.type ? ref.type : own;
		free(ref.copy);
		return rc;
	}
	v = settings_lookup(ref.scope ? ref.scope : settings_root(), ref.name);
	if (!v) {
		rc = ref.scope ? -ENOENT : settings_compute(&ref, buf, len, type);
		free(ref.copy);
		return rc;
	}
	if (buf && len)
		memcpy(buf, v->data, MIN(len, v->len));
	if (type)
		*type = ref.type ? ref.type : v->type;
	free(ref.copy);
	return (int)v->len;
}

/** Fetch "[scope/]name[:type]" as text; full text length or -error */
int settings_fetch_text(const char *name, char *buf, size_t len)
{
	const struct setting_type *type;
	uint8_t *raw;
	int raw_len;
	int rc;

	if (buf && len)
		buf[0] = '\0';
	raw_len = settings_fetch(name, NULL, 0, &type);
	if (raw_len < 0)
		return raw_len;
	raw = malloc((size_t)raw_len + 1);
	if (!raw)
		return -ENOMEM;
	settings_fetch(name, raw, (size_t)raw_len, NULL);
	rc = type->format(raw, (size_t)raw_len, buf, len);
	free(raw);
	if (rc < 0 && buf && len)
		buf[0] = '\0';
	return rc;
}

/**
 * Parse @p value as @p type into a new heap buffer
 *
 * @v type      the type
 * @v value     text
 * @v raw       receives the heap buffer
 * @ret len     raw length, or -error
 */
static int settings_parse_value(const struct setting_type *type,
				const char *value, uint8_t **raw)
{
	size_t size = strlen(value) + 16;
	int len;

	*raw = malloc(size);
	if (!*raw)
		return -ENOMEM;
	len = type->parse(value, *raw, size);
	if (len >= 0 && (size_t)len > size) {
		free(*raw);
		size = (size_t)len;
		*raw = malloc(size);
		if (!*raw)
			return -ENOMEM;
		len = type->parse(value, *raw, size);
	}
	if (len < 0) {
		free(*raw);
		*raw = NULL;
	}
	return len;
}

/** Let every applicator act on the settings as they now are */
static void settings_apply(void)
{
	const struct settings_applicator *app;

	TABLE_FOREACH(settings_applicators, const struct settings_applicator *,
		      app)
		app->apply();
}

/** Parse @p value as the setting's type and store it; empty deletes */
int settings_store_text(const char *name, const char *value)
{
	struct setting_ref ref;
	struct settings *block;
	const struct setting_type *type;
	const struct setting_def *def;
	uint8_t *raw;
	int len;
	int rc;

	rc = settings_parse_ref(name, &ref);
	if (rc < 0)
		return rc;
	if (ref.computed) {
		free(ref.copy);
		return -EROFS;
	}
	block = ref.scope ? ref.scope : settings_root();
	if (!value || !*value) {
		/* like iPXE, an empty value deletes */
		rc = settings_store(block, ref.name, NULL, NULL, 0);
		free(ref.copy);
		settings_apply();
		return rc;
	}
	def = setting_def_find(ref.name);
	type = ref.type ? ref.type :
	       def ? def->type : &setting_type_string;
	len = settings_parse_value(type, value, &raw);
	if (len < 0) {
		free(ref.copy);
		return len;
	}
	rc = settings_store(block, ref.name, type, raw, (size_t)len);
	free(raw);
	free(ref.copy);
	if (rc == 0)
		settings_apply();
	return rc;
}

/** Delete "[scope/]name" from the block `set` would store it in */
int settings_clear(const char *name)
{
	struct setting_ref ref;
	int rc;

	rc = settings_parse_ref(name, &ref);
	if (rc < 0)
		return rc;
	if (ref.computed) {
		free(ref.copy);
		return -EROFS;
	}
	rc = settings_delete(ref.scope ? ref.scope : settings_root(),
			     ref.name);
	free(ref.copy);
	if (rc == 0)
		settings_apply();
	return rc;
}

/**
 * Visit the values of @p block, then its children depth-first
 *
 * @v block     where to start
 * @v fn        called for each value
 * @v ctx       passed to @p fn
 */
static void settings_walk(struct settings *block,
			  void (*fn)(const struct settings *block,
				     const char *name,
				     const struct setting_type *type,
				     const void *data, size_t len, void *ctx),
			  void *ctx)
{
	struct setting_value *next;

	for (struct setting_value *v = block->values; v; v = next) {
		next = v->next;
		fn(block, v->name, v->type, v->data, v->len, ctx);
	}
	for (struct settings *child = block->children; child;
	     child = child->next)
		settings_walk(child, fn, ctx);
}

/** Call @p fn for each value in @p block (NULL: all) in search order */
void settings_foreach(struct settings *block,
		      void (*fn)(const struct settings *block, const char *name,
				 const struct setting_type *type,
				 const void *data, size_t len, void *ctx),
		      void *ctx)
{
	settings_walk(block ? block : settings_root(), fn, ctx);
}
