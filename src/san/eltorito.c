/** @file El Torito boot catalogues: the default boot entry of a CD image on a SAN drive, and its images per platform. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/eltorito.h>
#include <lwpxe/errors.h>

/** Boot record volume descriptor: type 0, "CD001", version 1, then the system id */
#define ELTORITO_REC_TYPE 0x00
#define ELTORITO_REC_ID 1
#define ELTORITO_REC_VERSION 6
#define ELTORITO_REC_SYSTEM 7
#define ELTORITO_REC_CATALOG 0x47

/** The boot system identifier (padded with zero bytes to 32) */
static const char eltorito_system[] = "EL TORITO SPECIFICATION";

/** Validation entry: header id, platform, checksum over 16 words, key 55 AA */
#define ELTORITO_ENTRY_LEN 32
#define ELTORITO_VAL_HEADER 0x01
#define ELTORITO_VAL_PLATFORM 1
#define ELTORITO_VAL_KEY 0x1e

/** Initial/default entry (after the validation entry) */
#define ELTORITO_DEF_BOOTABLE 0x88
#define ELTORITO_DEF_MEDIA 1
#define ELTORITO_DEF_SEGMENT 2
#define ELTORITO_DEF_SYSTYPE 4
#define ELTORITO_DEF_COUNT 6
#define ELTORITO_DEF_LBA 8
#define ELTORITO_MEDIA_MASK 0x0f

/** Section headers: more follow, or the final one; a section entry extension */
#define ELTORITO_SECTION_MORE 0x90
#define ELTORITO_SECTION_LAST 0x91
#define ELTORITO_EXTENSION 0x44

int eltorito_parse_record(const uint8_t *sector, uint32_t *catalog_lba,
			  const char **why)
{
	if (sector[0] != ELTORITO_REC_TYPE ||
	    memcmp(sector + ELTORITO_REC_ID, "CD001", 5) != 0 ||
	    sector[ELTORITO_REC_VERSION] != 1 ||
	    memcmp(sector + ELTORITO_REC_SYSTEM, eltorito_system,
		   sizeof(eltorito_system)) != 0) {
		*why = "no El Torito boot record in sector 17 (no boot catalogue)";
		return -ENOEXEC;
	}
	*catalog_lba = get_le32(sector + ELTORITO_REC_CATALOG);
	return 0;
}

/** Sum of the 16 little-endian words of catalogue entry @p e */
static uint16_t eltorito_entry_sum(const uint8_t *e)
{
	uint16_t sum = 0;

	for (unsigned int i = 0; i < ELTORITO_ENTRY_LEN; i += 2)
		sum = (uint16_t)(sum + get_le16(e + i));
	return sum;
}

/** Nonzero if @p v has a validation entry's header and key bytes */
static int eltorito_has_validation(const uint8_t *v)
{
	return v[0] == ELTORITO_VAL_HEADER && v[ELTORITO_VAL_KEY] == 0x55 &&
	       v[ELTORITO_VAL_KEY + 1] == 0xaa;
}

/** Check validation entry @p v; 0, or -ENOEXEC with *why */
static int eltorito_check_validation(const uint8_t *v, const char **why)
{
	if (!eltorito_has_validation(v))
		*why = "the boot catalogue has no validation entry";
	else if (eltorito_entry_sum(v) != 0)
		*why = "the boot catalogue's validation entry has a bad checksum";
	else if (v[ELTORITO_VAL_PLATFORM] == ELTORITO_PLATFORM_EFI)
		*why = "the default boot entry is for UEFI, not BIOS";
	else if (v[ELTORITO_VAL_PLATFORM] != ELTORITO_PLATFORM_X86)
		*why = "the default boot entry is not for x86";
	else
		return 0;
	return -ENOEXEC;
}

int eltorito_parse_catalog(const uint8_t *sector, struct eltorito_boot *boot,
			   const char **why)
{
	const uint8_t *d = sector + ELTORITO_ENTRY_LEN;
	int rc;

	rc = eltorito_check_validation(sector, why);
	if (rc < 0)
		return rc;
	if (d[0] != ELTORITO_DEF_BOOTABLE) {
		*why = "the default boot entry is not bootable";
		return -ENOEXEC;
	}
	boot->media = d[ELTORITO_DEF_MEDIA] & ELTORITO_MEDIA_MASK;
	boot->load_seg = get_le16(d + ELTORITO_DEF_SEGMENT);
	if (!boot->load_seg)
		boot->load_seg = ELTORITO_DEFAULT_SEG;
	boot->system_type = d[ELTORITO_DEF_SYSTYPE];
	boot->sectors = get_le16(d + ELTORITO_DEF_COUNT);
	boot->image_lba = get_le32(d + ELTORITO_DEF_LBA);
	if (boot->media > ELTORITO_HARD_DISK) {
		*why = "the default boot entry has an unknown media type";
		return -ENOEXEC;
	}
	if (boot->media == ELTORITO_NO_EMUL && !boot->sectors) {
		*why = "the default boot entry loads no sectors";
		return -ENOEXEC;
	}
	return 0;
}

const char *eltorito_media_name(unsigned int media)
{
	static const char *const names[] = {
		[ELTORITO_NO_EMUL] = "no emulation",
		[ELTORITO_FLOPPY_1200] = "1.2 MB floppy emulation",
		[ELTORITO_FLOPPY_1440] = "1.44 MB floppy emulation",
		[ELTORITO_FLOPPY_2880] = "2.88 MB floppy emulation",
		[ELTORITO_HARD_DISK] = "hard disk emulation",
	};

	return media <= ELTORITO_HARD_DISK ? names[media] : "unknown media";
}

/** Read CD sector @p lba of @p drive into @p buf; 0 or -error, *why set */
static int eltorito_read_sector(struct san_drive *drive, uint32_t lba,
				uint8_t *buf, const char **why)
{
	int rc;

	if (lba >= drive->blocks) {
		*why = lba == ELTORITO_RECORD_LBA ?
			"too small for a CD image (no sector 17)" :
			"the boot catalogue lies past the end of the image";
		return -ENOEXEC;
	}
	rc = san_read(drive, lba, 1, buf);
	if (rc < 0)
		*why = errmsg(rc);
	return rc;
}

int eltorito_read(struct san_drive *drive, struct eltorito_boot *boot)
{
	const char *why = "";
	uint8_t *sector;
	int rc;

	if (drive->block_size != ELTORITO_SECTOR) {
		printf("sanboot: drive %#x (%s): not a CD (%u-byte blocks)\n",
		       drive->number, san_uri(drive), drive->block_size);
		return -ENOEXEC;
	}
	sector = malloc(ELTORITO_SECTOR);
	if (!sector)
		return -ENOMEM;
	rc = eltorito_read_sector(drive, ELTORITO_RECORD_LBA, sector, &why);
	if (rc == 0)
		rc = eltorito_parse_record(sector, &boot->catalog_lba, &why);
	if (rc == 0)
		rc = eltorito_read_sector(drive, boot->catalog_lba, sector,
					  &why);
	if (rc == 0)
		rc = eltorito_parse_catalog(sector, boot, &why);
	if (rc < 0)
		printf("sanboot: drive %#x (%s): %s\n", drive->number,
		       san_uri(drive), why);
	free(sector);
	return rc;
}

/** Add the entry at @p e to @p count or @p others by @p platform if it is bootable */
static void eltorito_tally(const uint8_t *e, uint8_t entry_platform,
			   uint8_t platform, int *count, unsigned int *others)
{
	if (e[0] != ELTORITO_DEF_BOOTABLE)
		return;
	if (entry_platform == platform)
		(*count)++;
	else
		(*others)++;
}

int eltorito_count(const uint8_t *cat, size_t len, uint8_t platform,
		   unsigned int *others)
{
	size_t at = 2 * ELTORITO_ENTRY_LEN;
	int count = 0;

	*others = 0;
	if (len < at || !eltorito_has_validation(cat) ||
	    eltorito_entry_sum(cat) != 0)
		return -EINVAL;
	eltorito_tally(cat + ELTORITO_ENTRY_LEN, cat[ELTORITO_VAL_PLATFORM],
		       platform, &count, others);
	while (at + ELTORITO_ENTRY_LEN <= len &&
	       (cat[at] == ELTORITO_SECTION_MORE ||
		cat[at] == ELTORITO_SECTION_LAST)) {
		uint8_t header = cat[at], section_platform = cat[at + 1];
		unsigned int entries = get_le16(cat + at + 2);

		at += ELTORITO_ENTRY_LEN;
		while (entries && at + ELTORITO_ENTRY_LEN <= len) {
			if (cat[at] != ELTORITO_EXTENSION) {
				eltorito_tally(cat + at, section_platform,
					       platform, &count, others);
				entries--;
			}
			at += ELTORITO_ENTRY_LEN;
		}
		if (header == ELTORITO_SECTION_LAST)
			break;
	}
	return count;
}

const char *eltorito_why_not(struct san_drive *drive, uint8_t platform)
{
	uint8_t *sector = malloc(ELTORITO_SECTOR);
	const char *why = NULL;
	unsigned int others;
	uint32_t lba;
	int n;

	if (!sector)
		return "out of memory reading its El Torito boot record";
	if (drive->block_size != ELTORITO_SECTOR)
		why = "not a CD image (its blocks are not 2048 bytes)";
	else if (eltorito_read_sector(drive, ELTORITO_RECORD_LBA, sector,
				      &why) == 0 &&
		 eltorito_parse_record(sector, &lba, &why) == 0 &&
		 eltorito_read_sector(drive, lba, sector, &why) == 0) {
		n = eltorito_count(sector, ELTORITO_SECTOR, platform, &others);
		if (n < 0)
			why = "its El Torito boot catalogue is damaged (no valid validation entry)";
		else if (n == 0 && others)
			why = platform == ELTORITO_PLATFORM_EFI ?
			      "its El Torito boot catalogue has no UEFI boot image (only images for other platforms, such as BIOS)" :
			      "its El Torito boot catalogue has no image for this platform (only images for others)";
		else if (n == 0)
			why = "its El Torito boot catalogue lists no bootable image";
	}
	free(sector);
	return why;
}
