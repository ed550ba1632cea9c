/** @file Freestanding ASCII character classes. */
#include <ctype.h>

/** Nonzero for '0'..'9' */
int isdigit(int c)
{
	return c >= '0' && c <= '9';
}

/** Nonzero for hexadecimal digits */
int isxdigit(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/** Nonzero for space, \t, \n, \v, \f, \r */
int isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/** Nonzero for ASCII letters */
int isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/** Nonzero for ASCII letters and digits */
int isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

/** Nonzero for printable ASCII including space */
int isprint(int c)
{
	return c >= 0x20 && c < 0x7f;
}

/** Lower-case form of an ASCII letter; other values unchanged */
int tolower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/** Upper-case form of an ASCII letter; other values unchanged */
int toupper(int c)
{
	return (c >= 'a' && c <= 'z') ? c - ('a' - 'A') : c;
}
