/** @file The download buffer: data kept in chunks as it arrives, joined once at the end. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/fetch.h>

/** Bytes of data in a full chunk */
#define FETCH_CHUNK_SIZE (64 * 1024)

/** One chunk of downloaded data */
struct fetch_chunk {
	struct fetch_chunk *next;   /**< next chunk */
	size_t used;                /**< bytes of data filled */
	unsigned char data[FETCH_CHUNK_SIZE];   /**< the data */
};

/** A new empty chunk at the end of @p buf; NULL if out of memory */
static struct fetch_chunk *fetch_buf_grow(struct fetch_buf *buf)
{
	struct fetch_chunk *chunk = malloc(sizeof(*chunk));

	if (!chunk)
		return NULL;
	chunk->next = NULL;
	chunk->used = 0;
	if (buf->tail)
		buf->tail->next = chunk;
	else
		buf->head = chunk;
	buf->tail = chunk;
	return chunk;
}

int fetch_buf_append(struct fetch_buf *buf, const void *data, size_t len)
{
	const unsigned char *p = data;

	while (len) {
		struct fetch_chunk *chunk = buf->tail;
		size_t n;

		if (!chunk || chunk->used == FETCH_CHUNK_SIZE) {
			chunk = fetch_buf_grow(buf);
			if (!chunk)
				return -ENOMEM;
		}
		n = MIN(len, FETCH_CHUNK_SIZE - chunk->used);
		memcpy(chunk->data + chunk->used, p, n);
		chunk->used += n;
		buf->len += n;
		p += n;
		len -= n;
	}
	return 0;
}

void fetch_buf_reset(struct fetch_buf *buf)
{
	struct fetch_chunk *chunk = buf->head;

	while (chunk) {
		struct fetch_chunk *next = chunk->next;

		free(chunk);
		chunk = next;
	}
	buf->head = buf->tail = NULL;
	buf->len = 0;
}

void *fetch_buf_take(struct fetch_buf *buf)
{
	unsigned char *data = malloc(buf->len ? buf->len : 1);
	size_t off = 0;

	if (!data)
		return NULL;
	for (struct fetch_chunk *c = buf->head; c; c = c->next) {
		memcpy(data + off, c->data, c->used);
		off += c->used;
	}
	fetch_buf_reset(buf);
	return data;
}
