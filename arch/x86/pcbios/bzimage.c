/** @file Linux bzImage on BIOS: real-mode setup in base memory, the kernel and initrds high, then the setup's entry in real mode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/timeline.h>
#include "../core/bzimage.h"
#include "loadmem.h"
#include "realmode.h"

/*
 * The layout follows Linux's Documentation/arch/x86/boot.rst.  The
 * real-mode block X..X+64 KiB sits just below the top of base memory
 * (40:13): setup code up to X+32 KiB, its heap and stack up to
 * X+BZ_HEAP_END, the command line after.
 */

#define BZ_LOADER_UNDEFINED 0xff    /**< type_of_loader: no assigned id */
#define BZ_VID_NORMAL 0xffff        /**< vid_mode "normal" */
#define BZ_VID_EXT 0xfffe           /**< vid_mode "ext" */
#define BZ_VID_ASK 0xfffd           /**< vid_mode "ask" */

/** End of the setup heap/stack in the real-mode block, and where the command line goes */
#define BZ_HEAP_END 0xe000
/** Size of the real-mode block: setup, heap, stack and command line */
#define BZ_RM_SIZE 0x10000
/** Room for the command line at BZ_HEAP_END */
#define BZ_CMDLINE_ROOM (BZ_RM_SIZE - BZ_HEAP_END)
/** Lowest start of the real-mode block */
#define BZ_RM_MIN 0x10000

/** Lowest address initrds may go (the first megabyte is the BIOS's) */
#define BZ_HIGH_MIN 0x100000ULL
/** Alignment of initrds, and of each initrd within them */
#define BZ_INITRD_ALIGN 0x1000
#define BZ_INITRD_PAD 4
/** BIOS data area word 40:13: base memory in KiB */
#define BZ_BDA_BASE_KIB 0x413

/** Where everything goes, decided before anything is copied */
struct bz_plan {
	struct bz_kernel k;             /**< what the header says */
	uintptr_t rm_base;              /**< real-mode block X */
	uint64_t pm_addr;               /**< where the 32-bit part goes */
	uint64_t initrd_addr;           /**< where the initrds go, 0 if none */
	size_t initrd_len;              /**< their length, padding included */
	size_t cmdline_max;             /**< longest command line the kernel takes, and that fits */
};

/** 0 if @p image is a Linux kernel with a boot protocol header, -ENOEXEC if not */
static int bz_probe(const struct image *image)
{
	return bz_is_linux(image->data, image->len) ? 0 : -ENOEXEC;
}

/** Nonzero for images other than @p kernel: they go to the kernel as initrds */
static int bz_is_initrd(const struct image *i, const struct image *kernel)
{
	return i != kernel;
}

/** Length of @p len bytes padded for the next initrd */
static size_t bz_pad(size_t len)
{
	return (len + BZ_INITRD_PAD - 1) & ~(size_t)(BZ_INITRD_PAD - 1);
}

/** Place the real-mode block below the top of base memory; 0 or -error with @p why set */
static int bz_plan_realmode(struct bz_plan *p, const char **why)
{
	uintptr_t top = (uintptr_t)*(volatile uint16_t *)phys_to_virt(
		BZ_BDA_BASE_KIB) << 10;

	if (top > 0xa0000)
		top = 0xa0000;
	if (top < BZ_RM_MIN + BZ_RM_SIZE) {
		*why = "no 64 KiB of base memory left for the real-mode setup";
		return -ENOMEM;
	}
	p->rm_base = (top - BZ_RM_SIZE) & ~(uintptr_t)0xfff;
	return 0;
}

/** Place the 32-bit part; 0 or -error with @p why set */
static int bz_plan_kernel(struct bz_plan *p, struct pcbios_load_plan *lp,
			  const char **why)
{
	p->pm_addr = pcbios_load_find(lp, p->k.pm_need, p->k.pm_align,
				      p->k.pm_min, 0x100000000ULL, 0);
	if (!p->pm_addr) {
		*why = "no free memory for the kernel above its preferred address";
		return -ENOMEM;
	}
	return pcbios_load_busy(lp, p->pm_addr, p->k.pm_need);
}

/** Place the initrds (every image but @p kernel) together, as high as allowed; 0 or -error */
static int bz_plan_initrds(struct image *kernel, struct bz_plan *p,
			   struct pcbios_load_plan *lp, const char **why)
{
	p->initrd_len = 0;
	for (struct image *i = image_first(); i; i = i->next) {
		if (bz_is_initrd(i, kernel))
			p->initrd_len += bz_pad(i->len);
	}
	p->initrd_addr = 0;
	if (!p->initrd_len)
		return 0;
	p->initrd_addr = pcbios_load_find(lp, p->initrd_len, BZ_INITRD_ALIGN,
					  BZ_HIGH_MIN, p->k.initrd_max + 1, 1);
	if (!p->initrd_addr) {
		*why = "no free memory for the initrds below the kernel's limit";
		return -ENOMEM;
	}
	return 0;
}

/** Decide where everything goes for @p kernel; 0 or -error with @p why set */
static int bz_plan(struct image *kernel, struct bz_plan *p, const char **why)
{
	struct pcbios_load_plan *lp = malloc(sizeof(*lp));
	int rc;

	*why = NULL;
	if (!lp)
		return -ENOMEM;
	rc = bz_parse(kernel->data, kernel->len, &p->k, why);
	p->cmdline_max = MIN(p->k.cmdline_max, BZ_CMDLINE_ROOM - 1);
	if (rc == 0)
		rc = bz_plan_realmode(p, why);
	if (rc == 0) {
		rc = pcbios_load_init(lp);
		if (rc < 0)
			*why = "the memory map shows no usable RAM";
	}
	/* the sources must survive until they are copied */
	for (struct image *i = image_first(); rc == 0 && i; i = i->next)
		rc = pcbios_load_busy(lp, (uintptr_t)i->data, i->len);
	if (rc == 0)
		rc = pcbios_load_busy(lp, (uintptr_t)kernel->data, kernel->len);
	if (rc == 0)
		rc = bz_plan_kernel(p, lp, why);
	if (rc == 0)
		rc = bz_plan_initrds(kernel, p, lp, why);
	free(lp);
	return rc;
}

/** Video mode for `vga=` in @p cmdline (normal, ext, ask or a number); normal if absent */
static uint16_t bz_vid_mode(const char *cmdline)
{
	const char *v = cmdline;

	while (v && (v = strstr(v, "vga=")) != NULL) {
		if (v == cmdline || v[-1] == ' ')
			break;
		v += 4;
	}
	if (!v)
		return BZ_VID_NORMAL;
	v += 4;
	if (strncmp(v, "normal", 6) == 0)
		return BZ_VID_NORMAL;
	if (strncmp(v, "ext", 3) == 0)
		return BZ_VID_EXT;
	if (strncmp(v, "ask", 3) == 0)
		return BZ_VID_ASK;
	return (uint16_t)strtoul(v, NULL, 0);
}

/** Copy the setup to the real-mode block and fill in what a loader writes */
static void bz_load_setup(struct image *image, const struct bz_plan *p)
{
	uint8_t *rm = phys_to_virt(p->rm_base);
	struct bz_header *hdr = (struct bz_header *)(rm + BZ_HDR_OFFSET);
	const char *cmdline = image->cmdline ? image->cmdline : "";
	size_t n = MIN(strlen(cmdline), p->cmdline_max);

	memcpy(rm, image->data, p->k.setup_len);
	memset(rm + p->k.setup_len, 0, BZ_HEAP_END - p->k.setup_len);
	memcpy(rm + BZ_HEAP_END, cmdline, n);
	rm[BZ_HEAP_END + n] = '\0';
	hdr->vid_mode = bz_vid_mode(cmdline);
	hdr->type_of_loader = BZ_LOADER_UNDEFINED;
	hdr->loadflags |= BZ_CAN_USE_HEAP;
	hdr->heap_end_ptr = BZ_HEAP_END - 0x200;
	hdr->cmd_line_ptr = (uint32_t)(p->rm_base + BZ_HEAP_END);
	hdr->code32_start = (uint32_t)p->pm_addr;
	hdr->ramdisk_image = (uint32_t)p->initrd_addr;
	hdr->ramdisk_size = (uint32_t)p->initrd_len;
}

/** Copy the 32-bit part and the initrds (zero padding between them) to their places */
static void bz_load_high(struct image *kernel, const struct bz_plan *p)
{
	uint8_t *dst = phys_to_virt((uintptr_t)p->initrd_addr);

	memcpy(phys_to_virt((uintptr_t)p->pm_addr),
	       (const uint8_t *)kernel->data + p->k.setup_len, p->k.pm_len);
	for (struct image *i = image_first(); p->initrd_len && i; i = i->next) {
		if (!bz_is_initrd(i, kernel))
			continue;
		memcpy(dst, i->data, i->len);
		memset(dst + i->len, 0, bz_pad(i->len) - i->len);
		dst += bz_pad(i->len);
	}
}

/** Start Linux kernel @p image with the other images as initrds; returns only on failure */
static int bz_exec(const char *who, struct image *image)
{
	struct pcbios_regs regs = { 0 };
	struct bz_plan p = { 0 };
	const char *why;
	uint16_t seg;
	int rc;

	rc = bz_plan(image, &p, &why);
	if (rc < 0) {
		printf("%s: %s: %s\n", who, image->name, why ? why : errmsg(rc));
		return rc;
	}
	printf("Booting %s: Linux boot protocol %u.%02u, kernel at %#llx, "
	       "%zu bytes of initrd at %#llx, setup at %#lx\n", image->name,
	       p.k.hdr->version >> 8, p.k.hdr->version & 0xff,
	       (unsigned long long)p.pm_addr, p.initrd_len,
	       (unsigned long long)p.initrd_addr, (unsigned long)p.rm_base);
	timeline_handover(image->name);
	pcbios_load_handover();
	bz_load_high(image, &p);
	bz_load_setup(image, &p);
	seg = (uint16_t)(p.rm_base >> 4);
	regs.ds = regs.es = regs.ss = seg;
	regs.sp = BZ_HEAP_END;
	pcbios_farcall(SEGOFF(seg + 0x20, 0), &regs, NULL, 0);
	printf("%s: %s: the kernel's real-mode setup returned\n", who,
	       image->name);
	return -EIO;
}

/** The bzImage format */
static const struct image_type bz_type = {
	.name = "bzImage",
	.probe = bz_probe,
	.exec = bz_exec,
};
IMAGE_TYPE(bz_type);
