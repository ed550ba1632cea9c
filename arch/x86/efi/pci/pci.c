/** @file PCI on UEFI: the pci.h platform over EFI_PCI_IO_PROTOCOL, and the NIC source that hands PCI functions to our native drivers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/pci.h>
#include "../efi_arch.h"

/*
 * A function one of our PCI drivers handles is taken from the firmware:
 * whatever driver is bound (an option ROM's SNP, say) is disconnected and
 * PciIo is opened BY_DRIVER | EXCLUSIVE, so nothing binds again while we
 * run.  On exit the drivers quiesce their devices, the original PCI
 * attributes come back, PciIo is closed and the firmware reconnects its
 * drivers.  If the OS loader calls ExitBootServices instead, an event
 * quiesces the devices with register writes and Stall() only.
 */

static EFI_GUID efi_pci_io_guid = EFI_PCI_IO_PROTOCOL_GUID;

/** Config-space offset of the vendor and device ids */
#define EFI_PCI_ID_OFFSET 0x00

/** A PCI function taken by one of our drivers */
struct efi_pci {
	struct pci_device pci;              /**< as the driver sees it; platform = the PciIo */
	EFI_HANDLE handle;                  /**< the function's handle */
	const struct pci_driver *driver;    /**< the driver that took it */
	UINT64 attributes;                  /**< PCI attributes before pci_enable() */
	int attributes_saved;               /**< nonzero once @c attributes holds them */
	int had_driver;                     /**< a firmware driver was bound when we took it */
	struct efi_pci *next;               /**< next taken function */
};

/** Functions our drivers have taken, newest first */
static struct efi_pci *efi_pci_taken;

/** The ExitBootServices event (NULL when none is armed) */
static EFI_EVENT efi_pci_exit_event;

/** The PciIo behind @p pci */
static EFI_PCI_IO *efi_pci_io(struct pci_device *pci)
{
	return pci->platform;
}

/** "PCI bb:dd.f" of @p pci into @p buf, for messages */
static const char *efi_pci_where(struct pci_device *pci, char *buf, size_t len)
{
	return device_text(&pci->desc, buf, len);
}

uint32_t pci_read_config32(struct pci_device *pci, unsigned int offset)
{
	EFI_PCI_IO *io = efi_pci_io(pci);
	UINT32 value = 0xffffffff;

	io->Pci.Read(io, EfiPciIoWidthUint32, offset, 1, &value);
	return value;
}

void pci_write_config32(struct pci_device *pci, unsigned int offset,
			uint32_t value)
{
	EFI_PCI_IO *io = efi_pci_io(pci);
	UINT32 v = value;

	io->Pci.Write(io, EfiPciIoWidthUint32, offset, 1, &v);
}

void pci_enable(struct pci_device *pci)
{
	struct efi_pci *p = container_of(pci, struct efi_pci, pci);
	EFI_PCI_IO *io = efi_pci_io(pci);
	UINT64 want = EFI_PCI_IO_ATTRIBUTE_MEMORY |
		      EFI_PCI_IO_ATTRIBUTE_BUS_MASTER;
	UINT64 supported = 0;
	EFI_STATUS st;
	char where[24];

	if (!p->attributes_saved &&
	    io->Attributes(io, EfiPciIoAttributeOperationGet, 0,
			   &p->attributes) == EFI_SUCCESS)
		p->attributes_saved = 1;
	if (io->Attributes(io, EfiPciIoAttributeOperationSupported, 0,
			   &supported) == EFI_SUCCESS)
		want |= supported & EFI_PCI_IO_ATTRIBUTE_DUAL_ADDRESS_CYCLE;
	st = io->Attributes(io, EfiPciIoAttributeOperationEnable, want, NULL);
	if (st != EFI_SUCCESS)
		printf("pci: %s: cannot enable memory and bus mastering: "
		       "%s\n", efi_pci_where(pci, where, sizeof(where)),
		       errmsg(efi_rc(st)));
}

uint32_t pci_mmio_read32(struct pci_device *pci, unsigned int bar,
			 unsigned int offset)
{
	EFI_PCI_IO *io = efi_pci_io(pci);
	UINT32 value = 0xffffffff;

	io->Mem.Read(io, EfiPciIoWidthUint32, (UINT8)bar, offset, 1, &value);
	return value;
}

void pci_mmio_write32(struct pci_device *pci, unsigned int bar,
		      unsigned int offset, uint32_t value)
{
	EFI_PCI_IO *io = efi_pci_io(pci);
	UINT32 v = value;

	io->Mem.Write(io, EfiPciIoWidthUint32, (UINT8)bar, offset, 1, &v);
}

int dma_alloc(struct pci_device *pci, struct dma_buffer *buf, size_t len)
{
	EFI_PCI_IO *io = efi_pci_io(pci);
	UINTN pages = EFI_SIZE_TO_PAGES(len);
	UINTN mapped = pages * EFI_PAGE_SIZE;
	EFI_PHYSICAL_ADDRESS bus = 0;
	VOID *cpu = NULL, *mapping = NULL;
	EFI_STATUS st;

	st = io->AllocateBuffer(io, AllocateAnyPages, EfiBootServicesData,
				pages, &cpu, 0);
	if (st != EFI_SUCCESS)
		return efi_rc(st);
	st = io->Map(io, EfiPciIoOperationBusMasterCommonBuffer, cpu, &mapped,
		     &bus, &mapping);
	if (st == EFI_SUCCESS && mapped < len) {
		io->Unmap(io, mapping);
		st = EFI_OUT_OF_RESOURCES;
	}
	if (st != EFI_SUCCESS) {
		io->FreeBuffer(io, pages, cpu);
		return efi_rc(st);
	}
	memset(cpu, 0, len);
	buf->cpu = cpu;
	buf->bus = bus;
	buf->len = len;
	buf->platform = mapping;
	return 0;
}

void dma_free(struct pci_device *pci, struct dma_buffer *buf)
{
	EFI_PCI_IO *io = efi_pci_io(pci);

	io->Unmap(io, buf->platform);
	io->FreeBuffer(io, EFI_SIZE_TO_PAGES(buf->len), buf->cpu);
	buf->platform = NULL;
}

void udelay(unsigned long us)
{
	efi_bs->Stall(us);
}

/** Nonzero if a driver has PciIo on @p handle open BY_DRIVER */
static int efi_pci_driver_bound(EFI_HANDLE handle)
{
	EFI_OPEN_PROTOCOL_INFORMATION_ENTRY *info;
	UINTN count = 0;
	int bound = 0;

	if (efi_bs->OpenProtocolInformation(handle, &efi_pci_io_guid, &info,
					    &count) != EFI_SUCCESS)
		return 0;
	for (UINTN i = 0; i < count; i++)
		if (info[i].Attributes & EFI_OPEN_PROTOCOL_BY_DRIVER)
			bound = 1;
	efi_bs->FreePool(info);
	return bound;
}

/** Restore the attributes, release PciIo and let the firmware's drivers bind again */
static void efi_pci_give_back(struct efi_pci *p)
{
	EFI_PCI_IO *io = efi_pci_io(&p->pci);
	EFI_STATUS st;
	char where[24];

	if (p->attributes_saved)
		io->Attributes(io, EfiPciIoAttributeOperationSet,
			       p->attributes, NULL);
	p->attributes_saved = 0;
	efi_bs->CloseProtocol(p->handle, &efi_pci_io_guid, efi_image,
			      p->handle);
	st = efi_bs->ConnectController(p->handle, NULL, NULL, TRUE);
	if (st != EFI_SUCCESS && p->had_driver)
		printf("pci: %s: the firmware's driver did not bind again: "
		       "%s\n", efi_pci_where(&p->pci, where, sizeof(where)),
		       errmsg(efi_rc(st)));
}

/**
 * Take @p p's function from the firmware: disconnect the driver bound to
 * it, open PciIo for ourselves alone
 *
 * @ret rc      0 or -error (a line is printed)
 */
static int efi_pci_take(struct efi_pci *p)
{
	EFI_PCI_IO *io;
	EFI_STATUS st;
	char where[24];

	p->had_driver = efi_pci_driver_bound(p->handle);
	/* OVMF may say EFI_NOT_FOUND though it stopped iPXE's driver: the open decides */
	if (p->had_driver)
		efi_bs->DisconnectController(p->handle, NULL, NULL);
	st = efi_bs->OpenProtocol(p->handle, &efi_pci_io_guid, (void **)&io,
				  efi_image, p->handle,
				  EFI_OPEN_PROTOCOL_BY_DRIVER |
				  EFI_OPEN_PROTOCOL_EXCLUSIVE);
	if (st != EFI_SUCCESS) {
		printf("pci: %s: cannot take the device from the firmware: "
		       "%s\n", efi_pci_where(&p->pci, where, sizeof(where)),
		       errmsg(efi_rc(st)));
		if (p->had_driver)
			efi_bs->ConnectController(p->handle, NULL, NULL, TRUE);
		return efi_rc(st);
	}
	p->pci.platform = io;
	return 0;
}

/**
 * Fill @p p from the PciIo on @p handle if one of our drivers handles it
 *
 * @ret id      the matching id entry (p->driver is its driver), or NULL
 */
static const struct pci_id *efi_pci_match(struct efi_pci *p,
					  EFI_HANDLE handle)
{
	const struct pci_id *id = NULL;
	EFI_PCI_IO *io;
	UINTN seg, bus, dev, fn;
	UINT32 ids;

	if (efi_bs->HandleProtocol(handle, &efi_pci_io_guid,
				   (void **)&io) != EFI_SUCCESS ||
	    io->Pci.Read(io, EfiPciIoWidthUint32, EFI_PCI_ID_OFFSET, 1,
			 &ids) != EFI_SUCCESS ||
	    io->GetLocation(io, &seg, &bus, &dev, &fn) != EFI_SUCCESS)
		return NULL;
	p->handle = handle;
	device_set_pci(&p->pci.desc, (unsigned int)seg, (unsigned int)bus,
		       (unsigned int)dev, (unsigned int)fn, (uint16_t)ids,
		       (uint16_t)(ids >> 16));
	p->driver = pci_find_driver(p->pci.desc.vendor, p->pci.desc.device,
				    &id);
	return p->driver ? id : NULL;
}

/** Give the function on @p handle to the driver that handles it, if any */
static void efi_pci_probe_one(EFI_HANDLE handle)
{
	struct efi_pci *p = calloc(1, sizeof(*p));
	const struct pci_id *id;

	if (!p)
		return;
	id = efi_pci_match(p, handle);
	if (!id || efi_pci_take(p) != 0) {
		free(p);
		return;
	}
	if (pci_probe_device(p->driver, id, &p->pci) != 0) {
		efi_pci_give_back(p);
		free(p);
		return;
	}
	p->next = efi_pci_taken;
	efi_pci_taken = p;
}

/** Quiesce every taken function (no DMA, no receive); @p release: free their memory too */
static void efi_pci_quiesce(int release)
{
	for (struct efi_pci *p = efi_pci_taken; p; p = p->next)
		if (p->driver->remove)
			p->driver->remove(&p->pci, release);
}

/** ExitBootServices: stop the devices before the OS owns memory (MMIO and Stall() only) */
static VOID EFIAPI efi_pci_exit_notify(EFI_EVENT event, VOID *context)
{
	(void)event;
	(void)context;
	efi_pci_quiesce(0);
}

/** Take every PCI function one of our drivers handles */
static int efi_pci_probe(void)
{
	EFI_HANDLE *handles;
	UINTN count;
	EFI_STATUS st;

	if (efi_bs->LocateHandleBuffer(ByProtocol, &efi_pci_io_guid, NULL,
				       &count, &handles) != EFI_SUCCESS)
		return 0;
	for (UINTN i = 0; i < count; i++)
		efi_pci_probe_one(handles[i]);
	efi_bs->FreePool(handles);
	if (!efi_pci_taken || efi_pci_exit_event)
		return 0;
	st = efi_bs->CreateEvent(EVT_SIGNAL_EXIT_BOOT_SERVICES, TPL_CALLBACK,
				 efi_pci_exit_notify, NULL,
				 &efi_pci_exit_event);
	if (st != EFI_SUCCESS) {
		printf("pci: cannot watch for ExitBootServices: %s\n",
		       errmsg(efi_rc(st)));
		efi_pci_exit_event = NULL;
	}
	return 0;
}

/** On exit (NICs closed): quiesce, give every function back to the firmware */
static void efi_pci_remove(void)
{
	struct efi_pci *p;

	if (efi_pci_exit_event)
		efi_bs->CloseEvent(efi_pci_exit_event);
	efi_pci_exit_event = NULL;
	efi_pci_quiesce(1);
	/* the structures stay: registered NICs still point at them */
	for (p = efi_pci_taken; p; p = p->next)
		efi_pci_give_back(p);
	efi_pci_taken = NULL;
}

/** PCI functions, for the native drivers linked in */
static const struct nic_source efi_pci_source = {
	.name = "pci",
	.probe = efi_pci_probe,
	.remove = efi_pci_remove,
};
NIC_SOURCE(efi_pci_source);
