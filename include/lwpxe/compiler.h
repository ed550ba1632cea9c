/** @file Compiler helpers and registration tables shared by every layer. */
#ifndef LWPXE_COMPILER_H
#define LWPXE_COMPILER_H

#include <stddef.h>

/** Number of elements in a fixed-size array */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/** Containing structure of a member pointer */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/** Smaller / larger of two values of the same type */
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/** Mark a function that never returns */
#define __noreturn __attribute__((noreturn))

/** Mark a printf-like function for format checking */
#define __printf(fmt, args) __attribute__((format(printf, fmt, args)))

/*
 * Registration tables: each entry is a pointer placed in a named linker
 * section, so adding a command, driver or setting touches only its own
 * file.  The linker provides __start_<table> and __stop_<table>.
 */

/** Register @p object (a const struct) in @p table */
#define TABLE_ENTRY(table, object)                                     \
	static const void *const __table_##table##_##object             \
		__attribute__((used, section(#table),                     \
			       aligned(sizeof(void *)))) = &(object)

/** Declare the bounds of @p table */
#define TABLE_DECLARE(table)                                           \
	extern const void *const __start_##table[] __attribute__((weak)); \
	extern const void *const __stop_##table[] __attribute__((weak))

/** Iterate over @p table, binding each entry to @p var of type @p type */
#define TABLE_FOREACH(table, type, var)                                \
	for (const void *const *__p_##var = __start_##table;            \
	     __p_##var < __stop_##table &&                                \
	     ((var = (type)*__p_##var), 1);                               \
	     __p_##var++)

#endif
