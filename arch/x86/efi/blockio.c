/** @file SAN hook on UEFI: each hooked drive becomes a handle with BlockIo and an iSCSI device path. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/errors.h>
#include "efi_san.h"

/** Blocks passed to one san_read()/san_write() call at most */
#define EFI_SAN_CHUNK (1u << 20)

static EFI_GUID efi_block_io_guid = EFI_BLOCK_IO_PROTOCOL_GUID;
static EFI_GUID efi_devpath_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;

/** Disks installed, newest first */
static struct efi_san_disk *efi_san_disks;

/** Nonzero while a block call runs (a firmware callback must not re-enter the poll loop) */
static int efi_san_busy;

struct efi_san_disk *efi_san_disk(const struct san_drive *drive)
{
	for (struct efi_san_disk *d = efi_san_disks; d; d = d->next) {
		if (d->drive == drive)
			return d;
	}
	return NULL;
}

/**
 * Check a block request against the media and turn it into a block count
 *
 * @ret status  EFI_SUCCESS with *count set, or the status to return
 */
static EFI_STATUS efi_san_check(struct efi_san_disk *disk, UINT32 media_id,
				EFI_LBA lba, UINTN size, const VOID *buf,
				UINT64 *count)
{
	if (!disk->drive)
		return EFI_NO_MEDIA;
	if (media_id != disk->media.MediaId)
		return EFI_MEDIA_CHANGED;
	if (!buf)
		return EFI_INVALID_PARAMETER;
	if (size % disk->media.BlockSize)
		return EFI_BAD_BUFFER_SIZE;
	*count = size / disk->media.BlockSize;
	if (lba > disk->media.LastBlock ||
	    *count > disk->media.LastBlock + 1 - lba)
		return EFI_INVALID_PARAMETER;
	if (efi_san_busy)
		return EFI_DEVICE_ERROR;
	return EFI_SUCCESS;
}

/** Read or write @p count blocks at @p lba through the SAN layer, in chunks */
static EFI_STATUS efi_san_io(struct efi_san_disk *disk, EFI_LBA lba,
			     UINT64 count, VOID *buf, int write)
{
	struct san_drive *drive = disk->drive;
	UINT8 *p = buf;
	int rc = 0;

	efi_san_busy = 1;
	while (count && rc == 0) {
		uint32_t n = count < EFI_SAN_CHUNK ? (uint32_t)count : EFI_SAN_CHUNK;

		rc = write ? san_write(drive, lba, n, p) :
			     san_read(drive, lba, n, p);
		lba += n;
		count -= n;
		p += (size_t)n * drive->block_size;
	}
	efi_san_busy = 0;
	if (rc == 0)
		return EFI_SUCCESS;
	printf("san: drive %#x: %s at block %llu failed: %s\n", drive->number,
	       write ? "write" : "read", (unsigned long long)lba, errmsg(rc));
	return EFI_DEVICE_ERROR;
}

/** BlockIo.ReadBlocks: read whole blocks from the SAN drive */
static EFI_STATUS EFIAPI efi_san_read(EFI_BLOCK_IO_PROTOCOL *this,
				      UINT32 media_id, EFI_LBA lba,
				      UINTN size, VOID *buf)
{
	struct efi_san_disk *disk = (struct efi_san_disk *)this;
	UINT64 count;
	EFI_STATUS st = efi_san_check(disk, media_id, lba, size, buf, &count);

	return st != EFI_SUCCESS ? st : efi_san_io(disk, lba, count, buf, 0);
}

/** BlockIo.WriteBlocks: write whole blocks to the SAN drive */
static EFI_STATUS EFIAPI efi_san_write(EFI_BLOCK_IO_PROTOCOL *this,
				       UINT32 media_id, EFI_LBA lba,
				       UINTN size, VOID *buf)
{
	struct efi_san_disk *disk = (struct efi_san_disk *)this;
	UINT64 count;
	EFI_STATUS st = efi_san_check(disk, media_id, lba, size, buf, &count);

	if (st == EFI_SUCCESS && disk->media.ReadOnly)
		st = EFI_WRITE_PROTECTED;
	return st != EFI_SUCCESS ? st : efi_san_io(disk, lba, count, buf, 1);
}

/** BlockIo.FlushBlocks: writes complete before returning, so nothing is pending */
static EFI_STATUS EFIAPI efi_san_flush(EFI_BLOCK_IO_PROTOCOL *this)
{
	return ((struct efi_san_disk *)this)->drive ? EFI_SUCCESS : EFI_NO_MEDIA;
}

/** BlockIo.Reset: the session recovers by itself; nothing to reset */
static EFI_STATUS EFIAPI efi_san_reset(EFI_BLOCK_IO_PROTOCOL *this,
				       BOOLEAN extended)
{
	(void)this;
	(void)extended;
	return EFI_SUCCESS;
}

/** Fill the protocol and media of @p disk from its drive */
static void efi_san_fill(struct efi_san_disk *disk, struct san_drive *drive)
{
	EFI_BLOCK_IO_MEDIA *m = &disk->media;

	disk->drive = drive;
	m->MediaId = drive->number;
	m->RemovableMedia = FALSE;
	m->MediaPresent = TRUE;
	m->LogicalPartition = FALSE;
	m->ReadOnly = drive->read_only ? TRUE : FALSE;
	m->BlockSize = drive->block_size;
	m->LastBlock = drive->blocks - 1;
	m->LogicalBlocksPerPhysicalBlock = 1;
	disk->block_io.Revision = EFI_BLOCK_IO_PROTOCOL_REVISION3;
	disk->block_io.Media = m;
	disk->block_io.Reset = efi_san_reset;
	disk->block_io.ReadBlocks = efi_san_read;
	disk->block_io.WriteBlocks = efi_san_write;
	disk->block_io.FlushBlocks = efi_san_flush;
}

/** Install BlockIo and the device path of @p disk on a new handle; 0 or -error */
static int efi_san_install(struct efi_san_disk *disk)
{
	EFI_STATUS st;

	st = efi_bs->InstallProtocolInterface(&disk->handle, &efi_devpath_guid,
					      EFI_NATIVE_INTERFACE, disk->path);
	if (st != EFI_SUCCESS)
		return efi_rc(st);
	st = efi_bs->InstallProtocolInterface(&disk->handle, &efi_block_io_guid,
					      EFI_NATIVE_INTERFACE,
					      &disk->block_io);
	if (st != EFI_SUCCESS) {
		efi_bs->UninstallProtocolInterface(disk->handle,
						   &efi_devpath_guid, disk->path);
		return efi_rc(st);
	}
	return 0;
}

int san_platform_hook(struct san_drive *drive)
{
	struct efi_san_disk *disk = calloc(1, sizeof(*disk));
	int rc = -ENOMEM;

	if (disk)
		disk->path = efi_san_path(drive);
	if (disk && disk->path) {
		efi_san_fill(disk, drive);
		rc = efi_san_install(disk);
	}
	if (rc < 0) {
		printf("san: drive %#x: cannot give the firmware a disk handle: %s\n",
		       drive->number, errmsg(rc));
		if (disk)
			free(disk->path);
		free(disk);
		return rc;
	}
	disk->next = efi_san_disks;
	efi_san_disks = disk;
	/* the firmware's partition and FAT drivers bind now, reading through us */
	efi_bs->ConnectController(disk->handle, NULL, NULL, TRUE);
	return 0;
}

/** Remove @p disk from the list */
static void efi_san_unlink(struct efi_san_disk *disk)
{
	for (struct efi_san_disk **pp = &efi_san_disks; *pp; pp = &(*pp)->next) {
		if (*pp == disk) {
			*pp = disk->next;
			return;
		}
	}
}

void san_platform_unhook(struct san_drive *drive)
{
	struct efi_san_disk *disk = efi_san_disk(drive);

	if (!disk)
		return;
	efi_san_unlink(disk);
	efi_bs->DisconnectController(disk->handle, NULL, NULL);
	if (efi_bs->UninstallProtocolInterface(disk->handle, &efi_block_io_guid,
					       &disk->block_io) != EFI_SUCCESS) {
		/* still open by someone: leave it, answering "no media" */
		printf("san: drive %#x: the firmware still uses its disk handle\n",
		       drive->number);
		disk->drive = NULL;
		disk->media.MediaPresent = FALSE;
		return;
	}
	efi_bs->UninstallProtocolInterface(disk->handle, &efi_devpath_guid,
					   disk->path);
	free(disk->path);
	free(disk);
}
