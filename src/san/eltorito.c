/** @file El Torito boot catalogues: find the catalogue, count the bootable images per platform. */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/eltorito.h>
#include <lwpxe/errors.h>
#include <lwpxe/san.h>

/** Identifier of a boot record volume descriptor: type 0, "CD001", version 1 */
static const uint8_t eltorito_brvd_id[7] = { 0, 'C', 'D', '0', '0', '1', 1 };

/** Boot system identifier of an El Torito boot record */
static const char eltorito_system[] = "EL TORITO SPECIFICATION";

/** Offset of the boot system identifier in the descriptor */
#define ELTORITO_SYSTEM_AT 7
/** Offset of the catalogue's sector (little-endian 32 bits) */
#define ELTORITO_CATALOG_AT 0x47
/** Bytes in one catalogue entry */
#define ELTORITO_ENTRY 32
/** Header ID of the validation entry */
#define ELTORITO_VALIDATION 0x01
/** Boot indicator of a bootable entry */
#define ELTORITO_BOOTABLE 0x88
/** Header indicator of a section header followed by more */
#define ELTORITO_SECTION_MORE 0x90
/** Header indicator of the final section header */
#define ELTORITO_SECTION_LAST 0x91
/** Indicator of a section entry extension */
#define ELTORITO_EXTENSION 0x44

int eltorito_catalog_sector(const uint8_t *brvd, uint32_t *sector)
{
	const uint8_t *p = brvd + ELTORITO_CATALOG_AT;

	if (memcmp(brvd, eltorito_brvd_id, sizeof(eltorito_brvd_id)) != 0 ||
	    memcmp(brvd + ELTORITO_SYSTEM_AT, eltorito_system,
		   sizeof(eltorito_system) - 1) != 0)
		return -ENOENT;
	*sector = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
	return 0;
}

/** Nonzero if @p e is a validation entry with the key bytes and a zero 16-bit sum */
static int eltorito_valid(const uint8_t *e)
{
	uint16_t sum = 0;

	if (e[0] != ELTORITO_VALIDATION || e[30] != 0x55 || e[31] != 0xaa)
		return 0;
	for (int i = 0; i < ELTORITO_ENTRY; i += 2)
		sum += e[i] | e[i + 1] << 8;
	return sum == 0;
}

/** Add the entry at @p e to @p count or @p others by @p platform if it is bootable */
static void eltorito_tally(const uint8_t *e, uint8_t entry_platform,
			   uint8_t platform, int *count, unsigned int *others)
{
	if (e[0] != ELTORITO_BOOTABLE)
		return;
	if (entry_platform == platform)
		(*count)++;
	else
		(*others)++;
}

int eltorito_count(const uint8_t *cat, size_t len, uint8_t platform,
		   unsigned int *others)
{
	size_t at = 2 * ELTORITO_ENTRY;
	int count = 0;

	*others = 0;
	if (len < at || !eltorito_valid(cat))
		return -EINVAL;
	eltorito_tally(cat + ELTORITO_ENTRY, cat[1], platform, &count, others);
	while (at + ELTORITO_ENTRY <= len &&
	       (cat[at] == ELTORITO_SECTION_MORE ||
		cat[at] == ELTORITO_SECTION_LAST)) {
		uint8_t header = cat[at], section_platform = cat[at + 1];
		unsigned int entries = cat[at + 2] | cat[at + 3] << 8;

		at += ELTORITO_ENTRY;
		while (entries && at + ELTORITO_ENTRY <= len) {
			if (cat[at] != ELTORITO_EXTENSION) {
				eltorito_tally(cat + at, section_platform,
					       platform, &count, others);
				entries--;
			}
			at += ELTORITO_ENTRY;
		}
		if (header == ELTORITO_SECTION_LAST)
			break;
	}
	return count;
}

/** Read CD sector @p sector of @p drive into @p buf (ELTORITO_SECTOR bytes); 0 or -error */
static int eltorito_read(struct san_drive *drive, uint32_t sector, uint8_t *buf)
{
	uint32_t per = ELTORITO_SECTOR / drive->block_size;

	if (!drive->block_size || ELTORITO_SECTOR % drive->block_size)
		return -EINVAL;
	return san_read(drive, (uint64_t)sector * per, per, buf);
}

const char *eltorito_why_not(struct san_drive *drive, uint8_t platform)
{
	uint8_t *buf = malloc(ELTORITO_SECTOR);
	const char *why = NULL;
	unsigned int others;
	uint32_t sector;
	int n;

	if (!buf)
		return "out of memory reading its El Torito boot record";
	if (eltorito_read(drive, ELTORITO_BRVD_SECTOR, buf) < 0)
		why = "cannot read sector 17, where an El Torito boot record would be";
	else if (eltorito_catalog_sector(buf, &sector) < 0)
		why = "no El Torito boot catalogue (not a bootable CD image)";
	else if (eltorito_read(drive, sector, buf) < 0)
		why = "cannot read its El Torito boot catalogue";
	else if ((n = eltorito_count(buf, ELTORITO_SECTOR, platform,
				     &others)) < 0)
		why = "its El Torito boot catalogue is damaged (no valid validation entry)";
	else if (n == 0 && others)
		why = platform == ELTORITO_PLATFORM_EFI ?
		      "its El Torito boot catalogue has no UEFI boot image (only images for other platforms, such as BIOS)" :
		      "its El Torito boot catalogue has no image for this platform (only images for others)";
	else if (n == 0)
		why = "its El Torito boot catalogue lists no bootable image";
	free(buf);
	return why;
}
