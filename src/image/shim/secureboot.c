/** @file ${secureboot}: 1 when UEFI Secure Boot is in force, 0 when it is off, unset where there is none (BIOS, Linux). */
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include <lwpxe/settings.h>

/** ${secureboot}: platform_secure_boot() as one byte; -ENOENT on a platform without it */
static int secureboot_compute(char *buf, size_t len)
{
	int on = platform_secure_boot();

	if (on < 0 || len < 1)
		return -ENOENT;
	buf[0] = (char)on;
	return 1;
}

SETTING_DEFINE(secureboot_def, "secureboot", int8, 0,
	       "UEFI Secure Boot in force (1) or off (0)", secureboot_compute);
