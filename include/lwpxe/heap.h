/** @file Heap: regions from the platform, blocks with any power-of-two alignment. */
#ifndef LWPXE_HEAP_H
#define LWPXE_HEAP_H

#include <stddef.h>

/** Hand the heap a region of free memory (may be called more than once) */
void heap_add(void *start, size_t len);

/** Allocate @p size bytes aligned to @p align (a power of two); NULL if none */
void *heap_alloc(size_t size, size_t align);

/** Free a block from heap_alloc() (NULL is ignored) */
void heap_free(void *ptr);

/** Grow a block from heap_alloc() in place to hold @p size bytes; 0, or -1 if the memory after it is taken */
int heap_grow(void *ptr, size_t size);

/** Usable size of a block from heap_alloc() */
size_t heap_size(const void *ptr);

/** Bytes free in the heap, summed over all free blocks */
size_t heap_free_bytes(void);

/**
 * Platform: hand the heap (heap_add()) one more region of at least
 * @p need bytes, when an allocation fits nowhere
 *
 * @ret rc      0, or -ENOMEM if the platform has no more to give
 */
int heap_platform_more(size_t need);

#endif
