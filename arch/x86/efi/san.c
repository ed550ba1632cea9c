/** @file SAN hand-over on UEFI: not implemented yet (a BlockIo handle and LoadImage come next). */
#include <lwpxe/errors.h>
#include <lwpxe/san.h>

int san_platform_boot(struct san_drive *drive, const char *filename)
{
	(void)drive;
	(void)filename;
	/* sanboot prints "could not boot: operation not supported" */
	return -ENOTSUP;
}
