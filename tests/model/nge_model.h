/** @file Register-level model of the nVidia nForce MCP Ethernet chips (drivers/net/nge.c's hardware). */
#ifndef NGE_MODEL_H
#define NGE_MODEL_H

#include <stdint.h>
#include "model.h"

/** How the station address sits in the registers when the model starts */
enum nge_model_mac {
	NGE_MODEL_MAC_POWER_ON,   /**< as at power-on: reversed before MCP61, wire order after */
	NGE_MODEL_MAC_FLAGGED,    /**< as a driver left it: wire order, MAC_ADDR_REV set */
	NGE_MODEL_MAC_FIXED,      /**< wire order with the flag clear (a careless earlier driver) */
};

/** Faults the model can show */
#define NGE_FAULT_NO_LINK     0x01  /**< the PHY never reports link */
#define NGE_FAULT_NO_PHY      0x02  /**< no PHY: every MDIO read returns all ones */
#define NGE_FAULT_MDIO_HANG   0x04  /**< an MDIO cycle never finishes */
#define NGE_FAULT_RX_BAD_LEN  0x08  /**< received descriptors report an impossible length */
#define NGE_FAULT_TX_STUCK    0x10  /**< the transmitter never completes a descriptor */

/** What model to build */
struct nge_model_config {
	uint16_t device;          /**< PCI device id (vendor 0x10de) */
	uint8_t mac[6];           /**< the chip's station address */
	enum nge_model_mac mac_state; /**< how the registers hold it at start */
	unsigned int faults;      /**< NGE_FAULT_* */
	unsigned int phy_addr;    /**< MII address of the PHY (1 if 0) */
};

/** Build a model; NULL if the id is not an nForce one or out of memory */
struct model_dev *nge_model_new(const struct nge_model_config *config);

/** Descriptor format (1, 2, 3) of @p device; 0 if not an nForce id */
unsigned int nge_model_desc_ver(uint16_t device);

/** Nonzero if @p device holds its address in wire order at power-on (MCP61 and later) */
int nge_model_wire_order(uint16_t device);

/** Register @p offset of the model, without side effects */
uint32_t nge_model_peek(struct model_dev *dev, unsigned int offset);

/** Change the faults the model shows */
void nge_model_set_faults(struct model_dev *dev, unsigned int faults);

#endif
