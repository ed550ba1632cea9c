/** @file The PXE ROM's API for the UNDI driver: the entry the ROM left, the far call into it, base memory. */
#include <string.h>
#include <lwpxe/pxe.h>
#include "pxe.h"
#include "realmode.h"

/** The API entry (0: no PXE ROM left its API) */
static segoff_t pxe_entry;

/** 1: the !PXE entry (opcode and parameters pushed); 0: PXENV+ (BX, ES:DI) */
static int pxe_via_ppxe;

void pcbios_pxe_init(segoff_t ppxe, segoff_t pxenv)
{
	if (ppxe) {
		const struct pxe_ppxe *s = segoff_to_virt(ppxe);

		pxe_entry = s->EntryPointSP;
		pxe_via_ppxe = 1;
	} else if (pxenv) {
		const struct pxe_pxenv *s = segoff_to_virt(pxenv);

		pxe_entry = s->RMEntry;
		pxe_via_ppxe = 0;
	}
}

int pxe_api_present(void)
{
	return pxe_entry != 0;
}

unsigned int pxe_api_call(unsigned int opcode, void *params)
{
	struct pcbios_regs regs = { 0 };
	segoff_t p = virt_to_segoff(params);

	if (pxe_via_ppxe) {
		const uint16_t words[3] = { (uint16_t)opcode, SEGOFF_OFF(p),
					    SEGOFF_SEG(p) };

		pcbios_farcall(pxe_entry, &regs, words, 3);
	} else {
		regs.ebx = opcode;
		regs.es = SEGOFF_SEG(p);
		regs.edi = SEGOFF_OFF(p);
		pcbios_farcall(pxe_entry, &regs, NULL, 0);
	}
	return (uint16_t)regs.eax;
}

void *pxe_base_alloc(size_t len)
{
	return pcbios_base_alloc(len);
}

segoff_t pxe_segoff(const void *p)
{
	return virt_to_segoff(p);
}

void *pxe_virt(segoff_t p)
{
	return segoff_to_virt(p);
}
