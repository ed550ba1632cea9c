/** @file Reboot and power-off on BIOS: the ACPI reset register and S5, the keyboard controller, port CF9h. */
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include <lwpxe/time.h>
#include "../core/acpi.h"
#include "../core/io.h"
#include "pcbios.h"

/* FADT fields (ACPI 6.5, 5.2.9), by offset from the table's start */
#define FADT_DSDT 40             /**< u32: physical address of the DSDT */
#define FADT_SMI_CMD 48          /**< u32: port that switches to ACPI mode */
#define FADT_ACPI_ENABLE 52      /**< u8: value written to SMI_CMD for it */
#define FADT_PM1A_CNT 64         /**< u32: PM1a control port */
#define FADT_PM1B_CNT 68         /**< u32: PM1b control port, 0 if none */
#define FADT_FLAGS 112           /**< u32: feature flags */
#define FADT_RESET_REG 116       /**< generic address of the reset register */
#define FADT_RESET_VALUE 128     /**< u8: value that resets the machine */
#define FADT_X_DSDT 140          /**< u64: DSDT address when DSDT is 0 (ACPI 2.0) */

/** FADT flag: the reset register is there */
#define FADT_RESET_REG_SUP (1u << 10)
/** Generic address space ids */
#define ACPI_SPACE_MEMORY 0
#define ACPI_SPACE_IO 1
/** PM1 control: sleep type field shift and sleep enable */
#define PM1_SLP_TYP_SHIFT 10
#define PM1_SLP_EN (1u << 13)
/** AML: the package opcode, byte prefix, zero and one opcodes */
#define AML_PACKAGE 0x12
#define AML_BYTE_PREFIX 0x0a
#define AML_ZERO 0x00
#define AML_ONE 0x01

/** BIOS data area word that asks POST to skip the memory test */
#define BDA_RESET_FLAG 0x472
/** ... with this value */
#define BDA_WARM_RESET 0x1234
/** 8042 keyboard controller: status/command port, input full, pulse reset */
#define KBC_CMD 0x64
#define KBC_INPUT_FULL 0x02
#define KBC_RESET 0xfe
/** The chipset's reset control register and a full reset */
#define RST_CNT 0xcf9
#define RST_CNT_FULL 0x06
/** How long each way gets before the next is tried */
#define POWER_WAIT_US 100000

/** Little-endian 32-bit field at @p off of the FADT */
static uint32_t power_fadt32(const struct acpi_header *fadt, size_t off)
{
	uint32_t v = 0;

	if (fadt->length >= off + 4)
		memcpy(&v, (const uint8_t *)fadt + off, 4);
	return v;
}

/** The FADT (signature "FACP"), NULL if the machine has no ACPI */
static const struct acpi_header *power_fadt(void)
{
	const struct acpi_rsdp *rsdp = pcbios_rsdp();

	return rsdp ? acpi_find(rsdp, "FACP") : NULL;
}

/** Wait POWER_WAIT_US for the machine to go */
static void power_wait(void)
{
	uint64_t start = time_us();

	while (time_us() - start < POWER_WAIT_US)
		;
}

/** Write the FADT's reset value to its reset register, if it has one */
static void power_acpi_reset(const struct acpi_header *fadt)
{
	const uint8_t *f = (const uint8_t *)fadt;
	uint64_t addr;

	if (!fadt || fadt->length < FADT_RESET_VALUE + 1 ||
	    !(power_fadt32(fadt, FADT_FLAGS) & FADT_RESET_REG_SUP))
		return;
	memcpy(&addr, f + FADT_RESET_REG + 4, sizeof(addr));
	if (f[FADT_RESET_REG] == ACPI_SPACE_IO && addr <= 0xffff)
		outb((uint16_t)addr, f[FADT_RESET_VALUE]);
	else if (f[FADT_RESET_REG] == ACPI_SPACE_MEMORY && addr < 0xffffffffu)
		*(volatile uint8_t *)phys_to_virt((uintptr_t)addr) =
			f[FADT_RESET_VALUE];
	else
		return;
	power_wait();
}

/** Pulse the reset line through the keyboard controller */
static void power_kbc_reset(void)
{
	for (unsigned int i = 0; i < 100000 && (inb(KBC_CMD) & KBC_INPUT_FULL);
	     i++)
		;
	outb(KBC_CMD, KBC_RESET);
	power_wait();
}

int platform_reboot(int warm)
{
	*(volatile uint16_t *)phys_to_virt(BDA_RESET_FLAG) =
		warm ? BDA_WARM_RESET : 0;
	power_acpi_reset(power_fadt());
	power_kbc_reset();
	outb(RST_CNT, RST_CNT_FULL);
	power_wait();
	return -EIO;
}

/**
 * Read one AML integer of a package element (ZeroOp, OneOp, BytePrefix)
 *
 * @v p         the element; moved past it
 * @v end       end of the readable bytes
 * @v value     receives it
 * @ret ok      nonzero if it was one of those forms
 */
static int power_aml_byte(const uint8_t **p, const uint8_t *end,
			  unsigned int *value)
{
	if (*p >= end)
		return 0;
	if (**p == AML_ZERO || **p == AML_ONE) {
		*value = *(*p)++;
		return 1;
	}
	if (**p == AML_BYTE_PREFIX && end - *p >= 2) {
		*value = (*p)[1];
		*p += 2;
		return 1;
	}
	return 0;
}

/**
 * The sleep types of \_S5 (soft off) from the DSDT: the first two
 * elements of the package named _S5_
 *
 * @ret rc      0, or -ENOENT if there is no readable _S5_ package
 */
static int power_s5_types(const struct acpi_header *dsdt, unsigned int *a,
			  unsigned int *b)
{
	const uint8_t *p = (const uint8_t *)dsdt + sizeof(*dsdt);
	const uint8_t *end = (const uint8_t *)dsdt + dsdt->length;

	for (; end - p > 8; p++) {
		const uint8_t *q = p + 4;

		if (memcmp(p, "_S5_", 4) != 0 || *q++ != AML_PACKAGE)
			continue;
		q += 1 + (*q >> 6);    /* PkgLength: lead byte and followers */
		q++;                   /* NumElements */
		if (power_aml_byte(&q, end, a) && power_aml_byte(&q, end, b))
			return 0;
	}
	return -ENOENT;
}

int platform_poweroff(void)
{
	const struct acpi_header *fadt = power_fadt();
	const struct acpi_header *dsdt;
	uint64_t dsdt_addr;
	uint32_t pm1a, pm1b, smi;
	unsigned int a, b;

	if (!fadt)
		return -ENOTSUP;
	dsdt_addr = power_fadt32(fadt, FADT_DSDT);
	if (!dsdt_addr && fadt->length >= FADT_X_DSDT + 8)
		memcpy(&dsdt_addr, (const uint8_t *)fadt + FADT_X_DSDT, 8);
	if (!dsdt_addr || dsdt_addr >= 0xffffffffu)
		return -ENOTSUP;
	dsdt = phys_to_virt((uintptr_t)dsdt_addr);
	pm1a = power_fadt32(fadt, FADT_PM1A_CNT);
	pm1b = power_fadt32(fadt, FADT_PM1B_CNT);
	if (memcmp(dsdt->signature, "DSDT", 4) != 0 || !pm1a || pm1a > 0xffff ||
	    power_s5_types(dsdt, &a, &b) < 0)
		return -ENOTSUP;
	smi = power_fadt32(fadt, FADT_SMI_CMD);
	if (smi && smi <= 0xffff && fadt->length > FADT_ACPI_ENABLE &&
	    ((const uint8_t *)fadt)[FADT_ACPI_ENABLE]) {
		outb((uint16_t)smi, ((const uint8_t *)fadt)[FADT_ACPI_ENABLE]);
		power_wait();
	}
	outw((uint16_t)pm1a, (uint16_t)((a & 7) << PM1_SLP_TYP_SHIFT |
					PM1_SLP_EN));
	if (pm1b && pm1b <= 0xffff)
		outw((uint16_t)pm1b, (uint16_t)((b & 7) << PM1_SLP_TYP_SHIFT |
						PM1_SLP_EN));
	power_wait();
	return -EIO;
}
