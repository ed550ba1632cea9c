/** @file nVidia nForce MCP Ethernet driver (the chips Linux forcedeth and illumos nge bind): polled rings, MII PHY, the station address as the OS will read it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/pci.h>
#include "nge_regs.h"

/*
 * Ring discipline (both rings are arrays of descriptors in one DMA block,
 * in the format the chip's id says: 8-byte original/v2 or 16-byte
 * extended ones):
 *
 * - A descriptor belongs to the chip while its AVAIL (receive) or VALID
 *   (transmit) bit is set, and to us once the chip clears it.  The chip
 *   walks each ring in order and wraps at the size written to RING_SIZES.
 * - Receive: open gives every buffer to the chip (length field = buffer
 *   size, AVAIL).  The chip stores a frame, writes its length with
 *   DESCRIPTORVALID and clears AVAIL.  poll() harvests in order from
 *   rx_next while AVAIL is clear, passes good frames up (nic_receive
 *   copies) and hands the descriptor straight back.
 * - Transmit: tx_prod/tx_cons count descriptors filled and reclaimed
 *   (free-running).  transmit() copies the frame into descriptor tx_prod's
 *   buffer, writes length - 1 with LASTPACKET|VALID and kicks the chip
 *   (TXRX_CTL.KICK); descriptors whose VALID the chip cleared are reclaimed
 *   in order.  N-1 in flight is full (-ENOBUFS).
 * - close() and remove() stop the receiver and transmitter, reset both DMA
 *   engines (TXRX_CTL.RESET), clear the ring registers, and put the station
 *   address registers and the MAC_ADDR_REV flag back as probe found them
 *   (see nge_regs.h for why that matters to the OS's driver).
 *
 * Descriptors are little-endian; lwpxe runs on x86 only and stores them
 * directly.
 */

/** Memory BAR holding the registers */
#define NGE_BAR 0

/** Receive descriptors: the ring holds frames while the poll loop is busy elsewhere */
#define NGE_RX_DESCS 128

/** Transmit descriptors */
#define NGE_TX_DESCS 16

/** Bytes per receive and transmit buffer */
#define NGE_BUF_LEN 2048

/** Largest frame we pass up or send (no jumbo frames, no VLAN tag kept) */
#define NGE_FRAME_MAX 1518

/** Polls between PHY link reads (an MDIO read costs tens of microseconds) */
#define NGE_LINK_CHECK_POLLS 256

/** Polls with transmit descriptors pending and none completed before the ring counts as stopped */
#define NGE_TX_STALL_POLLS 20000

/** MDIO cycle: poll step and limit */
#define NGE_MII_STEP_US 10
#define NGE_MII_WAIT_US 10000

/** PHY reset: poll step and limit for BMCR.RESET to clear */
#define NGE_PHY_RESET_STEP_US 1000
#define NGE_PHY_RESET_WAIT_US 500000

/** Receiver/transmitter stop: poll step and limit for their busy bits */
#define NGE_STOP_STEP_US 10
#define NGE_STOP_WAIT_US 50000

/** TXRX_CTL.RESET hold time, and SETUP5.BIT31 wait */
#define NGE_TXRX_RESET_US 4
#define NGE_SETUP5_STEP_US 5
#define NGE_SETUP5_WAIT_US 50000

_Static_assert(NGE_FRAME_MAX <= NGE_BUF_LEN, "buffers hold a frame");

/** A chip's traits (the driver data of its id) */
struct nge_chip {
	uint8_t desc;               /**< enum nge_desc_ver */
	uint8_t flags;              /**< NGE_CHIP_* */
};

/** Driver state for one NIC */
struct nge {
	struct nic nic;             /**< the NIC registered with the core */
	struct pci_device *pci;     /**< the PCI function */
	const char *chip;           /**< chip name ("MCP55") */
	char where[24];             /**< "PCI 00:04.0", for messages */
	struct nge_chip traits;     /**< descriptor format, address order */
	unsigned int phy;           /**< MII address of the PHY */
	uint32_t found_a;           /**< MAC_ADDR_A as probe found it */
	uint32_t found_b;           /**< MAC_ADDR_B as probe found it */
	uint32_t found_rev;         /**< TX_POLL's MAC_ADDR_REV bit as found */
	struct dma_buffer dma;      /**< rings and buffers; cpu is NULL when closed */
	unsigned int rx_next;       /**< next receive descriptor to harvest */
	unsigned int tx_prod;       /**< transmit descriptors filled (free-running) */
	unsigned int tx_cons;       /**< transmit descriptors reclaimed (free-running) */
	unsigned int tx_idle_polls; /**< polls since a transmit descriptor completed */
	int tx_stalled;             /**< the stalled ring was reported */
	int bad_len_said;           /**< an impossible receive length was reported */
	unsigned int polls;         /**< polls since the last link read */
	int rx_busy;                /**< nonzero while poll() passes frames up */
};

/** Order descriptor memory against the device (and the compiler) */
static inline void nge_barrier(void)
{
	__sync_synchronize();
}

/** Read register @p reg */
static uint32_t nge_read(struct nge *n, unsigned int reg)
{
	return pci_mmio_read32(n->pci, NGE_BAR, reg);
}

/** Write @p value to register @p reg */
static void nge_write(struct nge *n, unsigned int reg, uint32_t value)
{
	pci_mmio_write32(n->pci, NGE_BAR, reg, value);
}

/** Poll @p reg until (value & @p mask) == @p want, stepping @p step_us up to @p max_us; 0 or -ETIMEDOUT */
static int nge_wait(struct nge *n, unsigned int reg, uint32_t mask,
		    uint32_t want, unsigned long step_us, unsigned long max_us)
{
	for (unsigned long waited = 0;; waited += step_us) {
		if ((nge_read(n, reg) & mask) == want)
			return 0;
		if (waited >= max_us)
			return -ETIMEDOUT;
		udelay(step_us);
	}
}

/** The NIC's name once registered ("net0"), else where it is ("PCI 00:04.0"), for messages */
static const char *nge_who(struct nge *n)
{
	return n->nic.name[0] ? n->nic.name : n->where;
}

/** Descriptor size of the chip's format */
static size_t nge_desc_size(const struct nge *n)
{
	return n->traits.desc == NGE_DESC_V3 ? sizeof(struct nge_desc_ex) :
		sizeof(struct nge_desc);
}

/** TXRX_CTL bits that select the chip's descriptor format */
static uint32_t nge_txrx_bits(const struct nge *n)
{
	switch (n->traits.desc) {
	case NGE_DESC_V1:
		return NGE_TXRXCTL_DESC_1;
	case NGE_DESC_V2:
		return NGE_TXRXCTL_DESC_2;
	default:
		return NGE_TXRXCTL_DESC_3;
	}
}

/* --- MII ------------------------------------------------------------------ */

/**
 * Run one MDIO cycle
 *
 * @v n         device
 * @v phy       PHY address
 * @v reg       PHY register
 * @v write     nonzero to write @p value
 * @v value     value to write
 * @ret rc      register value (0..0xffff), or -ETIMEDOUT / -EIO
 */
static int nge_mii(struct nge *n, unsigned int phy, unsigned int reg,
		   int write, uint16_t value)
{
	uint32_t ctl = phy << NGE_MIICTL_ADDRSHIFT | reg;

	nge_write(n, NGE_MII_STATUS, NGE_MIISTAT_MASK_RW);
	if (nge_read(n, NGE_MII_CTL) & NGE_MIICTL_INUSE) {
		nge_write(n, NGE_MII_CTL, NGE_MIICTL_INUSE);
		udelay(NGE_MII_STEP_US * 5);
	}
	if (write) {
		nge_write(n, NGE_MII_DATA, value);
		ctl |= NGE_MIICTL_WRITE;
	}
	nge_write(n, NGE_MII_CTL, ctl);
	if (nge_wait(n, NGE_MII_CTL, NGE_MIICTL_INUSE, 0, NGE_MII_STEP_US,
		     NGE_MII_WAIT_US) < 0)
		return -ETIMEDOUT;
	if (write)
		return 0;
	if (nge_read(n, NGE_MII_STATUS) & NGE_MIISTAT_ERROR)
		return -EIO;
	return (int)(nge_read(n, NGE_MII_DATA) & 0xffff);
}

/** Read PHY register @p reg of our PHY; value or -error */
static int nge_mii_read(struct nge *n, unsigned int reg)
{
	return nge_mii(n, n->phy, reg, 0, 0);
}

/** Write @p value to PHY register @p reg of our PHY; 0 or -error */
static int nge_mii_write(struct nge *n, unsigned int reg, uint16_t value)
{
	return nge_mii(n, n->phy, reg, 1, value);
}

/**
 * Find the PHY: the first address from 1 up (0 last) whose id registers
 * answer with something other than all ones
 *
 * @v n         device (phy is set)
 * @ret rc      0, or -ENODEV (a line is printed)
 */
static int nge_find_phy(struct nge *n)
{
	int timeouts = 0;

	for (unsigned int i = 1; i <= 32; i++) {
		unsigned int addr = i & 0x1f;
		int id1 = nge_mii(n, addr, NGE_MII_PHYSID1, 0, 0);
		int id2;

		timeouts += id1 == -ETIMEDOUT;
		if (id1 < 0 || id1 == 0xffff)
			continue;
		id2 = nge_mii(n, addr, NGE_MII_PHYSID2, 0, 0);
		if (id2 < 0 || id2 == 0xffff)
			continue;
		n->phy = addr;
		return 0;
	}
	printf("nge: %s: no PHY answers on MDIO at any address 0-31%s\n",
	       nge_who(n), timeouts ? " (the MDIO cycle never finishes)" : "");
	return -ENODEV;
}

/** Reset the PHY and start autonegotiation of every mode it has; 0 or -error (a line is printed) */
static int nge_phy_init(struct nge *n)
{
	int bmsr, bmcr;

	if (nge_mii_write(n, NGE_MII_BMCR, NGE_BMCR_RESET) < 0)
		goto mdio;
	for (unsigned long waited = 0;; waited += NGE_PHY_RESET_STEP_US) {
		bmcr = nge_mii_read(n, NGE_MII_BMCR);
		if (bmcr < 0)
			goto mdio;
		if (!(bmcr & NGE_BMCR_RESET))
			break;
		if (waited >= NGE_PHY_RESET_WAIT_US) {
			printf("nge: %s: PHY %u still in reset after %lu ms\n",
			       nge_who(n), n->phy, waited / 1000);
			return -ETIMEDOUT;
		}
		udelay(NGE_PHY_RESET_STEP_US);
	}
	bmsr = nge_mii_read(n, NGE_MII_BMSR);
	if (bmsr < 0 ||
	    nge_mii_write(n, NGE_MII_ADVERTISE, NGE_ADV_ALL | NGE_ADV_CSMA) < 0)
		goto mdio;
	if ((bmsr & NGE_BMSR_ESTATEN) &&
	    nge_mii_write(n, NGE_MII_CTRL1000,
			  NGE_CTRL1000_FULL | NGE_CTRL1000_HALF) < 0)
		goto mdio;
	if (nge_mii_write(n, NGE_MII_BMCR,
			  NGE_BMCR_ANENABLE | NGE_BMCR_ANRESTART) < 0)
		goto mdio;
	return 0;
mdio:
	printf("nge: %s: PHY %u stopped answering on MDIO\n", nge_who(n),
	       n->phy);
	return -EIO;
}

/**
 * Read the link from the PHY and set the MAC's speed and duplex to match
 *
 * BMSR's link bit latches low, so it is read twice.  The speed is the best
 * mode both ends advertise.
 */
static void nge_update_link(struct nge *n)
{
	int bmsr, adv, lpa, gctl = 0, gstat = 0;
	uint32_t speed = NGE_LINKSPEED_10, slot = NGE_SLOTTIME_10_100_FULL;
	int half = 0, up;

	n->polls = 0;
	(void)nge_mii_read(n, NGE_MII_BMSR);
	bmsr = nge_mii_read(n, NGE_MII_BMSR);
	up = bmsr >= 0 && (bmsr & NGE_BMSR_LSTATUS) &&
	     (bmsr & NGE_BMSR_ANEGCOMPLETE);
	if (!up) {
		n->nic.link_up = 0;
		return;
	}
	adv = nge_mii_read(n, NGE_MII_ADVERTISE);
	lpa = nge_mii_read(n, NGE_MII_LPA);
	if (bmsr & NGE_BMSR_ESTATEN) {
		gctl = nge_mii_read(n, NGE_MII_CTRL1000);
		gstat = nge_mii_read(n, NGE_MII_STAT1000);
	}
	if (adv < 0 || lpa < 0 || gctl < 0 || gstat < 0) {
		n->nic.link_up = 0;
		return;
	}
	lpa &= adv;
	if ((gctl & NGE_CTRL1000_FULL) && (gstat & NGE_STAT1000_FULL)) {
		speed = NGE_LINKSPEED_1000;
		slot = NGE_SLOTTIME_1000_FULL;
	} else if ((gctl & NGE_CTRL1000_HALF) && (gstat & NGE_STAT1000_HALF)) {
		speed = NGE_LINKSPEED_1000;
		half = 1;
	} else if (lpa & NGE_ADV_100FULL) {
		speed = NGE_LINKSPEED_100;
	} else if (lpa & NGE_ADV_100HALF) {
		speed = NGE_LINKSPEED_100;
		half = 1;
	} else if (!(lpa & NGE_ADV_10FULL)) {
		half = 1;
	}
	if (half)
		slot = NGE_SLOTTIME_HALF;
	nge_write(n, NGE_LINK_SPEED, NGE_LINKSPEED_FORCE | speed);
	nge_write(n, NGE_MISC1, NGE_MISC1_FORCE | (half ? NGE_MISC1_HD : 0));
	nge_write(n, NGE_SLOT_TIME, slot);
	if (nge_read(n, NGE_PHY_IFACE) & NGE_PHY_RGMII)
		nge_write(n, NGE_TX_DEFERRAL, speed == NGE_LINKSPEED_1000 ?
			  NGE_TX_DEFERRAL_RGMII_1000 :
			  NGE_TX_DEFERRAL_RGMII_10_100);
	else
		nge_write(n, NGE_TX_DEFERRAL, NGE_TX_DEFERRAL_DEFAULT);
	n->nic.link_up = 1;
}

/* --- Station address ------------------------------------------------------ */

/** Nonzero if @p mac can be a station address (not zero, not multicast) */
static int nge_mac_valid(const uint8_t *mac)
{
	static const uint8_t zero[6];

	return !(mac[0] & 0x01) && memcmp(mac, zero, 6) != 0;
}

/** Decode registers @p a / @p b in wire order into @p mac */
static void nge_mac_wire(uint32_t a, uint32_t b, uint8_t *mac)
{
	for (unsigned int i = 0; i < 4; i++)
		mac[i] = (uint8_t)(a >> (8 * i));
	mac[4] = (uint8_t)b;
	mac[5] = (uint8_t)(b >> 8);
}

/** Decode registers @p a / @p b in the reversed (older chips' power-on) order into @p mac */
static void nge_mac_reversed(uint32_t a, uint32_t b, uint8_t *mac)
{
	mac[0] = (uint8_t)(b >> 8);
	mac[1] = (uint8_t)b;
	for (unsigned int i = 0; i < 4; i++)
		mac[2 + i] = (uint8_t)(a >> (24 - 8 * i));
}

/**
 * Read the station address as Linux forcedeth does (wire order on MCP61+
 * or when a driver left MAC_ADDR_REV set, reversed otherwise) and keep the
 * registers and the flag as found, for close
 *
 * @v n         device
 * @ret rc      0, or -EINVAL (a line is printed)
 */
static int nge_read_mac(struct nge *n)
{
	uint8_t *mac = n->nic.mac;

	n->found_a = nge_read(n, NGE_MAC_ADDR_A);
	n->found_b = nge_read(n, NGE_MAC_ADDR_B);
	n->found_rev = nge_read(n, NGE_TX_POLL) & NGE_TXPOLL_MAC_ADDR_REV;
	if ((n->traits.flags & NGE_CHIP_MAC_WIRE_ORDER) || n->found_rev)
		nge_mac_wire(n->found_a, n->found_b, mac);
	else
		nge_mac_reversed(n->found_a, n->found_b, mac);
	if (!nge_mac_valid(mac)) {
		printf("nge: %s: %s holds no valid MAC address "
		       "(%02x:%02x:%02x:%02x:%02x:%02x)\n", nge_who(n), n->chip,
		       mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
		return -EINVAL;
	}
	return 0;
}

/**
 * Record what each OS's driver will read once the chip is back as found:
 * forcedeth what we read; illumos nge, where it binds, the registers in
 * the order its table gives the id, whatever the flag says
 */
static void nge_os_views(struct nge *n)
{
	struct nic_os_view *lnx = &n->nic.os[NIC_OS_LINUX];
	struct nic_os_view *illumos = &n->nic.os[NIC_OS_ILLUMOS];

	lnx->driver = "forcedeth";
	memcpy(lnx->mac, n->nic.mac, 6);
	illumos->driver = (n->traits.flags & NGE_CHIP_ILLUMOS) ? "nge" : "";
	if (n->traits.flags & NGE_CHIP_ILLUMOS_WIRE)
		nge_mac_wire(n->found_a, n->found_b, illumos->mac);
	else
		nge_mac_reversed(n->found_a, n->found_b, illumos->mac);
}

/** Program our address in wire order (what the receive filter compares) */
static void nge_set_filters(struct nge *n)
{
	const uint8_t *m = n->nic.mac;

	nge_write(n, NGE_MAC_ADDR_A, (uint32_t)m[0] | (uint32_t)m[1] << 8 |
		  (uint32_t)m[2] << 16 | (uint32_t)m[3] << 24);
	nge_write(n, NGE_MAC_ADDR_B, (uint32_t)m[4] | (uint32_t)m[5] << 8);
	/* multicast: an all-zero mask with FORCE matches every group */
	nge_write(n, NGE_MCAST_ADDR_A, NGE_MCASTADDRA_FORCE);
	nge_write(n, NGE_MCAST_ADDR_B, 0);
	nge_write(n, NGE_MCAST_MASK_A, 0);
	nge_write(n, NGE_MCAST_MASK_B, 0);
	nge_write(n, NGE_PACKET_FILTER, NGE_PFF_ALWAYS | NGE_PFF_MYADDR);
}

/** Put the station address registers and the MAC_ADDR_REV flag back as probe found them */
static void nge_restore_mac(struct nge *n)
{
	uint32_t poll = nge_read(n, NGE_TX_POLL) & ~NGE_TXPOLL_MAC_ADDR_REV;

	nge_write(n, NGE_MAC_ADDR_A, n->found_a);
	nge_write(n, NGE_MAC_ADDR_B, n->found_b);
	nge_write(n, NGE_TX_POLL, poll | n->found_rev);
}

/* --- Rings ---------------------------------------------------------------- */

/** Offset in the DMA block of the receive ring */
static size_t nge_rx_ring_ofs(const struct nge *n)
{
	return 0;
}

/** Offset in the DMA block of the transmit ring */
static size_t nge_tx_ring_ofs(const struct nge *n)
{
	return NGE_RX_DESCS * nge_desc_size(n);
}

/** Offset in the DMA block of receive buffer @p i (after both rings, buffer-aligned) */
static size_t nge_rx_buf(unsigned int i)
{
	size_t rings = (NGE_RX_DESCS + NGE_TX_DESCS) * sizeof(struct nge_desc_ex);

	return (rings + NGE_BUF_LEN - 1) / NGE_BUF_LEN * NGE_BUF_LEN +
		(size_t)i * NGE_BUF_LEN;
}

/** Offset in the DMA block of transmit buffer @p i */
static size_t nge_tx_buf(unsigned int i)
{
	return nge_rx_buf(NGE_RX_DESCS) + (size_t)i * NGE_BUF_LEN;
}

/** Bytes of DMA memory for rings and buffers */
#define NGE_DMA_LEN (nge_tx_buf(NGE_TX_DESCS))

/** Address of descriptor @p i of the ring at offset @p ofs */
static volatile uint8_t *nge_desc(struct nge *n, size_t ofs, unsigned int i)
{
	return (volatile uint8_t *)n->dma.cpu + ofs + i * nge_desc_size(n);
}

/** The flaglen word of descriptor @p d */
static volatile uint32_t *nge_flaglen(struct nge *n, volatile uint8_t *d)
{
	if (n->traits.desc == NGE_DESC_V3)
		return &((volatile struct nge_desc_ex *)d)->flaglen;
	return &((volatile struct nge_desc *)d)->flaglen;
}

/** Store buffer address @p bus in descriptor @p d */
static void nge_desc_set_buf(struct nge *n, volatile uint8_t *d, uint64_t bus)
{
	if (n->traits.desc == NGE_DESC_V3) {
		volatile struct nge_desc_ex *x = (volatile struct nge_desc_ex *)d;

		x->bufhigh = (uint32_t)(bus >> 32);
		x->buflow = (uint32_t)bus;
		x->txvlan = 0;
	} else {
		((volatile struct nge_desc *)d)->buf = (uint32_t)bus;
	}
}

/** Give receive descriptor @p i back to the chip (AVAIL is the same bit in every format) */
static void nge_rx_give(struct nge *n, unsigned int i)
{
	volatile uint8_t *d = nge_desc(n, nge_rx_ring_ofs(n), i);

	nge_desc_set_buf(n, d, n->dma.bus + nge_rx_buf(i));
	nge_barrier();
	*nge_flaglen(n, d) = NGE_BUF_LEN | NGE_RX_AVAIL;
}

/** Reset both DMA engines: ring positions return to the start */
static void nge_txrx_reset(struct nge *n)
{
	uint32_t bits = nge_txrx_bits(n);

	nge_write(n, NGE_TXRX_CTL, NGE_TXRXCTL_BIT2 | NGE_TXRXCTL_RESET | bits);
	(void)nge_read(n, NGE_TXRX_CTL);
	udelay(NGE_TXRX_RESET_US);
	nge_write(n, NGE_TXRX_CTL, NGE_TXRXCTL_BIT2 | bits);
}

/** Stop the receiver and transmitter and wait until both are idle */
static void nge_stop_dma(struct nge *n)
{
	nge_write(n, NGE_RCV_CTL, nge_read(n, NGE_RCV_CTL) & ~NGE_RCVCTL_START);
	if (nge_wait(n, NGE_RCV_STATUS, NGE_RCVSTAT_BUSY, 0, NGE_STOP_STEP_US,
		     NGE_STOP_WAIT_US) < 0)
		printf("nge: %s: receiver still busy after stop\n", nge_who(n));
	nge_write(n, NGE_XMIT_CTL, nge_read(n, NGE_XMIT_CTL) & ~NGE_XMITCTL_START);
	if (nge_wait(n, NGE_XMIT_STATUS, NGE_XMITSTAT_BUSY, 0, NGE_STOP_STEP_US,
		     NGE_STOP_WAIT_US) < 0)
		printf("nge: %s: transmitter still busy after stop\n", nge_who(n));
	nge_txrx_reset(n);
	nge_write(n, NGE_IRQ_MASK, 0);
	nge_write(n, NGE_IRQ_STATUS, NGE_IRQSTAT_MASK);
}

/** Program both rings' addresses and sizes */
static void nge_set_rings(struct nge *n)
{
	uint64_t rx = n->dma.bus + nge_rx_ring_ofs(n);
	uint64_t tx = n->dma.bus + nge_tx_ring_ofs(n);

	nge_write(n, NGE_RX_RING_ADDR, (uint32_t)rx);
	nge_write(n, NGE_TX_RING_ADDR, (uint32_t)tx);
	if (n->traits.desc == NGE_DESC_V3) {
		nge_write(n, NGE_RX_RING_ADDR_HI, (uint32_t)(rx >> 32));
		nge_write(n, NGE_TX_RING_ADDR_HI, (uint32_t)(tx >> 32));
	}
	nge_write(n, NGE_RING_SIZES, (NGE_RX_DESCS - 1) << NGE_RINGSZ_RXSHIFT |
		  (NGE_TX_DESCS - 1));
}

/** Clear the ring registers (nothing for a later driver to follow) */
static void nge_clear_rings(struct nge *n)
{
	nge_write(n, NGE_RX_RING_ADDR, 0);
	nge_write(n, NGE_TX_RING_ADDR, 0);
	if (n->traits.desc == NGE_DESC_V3) {
		nge_write(n, NGE_RX_RING_ADDR_HI, 0);
		nge_write(n, NGE_TX_RING_ADDR_HI, 0);
	}
}

/** Program the MAC for our rings and start receive and transmit; 0 or -error */
static int nge_start(struct nge *n)
{
	uint32_t bits = nge_txrx_bits(n);
	uint32_t power;

	nge_stop_dma(n);
	for (unsigned int i = 0; i < NGE_RX_DESCS; i++)
		nge_rx_give(n, i);
	n->rx_next = 0;
	n->tx_prod = n->tx_cons = 0;
	n->tx_idle_polls = 0;
	n->tx_stalled = 0;
	nge_write(n, NGE_SETUP6, 0);
	nge_set_rings(n);
	nge_write(n, NGE_LINK_SPEED, NGE_LINKSPEED_FORCE | NGE_LINKSPEED_10);
	nge_write(n, NGE_TXRX_CTL, bits);
	nge_write(n, NGE_TXRX_CTL, NGE_TXRXCTL_BIT1 | bits);
	if (nge_wait(n, NGE_SETUP5, NGE_SETUP5_BIT31, NGE_SETUP5_BIT31,
		     NGE_SETUP5_STEP_US, NGE_SETUP5_WAIT_US) < 0) {
		printf("%s: nge: the chip does not come out of setup (SETUP5 bit 31 stays clear)\n",
		       nge_who(n));
		return -EIO;
	}
	nge_write(n, NGE_MII_STATUS, NGE_MIISTAT_MASK_ALL);
	nge_write(n, NGE_MISC1, NGE_MISC1_FORCE | NGE_MISC1_HD);
	nge_write(n, NGE_XMIT_STATUS, nge_read(n, NGE_XMIT_STATUS));
	nge_write(n, NGE_OFFLOAD, NGE_BUF_LEN);
	nge_write(n, NGE_RCV_STATUS, nge_read(n, NGE_RCV_STATUS));
	nge_write(n, NGE_SLOT_TIME, NGE_SLOTTIME_10_100_FULL);
	nge_write(n, NGE_TX_DEFERRAL, NGE_TX_DEFERRAL_DEFAULT);
	nge_write(n, NGE_RX_DEFERRAL, NGE_RX_DEFERRAL_DEFAULT);
	nge_write(n, NGE_SETUP6, NGE_SETUP6_VAL);
	nge_write(n, NGE_ADAPTER_CTL, n->phy << NGE_ADAPTCTL_PHYSHIFT |
		  NGE_ADAPTCTL_PHYVALID | NGE_ADAPTCTL_RUNNING);
	nge_write(n, NGE_MII_SPEED, NGE_MIISPEED_BIT8 | NGE_MIIDELAY);
	power = nge_read(n, NGE_POWER_STATE);
	if (!(power & NGE_POWERSTATE_POWEREDUP))
		nge_write(n, NGE_POWER_STATE, power | NGE_POWERSTATE_POWEREDUP);
	nge_write(n, NGE_POWER_STATE,
		  nge_read(n, NGE_POWER_STATE) | NGE_POWERSTATE_VALID);
	nge_write(n, NGE_IRQ_MASK, 0);      /* polled: no interrupts */
	nge_write(n, NGE_IRQ_STATUS, NGE_IRQSTAT_MASK);
	nge_set_filters(n);
	nge_update_link(n);
	nge_barrier();
	nge_write(n, NGE_RCV_CTL, nge_read(n, NGE_RCV_CTL) | NGE_RCVCTL_START);
	nge_write(n, NGE_XMIT_CTL, nge_read(n, NGE_XMIT_CTL) | NGE_XMITCTL_START);
	nge_write(n, NGE_TXRX_CTL, NGE_TXRXCTL_KICK | bits);
	return 0;
}

/** Stop receive and transmit, clear the rings, put the address back as found */
static void nge_quiesce(struct nge *n)
{
	nge_stop_dma(n);
	nge_clear_rings(n);
	nge_restore_mac(n);
}

/* --- NIC operations ------------------------------------------------------- */

/** Allocate the rings and start the chip */
static int nge_open(struct nic *nic)
{
	struct nge *n = nic->priv;
	int rc;

	if (n->dma.cpu)
		return 0;
	rc = dma_alloc(n->pci, &n->dma, NGE_DMA_LEN);
	if (rc < 0) {
		printf("%s: nge: cannot allocate %u bytes of DMA memory: %s\n",
		       nic->name, (unsigned int)NGE_DMA_LEN, errmsg(rc));
		n->dma.cpu = NULL;
		return rc;
	}
	if (n->traits.desc != NGE_DESC_V3 &&
	    n->dma.bus + NGE_DMA_LEN > 0x100000000ull) {
		printf("%s: nge: DMA memory at %#llx is above 4 GiB, which %s "
		       "descriptors cannot address\n", nic->name,
		       (unsigned long long)n->dma.bus, n->chip);
		rc = -EFAULT;
		goto err;
	}
	n->bad_len_said = 0;
	rc = nge_start(n);
	if (rc < 0)
		goto err;
	return 0;
err:
	nge_quiesce(n);
	dma_free(n->pci, &n->dma);
	n->dma.cpu = NULL;
	return rc;
}

/** Stop the chip, put it back as found, free the rings */
static void nge_close(struct nic *nic)
{
	struct nge *n = nic->priv;

	nge_quiesce(n);
	if (n->dma.cpu) {
		dma_free(n->pci, &n->dma);
		n->dma.cpu = NULL;
	}
	nic->link_up = 0;
}

/** Reclaim transmit descriptors the chip has finished with */
static void nge_reclaim_tx(struct nge *n)
{
	uint32_t error = n->traits.desc == NGE_DESC_V1 ? NGE_TX_ERROR :
		NGE_TX2_ERROR;

	while (n->tx_cons != n->tx_prod) {
		volatile uint8_t *d = nge_desc(n, nge_tx_ring_ofs(n),
					       n->tx_cons % NGE_TX_DESCS);
		uint32_t flags = *nge_flaglen(n, d);

		if (flags & NGE_TX_VALID)
			break;
		if (flags & error)
			n->nic.stats.tx_err++;
		n->tx_cons++;
		n->tx_idle_polls = 0;
	}
}

/** Copy one frame into the next transmit buffer and kick the chip */
static int nge_transmit(struct nic *nic, const void *frame, size_t len)
{
	struct nge *n = nic->priv;
	uint32_t last = n->traits.desc == NGE_DESC_V1 ? NGE_TX_LASTPACKET :
		NGE_TX2_LASTPACKET;
	volatile uint8_t *d;
	unsigned int i;

	if (!n->dma.cpu)
		return -ENETDOWN;
	if (len == 0 || len > NGE_FRAME_MAX)
		return -EMSGSIZE;
	nge_reclaim_tx(n);
	if (n->tx_prod - n->tx_cons >= NGE_TX_DESCS - 1)
		return -ENOBUFS;
	i = n->tx_prod % NGE_TX_DESCS;
	memcpy((uint8_t *)n->dma.cpu + nge_tx_buf(i), frame, len);
	d = nge_desc(n, nge_tx_ring_ofs(n), i);
	nge_desc_set_buf(n, d, n->dma.bus + nge_tx_buf(i));
	nge_barrier();
	*nge_flaglen(n, d) = (uint32_t)(len - 1) | last | NGE_TX_VALID;
	nge_barrier();
	n->tx_prod++;
	nge_write(n, NGE_TXRX_CTL, NGE_TXRXCTL_KICK | nge_txrx_bits(n));
	return 0;
}

/**
 * Length of the frame in received descriptor flags @p flags, or 0 if it
 * is not one to pass up (error, no frame, impossible length: counted, and
 * the first impossible length of an open is reported)
 */
static size_t nge_rx_len(struct nge *n, unsigned int i, uint32_t flags)
{
	int v1 = n->traits.desc == NGE_DESC_V1;
	uint32_t valid = v1 ? NGE_RX_DESCRIPTORVALID : NGE_RX2_DESCRIPTORVALID;
	uint32_t error = v1 ? NGE_RX_ERROR : NGE_RX2_ERROR;
	size_t len = flags & (v1 ? NGE_LEN_MASK_V1 : NGE_LEN_MASK_V2);

	if (!(flags & valid) || (flags & error)) {
		n->nic.stats.rx_err++;
		return 0;
	}
	if (len < 14 || len > NGE_FRAME_MAX) {
		if (!n->bad_len_said)
			printf("%s: nge: receive descriptor %u reports %zu "
			       "bytes (buffer %u, frames %u at most): dropped\n",
			       nge_who(n), i, len, NGE_BUF_LEN, NGE_FRAME_MAX);
		n->bad_len_said = 1;
		n->nic.stats.rx_err++;
		return 0;
	}
	return len;
}

/**
 * Pass up the frames the chip has stored and give their descriptors back
 * (a poll() from inside nic_receive() leaves the ring to the outer one)
 */
static void nge_poll_rx(struct nge *n)
{
	n->rx_busy = 1;
	for (unsigned int k = 0; k < NGE_RX_DESCS; k++) {
		unsigned int i = n->rx_next;
		volatile uint8_t *d = nge_desc(n, nge_rx_ring_ofs(n), i);
		uint32_t flags = *nge_flaglen(n, d);
		size_t len;

		if (flags & NGE_RX_AVAIL)
			break;
		nge_barrier();
		len = nge_rx_len(n, i, flags);
		if (len)
			nic_receive(&n->nic, (uint8_t *)n->dma.cpu +
				    nge_rx_buf(i), len);
		n->rx_next = (i + 1) % NGE_RX_DESCS;
		nge_rx_give(n, i);
	}
	n->rx_busy = 0;
}

/** Report once when pending transmit descriptors have not moved for many polls */
static void nge_check_tx_stall(struct nge *n)
{
	if (n->tx_cons == n->tx_prod) {
		n->tx_idle_polls = 0;
		return;
	}
	if (++n->tx_idle_polls < NGE_TX_STALL_POLLS || n->tx_stalled)
		return;
	n->tx_stalled = 1;
	printf("%s: nge: transmit ring stopped: descriptor %u still owned by "
	       "the chip after %u polls\n", nge_who(n),
	       n->tx_cons % NGE_TX_DESCS, NGE_TX_STALL_POLLS);
}

/** Acknowledge events, reclaim sent descriptors, pass up received frames, refresh the link */
static void nge_poll(struct nic *nic)
{
	struct nge *n = nic->priv;
	uint32_t events;

	if (!n->dma.cpu)
		return;
	events = nge_read(n, NGE_IRQ_STATUS) & NGE_IRQSTAT_MASK;
	if (events)
		nge_write(n, NGE_IRQ_STATUS, events);
	nge_reclaim_tx(n);
	nge_check_tx_stall(n);
	if (!n->rx_busy)
		nge_poll_rx(n);
	if ((events & NGE_IRQ_LINK) || ++n->polls >= NGE_LINK_CHECK_POLLS)
		nge_update_link(n);
}

static const struct nic_operations nge_operations = {
	.open = nge_open,
	.close = nge_close,
	.transmit = nge_transmit,
	.poll = nge_poll,
};

/* --- Ids ------------------------------------------------------------------ */

/* Chip traits (pci_id.driver_data): descriptor format, where the address sits, illumos's view */

/** nForce, nForce2: original descriptors, address reversed, no illumos driver */
static const struct nge_chip nge_v1 = { NGE_DESC_V1, 0 };

/** Early nForce3: v2 descriptors, address reversed, no illumos driver */
static const struct nge_chip nge_v2 = { NGE_DESC_V2, 0 };

/** Later nForce3: v2 descriptors, address reversed, illumos nge binds */
static const struct nge_chip nge_v2_illumos = { NGE_DESC_V2, NGE_CHIP_ILLUMOS };

/** CK804 to MCP55: extended descriptors, address reversed, illumos nge binds */
static const struct nge_chip nge_v3_illumos = { NGE_DESC_V3, NGE_CHIP_ILLUMOS };

/** MCP61 and later: extended descriptors, address in wire order, no illumos driver */
static const struct nge_chip nge_v3_wire = { NGE_DESC_V3, NGE_CHIP_MAC_WIRE_ORDER };

/** The MCP61/77/79 ids illumos nge binds, reading the address in wire order */
static const struct nge_chip nge_v3_wire_illumos = {
	NGE_DESC_V3,
	NGE_CHIP_MAC_WIRE_ORDER | NGE_CHIP_ILLUMOS | NGE_CHIP_ILLUMOS_WIRE
};

/** Ids forcedeth and illumos nge bind (nForce to MCP79), with each chip's traits */
static const struct pci_id nge_ids[] = {
	{ 0x10de, 0x01c3, "nForce", &nge_v1 },
	{ 0x10de, 0x0066, "nForce2", &nge_v1 },
	{ 0x10de, 0x00d6, "nForce2", &nge_v1 },
	{ 0x10de, 0x0086, "nForce3", &nge_v2 },
	{ 0x10de, 0x008c, "nForce3", &nge_v2 },
	{ 0x10de, 0x00e6, "nForce3", &nge_v2_illumos },
	{ 0x10de, 0x00df, "nForce3", &nge_v2_illumos },
	{ 0x10de, 0x0056, "CK804", &nge_v3_illumos },
	{ 0x10de, 0x0057, "CK804", &nge_v3_illumos },
	{ 0x10de, 0x0037, "MCP04", &nge_v3_illumos },
	{ 0x10de, 0x0038, "MCP04", &nge_v3_illumos },
	{ 0x10de, 0x0268, "MCP51", &nge_v3_illumos },
	{ 0x10de, 0x0269, "MCP51", &nge_v3_illumos },
	{ 0x10de, 0x0372, "MCP55", &nge_v3_illumos },
	{ 0x10de, 0x0373, "MCP55", &nge_v3_illumos },
	{ 0x10de, 0x03e5, "MCP61", &nge_v3_wire },
	{ 0x10de, 0x03e6, "MCP61", &nge_v3_wire },
	{ 0x10de, 0x03ee, "MCP61", &nge_v3_wire_illumos },
	{ 0x10de, 0x03ef, "MCP61", &nge_v3_wire_illumos },
	{ 0x10de, 0x0450, "MCP65", &nge_v3_wire },
	{ 0x10de, 0x0451, "MCP65", &nge_v3_wire },
	{ 0x10de, 0x0452, "MCP65", &nge_v3_wire },
	{ 0x10de, 0x0453, "MCP65", &nge_v3_wire },
	{ 0x10de, 0x054c, "MCP67", &nge_v3_wire },
	{ 0x10de, 0x054d, "MCP67", &nge_v3_wire },
	{ 0x10de, 0x054e, "MCP67", &nge_v3_wire },
	{ 0x10de, 0x054f, "MCP67", &nge_v3_wire },
	{ 0x10de, 0x07dc, "MCP73", &nge_v3_wire },
	{ 0x10de, 0x07dd, "MCP73", &nge_v3_wire },
	{ 0x10de, 0x07de, "MCP73", &nge_v3_wire },
	{ 0x10de, 0x07df, "MCP73", &nge_v3_wire },
	{ 0x10de, 0x0760, "MCP77", &nge_v3_wire_illumos },
	{ 0x10de, 0x0761, "MCP77", &nge_v3_wire },
	{ 0x10de, 0x0762, "MCP77", &nge_v3_wire },
	{ 0x10de, 0x0763, "MCP77", &nge_v3_wire },
	{ 0x10de, 0x0ab0, "MCP79", &nge_v3_wire_illumos },
	{ 0x10de, 0x0ab1, "MCP79", &nge_v3_wire },
	{ 0x10de, 0x0ab2, "MCP79", &nge_v3_wire },
	{ 0x10de, 0x0ab3, "MCP79", &nge_v3_wire },
};

/* --- Probe and remove ----------------------------------------------------- */

/**
 * Take the device: find the PHY, read the station address, start
 * autonegotiation and register the NIC
 *
 * @v pci       PCI function (desc.driver_data: its struct nge_chip)
 * @v id        matching entry of nge_ids[]
 * @ret rc      0 or -error (a line is printed)
 */
static int nge_probe(struct pci_device *pci, const struct pci_id *id)
{
	const struct nge_chip *traits = pci->desc.driver_data;
	struct nge *n;
	char where[24];
	int rc;

	device_text(&pci->desc, where, sizeof(where));
	if (!traits) {
		printf("nge: %s: no chip traits for %s\n", where, id->name);
		return -ENODEV;
	}
	n = calloc(1, sizeof(*n));
	if (!n) {
		printf("nge: %s: out of memory\n", where);
		return -ENOMEM;
	}
	n->pci = pci;
	n->chip = id->name;
	n->traits = *traits;
	n->nic.desc = pci->desc;
	memcpy(n->where, where, sizeof(n->where));
	pci_enable(pci);
	rc = nge_read_mac(n);
	if (rc < 0)
		goto err;
	nge_os_views(n);
	n->nic.chip = n->chip;
	nge_stop_dma(n);
	rc = nge_find_phy(n);
	if (rc < 0)
		goto err;
	rc = nge_phy_init(n);
	if (rc < 0)
		goto err;
	n->nic.driver = "nge";
	n->nic.op = &nge_operations;
	n->nic.priv = n;
	n->nic.mtu = 1500;
	n->nic.rx_frames_max = NGE_RX_DESCS;
	pci->priv = n;
	rc = nic_register(&n->nic);
	if (rc < 0) {
		printf("nge: %s: cannot register %s: %s\n", nge_who(n),
		       id->name, errmsg(rc));
		pci->priv = NULL;
		goto err;
	}
	return 0;
err:
	free(n);
	return rc;
}

/**
 * Quiesce before the OS or the firmware gets the device: stop the rings
 * and put the address back as found.  The rings are freed only on
 * @p release: an ExitBootServices notification may not free memory, and
 * the OS reclaims it anyway.
 */
static void nge_remove(struct pci_device *pci, int release)
{
	struct nge *n = pci->priv;

	if (!n)
		return;
	nge_quiesce(n);
	if (release && n->dma.cpu)
		dma_free(n->pci, &n->dma);
	n->dma.cpu = NULL;      /* poll and transmit now do nothing */
	n->nic.link_up = 0;
}

static const struct pci_driver nge_driver = {
	.name = "nge",
	.ids = nge_ids,
	.nids = ARRAY_SIZE(nge_ids),
	.probe = nge_probe,
	.remove = nge_remove,
};
PCI_DRIVER(nge_driver);
