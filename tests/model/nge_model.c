/** @file Register-level model of the nVidia nForce MCP Ethernet chips: registers, MII PHY, descriptor rings in host memory, the station address in each chip's byte order. */
/*
 * Written from the same reading of forcedeth and illumos nge as
 * drivers/net/nge.c (facts in drivers/net/nge_regs.h), not from silicon:
 * it checks that the driver follows what those drivers say the chip
 * wants, and it cannot show where that reading is wrong.
 *
 * What it does: a register file; MDIO cycles to one clause-22 PHY that
 * autonegotiates 1000/full at once; TXRX_CTL.RESET rewinds both rings,
 * KICK sends every VALID transmit descriptor from the current one on;
 * a frame from the wire goes into the receive descriptor at the current
 * position if the chip owns it (AVAIL) and the receive filter (station
 * address in wire order, broadcast, multicast) takes it.  Every DMA goes
 * through model_dma(), which refuses addresses outside the driver's
 * allocations.
 */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include "../../drivers/net/nge_regs.h"
#include "nge_model.h"

/** The modelled chip */
struct nge_model {
	struct model_dev dev;       /**< generic part (first) */
	unsigned int desc;          /**< descriptor format 1, 2, 3 */
	unsigned int faults;        /**< NGE_FAULT_* */
	unsigned int phy_addr;      /**< MII address of the PHY */
	uint32_t regs[NGE_REGS_LEN / 4]; /**< register file */
	uint16_t phy[32];           /**< PHY registers */
	unsigned int rx_idx;        /**< next receive descriptor */
	unsigned int tx_idx;        /**< next transmit descriptor */
};

/** nForce id ranges and their descriptor format, from forcedeth's table */
static const struct {
	uint16_t first, last;       /**< device id range */
	uint8_t desc;               /**< descriptor format */
	uint8_t wire;               /**< power-on address in wire order */
} nge_model_ids[] = {
	{ 0x01c3, 0x01c3, 1, 0 }, { 0x0066, 0x0066, 1, 0 },
	{ 0x00d6, 0x00d6, 1, 0 }, { 0x0086, 0x0086, 2, 0 },
	{ 0x008c, 0x008c, 2, 0 }, { 0x00e6, 0x00e6, 2, 0 },
	{ 0x00df, 0x00df, 2, 0 }, { 0x0056, 0x0057, 3, 0 },
	{ 0x0037, 0x0038, 3, 0 }, { 0x0268, 0x0269, 3, 0 },
	{ 0x0372, 0x0373, 3, 0 }, { 0x03e5, 0x03e6, 3, 1 },
	{ 0x03ee, 0x03ef, 3, 1 }, { 0x0450, 0x0453, 3, 1 },
	{ 0x054c, 0x054f, 3, 1 }, { 0x07dc, 0x07df, 3, 1 },
	{ 0x0760, 0x0763, 3, 1 }, { 0x0ab0, 0x0ab3, 3, 1 },
};

/** Index in nge_model_ids[] of @p device; -1 if none */
static int nge_model_find(uint16_t device)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(nge_model_ids); i++)
		if (device >= nge_model_ids[i].first &&
		    device <= nge_model_ids[i].last)
			return (int)i;
	return -1;
}

unsigned int nge_model_desc_ver(uint16_t device)
{
	int i = nge_model_find(device);

	return i < 0 ? 0 : nge_model_ids[i].desc;
}

int nge_model_wire_order(uint16_t device)
{
	int i = nge_model_find(device);

	return i >= 0 && nge_model_ids[i].wire;
}

/** The model behind @p dev */
static struct nge_model *nge_model_of(struct model_dev *dev)
{
	return (struct nge_model *)dev;
}

/** Register @p r */
static uint32_t *nge_model_reg(struct nge_model *m, unsigned int r)
{
	return &m->regs[r / 4];
}

uint32_t nge_model_peek(struct model_dev *dev, unsigned int offset)
{
	return *nge_model_reg(nge_model_of(dev), offset);
}

void nge_model_set_faults(struct model_dev *dev, unsigned int faults)
{
	nge_model_of(dev)->faults = faults;
}

/** Store @p mac in the address registers, wire order or reversed */
static void nge_model_put_mac(struct nge_model *m, const uint8_t *mac, int wire)
{
	if (wire) {
		*nge_model_reg(m, NGE_MAC_ADDR_A) = mac[0] | mac[1] << 8 |
			mac[2] << 16 | (uint32_t)mac[3] << 24;
		*nge_model_reg(m, NGE_MAC_ADDR_B) = mac[4] | mac[5] << 8;
	} else {
		*nge_model_reg(m, NGE_MAC_ADDR_A) = mac[5] | mac[4] << 8 |
			mac[3] << 16 | (uint32_t)mac[2] << 24;
		*nge_model_reg(m, NGE_MAC_ADDR_B) = mac[1] | mac[0] << 8;
	}
}

/** PHY register contents at power-on: a gigabit PHY, link partner offering everything */
static void nge_model_phy_reset(struct nge_model *m)
{
	memset(m->phy, 0, sizeof(m->phy));
	m->phy[NGE_MII_BMCR] = NGE_BMCR_ANENABLE;
	m->phy[NGE_MII_PHYSID1] = 0x0141;
	m->phy[NGE_MII_PHYSID2] = 0x0cc2;
	m->phy[NGE_MII_ADVERTISE] = NGE_ADV_ALL | NGE_ADV_CSMA;
	m->phy[NGE_MII_LPA] = NGE_ADV_ALL | NGE_ADV_CSMA | 0x4000;
	m->phy[NGE_MII_CTRL1000] = NGE_CTRL1000_FULL | NGE_CTRL1000_HALF;
	m->phy[NGE_MII_STAT1000] = NGE_STAT1000_FULL | NGE_STAT1000_HALF;
}

/** BMSR as read now: capabilities, link and autonegotiation per the faults */
static uint16_t nge_model_bmsr(struct nge_model *m)
{
	uint16_t v = 0x7909 | NGE_BMSR_ESTATEN;

	if (!(m->faults & NGE_FAULT_NO_LINK) &&
	    (m->phy[NGE_MII_BMCR] & NGE_BMCR_ANENABLE))
		v |= NGE_BMSR_LSTATUS | NGE_BMSR_ANEGCOMPLETE;
	return v;
}

/** Run the MDIO cycle that a write of @p ctl to MII_CTL starts */
static void nge_model_mdio(struct nge_model *m, uint32_t ctl)
{
	unsigned int addr = (ctl >> NGE_MIICTL_ADDRSHIFT) & 0x1f;
	unsigned int reg = ctl & 0x1f;
	int here = addr == m->phy_addr && !(m->faults & NGE_FAULT_NO_PHY);

	if (m->faults & NGE_FAULT_MDIO_HANG) {
		*nge_model_reg(m, NGE_MII_CTL) = ctl | NGE_MIICTL_INUSE;
		return;
	}
	*nge_model_reg(m, NGE_MII_CTL) = ctl & ~NGE_MIICTL_INUSE;
	if (ctl & NGE_MIICTL_WRITE) {
		uint16_t v = (uint16_t)*nge_model_reg(m, NGE_MII_DATA);

		if (!here)
			return;
		if (reg == NGE_MII_BMCR && (v & NGE_BMCR_RESET)) {
			nge_model_phy_reset(m);
			return;
		}
		if (reg != NGE_MII_BMSR && reg != NGE_MII_PHYSID1 &&
		    reg != NGE_MII_PHYSID2 && reg != NGE_MII_LPA &&
		    reg != NGE_MII_STAT1000)
			m->phy[reg] = v & ~NGE_BMCR_ANRESTART;
		return;
	}
	if (!here)
		*nge_model_reg(m, NGE_MII_DATA) = 0xffff;
	else if (reg == NGE_MII_BMSR)
		*nge_model_reg(m, NGE_MII_DATA) = nge_model_bmsr(m);
	else
		*nge_model_reg(m, NGE_MII_DATA) = m->phy[reg];
}

/** Descriptor size of the model's format */
static size_t nge_model_dsize(struct nge_model *m)
{
	return m->desc == 3 ? sizeof(struct nge_desc_ex) : sizeof(struct nge_desc);
}

/** Bus address of descriptor @p i of the ring whose address registers are @p lo / @p hi */
static uint64_t nge_model_desc_addr(struct nge_model *m, unsigned int lo,
				    unsigned int hi, unsigned int i)
{
	uint64_t base = *nge_model_reg(m, lo);

	if (m->desc == 3)
		base |= (uint64_t)*nge_model_reg(m, hi) << 32;
	return base + i * nge_model_dsize(m);
}

/** flaglen word of the descriptor at @p d */
static uint32_t *nge_model_flaglen(struct nge_model *m, uint8_t *d)
{
	return (uint32_t *)(d + (m->desc == 3 ? 12 : 4));
}

/** Buffer bus address in the descriptor at @p d */
static uint64_t nge_model_buf(struct nge_model *m, const uint8_t *d)
{
	const uint32_t *w = (const uint32_t *)d;

	return m->desc == 3 ? (uint64_t)w[0] << 32 | w[1] : w[0];
}

/** Length field mask of the model's format */
static uint32_t nge_model_len_mask(struct nge_model *m)
{
	return m->desc == 1 ? NGE_LEN_MASK_V1 : NGE_LEN_MASK_V2;
}

/** Send every transmit descriptor the chip owns, from the current one on */
static void nge_model_kick(struct nge_model *m)
{
	unsigned int n = (*nge_model_reg(m, NGE_RING_SIZES) & 0xffff) + 1;
	uint32_t last = m->desc == 1 ? NGE_TX_LASTPACKET : NGE_TX2_LASTPACKET;

	if (!(*nge_model_reg(m, NGE_XMIT_CTL) & NGE_XMITCTL_START) ||
	    (m->faults & NGE_FAULT_TX_STUCK))
		return;
	for (unsigned int k = 0; k < n; k++) {
		uint8_t *d = model_dma(&m->dev, nge_model_desc_addr(m,
				       NGE_TX_RING_ADDR, NGE_TX_RING_ADDR_HI,
				       m->tx_idx), nge_model_dsize(m));
		uint32_t *fl;
		size_t len;
		void *buf;

		if (!d)
			return;
		fl = nge_model_flaglen(m, d);
		if (!(*fl & NGE_TX_VALID))
			return;
		len = (*fl & nge_model_len_mask(m)) + 1;
		if (!(*fl & last))
			model_error(&m->dev, "transmit descriptor %u without LASTPACKET",
				    m->tx_idx);
		buf = model_dma(&m->dev, nge_model_buf(m, d), len);
		if (buf && m->dev.wire_send)
			m->dev.wire_send(&m->dev, buf, len);
		*fl &= ~NGE_TX_VALID;
		m->tx_idx = (m->tx_idx + 1) % n;
		*nge_model_reg(m, NGE_IRQ_STATUS) |= NGE_IRQ_TX_OK;
	}
}

/** Nonzero if the receive filter takes a frame for @p dst */
static int nge_model_accepts(struct nge_model *m, const uint8_t *dst)
{
	uint32_t a = *nge_model_reg(m, NGE_MAC_ADDR_A);
	uint32_t b = *nge_model_reg(m, NGE_MAC_ADDR_B);

	if ((*nge_model_reg(m, NGE_PACKET_FILTER) & NGE_PFF_PROMISC) ||
	    (dst[0] & 0x01))
		return 1;
	return dst[0] == (uint8_t)a && dst[1] == (uint8_t)(a >> 8) &&
	       dst[2] == (uint8_t)(a >> 16) && dst[3] == (uint8_t)(a >> 24) &&
	       dst[4] == (uint8_t)b && dst[5] == (uint8_t)(b >> 8);
}

/** A frame from the wire: store it in the current receive descriptor */
static int nge_model_receive(struct model_dev *dev, const void *frame,
			     size_t len)
{
	struct nge_model *m = nge_model_of(dev);
	unsigned int n = (*nge_model_reg(m, NGE_RING_SIZES) >> 16) + 1;
	uint32_t valid = m->desc == 1 ? NGE_RX_DESCRIPTORVALID :
		NGE_RX2_DESCRIPTORVALID;
	uint32_t *fl;
	uint8_t *d, *buf;

	if (!(*nge_model_reg(m, NGE_RCV_CTL) & NGE_RCVCTL_START) || len < 14 ||
	    !nge_model_accepts(m, frame))
		return 0;
	d = model_dma(dev, nge_model_desc_addr(m, NGE_RX_RING_ADDR,
					       NGE_RX_RING_ADDR_HI, m->rx_idx),
		      nge_model_dsize(m));
	if (!d)
		return 0;
	fl = nge_model_flaglen(m, d);
	if (!(*fl & NGE_RX_AVAIL)) {
		*nge_model_reg(m, NGE_IRQ_STATUS) |= NGE_IRQ_RX_NOBUF;
		return 0;
	}
	if (m->faults & NGE_FAULT_RX_BAD_LEN) {
		*fl = nge_model_len_mask(m) | valid;
	} else {
		if (len > (*fl & nge_model_len_mask(m))) {
			model_error(dev, "receive buffer of %u bytes for a %zu-byte frame",
				    *fl & nge_model_len_mask(m), len);
			return 0;
		}
		buf = model_dma(dev, nge_model_buf(m, d), len);
		if (!buf)
			return 0;
		memcpy(buf, frame, len);
		*fl = (uint32_t)len | valid;
	}
	m->rx_idx = (m->rx_idx + 1) % n;
	*nge_model_reg(m, NGE_IRQ_STATUS) |= NGE_IRQ_RX;
	return 1;
}

/** Register read */
static uint32_t nge_model_read(struct model_dev *dev, unsigned int offset)
{
	struct nge_model *m = nge_model_of(dev);

	if (offset >= NGE_REGS_LEN || offset % 4) {
		model_error(dev, "read of register %#x", offset);
		return 0xffffffff;
	}
	if (offset == NGE_SETUP5)
		return NGE_SETUP5_BIT31;
	return *nge_model_reg(m, offset);
}

/** TXRX_CTL write: reset rewinds the rings, the format must be the chip's, KICK transmits */
static void nge_model_txrx(struct nge_model *m, uint32_t value)
{
	static const uint32_t want[] = { 0, NGE_TXRXCTL_DESC_1,
		NGE_TXRXCTL_DESC_2, NGE_TXRXCTL_DESC_3 };

	*nge_model_reg(m, NGE_TXRX_CTL) = value & ~NGE_TXRXCTL_KICK;
	if ((value & NGE_TXRXCTL_DESC_MASK) != want[m->desc])
		model_error(&m->dev, "TXRX_CTL %#x selects the wrong descriptor format",
			    value);
	if (value & NGE_TXRXCTL_RESET) {
		m->rx_idx = 0;
		m->tx_idx = 0;
	}
	if (value & NGE_TXRXCTL_KICK)
		nge_model_kick(m);
}

/** Register write */
static void nge_model_write(struct model_dev *dev, unsigned int offset,
			    uint32_t value)
{
	struct nge_model *m = nge_model_of(dev);

	if (offset >= NGE_REGS_LEN || offset % 4) {
		model_error(dev, "write of register %#x", offset);
		return;
	}
	switch (offset) {
	case NGE_IRQ_STATUS:
	case NGE_MII_STATUS:
		*nge_model_reg(m, offset) &= ~value;
		return;
	case NGE_MII_CTL:
		nge_model_mdio(m, value);
		return;
	case NGE_TXRX_CTL:
		nge_model_txrx(m, value);
		return;
	case NGE_XMIT_STATUS:
	case NGE_RCV_STATUS:
		return;         /* never busy */
	}
	*nge_model_reg(m, offset) = value;
}

/** Free the model */
static void nge_model_free(struct model_dev *dev)
{
	free(nge_model_of(dev));
}

static const struct model_ops nge_model_ops = {
	.read32 = nge_model_read,
	.write32 = nge_model_write,
	.receive = nge_model_receive,
	.free = nge_model_free,
};

struct model_dev *nge_model_new(const struct nge_model_config *config)
{
	struct nge_model *m;
	int wire;

	if (!nge_model_desc_ver(config->device))
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->dev.op = &nge_model_ops;
	m->dev.vendor = 0x10de;
	m->dev.device = config->device;
	m->desc = nge_model_desc_ver(config->device);
	m->faults = config->faults;
	m->phy_addr = config->phy_addr ? config->phy_addr : 1;
	wire = nge_model_wire_order(config->device) ||
	       config->mac_state != NGE_MODEL_MAC_POWER_ON;
	nge_model_put_mac(m, config->mac, wire);
	if (config->mac_state == NGE_MODEL_MAC_FLAGGED)
		*nge_model_reg(m, NGE_TX_POLL) = NGE_TXPOLL_MAC_ADDR_REV;
	nge_model_phy_reset(m);
	return &m->dev;
}
