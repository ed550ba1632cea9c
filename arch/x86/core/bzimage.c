/** @file The Linux x86 boot protocol's setup header: recognising a kernel and reading where and how it loads. */
#include <string.h>
#include <lwpxe/errors.h>
#include "bzimage.h"

#define BZ_BOOT_FLAG 0xaa55         /**< boot_flag */
#define BZ_HDRS 0x53726448          /**< header: "HdrS" */

/** Setup code (boot sector included) must fit in the first 32 KiB of the real-mode block */
#define BZ_SETUP_MAX 0x8000
/** Lowest address the 32-bit part may go (the first megabyte is the BIOS's) */
#define BZ_HIGH_MIN 0x100000ULL
/** Highest initrd byte for kernels that do not say (boot protocol < 2.03) */
#define BZ_INITRD_MAX_DEFAULT 0x37ffffffULL
/** Longest command line for kernels that do not say (boot protocol < 2.06) */
#define BZ_CMDLINE_DEFAULT 255

int bz_is_linux(const void *data, size_t len)
{
	const struct bz_header *hdr = (const void *)((const uint8_t *)data +
						     BZ_HDR_OFFSET);

	return len >= BZ_HDR_OFFSET + sizeof(*hdr) &&
	       hdr->boot_flag == BZ_BOOT_FLAG && hdr->header == BZ_HDRS;
}

/** Split the file into setup and 32-bit part as @p k->hdr says; 0 or -error with @p why set */
static int bz_parse_sizes(size_t len, struct bz_kernel *k, const char **why)
{
	const struct bz_header *hdr = k->hdr;
	unsigned int sects = hdr->setup_sects ? hdr->setup_sects : 4;

	if (hdr->version < 0x0202 || !(hdr->loadflags & BZ_LOADED_HIGH)) {
		*why = "a zImage or boot protocol before 2.02: not supported";
		return -ENOTSUP;
	}
	k->setup_len = (size_t)(sects + 1) * 512;
	if (k->setup_len > BZ_SETUP_MAX || k->setup_len >= len) {
		*why = "the setup size in the header does not fit the file";
		return -ENOEXEC;
	}
	k->pm_len = len - k->setup_len;
	if ((uint64_t)hdr->syssize * 16 > k->pm_len) {
		*why = "truncated: the file is shorter than its header says";
		return -ENOEXEC;
	}
	return 0;
}

/** Where the 32-bit part of relocatable @p k may go and what it needs; 0 or -ENOTSUP with @p why set */
static int bz_parse_placement(struct bz_kernel *k, const char **why)
{
	const struct bz_header *hdr = k->hdr;

	if (hdr->version < 0x0205 || !hdr->relocatable_kernel) {
		*why = "the kernel is not relocatable: it must load at 1 MiB, where lwpxe runs";
		return -ENOTSUP;
	}
	k->pm_align = BZ_HIGH_MIN;
	if (hdr->kernel_alignment &&
	    !(hdr->kernel_alignment & (hdr->kernel_alignment - 1)))
		k->pm_align = hdr->kernel_alignment;
	/* relocatable kernels still run at pref_address or above */
	k->pm_min = BZ_HIGH_MIN;
	if (hdr->version >= 0x020a && hdr->pref_address > k->pm_min &&
	    hdr->pref_address < 0xffffffffULL)
		k->pm_min = hdr->pref_address;
	k->pm_need = k->pm_len;
	if (hdr->version >= 0x020a && hdr->init_size > k->pm_need)
		k->pm_need = hdr->init_size;
	return 0;
}

int bz_parse(const void *data, size_t len, struct bz_kernel *k,
	     const char **why)
{
	int rc;

	memset(k, 0, sizeof(*k));
	k->hdr = (const void *)((const uint8_t *)data + BZ_HDR_OFFSET);
	rc = bz_parse_sizes(len, k, why);
	if (rc == 0)
		rc = bz_parse_placement(k, why);
	if (rc < 0)
		return rc;
	k->initrd_max = k->hdr->version >= 0x0203 ? k->hdr->initrd_addr_max :
						     BZ_INITRD_MAX_DEFAULT;
	k->cmdline_max = k->hdr->version >= 0x0206 ? k->hdr->cmdline_size :
						      BZ_CMDLINE_DEFAULT;
	return 0;
}
