/** @file The PCI platform interface (include/lwpxe/pci.h) over device models: registers go to the model, DMA memory is heap memory at made-up bus addresses the model must translate. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
#include <lwpxe/pci.h>
#include "model.h"
#include "model_pci.h"

/** Bytes of bus address space between two allocations (a gap no access may cross) */
#define MODEL_BUS_STRIDE 0x1000000ull

/** A live DMA allocation */
struct model_alloc {
	void *block;                /**< what malloc() returned */
	uint8_t *cpu;               /**< page-aligned start inside it */
	uint64_t bus;               /**< its bus address */
	size_t len;                 /**< bytes usable */
};

/** Live DMA allocations of every model */
static struct model_alloc model_allocs[16];

/** Bus address of the next allocation */
static uint64_t model_next_bus = MODEL_BUS_LOW;

/** Microseconds the drivers asked to wait (the models answer at once) */
unsigned long long model_udelay_us;

void model_set_bus_base(uint64_t base)
{
	model_next_bus = base;
}

unsigned int model_dma_live(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(model_allocs); i++)
		n += model_allocs[i].cpu != NULL;
	return n;
}

void *model_dma(struct model_dev *dev, uint64_t bus, size_t len)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(model_allocs); i++) {
		struct model_alloc *a = &model_allocs[i];

		if (a->cpu && bus >= a->bus && len <= a->len &&
		    bus - a->bus <= a->len - len)
			return a->cpu + (bus - a->bus);
	}
	dev->dma_faults++;
	model_error(dev, "DMA to %#llx+%zu outside any allocation",
		    (unsigned long long)bus, len);
	return NULL;
}

void model_error(struct model_dev *dev, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(dev->last_error, sizeof(dev->last_error), fmt, args);
	va_end(args);
	dev->protocol_errors++;
}

/** Platform: config space of a model (ids only) */
uint32_t pci_read_config32(struct pci_device *pci, unsigned int offset)
{
	const struct device_desc *d = &pci->desc;

	return offset == 0 ? d->vendor | (uint32_t)d->device << 16 : 0;
}

/** Platform: config writes are ignored */
void pci_write_config32(struct pci_device *pci, unsigned int offset,
			uint32_t value)
{
}

/** Platform: note that the driver enabled the model */
void pci_enable(struct pci_device *pci)
{
	((struct model_dev *)pci->platform)->enabled = 1;
}

/** Platform: register read, answered by the model */
uint32_t pci_mmio_read32(struct pci_device *pci, unsigned int bar,
			 unsigned int offset)
{
	struct model_dev *dev = pci->platform;

	if (bar != 0) {
		model_error(dev, "read of BAR %u", bar);
		return 0xffffffff;
	}
	return dev->op->read32(dev, offset);
}

/** Platform: register write, handled by the model */
void pci_mmio_write32(struct pci_device *pci, unsigned int bar,
		      unsigned int offset, uint32_t value)
{
	struct model_dev *dev = pci->platform;

	if (bar != 0) {
		model_error(dev, "write of BAR %u", bar);
		return;
	}
	dev->op->write32(dev, offset, value);
}

/** Platform: zeroed, page-aligned heap memory at a made-up bus address */
int dma_alloc(struct pci_device *pci, struct dma_buffer *buf, size_t len)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(model_allocs); i++) {
		struct model_alloc *a = &model_allocs[i];

		if (a->cpu)
			continue;
		a->block = malloc(len + 4096);
		if (!a->block)
			return -ENOMEM;
		a->cpu = (uint8_t *)(((uintptr_t)a->block + 4095) & ~(uintptr_t)4095);
		memset(a->cpu, 0, len);
		a->len = len;
		a->bus = model_next_bus;
		model_next_bus += (len + MODEL_BUS_STRIDE) & ~(MODEL_BUS_STRIDE - 1);
		buf->cpu = a->cpu;
		buf->bus = a->bus;
		buf->len = len;
		buf->platform = a;
		return 0;
	}
	return -ENOMEM;
}

/** Platform: free memory from dma_alloc() */
void dma_free(struct pci_device *pci, struct dma_buffer *buf)
{
	struct model_alloc *a = buf->platform;

	if (!a || a->cpu != buf->cpu)
		return;
	free(a->block);
	memset(a, 0, sizeof(*a));
}

/** Platform: count the wait; models answer at once, so no time passes */
void udelay(unsigned long us)
{
	model_udelay_us += us;
}
