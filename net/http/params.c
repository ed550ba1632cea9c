/** @file Form parameter lists (iPXE's `params`/`param`): named lists of key=value pairs POSTed to a URI ending in ##params. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "http_int.h"

/** One parameter */
struct http_param {
	struct http_param *next;    /**< next in the list */
	int header;                 /**< sent as a request header, not in the form */
	char *key;                  /**< key */
	char *value;                /**< value */
};

/** A named list of parameters */
struct http_params {
	struct http_params *next;   /**< next list */
	char *name;                 /**< name, "" for the unnamed list */
	struct http_param *first;   /**< first parameter */
	struct http_param **tail;   /**< where the next one goes */
};

/** Every list */
static struct http_params *http_params_all;

struct http_params *http_params_find(const char *name)
{
	for (struct http_params *p = http_params_all; p; p = p->next) {
		if (strcmp(p->name, name ? name : "") == 0)
			return p;
	}
	return NULL;
}

void http_params_delete(struct http_params *list)
{
	for (struct http_params **pp = &http_params_all; *pp; pp = &(*pp)->next) {
		if (*pp == list) {
			*pp = list->next;
			break;
		}
	}
	while (list->first) {
		struct http_param *p = list->first;

		list->first = p->next;
		free(p->key);
		free(p->value);
		free(p);
	}
	free(list->name);
	free(list);
}

int http_params_create(const char *name)
{
	struct http_params *list = http_params_find(name);

	if (list)
		http_params_delete(list);
	list = calloc(1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	list->name = strdup(name ? name : "");
	if (!list->name) {
		free(list);
		return -ENOMEM;
	}
	list->tail = &list->first;
	list->next = http_params_all;
	http_params_all = list;
	return 0;
}

int http_params_add(struct http_params *list, const char *key,
		    const char *value, int header)
{
	struct http_param *p;

	if (key[strcspn(key, "\r\n")] || value[strcspn(value, "\r\n")] ||
	    (header && key[strcspn(key, ": \t")]))
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->header = header;
	p->key = strdup(key);
	p->value = strdup(value);
	if (!p->key || !p->value) {
		free(p->key);
		free(p->value);
		free(p);
		return -ENOMEM;
	}
	*list->tail = p;
	list->tail = &p->next;
	return 0;
}

/** Append "[&]key=value", percent-encoded, to @p out of @p size at *@p n; 0 or -E2BIG */
static int http_form_pair(char *out, size_t size, size_t *n, const char *key,
			  const char *value)
{
	int w;

	if (*n && *n + 1 < size)
		out[(*n)++] = '&';
	w = uri_encode(key, strlen(key), out + *n, size - *n);
	if (w < 0 || *n + (size_t)w + 1 >= size)
		return -E2BIG;
	*n += (size_t)w;
	out[(*n)++] = '=';
	w = uri_encode(value, strlen(value), out + *n, size - *n);
	if (w < 0)
		return -E2BIG;
	*n += (size_t)w;
	return 0;
}

int http_params_form(const struct http_params *list, char *form,
		     size_t form_len, char *headers, size_t headers_len)
{
	size_t n = 0, h = 0;
	int rc = 0;

	form[0] = headers[0] = '\0';
	for (const struct http_param *p = list->first; p && !rc; p = p->next) {
		size_t need = strlen(p->key) + strlen(p->value) + 5;

		if (p->header) {
			if (h + need > headers_len)
				return -E2BIG;
			h += (size_t)snprintf(headers + h, headers_len - h,
					      "%s: %s\r\n", p->key, p->value);
			continue;
		}
		rc = http_form_pair(form, form_len, &n, p->key, p->value);
	}
	return rc < 0 ? rc : (int)n;
}
