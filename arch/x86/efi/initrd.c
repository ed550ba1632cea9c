/** @file The Linux initrd on UEFI: LoadFile2 on the LINUX_EFI_INITRD_MEDIA_GUID device path, serving the images beside the kernel. */
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include "efi_image.h"
#include "efi_path.h"

/** Linux's vendor media GUID for the initrd (Linux >= 5.8 asks for it) */
#define EFI_INITRD_MEDIA_GUID \
	{ 0x5568e427, 0x68fc, 0x4f3d, \
	  { 0xac, 0x74, 0xca, 0x55, 0x52, 0x31, 0xcc, 0x68 } }
/** EFI_LOAD_FILE2_PROTOCOL: LoadFile's call, BootPolicy always FALSE */
#define EFI_LOAD_FILE2_GUID \
	{ 0x4006c0c1, 0xfcb3, 0x403e, \
	  { 0x99, 0x6d, 0x4a, 0x6c, 0x87, 0x24, 0xe0, 0x6d } }
/** Each initrd is padded to this (cpio archives may follow one another at it) */
#define EFI_INITRD_ALIGN 4

/** The device path Linux looks for: one vendor media node, End */
static struct {
	VENDOR_DEVICE_PATH vendor;     /**< media, vendor, Linux's GUID */
	EFI_DEVICE_PATH end;           /**< End of the entire path */
} __attribute__((packed)) efi_initrd_path = {
	.vendor = {
		.Header = { MEDIA_DEVICE_PATH, MEDIA_VENDOR_DP,
			    { sizeof(VENDOR_DEVICE_PATH), 0 } },
		.Guid = EFI_INITRD_MEDIA_GUID,
	},
	.end = { END_DEVICE_PATH_TYPE, END_ENTIRE_DEVICE_PATH_SUBTYPE,
		 { END_DEVICE_PATH_LENGTH, 0 } },
};

static EFI_GUID efi_initrd_lf2_guid = EFI_LOAD_FILE2_GUID;

/** The kernel being started (not an initrd); the handle while installed */
static const struct image *efi_initrd_kernel;
static EFI_HANDLE efi_initrd_handle;

/** @p len padded for the next initrd */
static size_t efi_initrd_pad(size_t len)
{
	return (len + EFI_INITRD_ALIGN - 1) & ~(size_t)(EFI_INITRD_ALIGN - 1);
}

/** Nonzero if @p image is an initrd: neither the kernel nor the shim */
static int efi_initrd_is(const struct image *image)
{
	return image != efi_initrd_kernel && !image->shim;
}

/** Bytes of every initrd together, padding included */
static UINTN efi_initrd_len(void)
{
	UINTN total = 0;

	for (struct image *i = image_first(); i; i = i->next) {
		if (efi_initrd_is(i))
			total += efi_initrd_pad(i->len);
	}
	return total;
}

/** LoadFile2: the initrds into @p buf, or their size when it is too small */
static EFI_STATUS EFIAPI efi_initrd_load(EFI_LOAD_FILE_PROTOCOL *this,
					 EFI_DEVICE_PATH *path,
					 BOOLEAN boot_policy, UINTN *len,
					 VOID *buf)
{
	UINTN total = efi_initrd_len();
	UINT8 *out = buf;

	(void)this, (void)path;
	if (boot_policy)
		return EFI_UNSUPPORTED;
	if (!len)
		return EFI_INVALID_PARAMETER;
	if (!buf || *len < total) {
		*len = total;
		return EFI_BUFFER_TOO_SMALL;
	}
	for (struct image *i = image_first(); i; i = i->next) {
		size_t padded = efi_initrd_pad(i->len);

		if (!efi_initrd_is(i))
			continue;
		memcpy(out, i->data, i->len);
		memset(out + i->len, 0, padded - i->len);
		out += padded;
	}
	*len = total;
	return EFI_SUCCESS;
}

/** The LoadFile2 protocol on the initrd handle */
static EFI_LOAD_FILE_PROTOCOL efi_initrd_lf2 = {
	.LoadFile = efi_initrd_load,
};

int efi_initrd_install(const struct image *kernel)
{
	int rc;

	efi_initrd_kernel = kernel;
	if (!efi_initrd_len())
		return -ENOENT;
	rc = efi_path_install(&efi_initrd_handle, &efi_initrd_path.vendor.Header,
			      &efi_initrd_lf2_guid, &efi_initrd_lf2);
	if (rc < 0)
		efi_initrd_handle = NULL;
	return rc;
}

void efi_initrd_uninstall(void)
{
	if (!efi_initrd_handle)
		return;
	efi_path_uninstall(efi_initrd_handle, &efi_initrd_path.vendor.Header,
			   &efi_initrd_lf2_guid, &efi_initrd_lf2);
	efi_initrd_handle = NULL;
}
