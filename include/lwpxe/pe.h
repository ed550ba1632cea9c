/** @file PE/COFF executables (EFI programs): what a file's headers say it is built for. */
#ifndef LWPXE_PE_H
#define LWPXE_PE_H

#include <stddef.h>

/** COFF machine types (PE/COFF specification, "Machine Types") */
#define PE_MACHINE_I386 0x014c     /**< x86, 32-bit */
#define PE_MACHINE_X86_64 0x8664   /**< x86_64 (AMD64) */
#define PE_MACHINE_ARM 0x01c2      /**< ARM Thumb-2 (ARMTHUMB_MIXED) */
#define PE_MACHINE_ARM64 0xaa64    /**< ARM64 (AArch64) */
#define PE_MACHINE_RISCV64 0x5064  /**< RISC-V 64-bit */

/** Optional header magic numbers */
#define PE_MAGIC_PE32 0x010b       /**< PE32 (32-bit fields) */
#define PE_MAGIC_PE32PLUS 0x020b   /**< PE32+ (64-bit fields) */

/** Subsystems an EFI firmware starts: application .. ROM */
#define PE_SUBSYSTEM_EFI_APPLICATION 10   /**< EFI application (boot loader, kernel stub) */
#define PE_SUBSYSTEM_EFI_ROM 13           /**< last EFI subsystem (EFI ROM image) */

/** What the headers of a PE file say */
struct pe_info {
	unsigned int machine;     /**< COFF machine type (PE_MACHINE_*) */
	unsigned int magic;       /**< optional header magic (PE_MAGIC_*) */
	unsigned int subsystem;   /**< subsystem (PE_SUBSYSTEM_*; 3 is a Windows console program) */
};

/**
 * Read the headers of @p data (@p len bytes): the MZ stub, the "PE\0\0"
 * signature it points to, the COFF header and the start of the optional
 * header, each checked to lie inside the file
 *
 * @v info      receives what they say
 * @ret rc      0, or -ENOEXEC if it is not a (whole) PE file
 */
int pe_parse(const void *data, size_t len, struct pe_info *info);

/**
 * Check that @p data is an EFI program the firmware of @p machine starts:
 * a PE32+ file for that machine with an EFI subsystem
 *
 * @v why       receives why not, a phrase ("built for ARM64 (PE machine
 *              0xaa64), not x86_64"), when it is not
 * @ret rc      0, or -ENOEXEC
 */
int pe_check(const void *data, size_t len, unsigned int machine, char *why,
	     size_t why_len);

#endif
