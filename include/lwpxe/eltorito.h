/** @file El Torito: the boot catalogue of a CD image read from a SAN drive: its default entry, its images per platform. */
#ifndef LWPXE_ELTORITO_H
#define LWPXE_ELTORITO_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/san.h>

/** Bytes per CD sector (the drive's block size for an El Torito boot) */
#define ELTORITO_SECTOR 2048

/** Sector of the boot record volume descriptor */
#define ELTORITO_RECORD_LBA 17

/** Bytes per virtual sector (the entry's sector count counts these) */
#define ELTORITO_VSECTOR 512

/** Platform ID of 80x86 (BIOS) boot images */
#define ELTORITO_PLATFORM_X86 0x00

/** Platform ID of UEFI boot images */
#define ELTORITO_PLATFORM_EFI 0xef

/** Load segment used when the entry gives 0 */
#define ELTORITO_DEFAULT_SEG 0x07c0

/** Boot media types (low nibble of the entry's media byte) */
enum eltorito_media {
	ELTORITO_NO_EMUL = 0,      /**< the image is loaded and started as is */
	ELTORITO_FLOPPY_1200 = 1,  /**< 1.2 MB floppy emulation */
	ELTORITO_FLOPPY_1440 = 2,  /**< 1.44 MB floppy emulation */
	ELTORITO_FLOPPY_2880 = 3,  /**< 2.88 MB floppy emulation */
	ELTORITO_HARD_DISK = 4,    /**< hard disk emulation */
};

/** The initial/default entry of a boot catalogue */
struct eltorito_boot {
	uint32_t catalog_lba;      /**< CD sector of the boot catalogue */
	uint32_t image_lba;        /**< CD sector where the boot image starts */
	uint16_t load_seg;         /**< real-mode segment to load it at (never 0) */
	uint16_t sectors;          /**< virtual (512-byte) sectors to load */
	uint8_t media;             /**< enum eltorito_media */
	uint8_t system_type;       /**< partition type byte of the entry */
};

/**
 * Parse boot record volume descriptor @p sector (ELTORITO_SECTOR bytes)
 *
 * @v catalog_lba   the boot catalogue's sector, on success
 * @v why           the cause, on failure
 * @ret rc          0 or -ENOEXEC
 */
int eltorito_parse_record(const uint8_t *sector, uint32_t *catalog_lba,
			  const char **why);

/**
 * Parse the validation entry and the initial/default entry at the
 * start of boot catalogue @p sector (ELTORITO_SECTOR bytes) into @p boot
 * (all but catalog_lba)
 *
 * @v why           the cause, on failure
 * @ret rc          0 or -ENOEXEC
 */
int eltorito_parse_catalog(const uint8_t *sector, struct eltorito_boot *boot,
			   const char **why);

/** Name of media type @p media for messages ("no emulation", "1.44 MB floppy emulation") */
const char *eltorito_media_name(unsigned int media);

/**
 * Read the boot record and the boot catalogue of @p drive into @p boot
 *
 * @ret rc      0, or -error after one line naming the drive, its URI
 *              and the cause
 */
int eltorito_read(struct san_drive *drive, struct eltorito_boot *boot);

/**
 * Count the bootable entries for @p platform in boot catalogue @p cat (the
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
 * @ret why     a phrase ("no El Torito boot record in sector 17 (no boot
 *              catalogue)"), or NULL if its catalogue lists one
 */
const char *eltorito_why_not(struct san_drive *drive, uint8_t platform);

#endif
