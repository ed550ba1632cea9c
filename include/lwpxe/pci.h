/** @file PCI devices: how NIC drivers reach hardware on every firmware platform. */
#ifndef LWPXE_PCI_H
#define LWPXE_PCI_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>
#include <lwpxe/device.h>

/**
 * A PCI function found by the platform.  @c desc says where it is and,
 * before the driver's probe, holds the matching id's data
 * (pci_id.driver_data); a driver copies it into its NIC (nic->desc).
 */
struct pci_device {
	struct device_desc desc;  /**< segment:bus:dev.fn, vendor/device, the id's data */
	void *platform;           /**< platform handle (EFI_PCI_IO_PROTOCOL, ...) */
	void *priv;               /**< driver private data */
};

/** Platform: read a config-space dword at @p offset */
uint32_t pci_read_config32(struct pci_device *pci, unsigned int offset);

/** Platform: write a config-space dword at @p offset */
void pci_write_config32(struct pci_device *pci, unsigned int offset, uint32_t value);

/** Platform: enable memory decoding and bus mastering */
void pci_enable(struct pci_device *pci);

/** Platform: read a 32-bit register at @p offset in memory BAR @p bar */
uint32_t pci_mmio_read32(struct pci_device *pci, unsigned int bar, unsigned int offset);

/** Platform: write a 32-bit register at @p offset in memory BAR @p bar */
void pci_mmio_write32(struct pci_device *pci, unsigned int bar, unsigned int offset,
		      uint32_t value);

/** Memory a device can reach by DMA */
struct dma_buffer {
	void *cpu;                /**< address for the CPU */
	uint64_t bus;             /**< address for the device */
	size_t len;               /**< length in bytes */
	void *platform;           /**< platform mapping handle */
};

/** Platform: allocate @p len bytes of zeroed DMA memory for @p pci; 0 or -error */
int dma_alloc(struct pci_device *pci, struct dma_buffer *buf, size_t len);

/** Platform: free DMA memory from dma_alloc() */
void dma_free(struct pci_device *pci, struct dma_buffer *buf);

/** Platform: wait @p us microseconds */
void udelay(unsigned long us);

/** Vendor/device pair a driver handles */
struct pci_id {
	uint16_t vendor;          /**< vendor id */
	uint16_t device;          /**< device id */
	const char *name;         /**< chip name for messages */
	const void *driver_data;  /**< the driver's data for this chip (traits), may be NULL */
};

/** A PCI driver */
struct pci_driver {
	const char *name;                          /**< driver name ("e1000g") */
	const struct pci_id *ids;                  /**< devices handled */
	unsigned int nids;                         /**< entries in @c ids */
	/** Take the device and register its NIC; 0 or -error */
	int (*probe)(struct pci_device *pci, const struct pci_id *id);
	/** Quiesce the device (no DMA, no receive) before the OS or the firmware gets it; @p release: free its memory too (not at ExitBootServices) */
	void (*remove)(struct pci_device *pci, int release);
};

/** Register a PCI driver */
#define PCI_DRIVER(object) TABLE_ENTRY(pci_drivers, object)
TABLE_DECLARE(pci_drivers);

/** The driver and id entry matching @p vendor:@p device; NULL if none */
const struct pci_driver *pci_find_driver(uint16_t vendor, uint16_t device,
					 const struct pci_id **id);

/**
 * Hand PCI function @p pci (desc and platform filled) to @p driver, which
 * matched it with @p id: the id's data goes into pci->desc first
 *
 * @ret rc      0, or the driver's -error (it printed a line)
 */
int pci_probe_device(const struct pci_driver *driver, const struct pci_id *id,
		     struct pci_device *pci);

#endif
