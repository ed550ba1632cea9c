/** @file Minimal freestanding <wchar.h>: the wide character types only. */
#ifndef LIBC_WCHAR_H
#define LIBC_WCHAR_H

#define __need_wchar_t
#define __need_wint_t
#define __need_size_t
#define __need_NULL
#include <stddef.h>

#endif
