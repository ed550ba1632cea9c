/** @file El Torito on BIOS: a CD image's boot image loaded and started without emulation, and the packet INT 13h AH=4Bh reports. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/eltorito.h>
#include <lwpxe/errors.h>
#include <lwpxe/timeline.h>
#include "cdboot.h"
#include "pcbios.h"
#include "realmode.h"

/** BIOS data area word 40:13: base memory size in KiB */
#define CDBOOT_BDA_BASE_KIB 0x413

/** Lowest load address accepted (room for a stack below it) */
#define CDBOOT_MIN_LOAD 0x1000

/** Stack top when the image lies above it, as for a boot sector */
#define CDBOOT_STACK_TOP 0x7c00

/** Specification packet fields (El Torito, INT 13h AX=4B01h) */
#define CDBOOT_SPEC_SIZE 0x00
#define CDBOOT_SPEC_MEDIA 0x01
#define CDBOOT_SPEC_DRIVE 0x02
#define CDBOOT_SPEC_LBA 0x04
#define CDBOOT_SPEC_LOAD_SEG 0x0c
#define CDBOOT_SPEC_COUNT 0x0e

/** The drive booted last and its boot entry (for AH=4Bh) */
static unsigned int cdboot_drive = SAN_MAX_DRIVE + 1;
static struct eltorito_boot cdboot_entry;

/**
 * Check that @p bytes at the load segment of @p boot fit between
 * CDBOOT_MIN_LOAD and the top of base memory (40:13, below which lwpxe's
 * own real-mode block lies)
 */
static int cdboot_fits(const struct eltorito_boot *boot, uint32_t bytes)
{
	uint32_t top = (uint32_t)*(volatile uint16_t *)phys_to_virt(
		CDBOOT_BDA_BASE_KIB) << 10;
	uint32_t at = (uint32_t)boot->load_seg << 4;

	return at >= CDBOOT_MIN_LOAD && at < top && bytes <= top - at;
}

/**
 * Read the boot image of @p boot from @p drive to its load segment
 *
 * @ret rc      0, or -error after one line saying why
 */
static int cdboot_load(struct san_drive *drive, const struct eltorito_boot *boot)
{
	uint32_t blocks = (boot->sectors + (ELTORITO_SECTOR / ELTORITO_VSECTOR) - 1) /
			  (ELTORITO_SECTOR / ELTORITO_VSECTOR);
	int rc;

	if (boot->media != ELTORITO_NO_EMUL) {
		printf("sanboot: drive %#x (%s): El Torito %s is not supported (only no-emulation boot images)\n",
		       drive->number, san_uri(drive),
		       eltorito_media_name(boot->media));
		return -ENOTSUP;
	}
	if (boot->image_lba >= drive->blocks ||
	    blocks > drive->blocks - boot->image_lba) {
		printf("sanboot: drive %#x (%s): the boot image lies past the end of the image\n",
		       drive->number, san_uri(drive));
		return -ENOEXEC;
	}
	if (!cdboot_fits(boot, blocks * ELTORITO_SECTOR)) {
		printf("sanboot: drive %#x (%s): a %u-sector boot image does not fit in base memory at %04x:0000\n",
		       drive->number, san_uri(drive), boot->sectors,
		       boot->load_seg);
		return -ENOEXEC;
	}
	rc = san_read(drive, boot->image_lba, blocks,
		      real_to_virt(boot->load_seg, 0));
	if (rc < 0)
		printf("sanboot: drive %#x (%s): cannot read the boot image: %s\n",
		       drive->number, san_uri(drive), errmsg(rc));
	return rc;
}

int cdboot_start(struct san_drive *drive)
{
	struct eltorito_boot boot;
	struct pcbios_regs regs;
	uint32_t at;
	int rc;

	rc = eltorito_read(drive, &boot);
	if (rc == 0)
		rc = cdboot_load(drive, &boot);
	if (rc < 0)
		return rc;
	cdboot_drive = drive->number;
	cdboot_entry = boot;
	printf("Booting from SAN drive %#x (El Torito, %u sectors at %04x:0000)\n",
	       drive->number, boot.sectors, boot.load_seg);
	timeline_handover("the CD's boot image");
	at = (uint32_t)boot.load_seg << 4;
	memset(&regs, 0, sizeof(regs));
	regs.edx = drive->number;
	regs.sp = at >= CDBOOT_STACK_TOP ? CDBOOT_STACK_TOP : (uint16_t)at;
	pcbios_farcall(SEGOFF(boot.load_seg, 0), &regs, NULL, 0);
	printf("sanboot: drive %#x: the boot image returned (AX=%04x)\n",
	       drive->number, (unsigned int)(regs.eax & 0xffff));
	return -ECANCELED;
}

/** Store little-endian @p v in @p len bytes at @p p */
static void cdboot_put(uint8_t *p, uint32_t v, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

int cdboot_spec_packet(const struct san_drive *drive, uint8_t *out)
{
	if (drive->block_size != ELTORITO_SECTOR)
		return -ENODEV;
	memset(out, 0, CDBOOT_SPEC_LEN);
	out[CDBOOT_SPEC_SIZE] = CDBOOT_SPEC_LEN;
	out[CDBOOT_SPEC_MEDIA] = ELTORITO_NO_EMUL;
	out[CDBOOT_SPEC_DRIVE] = (uint8_t)drive->number;
	if (drive->number == cdboot_drive) {
		cdboot_put(out + CDBOOT_SPEC_LBA, cdboot_entry.image_lba, 4);
		cdboot_put(out + CDBOOT_SPEC_LOAD_SEG, cdboot_entry.load_seg, 2);
		cdboot_put(out + CDBOOT_SPEC_COUNT, cdboot_entry.sectors, 2);
	}
	return 0;
}
