/** @file PXE boot programs on BIOS: loaded to 0:7C00 and far-called in real mode with the PXE ROM's API when it is still there. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/timeline.h>
#include <lwpxe/netdev.h>
#include "loadmem.h"
#include "realmode.h"

/** Where a PXE ROM loads boot programs */
#define NBP_LOAD_ADDR 0x7c00

/** Largest image taken for a boot program (base memory up to 0x9A000) */
#define NBP_MAX_LEN (0x9a000 - NBP_LOAD_ADDR)

/** Bytes looked at to tell text from a boot program */
#define NBP_TEXT_PROBE 512

/** BIOS data area word 40:13: base memory in KiB */
#define NBP_BDA_BASE_KIB 0x413

/** INT 1Ah AX=5650h: PXE installation check, answered AX=564Eh, ES:BX = PXENV+ */
#define NBP_PXE_CHECK 0x5650
#define NBP_PXE_FOUND 0x564e

/** PXENV+ fields: Version (u16), Length (u8), PXEPtr (far pointer to !PXE, 2.1+) */
#define NBP_PXENV_VERSION 6
#define NBP_PXENV_LENGTH 8
#define NBP_PXENV_PXEPTR 0x28

/** !PXE field: StructLength (u8) */
#define NBP_PPXE_LENGTH 4

/** Nonzero if the @p len bytes at @p p start with @p sig and sum to 0 */
static int nbp_struct_ok(const uint8_t *p, size_t len, const char *sig)
{
	uint8_t sum = 0;

	if (len < strlen(sig) || memcmp(p, sig, strlen(sig)) != 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	return sum == 0;
}

/**
 * Find the PXE ROM's API with the installation check (INT 1Ah AX=5650h):
 * the ROM answers only while its stack is loaded (undionly.kpxe keeps it)
 *
 * @v pxenv     receives the PXENV+ far pointer, 0 if none
 * @v ppxe      receives the !PXE far pointer, 0 if none
 */
static void nbp_find_pxe(segoff_t *pxenv, segoff_t *ppxe)
{
	struct pcbios_regs regs = { .eax = NBP_PXE_CHECK };
	const uint8_t *s, *p;
	uint16_t version;
	segoff_t ptr;

	*pxenv = *ppxe = 0;
	pcbios_int(0x1a, &regs);
	if ((regs.flags & PCBIOS_CF) || (uint16_t)regs.eax != NBP_PXE_FOUND)
		return;
	s = real_to_virt(regs.es, (uint16_t)regs.ebx);
	if (!nbp_struct_ok(s, s[NBP_PXENV_LENGTH], "PXENV+"))
		return;
	*pxenv = SEGOFF(regs.es, (uint16_t)regs.ebx);
	memcpy(&version, s + NBP_PXENV_VERSION, sizeof(version));
	if (version < 0x0201)
		return;
	memcpy(&ptr, s + NBP_PXENV_PXEPTR, sizeof(ptr));
	p = segoff_to_virt(ptr);
	if (ptr && nbp_struct_ok(p, p[NBP_PPXE_LENGTH], "!PXE"))
		*ppxe = ptr;
}

/** Nonzero if the first NBP_TEXT_PROBE bytes of @p image are all printable ASCII or white space */
static int nbp_is_text(const struct image *image)
{
	const uint8_t *p = image->data;
	size_t n = image->len < NBP_TEXT_PROBE ? image->len : NBP_TEXT_PROBE;

	for (size_t i = 0; i < n; i++) {
		if (p[i] > 0x7e || (p[i] < 0x20 && !isspace(p[i])))
			return 0;
	}
	return 1;
}

/**
 * Any image small enough could be a boot program (the fallback format),
 * except text: machine code is never printable characters only
 */
static int nbp_probe(const struct image *image)
{
	if (!image->len || image->len > NBP_MAX_LEN || nbp_is_text(image))
		return -ENOEXEC;
	return 0;
}

/** Room at 0:7C00 below the top of base memory (40:13) */
static size_t nbp_room(void)
{
	uintptr_t top = (uintptr_t)*(volatile uint16_t *)phys_to_virt(
		NBP_BDA_BASE_KIB) << 10;

	return top > NBP_LOAD_ADDR ? top - NBP_LOAD_ADDR : 0;
}

/**
 * Start boot program @p image at 0:7C00 with ES:BX -> PXENV+ and the
 * !PXE far pointer at SS:SP+4, as a PXE ROM does; the NICs are closed
 * first, so after a return the network must be brought up again
 */
static int nbp_exec(const char *who, struct image *image)
{
	struct pcbios_regs regs = { 0 };
	segoff_t pxenv, ppxe;
	uint16_t words[2];

	if (image->len > nbp_room()) {
		printf("%s: %s: %zu bytes do not fit below the top of base "
		       "memory at 0:7C00\n", who, image->name, image->len);
		return -ENOSPC;
	}
	nbp_find_pxe(&pxenv, &ppxe);
	if (!pxenv)
		printf("%s: %s: no PXE API to pass on (lwpxe was not loaded by "
		       "a PXE ROM that kept its stack)\n", who, image->name);
	printf("Starting PXE boot program %s (%zu bytes) at 0:7C00\n",
	       image->name, image->len);
	netdev_close_all();
	timeline_handover(image->name);
	memcpy(phys_to_virt(NBP_LOAD_ADDR), image->data, image->len);
	regs.es = SEGOFF_SEG(pxenv);
	regs.ebx = SEGOFF_OFF(pxenv);
	words[0] = SEGOFF_OFF(ppxe);
	words[1] = SEGOFF_SEG(ppxe);
	pcbios_farcall(SEGOFF(0, NBP_LOAD_ADDR), &regs, words, 2);
	if ((uint16_t)regs.eax) {
		printf("%s: %s returned with AX=%#x\n", who, image->name,
		       (unsigned int)(uint16_t)regs.eax);
		return -EIO;
	}
	printf("%s: %s returned; network interfaces are closed\n", who,
	       image->name);
	return 0;
}

/** The PXE boot program format: claims what no other format does */
static const struct image_type nbp_type = {
	.name = "PXE",
	.fallback = 1,
	.probe = nbp_probe,
	.exec = nbp_exec,
};
IMAGE_TYPE(nbp_type);
