/** @file El Torito: the boot images a CD image's boot catalogue lists, and why a SAN drive has none for a platform. */
#ifndef LWPXE_ELTORITO_H
#define LWPXE_ELTORITO_H

#include <stddef.h>
#include <stdint.h>

struct san_drive;

/** Bytes in a CD sector, the unit of every El Torito pointer */
#define ELTORITO_SECTOR 2048

/** Sector of the Boot Record Volume Descriptor */
#define ELTORITO_BRVD_SECTOR 17

/** Platform ID of 80x86 (BIOS) boot images */
#define ELTORITO_PLATFORM_X86 0x00

/** Platform ID of UEFI boot images */
#define ELTORITO_PLATFORM_EFI 0xef

/**
 * Read the boot catalogue's sector from a Boot Record Volume Descriptor
 *
 * @v brvd      sector ELTORITO_BRVD_SECTOR (ELTORITO_SECTOR bytes)
 * @v sector    receives the catalogue's first sector
 * @ret rc      0, or -ENOENT if @p brvd is not an El Torito boot record
 */
int eltorito_catalog_sector(const uint8_t *brvd, uint32_t *sector);

/**
 * Count the bootable entries for @p platform in a boot catalogue (the
 * initial entry and every section's), stopping at the final section or
 * at the end of @p len bytes
 *
 * @v others    receives the number of bootable entries for other platforms
 * @ret count   number of bootable entries for @p platform, or -EINVAL if
 *              the catalogue does not start with a valid validation entry
 */
int eltorito_count(const uint8_t *cat, size_t len, uint8_t platform,
		   unsigned int *others);

/**
 * Say why @p drive (a CD image, read through the SAN layer) has no
 * bootable image for @p platform
 *
 * @ret why     a phrase ("no El Torito boot catalogue (not a bootable CD
 *              image)"), or NULL if its catalogue lists one
 */
const char *eltorito_why_not(struct san_drive *drive, uint8_t platform);

#endif
