/** @file EFI programs from memory on UEFI: LoadImage(SourceBuffer) with a NIC + URI device path, load options, the image file system and the Linux initrd, then StartImage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/nic.h>
#include <lwpxe/pe.h>
#include <lwpxe/timeline.h>
#include "../core/bzimage.h"
#include "efi_image.h"
#include "efi_path.h"

static EFI_GUID efi_pe_fs_guid = SIMPLE_FILE_SYSTEM_PROTOCOL;
static EFI_GUID efi_pe_loaded_guid = LOADED_IMAGE_PROTOCOL;

/** What starting one program sets up, undone when it returns */
struct efi_pe_run {
	EFI_DEVICE_PATH *path;     /**< the NIC's path and a URI node (malloc) */
	EFI_HANDLE device;         /**< handle with @c path and the file system */
	CHAR16 *options;           /**< load options, UCS-2 (malloc) */
	UINT32 options_size;       /**< their bytes, the NUL included */
	EFI_HANDLE program;        /**< the loaded program */
};

EFI_STATUS efi_image_start(EFI_HANDLE image, const char *what)
{
	UINTN exit_len = 0;
	CHAR16 *exit_data = NULL;
	EFI_STATUS st;

	timeline_handover(what);
	efi_console_flush();
	st = efi_bs->StartImage(image, &exit_len, &exit_data);
	if (exit_data)
		efi_bs->FreePool(exit_data);
	return st;
}

/** 0 if @p image is a PE file (the machine is checked when it starts), -ENOEXEC if not */
static int efi_pe_probe(const struct image *image)
{
	struct pe_info info;

	return pe_parse(image->data, image->len, &info);
}

/** Load options for @p image as iPXE gives them: its name, a blank and its command line; 0 or -ENOMEM */
static int efi_pe_options(const struct image *image, struct efi_pe_run *run)
{
	size_t name_len = strlen(image->name);
	size_t len = name_len + (image->cmdline ? 1 + strlen(image->cmdline) : 0);
	CHAR16 *out = malloc((len + 1) * sizeof(CHAR16));

	if (!out)
		return -ENOMEM;
	run->options = out;
	run->options_size = (UINT32)((len + 1) * sizeof(CHAR16));
	for (size_t i = 0; i < name_len; i++)
		*out++ = (unsigned char)image->name[i];
	if (image->cmdline) {
		*out++ = ' ';
		for (const char *c = image->cmdline; *c; c++)
			*out++ = (unsigned char)*c;
	}
	*out = 0;
	return 0;
}

/** The handle the program comes from: @p image's NIC + URI path with the image file system; 0 or -error */
static int efi_pe_device(const struct image *image, struct efi_pe_run *run)
{
	struct nic *nic = efi_nic_in_use();
	EFI_DEVICE_PATH *nic_path = nic ? efi_path_nic(nic) : NULL;

	if (nic && !nic_path)
		return -ENOMEM;
	run->path = efi_uri_path(nic_path, image->uri ? image->uri : image->name);
	free(nic_path);
	if (!run->path)
		return -ENOMEM;
	return efi_path_install(&run->device, run->path, &efi_pe_fs_guid,
				&efi_file_system);
}

/** LoadImage from @p image's bytes, then its load options and device; 0 or -error (said) */
static int efi_pe_load(const char *who, struct image *image,
		       struct efi_pe_run *run)
{
	EFI_LOADED_IMAGE *loaded;
	EFI_STATUS st;

	st = efi_bs->LoadImage(FALSE, efi_image, run->path, image->data,
			       image->len, &run->program);
	if (st != EFI_SUCCESS) {
		/* a refused signature still leaves a loaded image to unload */
		if (st != EFI_SECURITY_VIOLATION)
			run->program = NULL;
		printf("%s: %s: the firmware cannot load it: %s (%s)\n", who,
		       image->name, efi_status_name(st) ?: "unknown status",
		       errmsg(efi_rc(st)));
		return efi_rc(st);
	}
	st = efi_bs->HandleProtocol(run->program, &efi_pe_loaded_guid,
				    (void **)&loaded);
	if (st != EFI_SUCCESS) {
		printf("%s: %s: no loaded image protocol: %s\n", who,
		       image->name, errmsg(efi_rc(st)));
		return efi_rc(st);
	}
	loaded->DeviceHandle = run->device;
	loaded->LoadOptions = run->options;
	loaded->LoadOptionsSize = run->options_size;
	return 0;
}

/** Nonzero if @p image is a Linux kernel (a bzImage, whose EFI stub takes an initrd) */
static int efi_pe_is_linux(const struct image *image)
{
	return bz_is_linux(image->data, image->len);
}

/** Offer a Linux kernel @p image its initrds; 0 (also when there are none) or -error (said) */
static int efi_pe_initrd(const char *who, struct image *image)
{
	int rc;

	if (!efi_pe_is_linux(image))
		return 0;
	rc = efi_initrd_install(image);
	if (rc == -EALREADY)
		printf("%s: %s: cannot offer the initrd: another loader already does\n",
		       who, image->name);
	else if (rc < 0 && rc != -ENOENT)
		printf("%s: %s: cannot offer the initrd: %s\n", who,
		       image->name, errmsg(rc));
	return rc == -ENOENT ? 0 : rc;
}

/** Undo what starting set up (what the firmware still holds stays allocated) */
static void efi_pe_cleanup(struct efi_pe_run *run)
{
	efi_initrd_uninstall();
	if (run->program)
		efi_bs->UnloadImage(run->program);
	if (run->device && efi_path_uninstall(run->device, run->path,
					      &efi_pe_fs_guid,
					      &efi_file_system) < 0)
		run->path = NULL;           /* still in use: leave it */
	free(run->path);
	free(run->options);
}

/** Start the program and say what it returned when that is an error; its status as 0 or -error */
static int efi_pe_run(const char *who, struct image *image,
		      struct efi_pe_run *run)
{
	EFI_STATUS st = efi_image_start(run->program, image->name);
	const char *name = efi_status_name(st);

	run->program = NULL;                /* an application is unloaded on return */
	if (!EFI_ERROR(st))
		return 0;
	if (name)
		printf("%s: %s: returned %s (%#lx)\n", who, image->name, name,
		       (unsigned long)st);
	else
		printf("%s: %s: returned error %#lx\n", who, image->name,
		       (unsigned long)st);
	return efi_rc(st);
}

/** Start EFI program @p image (PE32+, x86_64) and wait until it returns */
static int efi_pe_exec(const char *who, struct image *image)
{
	struct efi_pe_run run;
	char why[80];
	int rc;

	if (pe_check(image->data, image->len, PE_MACHINE_X86_64, why,
		     sizeof(why)) < 0) {
		printf("%s: %s: %s\n", who, image->name, why);
		return -ENOEXEC;
	}
	memset(&run, 0, sizeof(run));
	rc = efi_pe_options(image, &run);
	if (rc == 0)
		rc = efi_pe_device(image, &run);
	if (rc < 0)
		printf("%s: %s: cannot describe it to the firmware: %s\n", who,
		       image->name, errmsg(rc));
	if (rc == 0)
		rc = efi_pe_load(who, image, &run);
	if (rc == 0)
		rc = efi_pe_initrd(who, image);
	if (rc == 0)
		rc = efi_pe_run(who, image, &run);
	efi_pe_cleanup(&run);
	return rc;
}

/** The EFI program format (Linux kernels with the EFI stub among them) */
static const struct image_type efi_pe_type = {
	.name = "EFI",
	.probe = efi_pe_probe,
	.exec = efi_pe_exec,
};
IMAGE_TYPE(efi_pe_type);
