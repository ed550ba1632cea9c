/** @file Where a device is: the typed description every NIC carries, read by the iBFT, INT 13h EDD and UEFI device paths. */
#ifndef LWPXE_DEVICE_H
#define LWPXE_DEVICE_H

#include <stddef.h>
#include <stdint.h>

/** The bus a device sits on */
enum device_bus {
	DEVICE_BUS_NONE = 0,  /**< not known (a boot ROM's API that does not say) */
	DEVICE_BUS_PCI,       /**< a PCI function: segment, bus, dev, fn, vendor, device */
	DEVICE_BUS_HOST,      /**< an interface of the host OS (Linux TAP): @c name */
};

/** A device, as drivers describe it and the core reads it */
struct device_desc {
	enum device_bus bus_type;  /**< DEVICE_BUS_* */
	uint16_t segment;          /**< PCI segment (domain) */
	uint8_t bus;               /**< PCI bus number */
	uint8_t dev;               /**< PCI device number (0-31) */
	uint8_t fn;                /**< PCI function number (0-7) */
	uint16_t vendor;           /**< vendor id, 0 if not known */
	uint16_t device;           /**< device id, 0 if not known */
	const void *driver_data;   /**< the driver's data for this id (chip traits), NULL if none */
	char name[16];             /**< what to call it when there is no bus address ("tap0", "PXE ROM") */
};

/** Fill @p desc for PCI function @p segment:@p bus:@p dev.@p fn with ids @p vendor:@p device */
void device_set_pci(struct device_desc *desc, unsigned int segment,
		    unsigned int bus, unsigned int dev, unsigned int fn,
		    uint16_t vendor, uint16_t device);

/** PCI bus << 8 | dev << 3 | fn of @p desc (segment 0 only); -ENODEV if it is not a PCI function there */
int device_pci_busdevfn(const struct device_desc *desc);

/**
 * Write where @p desc is into @p buf of @p len bytes, for messages:
 * "PCI 00:03.0" (with the segment first when it is not 0), the name of
 * a host interface, or "unknown"; returns @p buf
 */
char *device_text(const struct device_desc *desc, char *buf, size_t len);

#endif
