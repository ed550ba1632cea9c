/** @file SAN hand-over on BIOS: the INT 13h hook while drives are hooked, and the jump to the boot sector (or a CD's boot image). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/eltorito.h>
#include <lwpxe/errors.h>
#include <lwpxe/san.h>
#include <lwpxe/timeline.h>
#include "cdboot.h"
#include "int13.h"
#include "realmode.h"

/** Where a boot sector is loaded and started, and its stack top */
#define SAN_BOOT_SEG 0x0000
#define SAN_BOOT_OFF 0x7c00

/** Bytes of a boot sector, and where its signature 55 AA sits */
#define SAN_BOOT_LEN 512
#define SAN_BOOT_SIG_AT 510

int san_platform_hook(struct san_drive *drive)
{
	return int13_install(drive);
}

void san_platform_unhook(struct san_drive *drive)
{
	int13_remove(drive);
}

/**
 * Read LBA 0 of @p drive to 0000:7C00 and check its signature
 *
 * @ret rc      0, or -error after one line saying why
 */
static int san_load_boot_sector(struct san_drive *drive)
{
	uint8_t *block = malloc(drive->block_size);
	int rc;

	if (!block)
		return -ENOMEM;
	rc = drive->block_size < SAN_BOOT_LEN ? -EINVAL :
		san_read(drive, 0, 1, block);
	if (rc < 0) {
		printf("sanboot: drive %#x: cannot read the boot sector: %s\n",
		       drive->number, errmsg(rc));
	} else if (block[SAN_BOOT_SIG_AT] != 0x55 ||
		   block[SAN_BOOT_SIG_AT + 1] != 0xaa) {
		printf("sanboot: drive %#x has no boot sector (no 55AA signature)\n",
		       drive->number);
		rc = -ENOEXEC;
	} else {
		memcpy(real_to_virt(SAN_BOOT_SEG, SAN_BOOT_OFF), block,
		       SAN_BOOT_LEN);
	}
	free(block);
	return rc;
}

int san_platform_boot(struct san_drive *drive, const char *filename)
{
	struct pcbios_regs regs;
	int rc;

	if (filename) {
		printf("sanboot: drive %#x: --filename %s is not supported on BIOS (only the boot sector or a CD's boot image can be started)\n",
		       drive->number, filename);
		return -ENOTSUP;
	}
	if (drive->block_size == ELTORITO_SECTOR)
		return cdboot_start(drive);
	rc = san_load_boot_sector(drive);
	if (rc < 0)
		return rc;
	printf("Booting from SAN drive %#x\n", drive->number);
	timeline_handover("the boot sector");
	memset(&regs, 0, sizeof(regs));
	regs.edx = drive->number;
	regs.ds = regs.es = SAN_BOOT_SEG;
	regs.ss = SAN_BOOT_SEG;
	regs.sp = SAN_BOOT_OFF;
	pcbios_farcall(SEGOFF(SAN_BOOT_SEG, SAN_BOOT_OFF), &regs, NULL, 0);
	printf("sanboot: drive %#x: the boot sector returned (AX=%04x)\n",
	       drive->number, (unsigned int)(regs.eax & 0xffff));
	return -ECANCELED;
}
