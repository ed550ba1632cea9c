/** @file The PXE ROM's API (PXE specification 2.1) as the BIOS platform offers it to the UNDI driver: opcodes, parameter blocks, the call. */
#ifndef LWPXE_PXE_H
#define LWPXE_PXE_H

/*
 * Names follow the specification (PXENV_UNDI_TRANSMIT, PktFilter, ...)
 * so this file reads as the manual does.  The constants are shared with
 * the PXE prefix (assembler); the structures and calls are for C only.
 */

/* Opcodes used here */
#define PXENV_UNDI_SHUTDOWN 0x0005
#define PXENV_UNDI_OPEN 0x0006
#define PXENV_UNDI_CLOSE 0x0007
#define PXENV_UNDI_TRANSMIT 0x0008
#define PXENV_UNDI_GET_INFORMATION 0x000c
#define PXENV_UNDI_GET_NIC_TYPE 0x0012
#define PXENV_UNDI_ISR 0x0014
#define PXENV_STOP_UNDI 0x0015
#define PXENV_UNLOAD_STACK 0x0070
#define PXENV_GET_CACHED_INFO 0x0071
#define PXENV_STOP_BASE 0x0076

/* Exit codes in AX, and the status word every parameter block starts with */
#define PXENV_EXIT_SUCCESS 0x0000
#define PXENV_EXIT_FAILURE 0x0001
#define PXENV_STATUS_SUCCESS 0x00
#define PXENV_STATUS_FAILURE 0x01
#define PXENV_STATUS_UNSUPPORTED 0x03
#define PXENV_STATUS_KEEP_UNDI 0x04
#define PXENV_STATUS_KEEP_ALL 0x05
#define PXENV_STATUS_OUT_OF_RESOURCES 0x06

/* PXENV_UNDI_OPEN PktFilter bits */
#define FLTR_DIRECTED 0x0001         /**< our MAC and the multicast list */
#define FLTR_BRDCST 0x0002           /**< broadcast */
#define FLTR_PRMSCS 0x0004           /**< everything */

/* PXENV_UNDI_TRANSMIT Protocol and XmitFlag */
#define P_UNKNOWN 0                  /**< the caller built the media header */
#define XMT_DESTADDR 0x0000          /**< destination from DestAddr (or the frame) */
#define XMT_BROADCAST 0x0001         /**< to the broadcast address */

/* PXENV_UNDI_ISR FuncFlag, in and out */
#define PXENV_UNDI_ISR_IN_PROCESS 2
#define PXENV_UNDI_ISR_IN_GET_NEXT 3
#define PXENV_UNDI_ISR_OUT_DONE 0
#define PXENV_UNDI_ISR_OUT_TRANSMIT 2
#define PXENV_UNDI_ISR_OUT_RECEIVE 3
#define PXENV_UNDI_ISR_OUT_BUSY 4

/* PXENV_GET_CACHED_INFO PacketType */
#define PXENV_PACKET_TYPE_DHCP_ACK 2

/* PXENV_UNDI_GET_NIC_TYPE NicType */
#define PCI_NIC 2

#ifndef __ASSEMBLER__

#include <stddef.h>
#include <stdint.h>

/** A real-mode far pointer: segment in the upper 16 bits, offset in the lower */
typedef uint32_t segoff_t;

/** Parameter block of the calls that carry only a status (CLOSE, SHUTDOWN, ...) */
struct s_PXENV_STATUS_ONLY {
	uint16_t Status;             /**< PXENV_STATUS_* */
} __attribute__((packed));

/** PXENV_UNDI_GET_INFORMATION */
struct s_PXENV_UNDI_GET_INFORMATION {
	uint16_t Status;             /**< PXENV_STATUS_* */
	uint16_t BaseIo;             /**< I/O base */
	uint16_t IntNumber;          /**< IRQ */
	uint16_t MaxTranUnit;        /**< MTU */
	uint16_t HwType;             /**< 1: Ethernet */
	uint16_t HwAddrLen;          /**< bytes of the hardware address */
	uint8_t CurrentNodeAddress[16]; /**< MAC in use */
	uint8_t PermNodeAddress[16]; /**< burnt-in MAC */
	uint16_t ROMAddress;         /**< ROM segment */
	uint16_t RxBufCt;            /**< receive queue length */
	uint16_t TxBufCt;            /**< transmit queue length */
} __attribute__((packed));

/** PXENV_UNDI_GET_NIC_TYPE (the PCI member of the union) */
struct s_PXENV_UNDI_GET_NIC_TYPE {
	uint16_t Status;             /**< PXENV_STATUS_* */
	uint8_t NicType;             /**< PCI_NIC, ... */
	uint16_t Vendor_ID;          /**< PCI vendor */
	uint16_t Dev_ID;             /**< PCI device */
	uint8_t Base_Class;          /**< class code */
	uint8_t Sub_Class;           /**< subclass */
	uint8_t Prog_Intf;           /**< programming interface */
	uint8_t Rev;                 /**< revision */
	uint16_t BusDevFunc;         /**< bus << 8 | dev << 3 | fn */
	uint16_t SubVendor_ID;       /**< subsystem vendor */
	uint16_t SubDevice_ID;       /**< subsystem */
} __attribute__((packed));

/** Most multicast addresses PXENV_UNDI_OPEN takes */
#define MAXNUM_MCADDR 8

/** PXENV_UNDI_OPEN */
struct s_PXENV_UNDI_OPEN {
	uint16_t Status;             /**< PXENV_STATUS_* */
	uint16_t OpenFlag;           /**< adapter specific, 0 */
	uint16_t PktFilter;          /**< FLTR_* */
	uint16_t MCastAddrCount;     /**< entries used in McastAddr */
	uint8_t McastAddr[MAXNUM_MCADDR][6]; /**< multicast MACs */
} __attribute__((packed));

/** PXENV_UNDI_TRANSMIT */
struct s_PXENV_UNDI_TRANSMIT {
	uint16_t Status;             /**< PXENV_STATUS_* */
	uint8_t Protocol;            /**< P_UNKNOWN: the frame has its header */
	uint8_t XmitFlag;            /**< XMT_DESTADDR */
	segoff_t DestAddr;           /**< destination MAC (the frame has it too) */
	segoff_t TBD;                /**< the transmit buffer descriptor */
	uint32_t Reserved[2];        /**< 0 */
} __attribute__((packed));

/** The transmit buffer descriptor, with no extra data blocks */
struct s_PXENV_UNDI_TBD {
	uint16_t ImmedLength;        /**< bytes at Xmit */
	segoff_t Xmit;               /**< the frame */
	uint16_t DataBlkCount;       /**< 0: everything is at Xmit */
} __attribute__((packed));

/** PXENV_UNDI_ISR */
struct s_PXENV_UNDI_ISR {
	uint16_t Status;             /**< PXENV_STATUS_* */
	uint16_t FuncFlag;           /**< PXENV_UNDI_ISR_IN_* in, _OUT_* out */
	uint16_t BufferLength;       /**< bytes at Frame */
	uint16_t FrameLength;        /**< bytes of the whole frame */
	uint16_t FrameHeaderLength;  /**< media header bytes */
	segoff_t Frame;              /**< this piece of the frame */
	uint8_t ProtType;            /**< P_* */
	uint8_t PktType;             /**< directed, broadcast, ... */
} __attribute__((packed));

/** PXENV_GET_CACHED_INFO */
struct s_PXENV_GET_CACHED_INFO {
	uint16_t Status;             /**< PXENV_STATUS_* */
	uint16_t PacketType;         /**< PXENV_PACKET_TYPE_* */
	uint16_t BufferSize;         /**< in: 0 for the stack's copy; out: bytes */
	segoff_t Buffer;             /**< in: 0 for the stack's copy; out: where */
	uint16_t BufferLimit;        /**< out: size of the stack's buffer */
} __attribute__((packed));

/** Platform: nonzero if the PXE ROM that loaded us left its API (its UNDI kept) */
int pxe_api_present(void);

/**
 * Platform: call the PXE ROM's API (its !PXE entry, else PXENV+)
 *
 * @v opcode    PXENV_*
 * @v params    parameter block, in memory from pxe_base_alloc()
 * @ret exit    PXENV_EXIT_SUCCESS, or PXENV_EXIT_FAILURE with the
 *              block's Status saying why
 */
unsigned int pxe_api_call(unsigned int opcode, void *params);

/** Platform: @p len bytes of base memory the ROM can reach (parameter blocks, frames); NULL if none is left */
void *pxe_base_alloc(size_t len);

/** Platform: the real-mode far pointer to @p p (in base memory) */
segoff_t pxe_segoff(const void *p);

/** Platform: where real-mode far pointer @p p points */
void *pxe_virt(segoff_t p);

#endif

#endif
