/** @file Multiboot (v1) kernels on BIOS: ELF32 or a.out kludge, modules, memory map; entered in 32-bit mode with EAX = 0x2BADB002. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/timeline.h>
#include "multiboot.h"
#include "../realmode.h"

/** Most modules passed */
#define MB_MODULES_MAX 32

/** Lowest address a kernel segment may load at */
#define MB_LOAD_MIN 0x100000ULL

/** The segment copier and jump (mbjump.S), copied to free memory before use */
extern char pcbios_mb_jump[], pcbios_mb_jump_end[];

/** The table pcbios_mb_jump reads */
struct mb_jump_table {
	uint32_t count;             /**< segments */
	uint32_t entry;             /**< kernel entry point */
	uint32_t info;              /**< multiboot information */
	struct mb_segment seg[];    /**< the segments */
} __attribute__((packed));

/** 0 if @p image has a multiboot header, -ENOEXEC if not */
static int mb_probe(const struct image *image)
{
	return mb_find_header(image) ? 0 : -ENOEXEC;
}

/** Nonzero if [@p dst, @p dst + @p len) overlaps the data of @p image */
static int mb_overlaps(uint64_t dst, uint64_t len, const struct image *image)
{
	uint64_t start = (uintptr_t)image->data;

	return dst < start + image->len && start < dst + len;
}

/** Nonzero if [@p dst, @p dst + @p len) overlaps the data of an image in memory (@p kernel included) */
static int mb_hits_image(uint64_t dst, uint64_t len, const struct image *kernel)
{
	if (mb_overlaps(dst, len, kernel))
		return 1;
	for (const struct image *i = image_first(); i; i = i->next) {
		if (mb_overlaps(dst, len, i))
			return 1;
	}
	return 0;
}

/**
 * Check @p k's segments and mark them busy: they may cover lwpxe itself
 * (the jump copies them last) but no image still to be copied
 *
 * @ret rc      0 or -error with @p why set
 */
static int mb_plan_segments(const struct mb_kernel *k, const struct image *kernel,
			    struct pcbios_load_plan *plan, const char **why)
{
	for (unsigned int i = 0; i < k->nseg; i++) {
		const struct mb_segment *s = &k->seg[i];

		if (s->dst < MB_LOAD_MIN ||
		    (uint64_t)s->dst + s->memsz > 0x100000000ULL) {
			*why = "a segment loads below 1 MiB or above 4 GiB";
			return -ENOTSUP;
		}
		if (mb_hits_image(s->dst, s->memsz, kernel)) {
			*why = "a segment overlaps an image in memory (imgfree some)";
			return -ENOMEM;
		}
	}
	for (unsigned int i = 0; i < k->nseg; i++) {
		if (pcbios_load_busy(plan, k->seg[i].dst, k->seg[i].memsz) < 0)
			return -ENOSPC;
	}
	return 0;
}

/** Where everything goes */
struct mb_plan {
	struct mb_kernel k;                 /**< the kernel */
	uint32_t mods[MB_MODULES_MAX];      /**< module addresses */
	uint32_t info;                      /**< the information's address */
	uint32_t jump;                      /**< the copied jump code and table */
};

/** Decide where everything goes for @p image; 0 or -error with @p why set */
static int mb_plan(struct image *image, struct mb_plan *p, const char **why)
{
	struct pcbios_load_plan *lp = malloc(sizeof(*lp));
	size_t jump_len = (size_t)(pcbios_mb_jump_end - pcbios_mb_jump) +
			  sizeof(struct mb_jump_table) +
			  MB_SEGMENTS_MAX * sizeof(struct mb_segment);
	uint64_t a;
	int rc;

	if (!lp)
		return -ENOMEM;
	rc = mb_kernel_parse(image, &p->k, why);
	if (rc == 0 && (rc = pcbios_load_init(lp)) < 0)
		*why = "the memory map shows no usable RAM";
	for (struct image *i = image_first(); rc == 0 && i; i = i->next)
		rc = pcbios_load_busy(lp, (uintptr_t)i->data, i->len);
	if (rc == 0)
		rc = pcbios_load_busy(lp, (uintptr_t)image->data, image->len);
	if (rc == 0)
		rc = mb_plan_segments(&p->k, image, lp, why);
	if (rc == 0 && (rc = mb_modules_place(image, lp,
					       p->k.hdr->flags & MB_FLAG_PAGE_ALIGN,
					       p->mods, MB_MODULES_MAX)) < 0)
		*why = "no free memory for the modules";
	if (rc == 0) {
		a = pcbios_load_find(lp, mb_info_size(image), 0x1000,
				     MB_LOAD_MIN, 0x100000000ULL, 0);
		if (a)
			pcbios_load_busy(lp, a, mb_info_size(image));
		p->info = (uint32_t)a;
		a = pcbios_load_find(lp, jump_len, 16, MB_LOAD_MIN,
				     0x100000000ULL, 0);
		p->jump = (uint32_t)a;
		if (!p->info || !p->jump) {
			*why = "no free memory for the boot information";
			rc = -ENOMEM;
		}
	}
	free(lp);
	return rc;
}

/** Copy the jump code and its table to @p p->jump and run it: never returns */
static void __noreturn mb_jump(const struct mb_plan *p)
{
	size_t code = (size_t)(pcbios_mb_jump_end - pcbios_mb_jump);
	uint8_t *dst = phys_to_virt(p->jump);
	struct mb_jump_table *t = (struct mb_jump_table *)(dst + code);
	void (*jump)(struct mb_jump_table *) = (void *)dst;

	memcpy(dst, pcbios_mb_jump, code);
	t->count = p->k.nseg;
	t->entry = p->k.entry;
	t->info = p->info;
	memcpy(t->seg, p->k.seg, p->k.nseg * sizeof(t->seg[0]));
	__asm__ volatile("cli");
	jump(t);
	__builtin_unreachable();
}

/** Start multiboot kernel @p image with the other images as modules; returns only on failure */
static int mb_exec(const char *who, struct image *image)
{
	struct mb_plan *p = calloc(1, sizeof(*p));
	const char *why = NULL;
	int rc;

	if (!p) {
		printf("%s: %s: %s\n", who, image->name, errmsg(-ENOMEM));
		return -ENOMEM;
	}
	rc = mb_plan(image, p, &why);
	if (rc < 0) {
		printf("%s: %s: %s\n", who, image->name, why ? why : errmsg(rc));
		free(p);
		return rc;
	}
	printf("Booting %s: multiboot %s, entry %#x, %u segment(s), "
	       "information at %#x\n", image->name,
	       (p->k.hdr->flags & MB_FLAG_AOUT_KLUDGE) ? "a.out kludge" : "ELF",
	       (unsigned int)p->k.entry, p->k.nseg, (unsigned int)p->info);
	timeline_handover(image->name);
	pcbios_load_handover();
	mb_info_build(image, p->mods, p->info);
	mb_jump(p);
}

/** The multiboot format */
static const struct image_type mb_type = {
	.name = "multiboot",
	.probe = mb_probe,
	.exec = mb_exec,
};
IMAGE_TYPE(mb_type);
