/** @file Multiboot (version 1) on BIOS: the header, the kernel's segments and the boot information shared by multiboot.c and mbinfo.c. */
#ifndef PCBIOS_MULTIBOOT_H
#define PCBIOS_MULTIBOOT_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/image.h>
#include "../loadmem.h"

/** The multiboot header (Multiboot Specification 0.6.96, section 3.1) */
struct mb_header {
	uint32_t magic;             /**< MB_HEADER_MAGIC */
	uint32_t flags;             /**< MB_FLAG_* */
	uint32_t checksum;          /**< magic + flags + checksum = 0 */
	uint32_t header_addr;       /**< a.out kludge: where this header loads */
	uint32_t load_addr;         /**< a.out kludge: where the text starts */
	uint32_t load_end_addr;     /**< a.out kludge: end of the data (0: file end) */
	uint32_t bss_end_addr;      /**< a.out kludge: end of bss (0: none) */
	uint32_t entry_addr;        /**< a.out kludge: entry point */
} __attribute__((packed));

#define MB_HEADER_MAGIC 0x1badb002  /**< header magic */
#define MB_SEARCH_LEN 8192          /**< the header lies within this many bytes */
#define MB_FLAG_PAGE_ALIGN 0x0001   /**< modules page-aligned */
#define MB_FLAG_MEMORY 0x0002       /**< memory information wanted */
#define MB_FLAG_VIDEO 0x0004        /**< video mode wanted (text mode is what it gets) */
#define MB_FLAG_AOUT_KLUDGE 0x10000 /**< the address fields are valid */
#define MB_FLAGS_KNOWN 0x0007       /**< required flags (bits 0-15) we honour */

/** Most loadable segments taken from a kernel */
#define MB_SEGMENTS_MAX 16

/** One piece of the kernel to copy: memsz bytes at dst, the first filesz from src */
struct mb_segment {
	uint32_t dst;               /**< physical address */
	uint32_t src;               /**< where the bytes are now */
	uint32_t filesz;            /**< bytes to copy */
	uint32_t memsz;             /**< bytes it covers (the rest zeroed) */
} __attribute__((packed));

/** The kernel as it will be loaded */
struct mb_kernel {
	const struct mb_header *hdr;            /**< its header in the image */
	struct mb_segment seg[MB_SEGMENTS_MAX]; /**< its segments */
	unsigned int nseg;                      /**< number of segments */
	uint32_t entry;                         /**< physical entry point */
};

/**
 * The multiboot header of @p image: valid checksum, 4-byte aligned, in
 * the first MB_SEARCH_LEN bytes (only its first three fields are sure
 * to lie in the file)
 *
 * @ret hdr     the header, NULL if there is none
 */
const struct mb_header *mb_find_header(const struct image *image);

/**
 * The segments and entry point of multiboot kernel @p image into @p k,
 * from its header's a.out kludge or else from its ELF headers; they lie
 * in the file (@c filesz bytes at @c src), @c memsz at least @c filesz
 *
 * @v why       set to words for a refusal
 * @ret rc      0, -ENOEXEC or -ENOTSUP
 */
int mb_kernel_parse(const struct image *image, struct mb_kernel *k,
		    const char **why);

/**
 * The segments of ELF32 kernel @p image into @p k (entry included)
 *
 * @v why       set to words for a failure
 * @ret rc      0, -ENOEXEC or -ENOTSUP
 */
int mb_elf_segments(const struct image *image, struct mb_kernel *k,
		    const char **why);

/**
 * Bytes the boot information for @p kernel and the modules (every other
 * image) takes, strings and memory map included
 */
size_t mb_info_size(const struct image *kernel);

/**
 * Place the modules (every image but @p kernel) in free memory per
 * @p plan, marking them busy; 0 or -ENOMEM
 *
 * @v addr      receives each module's address, in list order
 */
int mb_modules_place(const struct image *kernel, struct pcbios_load_plan *plan,
		     int page_align, uint32_t *addr, unsigned int max);

/**
 * Copy the modules to @p addr (from mb_modules_place()) and write the
 * boot information for @p kernel at @p info, with the memory map as the
 * OS sees it now; returns the information's address
 */
uint32_t mb_info_build(const struct image *kernel, const uint32_t *addr,
		       uint32_t info);

#endif
