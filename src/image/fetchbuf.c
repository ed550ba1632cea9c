/** @file The download buffer: one block when the size is announced, else chunks joined once at the end. */
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

/** Append to the chunks of @p buf; 0 or -ENOMEM */
static int fetch_buf_append_chunks(struct fetch_buf *buf,
				   const unsigned char *p, size_t len)
{
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

/**
 * Append to the block of @p buf, making it larger if the server sends
 * more than it announced (in place where the heap has room)
 *
 * @ret rc      0 or -ENOMEM
 */
static int fetch_buf_append_block(struct fetch_buf *buf, const void *data,
				  size_t len)
{
	if (len > buf->block_size - buf->len) {
		size_t size = MAX(buf->len + len, buf->block_size +
				  buf->block_size / 2);
		unsigned char *block;

		if (size < buf->len + len)
			return -ENOMEM;
		block = realloc(buf->block, size);
		if (!block)
			return -ENOMEM;
		buf->block = block;
		buf->block_size = size;
	}
	memcpy(buf->block + buf->len, data, len);
	buf->len += len;
	return 0;
}

int fetch_buf_append(struct fetch_buf *buf, const void *data, size_t len)
{
	int rc;

	/* a size announced before the data: try one block of that size */
	if (!buf->len && !buf->block && buf->expected) {
		buf->block = malloc(buf->expected);
		buf->block_size = buf->block ? buf->expected : 0;
	}
	rc = buf->block ? fetch_buf_append_block(buf, data, len) :
		fetch_buf_append_chunks(buf, data, len);
	if (rc == 0)
		fetch_progress_update(buf);
	return rc;
}

void fetch_buf_reset(struct fetch_buf *buf)
{
	struct fetch_chunk *chunk = buf->head;

	while (chunk) {
		struct fetch_chunk *next = chunk->next;

		free(chunk);
		chunk = next;
	}
	free(buf->block);
	buf->block = NULL;
	buf->block_size = 0;
	buf->head = buf->tail = NULL;
	buf->len = 0;
}

void *fetch_buf_take(struct fetch_buf *buf)
{
	unsigned char *data = buf->block;
	size_t off = 0;

	if (data) {
		buf->block = NULL;
		fetch_buf_reset(buf);
		return data;
	}
	data = malloc(buf->len ? buf->len : 1);
	if (!data)
		return NULL;
	for (struct fetch_chunk *c = buf->head; c; c = c->next) {
		memcpy(data + off, c->data, c->used);
		off += c->used;
	}
	fetch_buf_reset(buf);
	return data;
}
