/** @file PCI on BIOS: configuration mechanism #1 (ports CF8h/CFCh), MMIO and DMA by physical address, and the PCI NIC source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/heap.h>
#include <lwpxe/nic.h>
#include <lwpxe/pci.h>
#include "../pcbios.h"

#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA 0xcfc
#define PCI_CONFIG_ENABLE 0x80000000u

/** Configuration space registers used here */
#define PCI_VENDOR_DEVICE 0x00
#define PCI_COMMAND 0x04
#define PCI_HEADER_TYPE 0x0c    /**< dword holding the header type in bits 16-23 */
#define PCI_BAR0 0x10
#define PCI_BARS 6

#define PCI_COMMAND_MEMORY 0x0002
#define PCI_COMMAND_MASTER 0x0004
#define PCI_HEADER_MULTI 0x00800000u    /**< header type bit 7, in the dword */
#define PCI_BAR_IO 0x1
#define PCI_BAR_TYPE_MASK 0x6
#define PCI_BAR_TYPE_64 0x4
#define PCI_BAR_ADDR_MASK 0xfffffff0u

/** Alignment of DMA blocks (rings need 128 bytes; a page covers every driver) */
#define PCBIOS_DMA_ALIGN 4096

/** What this platform keeps per PCI function */
struct pcbios_pci {
	struct pci_device pci;          /**< the function as drivers see it */
	uint32_t bar[PCI_BARS];         /**< memory BAR addresses, 0 if not memory */
};

/** Configuration address of register @p offset of @p bus:@p dev.@p fn */
static uint32_t pcbios_pci_address(unsigned int bus, unsigned int dev,
				   unsigned int fn, unsigned int offset)
{
	return PCI_CONFIG_ENABLE | bus << 16 | dev << 11 | fn << 8 |
	       (offset & 0xfc);
}

/** Read a configuration dword by location */
static uint32_t pcbios_pci_read(unsigned int bus, unsigned int dev,
				unsigned int fn, unsigned int offset)
{
	outl(PCI_CONFIG_ADDRESS, pcbios_pci_address(bus, dev, fn, offset));
	return inl(PCI_CONFIG_DATA);
}

uint32_t pci_read_config32(struct pci_device *pci, unsigned int offset)
{
	return pcbios_pci_read(pci->desc.bus, pci->desc.dev, pci->desc.fn,
			       offset);
}

void pci_write_config32(struct pci_device *pci, unsigned int offset,
			uint32_t value)
{
	outl(PCI_CONFIG_ADDRESS,
	     pcbios_pci_address(pci->desc.bus, pci->desc.dev, pci->desc.fn,
					offset));
	outl(PCI_CONFIG_DATA, value);
}

void pci_enable(struct pci_device *pci)
{
	uint32_t cmd = pci_read_config32(pci, PCI_COMMAND);

	/* the dword's upper half is the status register: writing 0 keeps it */
	pci_write_config32(pci, PCI_COMMAND, (cmd & 0xffff) |
			   PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}

/** Address of register @p offset in memory BAR @p bar (NULL if there is none) */
static volatile uint32_t *pcbios_pci_reg(struct pci_device *pci,
					 unsigned int bar, unsigned int offset)
{
	const struct pcbios_pci *p = pci->platform;

	if (bar >= PCI_BARS || !p->bar[bar])
		return NULL;
	return phys_to_virt(p->bar[bar] + offset);
}

uint32_t pci_mmio_read32(struct pci_device *pci, unsigned int bar,
			 unsigned int offset)
{
	volatile uint32_t *reg = pcbios_pci_reg(pci, bar, offset);

	return reg ? *reg : 0xffffffff;     /* as a read nobody answers */
}

void pci_mmio_write32(struct pci_device *pci, unsigned int bar,
		      unsigned int offset, uint32_t value)
{
	volatile uint32_t *reg = pcbios_pci_reg(pci, bar, offset);

	if (reg)
		*reg = value;
}

int dma_alloc(struct pci_device *pci, struct dma_buffer *buf, size_t len)
{
	void *mem = heap_alloc(len, PCBIOS_DMA_ALIGN);

	if (!mem)
		return -ENOMEM;
	memset(mem, 0, len);
	buf->cpu = mem;
	buf->bus = (uintptr_t)mem;      /* no paging, no IOMMU: bus = physical = linear */
	buf->len = len;
	buf->platform = NULL;
	return 0;
}

void dma_free(struct pci_device *pci, struct dma_buffer *buf)
{
	heap_free(buf->cpu);
	buf->cpu = NULL;
}

/**
 * Record the memory BARs of @p p; -ERANGE (after a line) if one lies above
 * 4 GiB, where flat 32-bit code cannot reach it.
 */
static int pcbios_pci_read_bars(struct pcbios_pci *p)
{
	struct pci_device *pci = &p->pci;

	for (unsigned int i = 0; i < PCI_BARS; i++) {
		uint32_t bar = pci_read_config32(pci, PCI_BAR0 + 4 * i);
		int is64 = (bar & PCI_BAR_TYPE_MASK) == PCI_BAR_TYPE_64;
		uint32_t high = 0;

		if (bar & PCI_BAR_IO)
			continue;
		if (is64 && i + 1 < PCI_BARS)
			high = pci_read_config32(pci, PCI_BAR0 + 4 * (i + 1));
		if (high) {
			printf("pci: %02x:%02x.%x: BAR%u at %#x%08x is above "
			       "4 GiB: not reachable without paging\n",
			       pci->desc.bus, pci->desc.dev, pci->desc.fn, i, high,
			       bar & PCI_BAR_ADDR_MASK);
			return -ERANGE;
		}
		p->bar[i] = bar & PCI_BAR_ADDR_MASK;
		if (is64)
			i++;    /* the next BAR held the upper half */
	}
	return 0;
}

/** Probe the driver matching the function at @p bus:@p dev.@p fn, if any */
static void pcbios_pci_probe_one(unsigned int bus, unsigned int dev,
				 unsigned int fn, uint32_t id)
{
	const struct pci_driver *driver;
	const struct pci_id *pid;
	struct pcbios_pci *p;

	driver = pci_find_driver(id & 0xffff, id >> 16, &pid);
	if (!driver)
		return;
	p = calloc(1, sizeof(*p));
	if (!p) {
		printf("pci: %02x:%02x.%x: out of memory\n", bus, dev, fn);
		return;
	}
	device_set_pci(&p->pci.desc, 0, bus, dev, fn, id & 0xffff, id >> 16);
	p->pci.platform = p;
	/* a driver that fails prints its own line; the device stays unused */
	if (pcbios_pci_read_bars(p) != 0 ||
	    pci_probe_device(driver, pid, &p->pci) != 0)
		free(p);
}

/** Find PCI functions (every bus, configuration mechanism #1) and probe the drivers that match them */
static int pcbios_pci_probe(void)
{
	for (unsigned int bus = 0; bus < 256; bus++) {
		for (unsigned int dev = 0; dev < 32; dev++) {
			for (unsigned int fn = 0; fn < 8; fn++) {
				uint32_t id = pcbios_pci_read(bus, dev, fn,
							      PCI_VENDOR_DEVICE);

				if ((id & 0xffff) == 0xffff) {
					if (fn == 0)
						break;  /* no device here */
					continue;
				}
				pcbios_pci_probe_one(bus, dev, fn, id);
				if (fn == 0 && !(pcbios_pci_read(bus, dev, 0,
						PCI_HEADER_TYPE) & PCI_HEADER_MULTI))
					break;  /* single-function device */
			}
		}
	}
	return 0;
}

/** PCI functions, for the native drivers linked in */
static const struct nic_source pcbios_pci_source = {
	.name = "pci",
	.probe = pcbios_pci_probe,
};
NIC_SOURCE(pcbios_pci_source);
