/** @file INT 13h on BIOS: SAN drives served as BIOS hard disks, the BIOS's own disks moved up behind them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/blockdev.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/san.h>
#include "cdboot.h"
#include "int13.h"
#include "realmode.h"

/** Functions (AH on entry) */
#define INT13_RESET 0x00
#define INT13_LAST_STATUS 0x01
#define INT13_READ 0x02
#define INT13_WRITE 0x03
#define INT13_PARAMS 0x08
#define INT13_DISK_TYPE 0x15
#define INT13_EXT_CHECK 0x41
#define INT13_EXT_READ 0x42
#define INT13_EXT_WRITE 0x43
#define INT13_EXT_VERIFY 0x44
#define INT13_EXT_PARAMS 0x48
#define INT13_CD_STATUS 0x4b        /**< El Torito: AL=00h terminate, 01h status */

/** Status codes (AH on return; CF set unless 0) */
#define INT13_OK 0x00
#define INT13_INVALID 0x01          /**< bad function or parameter */
#define INT13_WRITE_PROTECTED 0x03  /**< the drive is read-only */
#define INT13_READ_ERROR 0x04       /**< sector not found / read error */
#define INT13_TIMEOUT 0x80          /**< device did not answer */
#define INT13_WRITE_FAULT 0xcc      /**< write failed */

/** A handler's return: success, and it has set AH itself */
#define INT13_AH_SET (-1)

/** First hard disk number */
#define INT13_DISK0 0x80

/** BIOS data area byte 40:75: number of hard disks */
#define INT13_BDA_DISKS 0x475

/** The geometry every SAN drive reports */
#define INT13_HEADS 255
#define INT13_SECTORS 63
#define INT13_MAX_CYLINDERS 1024

/** Bytes of a sector to CHS callers and AH=15h: they size buffers for it */
#define INT13_CHS_SECTOR 512
/** Largest block size AH=48h's 16-bit field can hold (a power of two) */
#define INT13_BLOCK_MAX 32768

/** AH=41h: EDD version and feature bits (CX) */
#define INT13_EDD_VERSION 0x30      /**< EDD 3.0 */
#define INT13_EXT_LINEAR 0x01       /**< 42h-44h, 47h, 48h */
#define INT13_EXT_EDD 0x04          /**< 48h with DPTE and device path */
#define INT13_EXT_64BIT 0x08        /**< 64-bit flat buffer addresses */
#define INT13_EXT_MAGIC_IN 0x55aa   /**< BX on entry */
#define INT13_EXT_MAGIC_OUT 0xaa55  /**< BX on return */

/** AH=15h: fixed disk */
#define INT13_TYPE_DISK 0x03

/** Disk address packet of AH=42h/43h/44h (at DS:SI) */
struct int13_dap {
	uint8_t size;              /**< 0x10, or 0x18 with @c flat */
	uint8_t reserved;          /**< 0 */
	uint16_t count;            /**< blocks; set to the blocks done */
	uint16_t off;              /**< buffer offset */
	uint16_t seg;              /**< buffer segment; FFFF:FFFF: use @c flat */
	uint64_t lba;              /**< first block */
	uint64_t flat;             /**< 64-bit flat buffer address (EDD 3.0) */
} __attribute__((packed));

/** Smallest packet, and the one with a flat address */
#define INT13_DAP_MIN 0x10
#define INT13_DAP_FLAT 0x18

/** Drive parameters of AH=48h (at DS:SI), EDD 3.0 layout */
struct int13_params {
	uint16_t size;             /**< in: buffer size; out: bytes filled */
	uint16_t flags;            /**< INT13_FL_* */
	uint32_t cylinders;        /**< CHS geometry */
	uint32_t heads;
	uint32_t sectors;
	uint64_t blocks;           /**< total blocks */
	uint16_t block_size;       /**< bytes per block */
	uint32_t dpte;             /**< EDD 1.1 DPTE far pointer; FFFF:FFFF = none */
	uint16_t key;              /**< INT13_PATH_KEY: the fields below are valid */
	uint8_t path_len;          /**< bytes from @c key to @c checksum */
	uint8_t reserved1[3];
	char host_bus[4];          /**< "PCI " */
	char interface[8];         /**< "SCSI    " */
	uint8_t pci_bus;           /**< interface path (PCI): the NIC */
	uint8_t pci_slot;
	uint8_t pci_function;
	uint8_t pci_channel;       /**< 0xff: none */
	uint32_t reserved2;
	uint16_t scsi_id;          /**< device path (SCSI): target id */
	uint64_t scsi_lun;         /**< LUN */
	uint8_t reserved3[6];
	uint8_t reserved4;
	uint8_t checksum;          /**< makes @c key..@c checksum sum to 0 */
} __attribute__((packed));

_Static_assert(sizeof(struct int13_params) == 0x4a, "EDD 3.0 table is 74 bytes");

/** Sizes of the table up to EDD 1.x, 2.0 (DPTE) and 3.0 (device path) */
#define INT13_PARAMS_V1 0x1a
#define INT13_PARAMS_V2 0x1e
#define INT13_PARAMS_V3 0x4a
#define INT13_PATH_KEY 0xbedd
#define INT13_FL_DMA 0x0001         /**< DMA boundary errors handled */
#define INT13_FL_CHS 0x0002         /**< CHS values valid */

/** The vector INT 13h held before ours (calls we do not serve go there) */
static segoff_t int13_orig;

/** Nonzero while our vector is installed */
static int int13_hooked;

/** The BIOS's hard disk count (40:75) when we hooked */
static uint8_t int13_bios_disks;

/** Status of the last call, per drive number (AH=01h) */
static uint8_t int13_last[256];

/** Byte @p shift/8 of register @p reg */
static uint8_t int13_byte(uint32_t reg, unsigned int shift)
{
	return (uint8_t)(reg >> shift);
}

/** Register value @p reg with byte @p shift/8 replaced by @p v */
static uint32_t int13_put8(uint32_t reg, unsigned int shift, uint8_t v)
{
	return (reg & ~(0xffu << shift)) | ((uint32_t)v << shift);
}

/** Register value @p reg with its low word replaced by @p v */
static uint32_t int13_put16(uint32_t reg, uint16_t v)
{
	return (reg & 0xffff0000u) | v;
}

/** The BIOS hard disk count byte */
static volatile uint8_t *int13_bda_disks(void)
{
	return phys_to_virt(INT13_BDA_DISKS);
}

/**
 * Hard disk count with the SAN drives (except @p gone) in place: the
 * BIOS's disks take the numbers from 0x80 up that no SAN drive holds
 */
static unsigned int int13_disk_count(const struct san_drive *gone)
{
	unsigned int bios = 0, count = 0;

	for (unsigned int n = INT13_DISK0; n <= 0xff; n++) {
		const struct san_drive *d = san_find(n);

		if (d && d != gone)
			count = n - INT13_DISK0 + 1;
		else if (bios < int13_bios_disks)
			bios++, count = n - INT13_DISK0 + 1;
	}
	return count;
}

/**
 * The BIOS's number for visible drive @p drive if that is one of the
 * BIOS's hard disks (moved up past the SAN drives below it); -1 for other
 * numbers (floppies, CD-ROMs at E0h, ...), which stay as they are
 */
static int int13_bios_disk(unsigned int drive)
{
	unsigned int below = 0;

	if (drive < INT13_DISK0)
		return -1;
	for (const struct san_drive *d = san_drives(); d; d = d->next) {
		if (d->number >= INT13_DISK0 && d->number < drive)
			below++;
	}
	if (drive - below - INT13_DISK0 >= int13_bios_disks)
		return -1;
	return (int)(drive - below);
}

/**
 * Pass a call for drive @p drive on to the BIOS (on lwpxe's real-mode
 * stack); a BIOS hard disk under its own number, and AH=08h on it
 * reports the disk count with the SAN drives
 */
static void int13_chain(struct pcbios_regs *regs, unsigned int drive)
{
	uint8_t fn = int13_byte(regs->eax, 8);
	int bios = int13_bios_disk(drive);
	uint8_t dl = (uint8_t)drive;

	regs->ss = 0;
	regs->sp = 0;
	if (bios < 0) {
		pcbios_intcall(int13_orig, regs);
		return;
	}
	regs->edx = int13_put8(regs->edx, 0, (uint8_t)bios);
	pcbios_intcall(int13_orig, regs);
	if (fn == INT13_PARAMS && !(regs->flags & PCBIOS_CF))
		dl = (uint8_t)int13_disk_count(NULL);
	regs->edx = int13_put8(regs->edx, 0, dl);
}

/** Cylinders reported for @p drive (capped) */
static uint32_t int13_cylinders(const struct san_drive *drive)
{
	uint64_t c = drive->blocks / (INT13_HEADS * INT13_SECTORS);

	if (c > INT13_MAX_CYLINDERS)
		return INT13_MAX_CYLINDERS;
	return c ? (uint32_t)c : 1;
}

/**
 * Read or write @p count blocks at @p lba of @p drive from or into @p buf
 *
 * @ret status  INT13_OK, or the status to return (a SAN failure printed)
 */
static int int13_io(struct san_drive *drive, int write, uint64_t lba,
		    uint32_t count, void *buf)
{
	int rc;

	if (!count)
		return INT13_OK;
	if (lba >= drive->blocks || count > drive->blocks - lba)
		return INT13_READ_ERROR;
	if (write && drive->read_only)
		return INT13_WRITE_PROTECTED;
	rc = write ? san_write(drive, lba, count, buf) :
		     san_read(drive, lba, count, buf);
	if (rc == 0)
		return INT13_OK;
	printf("int13: drive %#x: %s of %u blocks at %llu failed: %s\n",
	       drive->number, write ? "write" : "read", count,
	       (unsigned long long)lba, errmsg(rc));
	if (rc == -ETIMEDOUT)
		return INT13_TIMEOUT;
	return write ? INT13_WRITE_FAULT : INT13_READ_ERROR;
}

/** AH=02h/03h: read or write AL sectors at CHS CX/DH into ES:BX; AL = sectors done */
static int int13_chs_io(struct san_drive *drive, struct pcbios_regs *regs,
			int write)
{
	unsigned int count = int13_byte(regs->eax, 0);
	unsigned int cl = int13_byte(regs->ecx, 0);
	unsigned int cyl = int13_byte(regs->ecx, 8) | (cl & 0xc0) << 2;
	unsigned int sector = cl & 0x3f;
	unsigned int head = int13_byte(regs->edx, 8);
	uint64_t lba;
	int status;

	if (!count || !sector || sector > INT13_SECTORS || head >= INT13_HEADS)
		return INT13_INVALID;
	/* the caller's buffer holds count 512-byte sectors: refused without
	 * a word, as a BIOS does for a CD, since boot loaders probe each
	 * drive this way and go on to the EDD calls */
	if (drive->block_size != INT13_CHS_SECTOR)
		return INT13_INVALID;
	lba = ((uint64_t)cyl * INT13_HEADS + head) * INT13_SECTORS + sector - 1;
	status = int13_io(drive, write, lba, count,
			  real_to_virt(regs->es, (uint16_t)regs->ebx));
	regs->eax = int13_put8(regs->eax, 0, status ? 0 : (uint8_t)count);
	return status;
}

/** AH=08h: CHS geometry in CX/DH, the hard disk count in DL */
static int int13_get_params(struct san_drive *drive, struct pcbios_regs *regs)
{
	uint32_t maxcyl = int13_cylinders(drive) - 1;

	regs->ecx = int13_put8(regs->ecx, 8, (uint8_t)maxcyl);
	regs->ecx = int13_put8(regs->ecx, 0,
			       (uint8_t)((maxcyl >> 2 & 0xc0) | INT13_SECTORS));
	regs->edx = int13_put8(regs->edx, 8, INT13_HEADS - 1);
	if (drive->number >= INT13_DISK0)
		regs->edx = int13_put8(regs->edx, 0,
				       (uint8_t)int13_disk_count(NULL));
	return INT13_OK;
}

/** AH=15h: AH = fixed disk, CX:DX = 512-byte sectors */
static int int13_disk_type(struct san_drive *drive, struct pcbios_regs *regs)
{
	uint32_t per = drive->block_size / INT13_CHS_SECTOR;
	uint32_t blocks = drive->blocks > 0xffffffffu / per ? 0xffffffffu :
			  (uint32_t)drive->blocks * per;

	regs->eax = int13_put8(regs->eax, 8, INT13_TYPE_DISK);
	regs->ecx = int13_put16(regs->ecx, (uint16_t)(blocks >> 16));
	regs->edx = int13_put16(regs->edx, (uint16_t)blocks);
	return INT13_AH_SET;
}

/** AH=41h: extensions present? BX 55AA -> AA55, AH = version, CX = features */
static int int13_ext_check(struct pcbios_regs *regs)
{
	if ((uint16_t)regs->ebx != INT13_EXT_MAGIC_IN)
		return INT13_INVALID;
	regs->ebx = int13_put16(regs->ebx, INT13_EXT_MAGIC_OUT);
	regs->ecx = int13_put16(regs->ecx, INT13_EXT_LINEAR | INT13_EXT_EDD |
						INT13_EXT_64BIT);
	regs->eax = int13_put8(regs->eax, 8, INT13_EDD_VERSION);
	return INT13_AH_SET;
}

/**
 * The buffer a disk address packet names: seg:off, or the 64-bit flat
 * address when seg:off is FFFF:FFFF in a long packet (must lie below
 * 4 GiB); NULL if unusable
 */
static void *int13_dap_buffer(const struct int13_dap *dap, size_t len)
{
	if (dap->size >= INT13_DAP_FLAT && dap->seg == 0xffff &&
	    dap->off == 0xffff) {
		if (dap->flat >= 0x100000000ULL ||
		    len > 0x100000000ULL - dap->flat)
			return NULL;
		return phys_to_virt((uintptr_t)dap->flat);
	}
	return real_to_virt(dap->seg, dap->off);
}

/** AH=42h/43h/44h: the packet at DS:SI; its count becomes the blocks done */
static int int13_ext_io(struct san_drive *drive, struct pcbios_regs *regs,
			unsigned int fn)
{
	struct int13_dap *dap = real_to_virt(regs->ds, (uint16_t)regs->esi);
	uint32_t count = dap->count;
	void *buf;
	int status;

	if (dap->size < INT13_DAP_MIN) {
		dap->count = 0;
		return INT13_INVALID;
	}
	if (fn == INT13_EXT_VERIFY) {
		status = dap->lba < drive->blocks &&
			 count <= drive->blocks - dap->lba ? INT13_OK :
							     INT13_READ_ERROR;
	} else {
		buf = int13_dap_buffer(dap, (size_t)count * drive->block_size);
		status = buf ? int13_io(drive, fn == INT13_EXT_WRITE, dap->lba,
					count, buf) :
			       INT13_INVALID;
	}
	if (status)
		dap->count = 0;
	return status;
}

/** PCI bus, device and function of @p nic into @p p; 0, or -ENODEV if not PCI */
static int int13_pci_path(const struct nic *nic, struct int13_params *p)
{
	if (!nic || nic->desc.bus_type != DEVICE_BUS_PCI)
		return -ENODEV;
	p->pci_bus = nic->desc.bus;
	p->pci_slot = nic->desc.dev;
	p->pci_function = nic->desc.fn;
	p->pci_channel = 0xff;
	return 0;
}

/** LUN number of SAM LUN @p lun (single level, peripheral or flat addressing) */
static uint64_t int13_lun(const uint8_t *lun)
{
	return (uint64_t)(lun[0] & 0x3f) << 8 | lun[1];
}

/**
 * The EDD 3.0 device path of @p drive into @p p: host bus "PCI " (the
 * NIC), interface "SCSI" with its LUN; 0, or -error if it cannot be told
 * (no description, or a NIC not on PCI)
 */
static int int13_device_path(struct san_drive *drive, struct int13_params *p)
{
	struct san_description *desc = calloc(1, sizeof(*desc));
	const uint8_t *b = (const uint8_t *)&p->key;
	uint8_t sum = 0;
	int rc;

	if (!desc)
		return -ENOMEM;
	rc = san_describe(drive, desc);
	if (rc == 0)
		rc = int13_pci_path(desc->nic, p);
	if (rc == 0) {
		p->key = INT13_PATH_KEY;
		p->path_len = INT13_PARAMS_V3 - INT13_PARAMS_V2;
		memcpy(p->host_bus, "PCI ", 4);
		memcpy(p->interface, "SCSI    ", 8);
		p->scsi_lun = int13_lun(desc->lun);
		for (unsigned int i = 0; i < p->path_len - 1u; i++)
			sum += b[i];
		p->checksum = (uint8_t)-sum;
	}
	free(desc);
	return rc;
}

/** AH=48h: the drive parameter table at DS:SI, as much as its size allows */
static int int13_ext_params(struct san_drive *drive, struct pcbios_regs *regs)
{
	uint8_t *out = real_to_virt(regs->ds, (uint16_t)regs->esi);
	struct int13_params p;
	uint16_t room;
	uint16_t len;

	memcpy(&room, out, sizeof(room));
	if (room < INT13_PARAMS_V1)
		return INT13_INVALID;
	memset(&p, 0, sizeof(p));
	p.flags = INT13_FL_DMA;
	if (drive->blocks <= (uint64_t)INT13_MAX_CYLINDERS * INT13_HEADS *
				     INT13_SECTORS)
		p.flags |= INT13_FL_CHS;
	p.cylinders = int13_cylinders(drive);
	p.heads = INT13_HEADS;
	p.sectors = INT13_SECTORS;
	p.blocks = drive->blocks;
	p.block_size = (uint16_t)drive->block_size;
	p.dpte = 0xffffffffu;
	len = INT13_PARAMS_V1;
	if (room >= INT13_PARAMS_V2)
		len = INT13_PARAMS_V2;
	if (room >= INT13_PARAMS_V3 && int13_device_path(drive, &p) == 0)
		len = INT13_PARAMS_V3;
	p.size = len;
	memcpy(out, &p, len);
	return INT13_OK;
}

/** AH=4Bh, AL=00h/01h: the El Torito specification packet of a CD at DS:SI */
static int int13_cd_status(struct san_drive *drive, struct pcbios_regs *regs)
{
	if (int13_byte(regs->eax, 0) > 1)
		return INT13_INVALID;
	if (cdboot_spec_packet(drive, real_to_virt(regs->ds,
						   (uint16_t)regs->esi)) < 0)
		return INT13_INVALID;
	return INT13_OK;
}

/** Serve function @p fn on SAN drive @p drive; a status or INT13_AH_SET */
static int int13_function(struct san_drive *drive, unsigned int fn,
			  struct pcbios_regs *regs)
{
	switch (fn) {
	case INT13_RESET:
		return INT13_OK;
	case INT13_LAST_STATUS:
		return int13_last[drive->number];
	case INT13_READ:
	case INT13_WRITE:
		return int13_chs_io(drive, regs, fn == INT13_WRITE);
	case INT13_PARAMS:
		return int13_get_params(drive, regs);
	case INT13_DISK_TYPE:
		return int13_disk_type(drive, regs);
	case INT13_EXT_CHECK:
		return int13_ext_check(regs);
	case INT13_EXT_READ:
	case INT13_EXT_WRITE:
	case INT13_EXT_VERIFY:
		return int13_ext_io(drive, regs, fn);
	case INT13_EXT_PARAMS:
		return int13_ext_params(drive, regs);
	case INT13_CD_STATUS:
		return int13_cd_status(drive, regs);
	default:
		return INT13_INVALID;
	}
}

void pcbios_int13(struct pcbios_regs *regs)
{
	unsigned int number = int13_byte(regs->edx, 0);
	unsigned int fn = int13_byte(regs->eax, 8);
	struct san_drive *drive = san_find(number);
	int status;

	if (!drive) {
		int13_chain(regs, number);
		return;
	}
	status = int13_function(drive, fn, regs);
	if (status == INT13_AH_SET)
		status = INT13_OK;
	else
		regs->eax = int13_put8(regs->eax, 8, (uint8_t)status);
	if (fn != INT13_LAST_STATUS)
		int13_last[number] = (uint8_t)status;
	if (status)
		regs->flags |= PCBIOS_CF;
	else
		regs->flags &= (uint16_t)~PCBIOS_CF;
}

int int13_install(const struct san_drive *drive)
{
	uint32_t size = drive->block_size;

	if (size < INT13_CHS_SECTOR || size > INT13_BLOCK_MAX ||
	    (size & (size - 1))) {
		printf("int13: drive %#x: %u-byte blocks cannot be served by "
		       "INT 13h (512 to %u bytes, a power of two)\n",
		       drive->number, size, INT13_BLOCK_MAX);
		return -ENOTSUP;
	}
	if (!int13_hooked) {
		int13_bios_disks = *int13_bda_disks();
		int13_orig = pcbios_int13_hook();
		int13_hooked = 1;
	}
	*int13_bda_disks() = (uint8_t)int13_disk_count(NULL);
	return 0;
}

void int13_remove(const struct san_drive *gone)
{
	int rc;

	if (!int13_hooked)
		return;
	*int13_bda_disks() = (uint8_t)int13_disk_count(gone);
	for (const struct san_drive *d = san_drives(); d; d = d->next) {
		if (d != gone)
			return;
	}
	rc = pcbios_int13_unhook(int13_orig);
	if (rc == -EBUSY) {
		printf("int13: INT 13h was hooked again after us: ours stays, passing every call to the BIOS\n");
		return;
	}
	int13_hooked = 0;
}
