/** @file PE/COFF headers: is a file an EFI program, and for which machine (PE/COFF specification). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/pe.h>

/** Offset of e_lfanew (where the PE signature is) in the MZ header */
#define PE_LFANEW_OFFSET 0x3c
/** Size of the "PE\0\0" signature and the COFF file header after it */
#define PE_SIG_LEN 4
#define PE_COFF_LEN 20
/** Offsets in the COFF header: Machine, SizeOfOptionalHeader */
#define PE_COFF_MACHINE 0
#define PE_COFF_OPT_SIZE 16
/** Offsets in the optional header (the same in PE32 and PE32+): Magic, Subsystem */
#define PE_OPT_MAGIC 0
#define PE_OPT_SUBSYSTEM 68
/** Bytes of the optional header we read */
#define PE_OPT_MIN (PE_OPT_SUBSYSTEM + 2)

/** Little-endian 16-bit value at @p p */
static unsigned int pe_u16(const uint8_t *p)
{
	return (unsigned int)p[0] | (unsigned int)p[1] << 8;
}

/** Little-endian 32-bit value at @p p */
static uint32_t pe_u32(const uint8_t *p)
{
	return (uint32_t)pe_u16(p) | (uint32_t)pe_u16(p + 2) << 16;
}

int pe_parse(const void *data, size_t len, struct pe_info *info)
{
	const uint8_t *d = data;
	const uint8_t *coff, *opt;
	uint32_t lfanew;

	if (len < PE_LFANEW_OFFSET + 4 || d[0] != 'M' || d[1] != 'Z')
		return -ENOEXEC;
	lfanew = pe_u32(d + PE_LFANEW_OFFSET);
	if (lfanew > len || len - lfanew < PE_SIG_LEN + PE_COFF_LEN + PE_OPT_MIN ||
	    memcmp(d + lfanew, "PE\0\0", PE_SIG_LEN) != 0)
		return -ENOEXEC;
	coff = d + lfanew + PE_SIG_LEN;
	opt = coff + PE_COFF_LEN;
	if (pe_u16(coff + PE_COFF_OPT_SIZE) < PE_OPT_MIN)
		return -ENOEXEC;
	info->machine = pe_u16(coff + PE_COFF_MACHINE);
	info->magic = pe_u16(opt + PE_OPT_MAGIC);
	info->subsystem = pe_u16(opt + PE_OPT_SUBSYSTEM);
	return 0;
}

/** Name of COFF machine type @p machine, NULL if we do not know it */
static const char *pe_machine_name(unsigned int machine)
{
	switch (machine) {
	case PE_MACHINE_I386: return "i386";
	case PE_MACHINE_X86_64: return "x86_64";
	case PE_MACHINE_ARM: return "ARM";
	case PE_MACHINE_ARM64: return "ARM64";
	case PE_MACHINE_RISCV64: return "RISC-V 64";
	default: return NULL;
	}
}

int pe_check(const void *data, size_t len, unsigned int machine, char *why,
	     size_t why_len)
{
	const char *want = pe_machine_name(machine);
	const char *got;
	struct pe_info info;

	if (pe_parse(data, len, &info) < 0) {
		snprintf(why, why_len, "not a PE/EFI program (%s)",
			 len >= 2 && memcmp(data, "MZ", 2) == 0 ?
			 "no valid PE header" : "no MZ signature");
		return -ENOEXEC;
	}
	got = pe_machine_name(info.machine);
	if (info.machine != machine) {
		snprintf(why, why_len, "built for %s (PE machine %#x), not %s",
			 got ? got : "another machine", info.machine,
			 want ? want : "this machine");
		return -ENOEXEC;
	}
	if (info.magic != PE_MAGIC_PE32PLUS) {
		snprintf(why, why_len, "not PE32+ (optional header magic %#x)",
			 info.magic);
		return -ENOEXEC;
	}
	if (info.subsystem < PE_SUBSYSTEM_EFI_APPLICATION ||
	    info.subsystem > PE_SUBSYSTEM_EFI_ROM) {
		snprintf(why, why_len, "not an EFI program (PE subsystem %u)",
			 info.subsystem);
		return -ENOEXEC;
	}
	return 0;
}
