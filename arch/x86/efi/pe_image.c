/** @file EFI programs from memory on UEFI: LoadImage(SourceBuffer) with a NIC + URI + file device path, load options, the image file system and the Linux initrd, then StartImage; under Secure Boot, through the shim what the firmware refuses. */
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

/**
 * What a shim (15, 16) that refused its second stage's signature looks
 * for beside itself: MokManager, to enrol a key; the program then never ran
 */
#define EFI_PE_SHIM_MOKMANAGER "mmx64.efi"

static EFI_GUID efi_pe_fs_guid = SIMPLE_FILE_SYSTEM_PROTOCOL;
static EFI_GUID efi_pe_loaded_guid = LOADED_IMAGE_PROTOCOL;

/** What starting one program sets up, undone when it returns */
struct efi_pe_run {
	EFI_DEVICE_PATH *path;     /**< the NIC's path and a URI node (malloc) */
	EFI_HANDLE device;         /**< handle with @c path and the file system */
	struct image *shim;        /**< the shim loaded to start the image; NULL: the image itself */
	EFI_DEVICE_PATH *file;     /**< @c path and a file node naming what is loaded (malloc) */
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

/** Copy ASCII @p text to UCS-2 at @p out (no NUL); where the copy ends */
static CHAR16 *efi_pe_ucs2(CHAR16 *out, const char *text)
{
	while (*text)
		*out++ = (unsigned char)*text++;
	return out;
}

/**
 * Load options as iPXE gives them: @p image's name, a blank and its
 * command line, after the shim's name and a blank when @p shim starts
 * it (a shim takes its first word for itself, the next for the program
 * to load from beside it); 0 or -ENOMEM
 */
static int efi_pe_options(const struct image *image, const struct image *shim,
			  struct efi_pe_run *run)
{
	size_t len = strlen(image->name) + (shim ? strlen(shim->name) + 1 : 0) +
		     (image->cmdline ? 1 + strlen(image->cmdline) : 0);
	CHAR16 *out = malloc((len + 1) * sizeof(CHAR16));

	if (!out)
		return -ENOMEM;
	free(run->options);
	run->options = out;
	run->options_size = (UINT32)((len + 1) * sizeof(CHAR16));
	if (shim) {
		out = efi_pe_ucs2(out, shim->name);
		*out++ = ' ';
	}
	out = efi_pe_ucs2(out, image->name);
	if (image->cmdline) {
		*out++ = ' ';
		out = efi_pe_ucs2(out, image->cmdline);
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

/** Unload what LoadImage left loaded (a program refused for its signature too) */
static void efi_pe_unload(struct efi_pe_run *run)
{
	if (run->program)
		efi_bs->UnloadImage(run->program);
	run->program = NULL;
}

/** Say in one line that the firmware could not load @p image (or @p run's shim): status @p st */
static void efi_pe_load_failed(const char *who, const struct image *image,
			       const struct efi_pe_run *run, EFI_STATUS st)
{
	const char *name = efi_status_name(st) ?: "unknown status";

	if (run->shim)
		printf("%s: %s: the firmware cannot load the shim %s: %s (%s)\n",
		       who, image->name, run->shim->name, name,
		       errmsg(efi_rc(st)));
	else
		printf("%s: %s: the firmware cannot load it: %s (%s)\n", who,
		       image->name, name, errmsg(efi_rc(st)));
}

/**
 * LoadImage from the bytes of @p image, or of @p shim to start @p image
 * through it, as the file of that name on the device (a shim finds its
 * second stage beside itself), then the load options and device.
 *
 * @v quiet     nonzero: say nothing if the firmware refuses the signature
 * @ret rc      0, -EACCES (refused: its signature), or -error (said)
 */
static int efi_pe_load(const char *who, struct image *image,
		       struct image *shim, int quiet, struct efi_pe_run *run)
{
	struct image *prog = shim ? shim : image;
	EFI_LOADED_IMAGE *loaded;
	EFI_STATUS st;
	int rc;

	run->shim = shim;
	free(run->file);
	run->file = efi_file_path(run->path, prog->name);
	rc = run->file ? efi_pe_options(image, shim, run) : -ENOMEM;
	if (rc < 0) {
		printf("%s: %s: cannot describe it to the firmware: %s\n", who,
		       image->name, errmsg(rc));
		return rc;
	}
	st = efi_bs->LoadImage(FALSE, efi_image, run->file, prog->data,
			       prog->len, &run->program);
	if (st != EFI_SUCCESS) {
		/* a refused signature still leaves a loaded image to unload */
		if (st != EFI_SECURITY_VIOLATION)
			run->program = NULL;
		if (!quiet || efi_rc(st) != -EACCES)
			efi_pe_load_failed(who, image, run, st);
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

/**
 * The firmware refused @p image's signature: load @p shim instead, to
 * verify and start it (one line says so); 0 or -error (said)
 */
static int efi_pe_via_shim(const char *who, struct image *image,
			   struct image *shim, struct efi_pe_run *run)
{
	printf("%s: %s: the firmware refuses it (UEFI Secure Boot): starting "
	       "it through the shim %s\n", who, image->name, shim->name);
	efi_pe_unload(run);
	return efi_pe_load(who, image, shim, 0, run);
}

/** Undo what starting set up (what the firmware still holds stays allocated) */
static void efi_pe_cleanup(struct efi_pe_run *run)
{
	efi_initrd_uninstall();
	efi_shim_unlock_uninstall();
	efi_file_offer(NULL);
	efi_pe_unload(run);
	if (run->device && efi_path_uninstall(run->device, run->path,
					      &efi_pe_fs_guid,
					      &efi_file_system) < 0)
		run->path = NULL;           /* still in use: leave it */
	free(run->path);
	free(run->file);
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
	if (run->shim && efi_file_was_missing(EFI_PE_SHIM_MOKMANAGER)) {
		printf("%s: %s: refused by the shim %s: not signed by a key "
		       "it trusts\n", who, image->name, run->shim->name);
		return -EACCES;
	}
	if (run->shim)
		printf("%s: %s: the shim %s returned %s (%#lx)\n", who,
		       image->name, run->shim->name, name ?: "an error",
		       (unsigned long)st);
	else if (name)
		printf("%s: %s: returned %s (%#lx)\n", who, image->name, name,
		       (unsigned long)st);
	else
		printf("%s: %s: returned error %#lx\n", who, image->name,
		       (unsigned long)st);
	return efi_rc(st);
}

/**
 * Start EFI program @p image (PE32+, x86_64) and wait until it returns;
 * if the firmware refuses its signature and `shim` named a shim, start
 * the shim instead, which loads @p image by name from our file system
 */
static int efi_pe_exec(const char *who, struct image *image)
{
	struct image *shim = image_shim();
	struct efi_pe_run run;
	char why[80];
	int rc;

	if (pe_check(image->data, image->len, PE_MACHINE_X86_64, why,
		     sizeof(why)) < 0) {
		printf("%s: %s: %s\n", who, image->name, why);
		return -ENOEXEC;
	}
	if (shim == image)
		shim = NULL;
	memset(&run, 0, sizeof(run));
	efi_file_offer(image);
	rc = efi_pe_device(image, &run);
	if (rc < 0)
		printf("%s: %s: cannot describe it to the firmware: %s\n", who,
		       image->name, errmsg(rc));
	if (rc == 0)
		rc = efi_pe_load(who, image, NULL, shim != NULL, &run);
	if (rc == -EACCES && shim)
		rc = efi_pe_via_shim(who, image, shim, &run);
	if (rc == 0)
		rc = efi_pe_initrd(who, image);
	if (rc == 0 && run.shim && !(run.shim->shim & IMAGE_SHIM_REQUIRE_LOADER))
		efi_shim_unlock_install();
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
