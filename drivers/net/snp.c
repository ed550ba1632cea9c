/** @file SNP driver: NICs through the UEFI firmware's EFI_SIMPLE_NETWORK_PROTOCOL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/uefi.h>

/** Transmit buffers the firmware may hold at once */
#define SNP_TX_BUFS 32

/** Size of each transmit buffer and of the receive buffer */
#define SNP_BUF_LEN 2048

/** Frames handled per poll before yielding to the rest of the loop */
#define SNP_RX_BUDGET 32

/** Completed transmissions collected per poll at most */
#define SNP_RECLAIM_MAX (SNP_TX_BUFS + 1)

/** PCI configuration offset of the vendor and device ids */
#define SNP_PCI_ID_OFFSET 0x00

/** PCI configuration offset of the class code, and the network class */
#define SNP_PCI_CLASS_OFFSET 0x09
#define SNP_PCI_CLASS_NETWORK 0x02

static EFI_GUID snp_guid = EFI_SIMPLE_NETWORK_PROTOCOL_GUID;
static EFI_GUID snp_devpath_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;
static EFI_GUID snp_pciio_guid = EFI_PCI_IO_PROTOCOL_GUID;

/** Driver state for one SNP handle */
struct snp_priv {
	EFI_HANDLE handle;                  /**< handle carrying the protocol */
	EFI_SIMPLE_NETWORK_PROTOCOL *snp;   /**< the protocol */
	int exclusive;                      /**< nonzero while opened EXCLUSIVE */
	int started;                        /**< nonzero if we called Start() */
	int initialized;                    /**< nonzero if we called Initialize() */
	uint32_t tx_busy;                   /**< bit i: tx[i] is with the firmware */
	uint8_t tx[SNP_TX_BUFS][SNP_BUF_LEN]; /**< transmit buffers */
	uint8_t rx[SNP_BUF_LEN];            /**< receive buffer */
};

/** Take back the transmit buffers the firmware has finished with; refresh link */
static void snp_reclaim(struct nic *nic)
{
	struct snp_priv *priv = nic->priv;
	EFI_SIMPLE_NETWORK_PROTOCOL *snp = priv->snp;

	for (int n = 0; n < SNP_RECLAIM_MAX; n++) {
		VOID *done = NULL;
		UINT32 irq;

		if (snp->GetStatus(snp, &irq, &done) != EFI_SUCCESS || !done)
			break;
		for (int i = 0; i < SNP_TX_BUFS; i++)
			if (done == priv->tx[i])
				priv->tx_busy &= ~(1u << i);
	}
	nic->link_up = !snp->Mode->MediaPresentSupported ||
		       snp->Mode->MediaPresent;
}

/** Take the protocol for ourselves (other drivers such as MNP are stopped) */
static int snp_take(struct nic *nic)
{
	struct snp_priv *priv = nic->priv;
	EFI_STATUS st;

	st = efi_bs->OpenProtocol(priv->handle, &snp_guid, (void **)&priv->snp,
				  efi_image, NULL, EFI_OPEN_PROTOCOL_EXCLUSIVE);
	if (st != EFI_SUCCESS) {
		printf("%s: cannot take SNP from the firmware: %s\n",
		       nic->name, errmsg(efi_rc(st)));
		return efi_rc(st);
	}
	priv->exclusive = 1;
	return 0;
}

/** Give the protocol back and let the firmware's drivers bind again */
static void snp_give_back(struct snp_priv *priv)
{
	if (!priv->exclusive)
		return;
	efi_bs->CloseProtocol(priv->handle, &snp_guid, efi_image, NULL);
	efi_bs->ConnectController(priv->handle, NULL, NULL, TRUE);
	priv->exclusive = 0;
}

/** Stop what snp_open() started */
static void snp_close(struct nic *nic)
{
	struct snp_priv *priv = nic->priv;
	EFI_SIMPLE_NETWORK_PROTOCOL *snp = priv->snp;

	if (priv->initialized)
		snp->Shutdown(snp);
	if (priv->started)
		snp->Stop(snp);
	priv->initialized = priv->started = 0;
	priv->tx_busy = 0;
	snp_give_back(priv);
	nic->link_up = 0;
}

/** Bring the interface to the initialised state and receive unicast + broadcast */
static int snp_open(struct nic *nic)
{
	struct snp_priv *priv = nic->priv;
	EFI_SIMPLE_NETWORK_PROTOCOL *snp;
	UINT32 filters;
	EFI_STATUS st;
	char where[24];
	int rc;

	rc = snp_take(nic);
	if (rc != 0)
		return rc;
	snp = priv->snp;
	if (snp->Mode->State == EfiSimpleNetworkStopped) {
		st = snp->Start(snp);
		if (st != EFI_SUCCESS)
			goto fail;
		priv->started = 1;
	}
	if (snp->Mode->State == EfiSimpleNetworkStarted) {
		st = snp->Initialize(snp, 0, 0);
		if (st != EFI_SUCCESS)
			goto fail;
		priv->initialized = 1;
	}
	filters = (EFI_SIMPLE_NETWORK_RECEIVE_UNICAST |
		   EFI_SIMPLE_NETWORK_RECEIVE_BROADCAST) &
		  snp->Mode->ReceiveFilterMask;
	st = snp->ReceiveFilters(snp, filters, 0, FALSE, 0, NULL);
	if (st != EFI_SUCCESS)
		goto fail;
	priv->tx_busy = 0;
	snp_reclaim(nic);
	return 0;

fail:
	printf("%s: cannot start SNP on %s: %s\n", nic->name,
	       device_text(&nic->desc, where, sizeof(where)),
	       errmsg(efi_rc(st)));
	snp_close(nic);
	return efi_rc(st);
}

/** Index of a transmit buffer the firmware does not hold, or -1 */
static int snp_free_tx(struct snp_priv *priv)
{
	for (int i = 0; i < SNP_TX_BUFS; i++)
		if (!(priv->tx_busy & (1u << i)))
			return i;
	return -1;
}

/** Copy one frame into a transmit buffer and queue it */
static int snp_transmit(struct nic *nic, const void *frame, size_t len)
{
	struct snp_priv *priv = nic->priv;
	EFI_SIMPLE_NETWORK_PROTOCOL *snp = priv->snp;
	EFI_STATUS st;
	int i;

	if (len > SNP_BUF_LEN)
		return -EMSGSIZE;
	snp_reclaim(nic);
	i = snp_free_tx(priv);
	if (i < 0)
		return -ENOBUFS;
	memcpy(priv->tx[i], frame, len);
	st = snp->Transmit(snp, 0, len, priv->tx[i], NULL, NULL, NULL);
	if (st == EFI_NOT_READY) {
		snp_reclaim(nic);
		st = snp->Transmit(snp, 0, len, priv->tx[i], NULL, NULL, NULL);
	}
	if (st != EFI_SUCCESS)
		return efi_rc(st);
	priv->tx_busy |= 1u << i;
	return 0;
}

/** Pass up waiting frames and take back finished transmit buffers */
static void snp_poll(struct nic *nic)
{
	struct snp_priv *priv = nic->priv;
	EFI_SIMPLE_NETWORK_PROTOCOL *snp = priv->snp;

	for (int n = 0; n < SNP_RX_BUDGET; n++) {
		UINTN len = sizeof(priv->rx);
		EFI_STATUS st;

		st = snp->Receive(snp, NULL, &len, priv->rx, NULL, NULL, NULL);
		if (st == EFI_NOT_READY)
			break;
		if (st != EFI_SUCCESS) {
			nic->stats.rx_err++;
			break;
		}
		nic_receive(nic, priv->rx, len);
	}
	snp_reclaim(nic);
}

static const struct nic_operations snp_operations = {
	.open = snp_open,
	.close = snp_close,
	.transmit = snp_transmit,
	.poll = snp_poll,
};

/** Last node of the device path on @p handle, or NULL if it has none */
static EFI_DEVICE_PATH *snp_last_node(EFI_HANDLE handle)
{
	EFI_DEVICE_PATH *path, *last = NULL;

	if (efi_bs->HandleProtocol(handle, &snp_devpath_guid,
				   (void **)&path) != EFI_SUCCESS)
		return NULL;
	for (; !IsDevicePathEnd(path); path = NextDevicePathNode(path))
		last = path;
	return last;
}

/** Nonzero if @p handle is a NIC itself (its path ends in a MAC node), not a VLAN or other child */
static int snp_is_physical(EFI_HANDLE handle)
{
	EFI_DEVICE_PATH *last = snp_last_node(handle);

	return last && DevicePathType(last) == MESSAGING_DEVICE_PATH &&
	       DevicePathSubType(last) == MSG_MAC_ADDR_DP;
}

/** Describe where @p handle is into @p desc: its PCI function when one carries it, else "SNP" */
static void snp_location(EFI_HANDLE handle, struct device_desc *desc)
{
	EFI_DEVICE_PATH *path;
	EFI_HANDLE pci;
	EFI_PCI_IO *io;
	UINTN seg, bus, dev, fn;
	UINT32 ids;

	strcpy(desc->name, "SNP");
	if (efi_bs->HandleProtocol(handle, &snp_devpath_guid,
				   (void **)&path) != EFI_SUCCESS ||
	    efi_bs->LocateDevicePath(&snp_pciio_guid, &path, &pci) !=
	    EFI_SUCCESS ||
	    efi_bs->HandleProtocol(pci, &snp_pciio_guid, (void **)&io) !=
	    EFI_SUCCESS ||
	    io->GetLocation(io, &seg, &bus, &dev, &fn) != EFI_SUCCESS ||
	    io->Pci.Read(io, EfiPciIoWidthUint32, SNP_PCI_ID_OFFSET, 1,
			 &ids) != EFI_SUCCESS)
		return;
	device_set_pci(desc, (unsigned int)seg, (unsigned int)bus,
		       (unsigned int)dev, (unsigned int)fn, (uint16_t)ids,
		       (uint16_t)(ids >> 16));
}

/** Register the NIC behind SNP handle @p handle; 0 or -error */
static int snp_probe_one(EFI_HANDLE handle)
{
	EFI_SIMPLE_NETWORK_PROTOCOL *snp;
	struct snp_priv *priv;
	struct nic *nic;
	char where[24];
	int rc;

	if (efi_bs->HandleProtocol(handle, &snp_guid, (void **)&snp) !=
	    EFI_SUCCESS)
		return -ENODEV;
	nic = calloc(1, sizeof(*nic));
	priv = calloc(1, sizeof(*priv));
	if (!nic || !priv) {
		free(nic);
		free(priv);
		return -ENOMEM;
	}
	priv->handle = handle;
	priv->snp = snp;
	nic->driver = "snp";
	snp_location(handle, &nic->desc);
	nic->op = &snp_operations;
	nic->priv = priv;
	nic->mtu = snp->Mode->MaxPacketSize ? snp->Mode->MaxPacketSize : 1500;
	nic->rx_frames_max = NIC_FIRMWARE_RX_FRAMES;
	memcpy(nic->mac, &snp->Mode->CurrentAddress, sizeof(nic->mac));
	nic->link_up = !snp->Mode->MediaPresentSupported ||
		       snp->Mode->MediaPresent;
	rc = nic_register(nic);
	if (rc != 0) {
		printf("snp: cannot register the NIC at %s: %s\n",
		       device_text(&nic->desc, where, sizeof(where)),
		       errmsg(rc));
		free(nic);
		free(priv);
	}
	return rc;
}

/**
 * Ask the firmware to connect its drivers to every PCI network controller:
 * when QEMU or a fast-boot setting names the boot disk only, OVMF and other
 * firmware leave NICs unconnected and no SNP exists yet.
 */
static void snp_connect_nics(void)
{
	EFI_HANDLE *handles;
	UINTN count;

	if (efi_bs->LocateHandleBuffer(ByProtocol, &snp_pciio_guid, NULL,
				       &count, &handles) != EFI_SUCCESS)
		return;
	for (UINTN i = 0; i < count; i++) {
		EFI_PCI_IO *io;
		UINT8 class[3];   /* programming interface, subclass, class */

		if (efi_bs->HandleProtocol(handles[i], &snp_pciio_guid,
					   (void **)&io) != EFI_SUCCESS ||
		    io->Pci.Read(io, EfiPciIoWidthUint8, SNP_PCI_CLASS_OFFSET,
				 sizeof(class), class) != EFI_SUCCESS)
			continue;
		if (class[2] == SNP_PCI_CLASS_NETWORK)
			efi_bs->ConnectController(handles[i], NULL, NULL, TRUE);
	}
	efi_bs->FreePool(handles);
}

/** Register every physical NIC the firmware offers through SNP */
static int snp_probe(void)
{
	EFI_HANDLE *handles;
	UINTN count;

	snp_connect_nics();
	if (efi_bs->LocateHandleBuffer(ByProtocol, &snp_guid, NULL, &count,
				       &handles) != EFI_SUCCESS)
		return 0;
	for (UINTN i = 0; i < count; i++)
		if (snp_is_physical(handles[i]))
			snp_probe_one(handles[i]);
	efi_bs->FreePool(handles);
	return 0;
}

/** NICs the firmware drives, through SNP (after any native driver took its own) */
static const struct nic_source snp_source = {
	.name = "snp",
	.firmware = 1,
	.probe = snp_probe,
};
NIC_SOURCE(snp_source);
