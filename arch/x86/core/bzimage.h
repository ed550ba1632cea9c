/** @file The Linux x86 boot protocol's setup header (Linux's Documentation/arch/x86/boot.rst): recognising a kernel and reading what a loader needs from it, for the BIOS loader and the UEFI one. */
#ifndef X86_BZIMAGE_H
#define X86_BZIMAGE_H

#include <stddef.h>
#include <stdint.h>

/** Offset of the setup header in the kernel file */
#define BZ_HDR_OFFSET 0x1f1

/** The setup header (boot.rst "The Real-Mode Kernel Header"), up to the fields we use */
struct bz_header {
	uint8_t setup_sects;        /**< 0x1f1: setup sectors after the boot sector (0: 4) */
	uint16_t root_flags;        /**< 0x1f2 */
	uint32_t syssize;           /**< 0x1f4: 32-bit code in 16-byte units */
	uint16_t ram_size;          /**< 0x1f8 */
	uint16_t vid_mode;          /**< 0x1fa: video mode (write) */
	uint16_t root_dev;          /**< 0x1fc */
	uint16_t boot_flag;         /**< 0x1fe: 0xAA55 */
	uint16_t jump;              /**< 0x200 */
	uint32_t header;            /**< 0x202: "HdrS" */
	uint16_t version;           /**< 0x206: boot protocol version */
	uint32_t realmode_swtch;    /**< 0x208 */
	uint16_t start_sys_seg;     /**< 0x20c */
	uint16_t kernel_version;    /**< 0x20e */
	uint8_t type_of_loader;     /**< 0x210: boot loader id (write) */
	uint8_t loadflags;          /**< 0x211: BZ_LOADED_HIGH, BZ_CAN_USE_HEAP */
	uint16_t setup_move_size;   /**< 0x212 */
	uint32_t code32_start;      /**< 0x214: where the 32-bit part is (write) */
	uint32_t ramdisk_image;     /**< 0x218: initrd address (write) */
	uint32_t ramdisk_size;      /**< 0x21c: initrd size (write) */
	uint32_t bootsect_kludge;   /**< 0x220 */
	uint16_t heap_end_ptr;      /**< 0x224: end of the setup heap - 0x200 (write) */
	uint8_t ext_loader_ver;     /**< 0x226 */
	uint8_t ext_loader_type;    /**< 0x227 */
	uint32_t cmd_line_ptr;      /**< 0x228: command line address (write) */
	uint32_t initrd_addr_max;   /**< 0x22c: highest initrd byte (2.03+) */
	uint32_t kernel_alignment;  /**< 0x230: alignment (2.05+) */
	uint8_t relocatable_kernel; /**< 0x234: nonzero if relocatable (2.05+) */
	uint8_t min_alignment;      /**< 0x235 */
	uint16_t xloadflags;        /**< 0x236 */
	uint32_t cmdline_size;      /**< 0x238: longest command line (2.06+) */
	uint32_t hardware_subarch;  /**< 0x23c */
	uint64_t hardware_subarch_data; /**< 0x240 */
	uint32_t payload_offset;    /**< 0x248 */
	uint32_t payload_length;    /**< 0x24c */
	uint64_t setup_data;        /**< 0x250 */
	uint64_t pref_address;      /**< 0x258: preferred load address (2.10+) */
	uint32_t init_size;         /**< 0x260: memory the kernel needs from its start (2.10+) */
} __attribute__((packed));

#define BZ_LOADED_HIGH 0x01         /**< loadflags: a bzImage (32-bit part at 1 MiB) */
#define BZ_CAN_USE_HEAP 0x80        /**< loadflags: heap_end_ptr is valid */

/** What the header says about loading a kernel */
struct bz_kernel {
	const struct bz_header *hdr;    /**< the header in the file */
	size_t setup_len;               /**< boot sector and setup, bytes */
	size_t pm_len;                  /**< the 32-bit part (the rest of the file), bytes */
	uint64_t pm_need;               /**< memory the 32-bit part needs from its start */
	uint64_t pm_align;              /**< alignment of the 32-bit part (a power of two) */
	uint64_t pm_min;                /**< lowest address for the 32-bit part (1 MiB or the preferred address) */
	uint64_t initrd_max;            /**< highest address an initrd byte may have */
	uint32_t cmdline_max;           /**< longest command line the kernel takes, NUL excluded */
};

/** Nonzero if the @p len bytes at @p data are a Linux kernel with a boot protocol header */
int bz_is_linux(const void *data, size_t len);

/**
 * Read the header of Linux kernel @p data (bz_is_linux() true) into @p k:
 * a relocatable bzImage (boot protocol 2.05 or later) whose sizes fit
 * the file
 *
 * @v why       set to words for a refusal
 * @ret rc      0, -ENOTSUP (an older or unrelocatable kernel) or -ENOEXEC
 */
int bz_parse(const void *data, size_t len, struct bz_kernel *k,
	     const char **why);

#endif
