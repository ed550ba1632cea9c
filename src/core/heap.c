/** @file Heap: a best-fit, address-ordered free list with coalescing and aligned carving. */
#include <stdint.h>
#include <stdio.h>
#include <lwpxe/heap.h>

/** Block sizes and addresses are multiples of this */
#define HEAP_GRAIN 16
/** Header magic of an allocated block (xor its size) */
#define HEAP_MAGIC_USED ((size_t)0x6c77707848656170ULL)
/** Header magic of a free block */
#define HEAP_MAGIC_FREE ((size_t)0x467265654672ee65ULL)

/** Header in front of every block, allocated or free */
struct heap_block {
	size_t size;               /**< whole block in bytes, header included */
	size_t magic;              /**< HEAP_MAGIC_FREE, or HEAP_MAGIC_USED ^ size */
	struct heap_block *next;   /**< next free block by address (free blocks only) */
} __attribute__((aligned(HEAP_GRAIN)));

/** Bytes of header before the data of an allocated block */
#define HEAP_HDR HEAP_GRAIN
/** Smallest block: a header and one grain of data (holds a free block's header) */
#define HEAP_MIN_BLOCK (2 * HEAP_GRAIN)

_Static_assert(sizeof(struct heap_block) <= HEAP_MIN_BLOCK, "free header fits");

/** Free blocks in address order */
static struct heap_block *heap_free_list;

/** Round @p v up to a multiple of @p align (a power of two) */
static uintptr_t heap_align_up(uintptr_t v, uintptr_t align)
{
	return (v + align - 1) & ~(align - 1);
}

/** Block size needed for @p size bytes of data; 0 if it would overflow */
static size_t heap_block_size(size_t size)
{
	if (size > SIZE_MAX - HEAP_HDR - HEAP_GRAIN)
		return 0;
	size = heap_align_up(size + HEAP_HDR, HEAP_GRAIN);
	return size < HEAP_MIN_BLOCK ? HEAP_MIN_BLOCK : size;
}

/** Address just past @p block */
static uintptr_t heap_end(const struct heap_block *block)
{
	return (uintptr_t)block + block->size;
}

/** Turn the memory at @p addr into a free block of @p size bytes */
static struct heap_block *heap_make_free(uintptr_t addr, size_t size,
					 struct heap_block *next)
{
	struct heap_block *block = (struct heap_block *)addr;

	block->size = size;
	block->magic = HEAP_MAGIC_FREE;
	block->next = next;
	return block;
}

/** Put free @p block into the list in address order, merging with neighbours */
static void heap_insert(struct heap_block *block)
{
	struct heap_block *prev = NULL, *next = heap_free_list;

	while (next && (uintptr_t)next < (uintptr_t)block) {
		prev = next;
		next = next->next;
	}
	block->next = next;
	if (next && heap_end(block) == (uintptr_t)next) {
		block->size += next->size;
		block->next = next->next;
	}
	if (prev && heap_end(prev) == (uintptr_t)block) {
		prev->size += block->size;
		prev->next = block->next;
	} else if (prev) {
		prev->next = block;
	} else {
		heap_free_list = block;
	}
}

/** Hand the heap the region [@p start, @p start + @p len) */
void heap_add(void *start, size_t len)
{
	uintptr_t begin = heap_align_up((uintptr_t)start, HEAP_GRAIN);
	uintptr_t end = ((uintptr_t)start + len) & ~(uintptr_t)(HEAP_GRAIN - 1);

	if ((uintptr_t)start + len < (uintptr_t)start || end <= begin ||
	    end - begin < HEAP_MIN_BLOCK)
		return;
	heap_insert(heap_make_free(begin, end - begin, NULL));
}

/**
 * Where a block of @p need bytes whose data is aligned to @p align would
 * start inside free block @p free; 0 if it does not fit.  The leading
 * gap left over is either empty or big enough to stay a free block.
 */
static uintptr_t heap_fit(const struct heap_block *free, size_t need,
			  size_t align)
{
	uintptr_t start = (uintptr_t)free;
	uintptr_t data = heap_align_up(start + HEAP_HDR, align);

	if (data - HEAP_HDR != start && data - HEAP_HDR - start < HEAP_MIN_BLOCK)
		data += align;
	if (data < start || data - HEAP_HDR > heap_end(free) ||
	    heap_end(free) - (data - HEAP_HDR) < need)
		return 0;
	return data - HEAP_HDR;
}

/** Carve a block at @p at of @p need bytes out of free block *@p link */
static struct heap_block *heap_carve(struct heap_block **link, uintptr_t at,
				     size_t need)
{
	struct heap_block *free = *link, *block = (struct heap_block *)at;
	uintptr_t end = heap_end(free);
	struct heap_block *rest = free->next;

	if (end - (at + need) >= HEAP_MIN_BLOCK)
		rest = heap_make_free(at + need, end - (at + need), rest);
	else
		need = end - at;
	if (at != (uintptr_t)free) {
		free->size = at - (uintptr_t)free;
		free->next = rest;
	} else {
		*link = rest;
	}
	block->size = need;
	block->magic = HEAP_MAGIC_USED ^ need;
	return block;
}

/**
 * Carve a block of @p need bytes, data aligned to @p align, from the
 * smallest free block it fits (large free blocks stay whole for large
 * images); NULL if none
 */
static void *heap_take(size_t need, size_t align)
{
	struct heap_block **link, **best = NULL;
	uintptr_t at, best_at = 0;

	for (link = &heap_free_list; *link; link = &(*link)->next) {
		if (best && (*link)->size >= (*best)->size)
			continue;
		at = heap_fit(*link, need, align);
		if (at) {
			best = link;
			best_at = at;
		}
	}
	return best ? (char *)heap_carve(best, best_at, need) + HEAP_HDR : NULL;
}

/** Allocate @p size bytes aligned to @p align (power of two); NULL if none */
void *heap_alloc(size_t size, size_t align)
{
	size_t need = heap_block_size(size);
	void *ptr;

	if (!need || (align & (align - 1)) || align > SIZE_MAX / 4)
		return NULL;
	if (align < HEAP_GRAIN)
		align = HEAP_GRAIN;
	ptr = heap_take(need, align);
	/* room for the block at any alignment, and a free block's header */
	if (!ptr && need <= SIZE_MAX - 2 * align - HEAP_MIN_BLOCK &&
	    heap_platform_more(need + 2 * align + HEAP_MIN_BLOCK) == 0)
		ptr = heap_take(need, align);
	return ptr;
}

/** Header of the allocated block at @p ptr; NULL (after one line) if damaged */
static struct heap_block *heap_check(const void *ptr, const char *what)
{
	struct heap_block *block = (struct heap_block *)((uintptr_t)ptr - HEAP_HDR);

	if (((uintptr_t)ptr & (HEAP_GRAIN - 1)) == 0 &&
	    block->magic == (HEAP_MAGIC_USED ^ block->size))
		return block;
	if (((uintptr_t)ptr & (HEAP_GRAIN - 1)) == 0 &&
	    block->magic == HEAP_MAGIC_FREE)
		printf("heap: %s %p: block already free (double free)\n", what, ptr);
	else
		printf("heap: %s %p: bad block header (corrupted or not from heap)\n",
		       what, ptr);
	return NULL;
}

/** Free a block from heap_alloc() (NULL is ignored) */
void heap_free(void *ptr)
{
	struct heap_block *block;

	if (!ptr)
		return;
	block = heap_check(ptr, "free");
	if (!block)
		return;
	block->magic = HEAP_MAGIC_FREE;
	heap_insert(block);
}

/** Grow the block at @p ptr in place to hold @p size bytes; 0, or -1 if the block after it is not free or too small */
int heap_grow(void *ptr, size_t size)
{
	struct heap_block *block = heap_check(ptr, "grow");
	size_t need = heap_block_size(size), extra;
	struct heap_block **link = &heap_free_list, *next;

	if (!block || !need)
		return -1;
	if (block->size >= need)
		return 0;
	while (*link && (uintptr_t)*link < heap_end(block))
		link = &(*link)->next;
	next = *link;
	extra = need - block->size;
	if (!next || (uintptr_t)next != heap_end(block) || next->size < extra)
		return -1;
	if (next->size - extra >= HEAP_MIN_BLOCK) {
		*link = heap_make_free((uintptr_t)next + extra,
				       next->size - extra, next->next);
	} else {
		*link = next->next;
		extra = next->size;
	}
	block->size += extra;
	block->magic = HEAP_MAGIC_USED ^ block->size;
	return 0;
}

/** Usable size of a block from heap_alloc(); 0 if @p ptr is not one */
size_t heap_size(const void *ptr)
{
	const struct heap_block *block;

	if (!ptr)
		return 0;
	block = heap_check(ptr, "size of");
	return block ? block->size - HEAP_HDR : 0;
}

/** Bytes of data free in the heap, summed over all free blocks */
size_t heap_free_bytes(void)
{
	const struct heap_block *block;
	size_t total = 0;

	for (block = heap_free_list; block; block = block->next)
		total += block->size - HEAP_HDR;
	return total;
}
