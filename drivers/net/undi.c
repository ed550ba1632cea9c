/** @file UNDI driver: the NIC through the PXE ROM's UNDI API (PXE 2.1), polled, with the ROM's DHCPACK. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/pxe.h>

/** Largest frame sent or received: Ethernet header, 1500 bytes, VLAN tag */
#define UNDI_FRAME_MAX 1536

/** ISR calls per poll before yielding to the rest of the loop */
#define UNDI_POLL_CALLS 64

/** Largest DHCPACK kept (BOOTP with the extended 1024-byte vendor field) */
#define UNDI_DHCPACK_MAX 1260

/** What real-mode code reads and writes: in base memory */
struct undi_base {
	union {
		struct s_PXENV_STATUS_ONLY status;
		struct s_PXENV_UNDI_GET_INFORMATION info;
		struct s_PXENV_UNDI_GET_NIC_TYPE nic_type;
		struct s_PXENV_UNDI_OPEN open;
		struct s_PXENV_UNDI_ISR isr;
		struct s_PXENV_GET_CACHED_INFO cached;
	} p;                                    /**< parameter block of the call */
	struct s_PXENV_UNDI_TRANSMIT tx;        /**< transmit parameters */
	struct s_PXENV_UNDI_TBD tbd;            /**< transmit buffer descriptor */
	uint8_t frame[UNDI_FRAME_MAX];          /**< the frame being sent */
};

/** Driver state */
struct undi_nic {
	struct nic nic;                 /**< the NIC as the core sees it */
	uint16_t status;                /**< status of the last failed call */
	struct undi_base *base;         /**< parameter blocks in base memory */
	int isr_open;                   /**< inside an ISR sequence: GET_NEXT comes next */
	size_t rx_len;                  /**< bytes of rx assembled so far */
	uint8_t rx[UNDI_FRAME_MAX];     /**< a frame gathered from its pieces */
};

/** An lwpxe error code for PXE status @p status */
static int undi_rc(uint16_t status)
{
	switch (status) {
	case PXENV_STATUS_OUT_OF_RESOURCES:
		return -ENOBUFS;
	case PXENV_STATUS_UNSUPPORTED:
		return -ENOTSUP;
	default:
		return -EIO;
	}
}

/**
 * Call the PXE API
 *
 * @v undi      driver state
 * @v opcode    PXENV_*
 * @v params    parameter block in base memory (filled by the caller)
 * @ret rc      0, or -error with the block's status in undi->status
 */
static int undi_call(struct undi_nic *undi, unsigned int opcode, void *params)
{
	uint16_t status;

	if (pxe_api_call(opcode, params) == PXENV_EXIT_SUCCESS)
		return 0;
	memcpy(&status, params, sizeof(status));
	undi->status = status ? status : PXENV_STATUS_FAILURE;
	return undi_rc(undi->status);
}

/** The parameter block, cleared, for the next call */
static void *undi_params(struct undi_nic *undi)
{
	return memset(&undi->base->p, 0, sizeof(undi->base->p));
}

/**
 * Send one frame: copied to base memory and handed over whole
 * (P_UNKNOWN); DestAddr and XmitFlag repeat its destination for UNDIs
 * that look at them anyway
 */
static int undi_transmit(struct nic *nic, const void *frame, size_t len)
{
	static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct undi_nic *undi = nic->priv;
	struct undi_base *b = undi->base;

	if (len < sizeof(broadcast) || len > sizeof(b->frame))
		return -EMSGSIZE;
	memcpy(b->frame, frame, len);
	memset(&b->tbd, 0, sizeof(b->tbd));
	b->tbd.ImmedLength = (uint16_t)len;
	b->tbd.Xmit = pxe_segoff(b->frame);
	memset(&b->tx, 0, sizeof(b->tx));
	b->tx.Protocol = P_UNKNOWN;
	b->tx.XmitFlag = memcmp(frame, broadcast, sizeof(broadcast)) == 0 ?
			 XMT_BROADCAST : XMT_DESTADDR;
	b->tx.DestAddr = pxe_segoff(b->frame);   /* the frame starts with it */
	b->tx.TBD = pxe_segoff(&b->tbd);
	return undi_call(undi, PXENV_UNDI_TRANSMIT, &b->tx);
}

/**
 * Take one received piece: append it to the frame being gathered and
 * pass the frame up once it is whole
 *
 * @v undi      driver state
 * @v isr       the ISR call's result (OUT_RECEIVE)
 */
static void undi_rx_piece(struct undi_nic *undi,
			  const struct s_PXENV_UNDI_ISR *isr)
{
	size_t piece = isr->BufferLength;

	if (isr->FrameLength > sizeof(undi->rx) ||
	    undi->rx_len + piece > isr->FrameLength) {
		/* too big or pieces that do not add up: drop the frame */
		undi->nic.stats.rx_err++;
		undi->rx_len = 0;
		return;
	}
	memcpy(undi->rx + undi->rx_len, pxe_virt(isr->Frame), piece);
	undi->rx_len += piece;
	if (undi->rx_len < isr->FrameLength)
		return;
	nic_receive(&undi->nic, undi->rx, undi->rx_len);
	undi->rx_len = 0;
}

/**
 * Service the UNDI without its interrupt: PXENV_UNDI_ISR IN_PROCESS,
 * then GET_NEXT until it says DONE, taking received frames on the way.
 * A sequence cut short after UNDI_POLL_CALLS calls goes on at the next
 * poll.
 */
static void undi_poll(struct nic *nic)
{
	struct undi_nic *undi = nic->priv;

	for (unsigned int calls = 0; calls < UNDI_POLL_CALLS; calls++) {
		struct s_PXENV_UNDI_ISR *isr = undi_params(undi);

		isr->FuncFlag = undi->isr_open ? PXENV_UNDI_ISR_IN_GET_NEXT :
						 PXENV_UNDI_ISR_IN_PROCESS;
		if (undi_call(undi, PXENV_UNDI_ISR, isr) < 0) {
			undi->isr_open = 0;
			return;
		}
		undi->isr_open = 1;
		switch (isr->FuncFlag) {
		case PXENV_UNDI_ISR_OUT_RECEIVE:
			undi_rx_piece(undi, isr);
			break;
		case PXENV_UNDI_ISR_OUT_TRANSMIT:
			break;
		case PXENV_UNDI_ISR_OUT_DONE:
		case PXENV_UNDI_ISR_OUT_BUSY:
		default:
			undi->isr_open = 0;
			return;
		}
	}
}

/** Open the UNDI for directed and broadcast frames; the link counts as up */
static int undi_open(struct nic *nic)
{
	struct undi_nic *undi = nic->priv;
	struct s_PXENV_UNDI_OPEN *open = undi_params(undi);
	int rc;

	open->PktFilter = FLTR_DIRECTED | FLTR_BRDCST;
	rc = undi_call(undi, PXENV_UNDI_OPEN, open);
	if (rc < 0)
		return rc;
	undi->isr_open = 0;
	undi->rx_len = 0;
	nic->link_up = 1;       /* PXE 2.1 has no link state */
	return 0;
}

/** Close the UNDI: nothing is sent or received until it is opened again */
static void undi_close(struct nic *nic)
{
	struct undi_nic *undi = nic->priv;

	undi_call(undi, PXENV_UNDI_CLOSE, undi_params(undi));
	undi->isr_open = 0;
	nic->link_up = 0;
}

/** The driver */
static const struct nic_operations undi_operations = {
	.open = undi_open,
	.close = undi_close,
	.transmit = undi_transmit,
	.poll = undi_poll,
};

/** Read the MAC address and MTU; 0 or -error (after a line saying why) */
static int undi_get_information(struct undi_nic *undi)
{
	struct s_PXENV_UNDI_GET_INFORMATION *info = undi_params(undi);
	int rc;

	rc = undi_call(undi, PXENV_UNDI_GET_INFORMATION, info);
	if (rc < 0) {
		printf("undi: PXENV_UNDI_GET_INFORMATION failed (status %#x): "
		       "%s\n", undi->status, errmsg(rc));
		return rc;
	}
	if (info->HwAddrLen != sizeof(undi->nic.mac)) {
		printf("undi: the UNDI's NIC is not Ethernet (%u-byte "
		       "addresses)\n", info->HwAddrLen);
		return -ENOTSUP;
	}
	memcpy(undi->nic.mac, info->CurrentNodeAddress, sizeof(undi->nic.mac));
	undi->nic.mtu = info->MaxTranUnit && info->MaxTranUnit < 1500 ?
			info->MaxTranUnit : 1500;
	return 0;
}

/** Describe where the NIC is: the PCI function if the UNDI tells, else "PXE ROM" */
static void undi_get_location(struct undi_nic *undi)
{
	struct s_PXENV_UNDI_GET_NIC_TYPE *type = undi_params(undi);
	unsigned int bdf;

	if (undi_call(undi, PXENV_UNDI_GET_NIC_TYPE, type) < 0 ||
	    type->NicType != PCI_NIC) {
		strcpy(undi->nic.desc.name, "PXE ROM");
		return;
	}
	bdf = type->BusDevFunc;
	device_set_pci(&undi->nic.desc, 0, bdf >> 8, (bdf >> 3) & 0x1f,
		       bdf & 7, type->Vendor_ID, type->Dev_ID);
}

/**
 * Keep a copy of the PXE ROM's DHCPACK for `dhcp` (nic->boot_dhcpack);
 * without one, `dhcp` asks a server as usual
 */
static void undi_get_dhcpack(struct undi_nic *undi)
{
	struct s_PXENV_GET_CACHED_INFO *cached = undi_params(undi);
	size_t len;
	void *copy;

	/* BufferSize 0 and Buffer 0: the stack says where its copy is */
	cached->PacketType = PXENV_PACKET_TYPE_DHCP_ACK;
	if (undi_call(undi, PXENV_GET_CACHED_INFO, cached) < 0 ||
	    !cached->Buffer || !cached->BufferSize)
		return;
	len = cached->BufferSize;
	if (len > UNDI_DHCPACK_MAX)
		len = UNDI_DHCPACK_MAX;
	copy = malloc(len);
	if (!copy)
		return;
	memcpy(copy, pxe_virt(cached->Buffer), len);
	undi->nic.boot_dhcpack = copy;
	undi->nic.boot_dhcpack_len = len;
}

/**
 * Register the NIC of the PXE ROM that loaded us, if it left its UNDI;
 * prints one line if the UNDI cannot be used
 */
static int undi_probe(void)
{
	struct undi_nic *undi;
	char where[24];
	int rc;

	if (!pxe_api_present())
		return 0;
	undi = calloc(1, sizeof(*undi));
	if (undi)
		undi->base = pxe_base_alloc(sizeof(*undi->base));
	if (!undi || !undi->base) {
		printf("undi: no memory for the PXE ROM's UNDI\n");
		free(undi);
		return 0;
	}
	if (undi_get_information(undi) < 0) {
		free(undi);
		return 0;
	}
	undi_get_location(undi);
	undi_get_dhcpack(undi);
	/* the ROM's base code may have left it open; ours opens it again */
	undi_call(undi, PXENV_UNDI_CLOSE, undi_params(undi));
	undi->nic.driver = "undi";
	undi->nic.rx_frames_max = NIC_FIRMWARE_RX_FRAMES;
	undi->nic.op = &undi_operations;
	undi->nic.priv = undi;
	rc = nic_register(&undi->nic);
	if (rc < 0)
		printf("undi: cannot register the NIC at %s: %s\n",
		       device_text(&undi->nic.desc, where, sizeof(where)),
		       errmsg(rc));
	return 0;
}

/** The NIC a PXE ROM drives, through its UNDI (after any native driver) */
static const struct nic_source undi_source = {
	.name = "undi",
	.firmware = 1,
	.probe = undi_probe,
};
NIC_SOURCE(undi_source);
