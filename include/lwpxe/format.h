/** @file The printf engine: one formatter behind printf, snprintf and friends. */
#ifndef LWPXE_FORMAT_H
#define LWPXE_FORMAT_H

#include <stdarg.h>
#include <stddef.h>
#include <lwpxe/compiler.h>

/**
 * Format @p fmt with @p args, handing each output byte to @p emit.
 *
 * Conversions: d i u x X o p s c % and ls lc (wide text as UTF-8; for
 * %ls width and precision count characters, not bytes); length modifiers
 * hh h l ll z t j; flags - 0 + space #; width and precision (also *).
 * %p prints 0x-prefixed hex; %s of NULL prints "(null)".  No floating
 * point and no %n.  Returns the number of bytes emitted.
 */
int vformat(void (*emit)(void *ctx, int c), void *ctx, const char *fmt,
	    va_list args);

/**
 * Format into @p buf of @p size bytes (C99 vsnprintf): the result is
 * always NUL-terminated when @p size > 0; @p buf may be NULL when
 * @p size is 0.  Returns the length the full output would have.
 */
int format_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

/** As format_vsnprintf() with variable arguments */
int format_snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/**
 * Append @p item and @p suffix to the ", "-separated list in @p buf
 * (@p size bytes, @p *used of them taken, 0 to start a list).  Returns
 * 0, or -1 once the list is full (the item is cut short and @p *used
 * stays, so the caller stops).
 */
int format_list_add(char *buf, size_t size, size_t *used, const char *item,
		    const char *suffix);

#endif
