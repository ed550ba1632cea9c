/** @file PCI driver matching, shared by every platform that enumerates PCI. */
#include <lwpxe/pci.h>

const struct pci_driver *pci_find_driver(uint16_t vendor, uint16_t device,
					 const struct pci_id **id)
{
	const struct pci_driver *drv;

	TABLE_FOREACH(pci_drivers, const struct pci_driver *, drv) {
		for (unsigned int i = 0; i < drv->nids; i++) {
			if (drv->ids[i].vendor == vendor &&
			    drv->ids[i].device == device) {
				*id = &drv->ids[i];
				return drv;
			}
		}
	}
	return NULL;
}

int pci_probe_device(const struct pci_driver *driver, const struct pci_id *id,
		     struct pci_device *pci)
{
	pci->desc.driver_data = id->driver_data;
	return driver->probe(pci, id);
}
