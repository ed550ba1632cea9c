/** @file Register-level model of the Intel e1000 family (drivers/net/e1000g.c's hardware): legacy descriptors, EEPROM, link. */
#ifndef E1000G_MODEL_H
#define E1000G_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"

/** Size of the modelled register BAR */
#define E1000G_MODEL_BAR_LEN 0x20000

/** Register writes the model keeps, in order */
#define E1000G_MODEL_LOG 8192

/** EERD behaviour of the modelled chip */
enum e1000g_model_eerd {
	E1000G_EERD_NONE,       /**< no EERD (82544) or no EEPROM: reads never finish */
	E1000G_EERD_SMALL,      /**< 8254x layout: address in bits 15:8, done bit 4 */
	E1000G_EERD_LARGE,      /**< 82541/7, 8257x layout: address in bits 15:2, done bit 1 */
};

/** The modelled chip; tests may read and change any field */
struct e1000g_model {
	struct model_dev dev;                /**< generic part (first) */
	uint32_t regs[E1000G_MODEL_BAR_LEN / 4]; /**< register file */
	enum e1000g_model_eerd eerd;         /**< EERD layout */
	uint16_t eeprom[64];                 /**< EEPROM words */
	uint8_t ral[6];                      /**< address reset loads into RAL0/RAH0 */
	int autoload;                        /**< reset loads RAL0/RAH0 (valid) */
	int pcie;                            /**< 8257x behaviour (GIO master, AUTO_RD) */
	int link;                            /**< cable plugged */
	int tx_stalled;                      /**< the transmit unit does not run */
	unsigned int resets;                 /**< CTRL.RST writes */
	unsigned int log_reg[E1000G_MODEL_LOG]; /**< registers written, in order */
	uint32_t log_val[E1000G_MODEL_LOG];  /**< values written */
	unsigned int nlog;                   /**< entries in the log */
};

/**
 * Build a model of @p device (82540EM-like; 8257x if @p pcie) whose EEPROM
 * and reset-loaded RAL0/RAH0 hold @p mac, 8254x EERD layout, link up; NULL
 * if out of memory
 */
struct e1000g_model *e1000g_model_new(uint16_t device, int pcie,
				      const uint8_t *mac);

/** The chip's reset: registers to defaults, RAL0/RAH0 from the EEPROM if autoload */
void e1000g_model_reset(struct e1000g_model *m);

/** Register @p r */
uint32_t *e1000g_model_reg(struct e1000g_model *m, unsigned int r);

/** Base bus address of the ring whose low address register is @p bal */
uint64_t e1000g_model_ring_base(struct e1000g_model *m, unsigned int bal);

/** Run the transmit unit: send every descriptor from TDH up to TDT */
void e1000g_model_tx(struct e1000g_model *m);

/**
 * Store a frame (without CRC) in the descriptor at RDH, reporting
 * E1000_RXD_ERR_* @p errors; 1, or 0 if receive is off, the filter drops
 * it or the chip owns no descriptor
 */
int e1000g_model_rx(struct e1000g_model *m, const void *frame, size_t len,
		    uint8_t errors);

#endif
