/** @file Device models: register-level NICs behind a PCI function, for the unit tests and the Linux build. */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdint.h>

struct model_dev;

/** What a device model does (one per chip family) */
struct model_ops {
	/** Read the 32-bit register at @p offset of BAR 0 */
	uint32_t (*read32)(struct model_dev *dev, unsigned int offset);
	/** Write the 32-bit register at @p offset of BAR 0 */
	void (*write32)(struct model_dev *dev, unsigned int offset,
			uint32_t value);
	/** A frame arrived from the wire; 1 if stored in the receive ring, 0 if dropped */
	int (*receive)(struct model_dev *dev, const void *frame, size_t len);
	/** Free the model */
	void (*free)(struct model_dev *dev);
};

/** A modelled device, as the host (test or Linux glue) sees it */
struct model_dev {
	const struct model_ops *op;  /**< the model */
	uint16_t vendor;             /**< PCI vendor id */
	uint16_t device;             /**< PCI device id */
	/** Send a frame to the wire (set by the host) */
	void (*wire_send)(struct model_dev *dev, const void *frame, size_t len);
	void *host;                  /**< host's data for wire_send */
	int enabled;                 /**< pci_enable() was called */
	unsigned long dma_faults;    /**< DMA the model refused: outside any allocation */
	unsigned long protocol_errors; /**< driver actions the model found wrong */
	char last_error[120];        /**< the last of those, for messages */
};

/** Host memory behind bus range [@p bus, @p bus + @p len) of a dma_alloc() block; NULL (and a counted fault) if outside every one */
void *model_dma(struct model_dev *dev, uint64_t bus, size_t len);

/** Record a driver action the model found wrong (printf-style) */
void model_error(struct model_dev *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
