/** @file Minimal freestanding <stdio.h>: formatted output to the console and to buffers. */
#ifndef LIBC_STDIO_H
#define LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/** End of input */
#define EOF (-1)

/** Format to the console; returns characters written */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Format @p args to the console; returns characters written */
int vprintf(const char *fmt, va_list args) __attribute__((format(printf, 1, 0)));
/** Format into @p buf of @p size (always NUL-terminated if size > 0); returns the untruncated length */
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** As snprintf() with a va_list */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__attribute__((format(printf, 3, 0)));
/** Format into @p buf with no bound (prefer snprintf); returns length */
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Write one byte to the console; returns it */
int putchar(int c);
/** Write @p s and a newline to the console; returns a non-negative number */
int puts(const char *s);

#endif
