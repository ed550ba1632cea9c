/** @file Freestanding malloc, calloc, realloc and free over the lwpxe heap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/heap.h>

/** Alignment of every malloc() block */
#define MALLOC_ALIGN 16

/** Allocate @p size bytes, 16-byte aligned; NULL if out of memory */
void *malloc(size_t size)
{
	return heap_alloc(size, MALLOC_ALIGN);
}

/** Allocate @p n zeroed elements of @p size bytes; NULL on overflow or no memory */
void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/** Resize @p ptr to @p size bytes; NULL with the old block kept on failure */
void *realloc(void *ptr, size_t size)
{
	size_t old;
	void *p;

	if (!ptr)
		return malloc(size);
	if (!size) {
		free(ptr);
		return NULL;
	}
	old = heap_size(ptr);
	if (old >= size || heap_grow(ptr, size) == 0)
		return ptr;
	p = malloc(size);
	if (p) {
		memcpy(p, ptr, old);
		free(ptr);
	}
	return p;
}

/** Free a block from malloc() (NULL is ignored) */
void free(void *ptr)
{
	heap_free(ptr);
}
