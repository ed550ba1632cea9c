/** @file The image list as a read-only EFI file system: Open by name in the root, Read, GetInfo, positions, a listing of the root. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/image.h>
#include "efi_image.h"

/** An open file: an image, or the root directory */
struct efi_file {
	EFI_FILE_PROTOCOL proto;    /**< first, so the protocol pointer is ours */
	struct image *image;        /**< the image; NULL for the root */
	UINT64 pos;                 /**< byte offset; in the root, the next entry */
};

/** The volume label and the name GetInfo gives the root */
#define EFI_FILE_LABEL "lwpxe"

static EFI_GUID efi_file_info_guid = EFI_FILE_INFO_ID;
static EFI_GUID efi_file_fs_info_guid = EFI_FILE_SYSTEM_INFO_ID;

static EFI_FILE_PROTOCOL efi_file_proto;

/** The image efi_file_offer() offers besides the list; NULL if none */
static struct image *efi_file_extra;

/** A new open file for @p image (NULL: the root); NULL if no memory */
static struct efi_file *efi_file_new(struct image *image)
{
	struct efi_file *file = calloc(1, sizeof(*file));

	if (file) {
		file->proto = efi_file_proto;
		file->image = image;
	}
	return file;
}

/** Nonzero if UCS-2 @p name equals @p ascii, ignoring case */
static int efi_file_name_is(const CHAR16 *name, const char *ascii)
{
	for (; *name && *ascii; name++, ascii++) {
		if (*name > 0x7f || tolower(*name) != tolower((unsigned char)*ascii))
			return 0;
	}
	return !*name && !*ascii;
}

/** The image UCS-2 @p name (after any '\'s) names, in the list or the offered one; NULL if none */
static struct image *efi_file_find(const CHAR16 *name)
{
	for (struct image *i = image_first(); i; i = i->next) {
		if (efi_file_name_is(name, i->name))
			return i;
	}
	if (efi_file_extra && efi_file_name_is(name, efi_file_extra->name))
		return efi_file_extra;
	return NULL;
}

/** The last name Open found nothing for since efi_file_offer() (empty: none, or too long) */
static CHAR16 efi_file_missing[IMAGE_NAME_LEN];

/** Remember UCS-2 @p name as the last one Open found nothing for */
static void efi_file_note_missing(const CHAR16 *name)
{
	size_t i;

	for (i = 0; name[i] && i < ARRAY_SIZE(efi_file_missing) - 1; i++)
		efi_file_missing[i] = name[i];
	efi_file_missing[name[i] ? 0 : i] = 0;
}

void efi_file_offer(struct image *image)
{
	efi_file_extra = image;
	efi_file_missing[0] = 0;
}

int efi_file_was_missing(const char *name)
{
	return efi_file_missing[0] && efi_file_name_is(efi_file_missing, name);
}

/** Open: the root ("", ".", "\") or an image by name, read only */
static EFI_STATUS EFIAPI efi_file_open(EFI_FILE_PROTOCOL *this,
				       EFI_FILE_PROTOCOL **out, CHAR16 *name,
				       UINT64 mode, UINT64 attributes)
{
	struct efi_file *dir = (struct efi_file *)this;
	struct image *image = NULL;
	struct efi_file *file;
	int absolute;

	(void)attributes;
	if (!out || !name)
		return EFI_INVALID_PARAMETER;
	if (mode != EFI_FILE_MODE_READ)
		return EFI_WRITE_PROTECTED;
	absolute = name[0] == '\\';
	while (*name == '\\')
		name++;
	if (dir->image && !absolute)
		return EFI_NOT_FOUND;       /* nothing is under a file */
	if (*name && !(name[0] == '.' && !name[1])) {
		image = efi_file_find(name);
		if (!image) {
			efi_file_note_missing(name);
			return EFI_NOT_FOUND;
		}
	}
	file = efi_file_new(image);
	if (!file)
		return EFI_OUT_OF_RESOURCES;
	*out = &file->proto;
	return EFI_SUCCESS;
}

/** Close: forget the open file */
static EFI_STATUS EFIAPI efi_file_close(EFI_FILE_PROTOCOL *this)
{
	free(this);
	return EFI_SUCCESS;
}

/** Delete: closes the file, which stays (read-only) */
static EFI_STATUS EFIAPI efi_file_delete(EFI_FILE_PROTOCOL *this)
{
	efi_file_close(this);
	return EFI_WARN_DELETE_FAILURE;
}

/** Write, SetInfo: refused on a read-only file system */
static EFI_STATUS EFIAPI efi_file_write(EFI_FILE_PROTOCOL *this, UINTN *len,
					VOID *buf)
{
	(void)this, (void)len, (void)buf;
	return EFI_WRITE_PROTECTED;
}

/** Flush: nothing is ever written */
static EFI_STATUS EFIAPI efi_file_flush(EFI_FILE_PROTOCOL *this)
{
	(void)this;
	return EFI_SUCCESS;
}

/** Copy UCS-2 of @p ascii with its NUL to @p out */
static void efi_file_ucs2(CHAR16 *out, const char *ascii)
{
	do
		*out++ = (unsigned char)*ascii;
	while (*ascii++);
}

/**
 * Fill an EFI_FILE_INFO for @p image (NULL: the root) into @p buf of
 * *@p len bytes; EFI_BUFFER_TOO_SMALL with *@p len the size needed
 */
static EFI_STATUS efi_file_info(struct image *image, UINTN *len, VOID *buf)
{
	const char *name = image ? image->name : "";
	UINTN need = SIZE_OF_EFI_FILE_INFO + (strlen(name) + 1) * sizeof(CHAR16);
	EFI_FILE_INFO *info = buf;

	if (*len < need || !buf) {
		*len = need;
		return EFI_BUFFER_TOO_SMALL;
	}
	memset(info, 0, SIZE_OF_EFI_FILE_INFO);
	info->Size = need;
	info->FileSize = info->PhysicalSize = image ? image->len : 0;
	info->Attribute = EFI_FILE_READ_ONLY | (image ? 0 : EFI_FILE_DIRECTORY);
	efi_file_ucs2(info->FileName, name);
	*len = need;
	return EFI_SUCCESS;
}

/** Fill an EFI_FILE_SYSTEM_INFO (sizes: the images together) like efi_file_info() */
static EFI_STATUS efi_file_fs_info(UINTN *len, VOID *buf)
{
	UINTN need = SIZE_OF_EFI_FILE_SYSTEM_INFO +
		     sizeof(EFI_FILE_LABEL) * sizeof(CHAR16);
	EFI_FILE_SYSTEM_INFO *info = buf;

	if (*len < need || !buf) {
		*len = need;
		return EFI_BUFFER_TOO_SMALL;
	}
	memset(info, 0, SIZE_OF_EFI_FILE_SYSTEM_INFO);
	info->Size = need;
	info->ReadOnly = TRUE;
	info->BlockSize = 1;
	for (struct image *i = image_first(); i; i = i->next)
		info->VolumeSize += i->len;
	efi_file_ucs2(info->VolumeLabel, EFI_FILE_LABEL);
	*len = need;
	return EFI_SUCCESS;
}

/** Read: bytes of an image, or the root's next entry (an EFI_FILE_INFO; 0 bytes at the end) */
static EFI_STATUS EFIAPI efi_file_read(EFI_FILE_PROTOCOL *this, UINTN *len,
				       VOID *buf)
{
	struct efi_file *file = (struct efi_file *)this;
	struct image *entry = image_first();
	EFI_STATUS st;
	size_t n;

	if (file->image) {
		n = file->pos < file->image->len ?
		    MIN(*len, file->image->len - file->pos) : 0;
		memcpy(buf, (const char *)file->image->data + file->pos, n);
		file->pos += n;
		*len = n;
		return EFI_SUCCESS;
	}
	for (UINT64 i = 0; entry && i < file->pos; i++)
		entry = entry->next;
	if (!entry) {
		*len = 0;
		return EFI_SUCCESS;
	}
	st = efi_file_info(entry, len, buf);
	if (st == EFI_SUCCESS)
		file->pos++;
	return st;
}

/** SetPosition: any offset in a file (all ones: its end); only 0 in the root (list again) */
static EFI_STATUS EFIAPI efi_file_set_pos(EFI_FILE_PROTOCOL *this, UINT64 pos)
{
	struct efi_file *file = (struct efi_file *)this;

	if (!file->image && pos != 0)
		return EFI_UNSUPPORTED;
	file->pos = pos == ~(UINT64)0 && file->image ? file->image->len : pos;
	return EFI_SUCCESS;
}

/** GetPosition: the byte offset in a file; unsupported in the root */
static EFI_STATUS EFIAPI efi_file_get_pos(EFI_FILE_PROTOCOL *this, UINT64 *pos)
{
	struct efi_file *file = (struct efi_file *)this;

	if (!file->image)
		return EFI_UNSUPPORTED;
	*pos = file->pos;
	return EFI_SUCCESS;
}

/** GetInfo: EFI_FILE_INFO or EFI_FILE_SYSTEM_INFO */
static EFI_STATUS EFIAPI efi_file_get_info(EFI_FILE_PROTOCOL *this,
					   EFI_GUID *type, UINTN *len,
					   VOID *buf)
{
	struct efi_file *file = (struct efi_file *)this;

	if (memcmp(type, &efi_file_info_guid, sizeof(EFI_GUID)) == 0)
		return efi_file_info(file->image, len, buf);
	if (memcmp(type, &efi_file_fs_info_guid, sizeof(EFI_GUID)) == 0)
		return efi_file_fs_info(len, buf);
	return EFI_UNSUPPORTED;
}

/** SetInfo: refused on a read-only file system */
static EFI_STATUS EFIAPI efi_file_set_info(EFI_FILE_PROTOCOL *this,
					   EFI_GUID *type, UINTN len,
					   VOID *buf)
{
	(void)this, (void)type, (void)len, (void)buf;
	return EFI_WRITE_PROTECTED;
}

/** The operations of every open file (revision 1: no *Ex calls) */
static EFI_FILE_PROTOCOL efi_file_proto = {
	.Revision = EFI_FILE_PROTOCOL_REVISION,
	.Open = efi_file_open,
	.Close = efi_file_close,
	.Delete = efi_file_delete,
	.Read = efi_file_read,
	.Write = efi_file_write,
	.GetPosition = efi_file_get_pos,
	.SetPosition = efi_file_set_pos,
	.GetInfo = efi_file_get_info,
	.SetInfo = efi_file_set_info,
	.Flush = efi_file_flush,
};

/** OpenVolume: a new handle on the root directory */
static EFI_STATUS EFIAPI efi_file_open_volume(EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs,
					      EFI_FILE_PROTOCOL **root)
{
	struct efi_file *file = efi_file_new(NULL);

	(void)fs;
	if (!file)
		return EFI_OUT_OF_RESOURCES;
	*root = &file->proto;
	return EFI_SUCCESS;
}

EFI_SIMPLE_FILE_SYSTEM_PROTOCOL efi_file_system = {
	.Revision = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_REVISION,
	.OpenVolume = efi_file_open_volume,
};
