/** @file Freestanding formatted output: the printf family over the console and the format engine. */
#include <limits.h>
#include <stdio.h>
#include <lwpxe/console.h>
#include <lwpxe/format.h>

/** Send one formatted byte to the console */
static void stdio_emit(void *ctx, int c)
{
	(void)ctx;
	console_putchar(c);
}

/** Format @p args to the console; returns characters written */
int vprintf(const char *fmt, va_list args)
{
	return vformat(stdio_emit, NULL, fmt, args);
}

/** Format to the console; returns characters written */
int printf(const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vprintf(fmt, args);
	va_end(args);
	return len;
}

/** Format into @p buf of @p size; returns the untruncated length */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	return format_vsnprintf(buf, size, fmt, args);
}

/** Format into @p buf of @p size; returns the untruncated length */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = format_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

/** Format into @p buf with no bound; returns the length */
int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = format_vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return len;
}

/** Write one byte to the console; returns it */
int putchar(int c)
{
	console_putchar(c);
	return (unsigned char)c;
}

/** Write @p s and a newline to the console */
int puts(const char *s)
{
	console_puts(s);
	console_putchar('\n');
	return 1;
}
