/** @file The PXE API's entry structures (PXE specification 2.1), where the prefix and the platform find the API. */
#ifndef PCBIOS_PXE_H
#define PCBIOS_PXE_H

/*
 * The opcodes, status codes and parameter blocks are in <lwpxe/pxe.h>,
 * shared with the UNDI driver; these constants are shared with
 * pxeprefix.S, the structures are for C only.
 */
#include <lwpxe/pxe.h>

/* PXENV+ (the 2.0 entry structure; ES:BX when an NBP starts) */
#define PXE_PXENV_SIGNATURE "PXENV+"
#define PXE_PXENV_VERSION 0x06       /**< u16: 0x0201 for PXE 2.1 */
#define PXE_PXENV_LENGTH 0x08        /**< u8: bytes covered by the checksum */
#define PXE_PXENV_RMENTRY 0x0a       /**< segoff: entry (BX = opcode, ES:DI = params) */
#define PXE_PXENV_PXEPTR 0x28        /**< segoff: the !PXE structure (2.1 and later) */

/* !PXE (the 2.1 entry structure; SS:SP+4 when an NBP starts) */
#define PXE_PPXE_SIGNATURE "!PXE"
#define PXE_PPXE_LENGTH 0x04         /**< u8: bytes covered by the checksum */
#define PXE_PPXE_ENTRY_SP 0x10       /**< segoff: 16-bit entry (push seg, off, opcode) */

#ifndef __ASSEMBLER__

#include <stdint.h>
#include "realmode.h"

/** The !PXE structure (only what the platform reads is named) */
struct pxe_ppxe {
	char Signature[4];           /**< "!PXE" */
	uint8_t StructLength;        /**< bytes covered by the checksum */
	uint8_t StructCksum;         /**< makes the bytes sum to 0 */
	uint8_t StructRev;           /**< 0 */
	uint8_t reserved1;           /**< 0 */
	segoff_t UNDIROMID;          /**< UNDI ROM ID structure */
	segoff_t BaseROMID;          /**< base code ROM ID structure */
	segoff_t EntryPointSP;       /**< 16-bit API entry */
	segoff_t EntryPointESP;      /**< 16-bit protected-mode API entry */
} __attribute__((packed));

/** The PXENV+ structure (only what the platform reads is named) */
struct pxe_pxenv {
	char Signature[6];           /**< "PXENV+" */
	uint16_t Version;            /**< 0x0201 for 2.1 */
	uint8_t Length;              /**< bytes covered by the checksum */
	uint8_t Checksum;            /**< makes the bytes sum to 0 */
	segoff_t RMEntry;            /**< real-mode API entry */
} __attribute__((packed));

/**
 * Keep the API entry of the PXE ROM that loaded us for pxe_api_call():
 * the !PXE structure at @p ppxe or, if that is 0, the PXENV+ structure at
 * @p pxenv; both 0: no PXE ROM (pxe_api_present() says 0).  (pxe.c)
 */
void pcbios_pxe_init(segoff_t ppxe, segoff_t pxenv);

#endif

#endif
