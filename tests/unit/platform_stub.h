/** @file Hooks into the unit tests' fake platform. */
#ifndef PLATFORM_STUB_H
#define PLATFORM_STUB_H

#include <stddef.h>

/** Everything written to the console since the last reset */
const char *stub_console_output(void);

/** Lines written to the console since the last reset */
unsigned int stub_console_lines(void);

/** Forget captured console output */
void stub_console_reset(void);

/** Nonzero: capture console output without also showing it (screens drawn with ANSI) */
void stub_console_quiet(int quiet);

/** Keys the console will return, in order (the string must outlive its use) */
void stub_console_input(const char *keys);

/** Run the command named by words[0] (NULL-terminated list), output captured afresh; its status, or -ENOENT */
int stub_run(char **words);

/** Make platform_smbios() give @p table of @p len bytes (NULL: none) */
void stub_smbios_set(const void *table, size_t len);

/** Make platform_secure_boot() return @p state (1 on, 0 off, -ENOTSUP: no such thing, the default) */
void stub_secure_boot_set(int state);

#endif
