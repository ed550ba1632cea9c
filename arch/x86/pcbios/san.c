/** @file SAN hand-over on BIOS: not implemented yet (the INT 13h hook and the jump to the boot sector come next). */
#include <lwpxe/errors.h>
#include <lwpxe/san.h>

int san_platform_hook(struct san_drive *drive)
{
	(void)drive;
	/* no INT 13h hook yet: the drive is readable only by lwpxe itself */
	return 0;
}

void san_platform_unhook(struct san_drive *drive)
{
	(void)drive;
}

int san_platform_boot(struct san_drive *drive, const char *filename)
{
	(void)drive;
	(void)filename;
	/* sanboot prints "could not boot: operation not supported" */
	return -ENOTSUP;
}
