/** @file Minimal freestanding <ctype.h>: ASCII character classes. */
#ifndef LIBC_CTYPE_H
#define LIBC_CTYPE_H

/** Nonzero for '0'..'9' */
int isdigit(int c);
/** Nonzero for hexadecimal digits */
int isxdigit(int c);
/** Nonzero for space, \t, \n, \v, \f, \r */
int isspace(int c);
/** Nonzero for ASCII letters */
int isalpha(int c);
/** Nonzero for ASCII letters and digits */
int isalnum(int c);
/** Nonzero for printable ASCII including space */
int isprint(int c);
/** Lower-case form of an ASCII letter; other values unchanged */
int tolower(int c);
/** Upper-case form of an ASCII letter; other values unchanged */
int toupper(int c);

#endif
