/** @file Device paths on UEFI: lengths, prefixes, and the paths of NICs, files and URIs. */
#ifndef EFI_PATH_H
#define EFI_PATH_H

#include <stddef.h>
#include "efi_arch.h"

struct nic;

/** Bytes of @p path before its End node */
size_t efi_path_len(const EFI_DEVICE_PATH *path);

/** Nonzero if @p path starts with every node of @p prefix (End excluded) */
int efi_path_has_prefix(const EFI_DEVICE_PATH *path,
			const EFI_DEVICE_PATH *prefix);

/**
 * Device path of @p nic, End included (malloc'd; NULL if no memory): the
 * firmware's handle whose path ends in a MAC node for it (SNP), else its
 * PCI function's path and a MAC node, else a MAC node alone
 */
EFI_DEVICE_PATH *efi_path_nic(const struct nic *nic);

/** The NIC images and HTTP disks say they came through: the first open one, else the first; NULL if none */
struct nic *efi_nic_in_use(void);

/** @p prefix followed by a file path node for @p name ('/' become '\'), End; NULL if no memory */
EFI_DEVICE_PATH *efi_file_path(const EFI_DEVICE_PATH *prefix, const char *name);

/** @p prefix (NULL: none) followed by a URI node holding @p uri, End; NULL if no memory */
EFI_DEVICE_PATH *efi_uri_path(const EFI_DEVICE_PATH *prefix, const char *uri);

/**
 * Install @p path and protocol @p guid (@p iface) on a new handle; the
 * firmware refuses a second handle with the same path
 *
 * @v handle    receives the handle
 * @ret rc      0, -EALREADY if another handle has @p path, or -error
 */
int efi_path_install(EFI_HANDLE *handle, EFI_DEVICE_PATH *path,
		     EFI_GUID *guid, void *iface);

/** Uninstall what efi_path_install() installed on @p handle; 0 or -error (still in use) */
int efi_path_uninstall(EFI_HANDLE handle, EFI_DEVICE_PATH *path,
		       EFI_GUID *guid, void *iface);

#endif
