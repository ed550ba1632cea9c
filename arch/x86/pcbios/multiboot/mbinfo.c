/** @file The multiboot information: memory sizes and map, command line, modules, boot loader name. */
#include <string.h>
#include <lwpxe/errors.h>
#include "multiboot.h"
#include "../realmode.h"

/** The multiboot information structure (section 3.3), up to the VBE fields */
struct mb_info {
	uint32_t flags;             /**< MB_INFO_* present */
	uint32_t mem_lower;         /**< KiB of memory from 0 */
	uint32_t mem_upper;         /**< KiB of memory from 1 MiB */
	uint32_t boot_device;       /**< BIOS drive and partitions */
	uint32_t cmdline;           /**< the kernel's command line */
	uint32_t mods_count;        /**< modules */
	uint32_t mods_addr;         /**< struct mb_module array */
	uint32_t syms[4];           /**< symbol table (not given) */
	uint32_t mmap_length;       /**< bytes of memory map */
	uint32_t mmap_addr;         /**< struct mb_mmap entries */
	uint32_t drives_length;     /**< drive structures (not given) */
	uint32_t drives_addr;
	uint32_t config_table;      /**< ROM configuration table (not given) */
	uint32_t boot_loader_name;  /**< "lwpxe" */
	uint32_t apm_table;         /**< APM table (not given) */
	uint32_t vbe[4];            /**< VBE information (not given) */
} __attribute__((packed));

#define MB_INFO_MEMORY 0x0001       /**< mem_lower, mem_upper */
#define MB_INFO_CMDLINE 0x0004      /**< cmdline */
#define MB_INFO_MODS 0x0008         /**< mods_count, mods_addr */
#define MB_INFO_MMAP 0x0040         /**< mmap_length, mmap_addr */
#define MB_INFO_LOADER_NAME 0x0200  /**< boot_loader_name */

/** One module */
struct mb_module {
	uint32_t mod_start;         /**< first byte */
	uint32_t mod_end;           /**< byte after the last */
	uint32_t string;            /**< its command line */
	uint32_t reserved;          /**< 0 */
} __attribute__((packed));

/** One memory map entry; size counts the bytes after itself */
struct mb_mmap {
	uint32_t size;              /**< 20 */
	uint64_t base_addr;         /**< start */
	uint64_t length;            /**< bytes */
	uint32_t type;              /**< E820 type */
} __attribute__((packed));

/** The boot loader name given */
#define MB_LOADER_NAME "lwpxe"

/** BIOS data area word 40:13: base memory in KiB */
#define MB_BDA_BASE_KIB 0x413

/** Nonzero for images other than @p kernel: they are the modules */
static int mb_is_module(const struct image *i, const struct image *kernel)
{
	return i != kernel;
}

/** Bytes of "NAME[ CMDLINE]" with its NUL for @p image */
static size_t mb_string_len(const struct image *image)
{
	return strlen(image->name) + 1 +
	       (image->cmdline ? strlen(image->cmdline) + 1 : 0);
}

size_t mb_info_size(const struct image *kernel)
{
	size_t len = sizeof(struct mb_info) + mb_string_len(kernel) +
		     sizeof(MB_LOADER_NAME) +
		     PCBIOS_LOAD_E820_MAX * sizeof(struct mb_mmap);

	for (struct image *i = image_first(); i; i = i->next) {
		if (mb_is_module(i, kernel))
			len += sizeof(struct mb_module) + mb_string_len(i);
	}
	return len;
}

int mb_modules_place(const struct image *kernel, struct pcbios_load_plan *plan,
		     int page_align, uint32_t *addr, unsigned int max)
{
	unsigned int n = 0;

	for (struct image *i = image_first(); i; i = i->next) {
		uint64_t a;

		if (!mb_is_module(i, kernel))
			continue;
		if (n == max)
			return -ENOSPC;
		a = pcbios_load_find(plan, i->len ? i->len : 1,
				     page_align ? 0x1000 : 16, 0x100000,
				     0x100000000ULL, 0);
		if (!a || pcbios_load_busy(plan, a, i->len ? i->len : 1) < 0)
			return -ENOMEM;
		addr[n++] = (uint32_t)a;
	}
	return 0;
}

/** Write "NAME[ CMDLINE]" for @p image at @p p; returns the byte after its NUL */
static char *mb_put_string(char *p, const struct image *image)
{
	strcpy(p, image->name);
	if (image->cmdline) {
		strcat(p, " ");
		strcat(p, image->cmdline);
	}
	return p + strlen(p) + 1;
}

/** Fill the memory fields of @p info from the map the OS sees, the map itself at @p out */
static void mb_info_memory(struct mb_info *info, struct mb_mmap *out)
{
	struct pcbios_e820 map[PCBIOS_LOAD_E820_MAX];
	unsigned int n = pcbios_load_map(map, PCBIOS_LOAD_E820_MAX);

	info->mem_lower = *(volatile uint16_t *)phys_to_virt(MB_BDA_BASE_KIB);
	for (unsigned int i = 0; i < n; i++) {
		out[i].size = sizeof(out[i]) - sizeof(out[i].size);
		out[i].base_addr = map[i].addr;
		out[i].length = map[i].len;
		out[i].type = map[i].type;
		if (map[i].type == PCBIOS_E820_RAM && map[i].addr <= 0x100000 &&
		    map[i].addr + map[i].len > 0x100000)
			info->mem_upper = (uint32_t)MIN(
				(map[i].addr + map[i].len - 0x100000) >> 10,
				0xffffffffULL);
	}
	info->mmap_addr = (uint32_t)(uintptr_t)out;
	info->mmap_length = (uint32_t)(n * sizeof(*out));
	info->flags |= MB_INFO_MEMORY | (n ? MB_INFO_MMAP : 0);
}

uint32_t mb_info_build(const struct image *kernel, const uint32_t *addr,
		       uint32_t info_addr)
{
	struct mb_info *info = phys_to_virt(info_addr);
	struct mb_module *mods = (struct mb_module *)(info + 1);
	unsigned int n = 0;
	struct mb_mmap *mmap;
	char *str;

	memset(info, 0, sizeof(*info));
	for (struct image *i = image_first(); i; i = i->next) {
		if (!mb_is_module(i, kernel))
			continue;
		memcpy(phys_to_virt(addr[n]), i->data, i->len);
		mods[n].mod_start = addr[n];
		mods[n].mod_end = addr[n] + (uint32_t)i->len;
		mods[n].reserved = 0;
		n++;
	}
	mmap = (struct mb_mmap *)(mods + n);
	mb_info_memory(info, mmap);
	str = (char *)(mmap + PCBIOS_LOAD_E820_MAX);
	info->cmdline = (uint32_t)(uintptr_t)str;
	str = mb_put_string(str, kernel);
	n = 0;
	for (struct image *i = image_first(); i; i = i->next) {
		if (!mb_is_module(i, kernel))
			continue;
		mods[n++].string = (uint32_t)(uintptr_t)str;
		str = mb_put_string(str, i);
	}
	info->boot_loader_name = (uint32_t)(uintptr_t)str;
	strcpy(str, MB_LOADER_NAME);
	info->mods_count = n;
	info->mods_addr = (uint32_t)(uintptr_t)mods;
	info->flags |= MB_INFO_CMDLINE | MB_INFO_MODS | MB_INFO_LOADER_NAME;
	return info_addr;
}
