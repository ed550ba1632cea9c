/** @file Executable images: fetched images in memory, the formats a platform starts, programs on SAN drives. */
#ifndef LWPXE_IMAGE_H
#define LWPXE_IMAGE_H

#include <stddef.h>
#include <lwpxe/compiler.h>
#include <lwpxe/san.h>

/** Room for an image's name, NUL included (longer names are cut) */
#define IMAGE_NAME_LEN 32

/** A file in memory, fetched by `imgfetch`, `kernel`, `initrd` or `chain` */
struct image {
	char name[IMAGE_NAME_LEN];  /**< short name: the URI's last path part, or --name */
	char *uri;                  /**< URI it came from */
	void *data;                 /**< contents (malloc) */
	size_t len;                 /**< length in bytes */
	char *cmdline;              /**< words given after the URI, NULL if none */
	int selected;               /**< nonzero for the image `boot` starts (`kernel`) */
	int verified;               /**< nonzero once `imgverify` checked its signature */
	unsigned int shim;          /**< IMAGE_SHIM flags: `shim` named it; under UEFI Secure Boot, programs the firmware refuses start through it */
	struct image *next;         /**< next image, in the order fetched */
};

/**
 * Fetch @p location (a URI, or a name relative to tftp://${next-server}/)
 * into a new image, not yet in the list.  Failures print one line
 * starting with @p who ("kernel: tftp://...: file not found").
 *
 * @v name      name to give it, NULL for the URI's last path part
 * @v image     receives the image
 * @ret rc      0 or -error
 */
int image_fetch(const char *who, const char *location, const char *name,
		struct image **image);

/**
 * Check the value of iPXE's `--timeout MS` option of image command @p who
 * (accepted for iPXE's scripts; each protocol keeps its own timeouts)
 *
 * @ret rc      0, or -EINVAL after one line naming the value
 */
int image_parse_timeout(const char *who, const char *arg);

/** Add @p image at the end of the list, freeing an older image of the same name */
void image_register(struct image *image);

/** Set @p image's command line to the @p argc words of @p argv joined by spaces (none: no command line); 0 or -ENOMEM */
int image_set_cmdline(struct image *image, int argc, char **argv);

/** The image list, first fetched first (follow ->next); NULL if empty */
struct image *image_first(void);

/** The image named @p name; NULL if none */
struct image *image_find(const char *name);

/** The image `kernel` selected; NULL if none */
struct image *image_selected(void);

/** Make @p image the one `boot` starts (no other stays selected) */
void image_select(struct image *image);

/** struct image's shim flags */
enum {
	IMAGE_SHIM = 1,                /**< the image `shim` named */
	IMAGE_SHIM_REQUIRE_LOADER = 2, /**< --require-loader: what it starts must verify the next stage itself (no unlock) */
};

/** The image `shim` named; NULL if none */
struct image *image_shim(void);

/** Make @p image the shim with IMAGE_SHIM_* @p flags besides IMAGE_SHIM (no other stays one); NULL: no shim */
void image_set_shim(struct image *image, unsigned int flags);

/** Remove @p image from the list (if it is in it) and free it */
void image_free(struct image *image);

/** Take @p image out of the list without freeing it; nonzero if it was in it */
int image_unregister(struct image *image);

/** Free @p image if it is still in the list (what ran since may have freed it) */
void image_discard(struct image *image);

/** An image format the platform can start */
struct image_type {
	const char *name;       /**< shown by `imgstat` ("bzImage", "PXE") */
	/** Tried after every other type: takes images nothing else claims */
	int fallback;
	/** 0 if @p image is of this format, -ENOEXEC if not */
	int (*probe)(const struct image *image);
	/**
	 * Start @p image; returns only if it could not be started (one line
	 * starting with @p who printed, -error) or when it returned (its
	 * status)
	 *
	 * @v who       command for messages ("boot", "script.ipxe:3: chain")
	 */
	int (*exec)(const char *who, struct image *image);
};

/** Register an image format (the platform's code does) */
#define IMAGE_TYPE(object) TABLE_ENTRY(image_types, object)
TABLE_DECLARE(image_types);

/** The format of @p image, NULL if no registered type claims it */
const struct image_type *image_probe(const struct image *image);

/**
 * Require images to be verified before they start (`imgtrust`), or
 * allow unverified ones again (`imgtrust --allow`)
 *
 * @v require   nonzero to require verified images
 * @v permanent nonzero: the requirement can never be lifted again
 * @ret rc      0, or -EPERM to lift a permanent requirement
 */
int image_trust_require(int require, int permanent);

/**
 * Start @p image with its format's exec; if no format claims it, or
 * `imgtrust` is in force and it is not verified, print one line naming
 * @p who, the image and why
 *
 * @ret rc      what exec returned, -ENOEXEC, or -EACCES (not verified)
 */
int image_exec(const char *who, struct image *image);

/**
 * Platform: load the executable at @p path from a file system on SAN
 * drive @p drive, start it and wait until it returns (UEFI: LoadImage +
 * StartImage on the drive's BlockIo handle).  Failures print one line
 * naming the path and the drive.
 *
 * @v drive     hooked drive
 * @v path      file on the drive ("/EFI/BOOT/BOOTX64.EFI"; '/' or '\')
 * @ret rc      0 if the image ran and returned success, the image's
 *              failure as -error, -ENOENT if no file system on the drive
 *              holds @p path, or -ENOTSUP where the platform cannot
 *              start images (Linux process, BIOS for now)
 */
int image_platform_chain(struct san_drive *drive, const char *path);

#endif
