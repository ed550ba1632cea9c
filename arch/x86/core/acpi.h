/** @file ACPI tables: finding one by signature from the RSDP, shared by the x86 firmware platforms. */
#ifndef X86_ACPI_H
#define X86_ACPI_H

#include <stddef.h>
#include <stdint.h>

/** Signature of the Root System Description Pointer */
#define ACPI_RSDP_SIGNATURE "RSD PTR "

/** Bytes of the RSDP that ACPI 1.0's checksum covers */
#define ACPI_RSDP_V1_LEN 20

/** The Root System Description Pointer (ACPI 6.5, 5.2.5.3) */
struct acpi_rsdp {
	char signature[8];      /**< "RSD PTR " */
	uint8_t checksum;       /**< the first 20 bytes sum to 0 */
	char oem_id[6];         /**< OEM */
	uint8_t revision;       /**< 0: ACPI 1.0 (RSDT only); 2 and later: XSDT too */
	uint32_t rsdt;          /**< physical address of the RSDT */
	uint32_t length;        /**< length of this structure (revision >= 2) */
	uint64_t xsdt;          /**< physical address of the XSDT (revision >= 2) */
	uint8_t ext_checksum;   /**< the whole structure sums to 0 (revision >= 2) */
	uint8_t reserved[3];    /**< reserved */
} __attribute__((packed));

/** The header every system description table starts with (ACPI 6.5, 5.2.6) */
struct acpi_header {
	char signature[4];      /**< table signature, e.g. "SPCR" */
	uint32_t length;        /**< length of the table, header included */
	uint8_t revision;       /**< table revision */
	uint8_t checksum;       /**< the whole table sums to 0 */
	char oem_id[6];         /**< OEM */
	char oem_table_id[8];   /**< OEM's table name */
	uint32_t oem_revision;  /**< OEM's table revision */
	uint32_t creator_id;    /**< vendor of the tool that made the table */
	uint32_t creator_revision;  /**< revision of that tool */
} __attribute__((packed));

/** Sum of the @p len bytes at @p data: 0 for a valid ACPI checksum */
uint8_t acpi_checksum(const void *data, size_t len);

/**
 * The table with signature @p sig and a valid checksum, looked up in
 * the XSDT (RSDP revision >= 2) or else the RSDT of the valid RSDP
 * @p rsdp; NULL if there is none (or none below 4 GiB on 32-bit x86).
 */
const struct acpi_header *acpi_find(const struct acpi_rsdp *rsdp,
				    const char *sig);

#endif
