/** @file The PCI platform over device models: knobs for tests. */
#ifndef MODEL_PCI_H
#define MODEL_PCI_H

#include <stdint.h>

/** Where bus addresses start by default (below 4 GiB, for 32-bit descriptors) */
#define MODEL_BUS_LOW 0x10000000ull

/** Microseconds drivers have waited in udelay() */
extern unsigned long long model_udelay_us;

/** Hand out the next DMA allocations from bus address @p base (above 4 GiB tests high addresses) */
void model_set_bus_base(uint64_t base);

/** DMA allocations not yet freed */
unsigned int model_dma_live(void);

#endif
