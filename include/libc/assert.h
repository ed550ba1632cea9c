/** @file Minimal freestanding <assert.h>: report file:line and stop. */
/* No include guard: NDEBUG may change between inclusions, as in C. */
#include <stdio.h>
#include <lwpxe/platform.h>

#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
/** Stop with "file:line: assertion failed: expr" if @p expr is false */
#define assert(expr)                                                   \
	((expr) ? (void)0                                              \
		: (printf("%s:%d: assertion failed: %s\n", __FILE__,   \
			  __LINE__, #expr),                            \
		   platform_exit(1)))
#endif

#ifndef static_assert
#define static_assert _Static_assert
#endif
