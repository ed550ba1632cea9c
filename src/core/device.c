/** @file Device descriptions: filling one for a PCI function, and reading it back for tables and messages. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/device.h>
#include <lwpxe/errors.h>

void device_set_pci(struct device_desc *desc, unsigned int segment,
		    unsigned int bus, unsigned int dev, unsigned int fn,
		    uint16_t vendor, uint16_t device)
{
	memset(desc, 0, sizeof(*desc));
	desc->bus_type = DEVICE_BUS_PCI;
	desc->segment = (uint16_t)segment;
	desc->bus = (uint8_t)bus;
	desc->dev = (uint8_t)(dev & 0x1f);
	desc->fn = (uint8_t)(fn & 7);
	desc->vendor = vendor;
	desc->device = device;
}

int device_pci_busdevfn(const struct device_desc *desc)
{
	if (!desc || desc->bus_type != DEVICE_BUS_PCI || desc->segment)
		return -ENODEV;
	return desc->bus << 8 | desc->dev << 3 | desc->fn;
}

char *device_text(const struct device_desc *desc, char *buf, size_t len)
{
	if (desc->bus_type == DEVICE_BUS_PCI && desc->segment)
		snprintf(buf, len, "PCI %04x:%02x:%02x.%x", desc->segment,
			 desc->bus, desc->dev, desc->fn);
	else if (desc->bus_type == DEVICE_BUS_PCI)
		snprintf(buf, len, "PCI %02x:%02x.%x", desc->bus, desc->dev,
			 desc->fn);
	else
		snprintf(buf, len, "%s", desc->name[0] ? desc->name : "unknown");
	return buf;
}
