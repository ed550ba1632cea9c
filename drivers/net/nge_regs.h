/** @file nVidia nForce MCP Ethernet (nge/forcedeth family): registers, bits and descriptors, named as Linux's forcedeth names them. */
#ifndef NGE_REGS_H
#define NGE_REGS_H

#include <stdint.h>

/* --- Registers (memory BAR 0, 32-bit) ------------------------------------ */

#define NGE_IRQ_STATUS        0x000  /**< NvRegIrqStatus: events, write 1 to clear */
#define NGE_IRQ_MASK          0x004  /**< NvRegIrqMask: 0 masks every interrupt */
#define NGE_SETUP6            0x008  /**< NvRegUnknownSetupReg6 */
#define NGE_POLL_INTERVAL     0x00c  /**< NvRegPollingInterval: the chip's timer */
#define NGE_MISC1             0x080  /**< NvRegMisc1 */
#define NGE_XMIT_CTL          0x084  /**< NvRegTransmitterControl */
#define NGE_XMIT_STATUS       0x088  /**< NvRegTransmitterStatus */
#define NGE_PACKET_FILTER     0x08c  /**< NvRegPacketFilterFlags */
#define NGE_OFFLOAD           0x090  /**< NvRegOffloadConfig: receive buffer size */
#define NGE_RCV_CTL           0x094  /**< NvRegReceiverControl */
#define NGE_RCV_STATUS        0x098  /**< NvRegReceiverStatus */
#define NGE_SLOT_TIME         0x09c  /**< NvRegSlotTime */
#define NGE_TX_DEFERRAL       0x0a0  /**< NvRegTxDeferral */
#define NGE_RX_DEFERRAL       0x0a4  /**< NvRegRxDeferral */
#define NGE_MAC_ADDR_A        0x0a8  /**< NvRegMacAddrA: station address, low 4 bytes */
#define NGE_MAC_ADDR_B        0x0ac  /**< NvRegMacAddrB: station address, high 2 bytes */
#define NGE_MCAST_ADDR_A      0x0b0  /**< NvRegMulticastAddrA */
#define NGE_MCAST_ADDR_B      0x0b4  /**< NvRegMulticastAddrB */
#define NGE_MCAST_MASK_A      0x0b8  /**< NvRegMulticastMaskA */
#define NGE_MCAST_MASK_B      0x0bc  /**< NvRegMulticastMaskB */
#define NGE_PHY_IFACE         0x0c0  /**< NvRegPhyInterface */
#define NGE_TX_RING_ADDR      0x100  /**< NvRegTxRingPhysAddr (low 32 bits) */
#define NGE_RX_RING_ADDR      0x104  /**< NvRegRxRingPhysAddr (low 32 bits) */
#define NGE_RING_SIZES        0x108  /**< NvRegRingSizes: (rx-1) << 16 | (tx-1) */
#define NGE_TX_POLL           0x10c  /**< NvRegTransmitPoll */
#define NGE_LINK_SPEED        0x110  /**< NvRegLinkSpeed */
#define NGE_SETUP5            0x130  /**< NvRegUnknownSetupReg5 */
#define NGE_TXRX_CTL          0x144  /**< NvRegTxRxControl */
#define NGE_TX_RING_ADDR_HI   0x148  /**< NvRegTxRingPhysAddrHigh (64-bit descriptors) */
#define NGE_RX_RING_ADDR_HI   0x14c  /**< NvRegRxRingPhysAddrHigh (64-bit descriptors) */
#define NGE_MII_STATUS        0x180  /**< NvRegMIIStatus: write 1 to clear */
#define NGE_MII_MASK          0x184  /**< NvRegMIIMask */
#define NGE_ADAPTER_CTL       0x188  /**< NvRegAdapterControl */
#define NGE_MII_SPEED         0x18c  /**< NvRegMIISpeed */
#define NGE_MII_CTL           0x190  /**< NvRegMIIControl: starts an MDIO cycle */
#define NGE_MII_DATA          0x194  /**< NvRegMIIData */
#define NGE_POWER_STATE       0x26c  /**< NvRegPowerState */

/** Size of the register window the driver touches (the largest chips' BAR is 0x604 bytes) */
#define NGE_REGS_LEN          0x700

/* NGE_IRQ_STATUS / NGE_IRQ_MASK */
#define NGE_IRQ_RX_ERROR      0x0001
#define NGE_IRQ_RX            0x0002
#define NGE_IRQ_RX_NOBUF      0x0004
#define NGE_IRQ_TX_ERR        0x0008
#define NGE_IRQ_TX_OK         0x0010
#define NGE_IRQ_LINK          0x0040
#define NGE_IRQSTAT_MASK      0x83ff /**< every status bit */

#define NGE_SETUP6_VAL        3

#define NGE_MISC1_HD          0x02
#define NGE_MISC1_FORCE       0x3b0f3c

#define NGE_XMITCTL_START     0x01
#define NGE_XMITSTAT_BUSY     0x01

#define NGE_PFF_MYADDR        0x20
#define NGE_PFF_PROMISC       0x80
#define NGE_PFF_ALWAYS        0x7f0000

#define NGE_RCVCTL_START      0x01
#define NGE_RCVSTAT_BUSY      0x01

#define NGE_SLOTTIME_10_100_FULL 0x00007f00
#define NGE_SLOTTIME_1000_FULL   0x0003ff00
#define NGE_SLOTTIME_HALF        0x0000ff00

#define NGE_TX_DEFERRAL_DEFAULT  0x15050f
#define NGE_TX_DEFERRAL_RGMII_10_100 0x16070f
#define NGE_TX_DEFERRAL_RGMII_1000   0x14050f
#define NGE_RX_DEFERRAL_DEFAULT  0x16

#define NGE_MCASTADDRA_FORCE  0x01
#define NGE_MCASTMASKA_NONE   0xffffffff
#define NGE_MCASTMASKB_NONE   0xffff

#define NGE_PHY_RGMII         0x10000000

#define NGE_RINGSZ_RXSHIFT    16

/**
 * NGE_TX_POLL: set by a driver that found the station address in the
 * reversed (power-on) order and rewrote it: the registers now hold it in
 * wire order.  forcedeth sets it at probe and clears it when it restores
 * the power-on order at remove.
 */
#define NGE_TXPOLL_MAC_ADDR_REV 0x00008000

#define NGE_LINKSPEED_FORCE   0x10000
#define NGE_LINKSPEED_10      1000
#define NGE_LINKSPEED_100     100
#define NGE_LINKSPEED_1000    50

#define NGE_SETUP5_BIT31      0x80000000u

#define NGE_TXRXCTL_KICK      0x0001 /**< look at the transmit ring now */
#define NGE_TXRXCTL_BIT1      0x0002
#define NGE_TXRXCTL_BIT2      0x0004
#define NGE_TXRXCTL_IDLE      0x0008
#define NGE_TXRXCTL_RESET     0x0010 /**< reset both DMA engines and ring positions */
#define NGE_TXRXCTL_DESC_1    0x000000 /**< original descriptors */
#define NGE_TXRXCTL_DESC_2    0x002100 /**< v2 descriptors (larger length field) */
#define NGE_TXRXCTL_DESC_3    0xc02200 /**< 64-bit extended descriptors */
#define NGE_TXRXCTL_DESC_MASK 0xc02300

#define NGE_MIISTAT_ERROR     0x0001
#define NGE_MIISTAT_LINKCHANGE 0x0008
#define NGE_MIISTAT_MASK_RW   0x0007
#define NGE_MIISTAT_MASK_ALL  0x000f

#define NGE_ADAPTCTL_START    0x02
#define NGE_ADAPTCTL_LINKUP   0x04
#define NGE_ADAPTCTL_PHYVALID 0x40000
#define NGE_ADAPTCTL_RUNNING  0x100000
#define NGE_ADAPTCTL_PHYSHIFT 24

#define NGE_MIISPEED_BIT8     0x100
#define NGE_MIIDELAY          5

#define NGE_MIICTL_INUSE      0x08000 /**< an MDIO cycle is running */
#define NGE_MIICTL_WRITE      0x00400
#define NGE_MIICTL_ADDRSHIFT  5

#define NGE_POWERSTATE_POWEREDUP 0x8000
#define NGE_POWERSTATE_VALID     0x0100

/* --- Descriptors (little-endian, in host memory) ------------------------- */

/** Original and v2 descriptor: a 32-bit buffer address and flags|length */
struct nge_desc {
	uint32_t buf;              /**< buffer bus address (below 4 GiB) */
	uint32_t flaglen;          /**< NGE_RX*_ / NGE_TX*_ flags | length */
};

/** 64-bit extended descriptor (v3) */
struct nge_desc_ex {
	uint32_t bufhigh;          /**< buffer bus address, high 32 bits */
	uint32_t buflow;           /**< buffer bus address, low 32 bits */
	uint32_t txvlan;           /**< VLAN tag to insert (0: none) */
	uint32_t flaglen;          /**< NGE_RX2_ / NGE_TX2_ flags | length */
};

_Static_assert(sizeof(struct nge_desc) == 8, "original descriptor size");
_Static_assert(sizeof(struct nge_desc_ex) == 16, "extended descriptor size");

/** Length field: original descriptors */
#define NGE_LEN_MASK_V1       0x0000ffff
/** Length field: v2 and extended descriptors */
#define NGE_LEN_MASK_V2       0x00003fff

/* Transmit, original descriptors (length field holds length - 1) */
#define NGE_TX_LASTPACKET     (1u << 16)
#define NGE_TX_ERROR          (1u << 30)
#define NGE_TX_VALID          (1u << 31) /**< owned by the chip */

/* Transmit, v2 and extended descriptors */
#define NGE_TX2_LASTPACKET    (1u << 29)
#define NGE_TX2_ERROR         (1u << 30)
#define NGE_TX2_VALID         (1u << 31)

/* Receive, original descriptors */
#define NGE_RX_DESCRIPTORVALID (1u << 16) /**< the chip stored a frame */
#define NGE_RX_ERROR          (1u << 30)
#define NGE_RX_AVAIL          (1u << 31) /**< owned by the chip (empty buffer) */

/* Receive, v2 and extended descriptors */
#define NGE_RX2_DESCRIPTORVALID (1u << 29)
#define NGE_RX2_ERROR         (1u << 30)
#define NGE_RX2_AVAIL         (1u << 31)

/* --- MII (IEEE 802.3 clause 22) ------------------------------------------ */

#define NGE_MII_BMCR          0x00
#define NGE_MII_BMSR          0x01
#define NGE_MII_PHYSID1       0x02
#define NGE_MII_PHYSID2       0x03
#define NGE_MII_ADVERTISE     0x04
#define NGE_MII_LPA           0x05
#define NGE_MII_CTRL1000      0x09
#define NGE_MII_STAT1000      0x0a

#define NGE_BMCR_ANRESTART    0x0200
#define NGE_BMCR_ANENABLE     0x1000
#define NGE_BMCR_RESET        0x8000
#define NGE_BMSR_LSTATUS      0x0004
#define NGE_BMSR_ANEGCOMPLETE 0x0020
#define NGE_BMSR_ESTATEN      0x0100
#define NGE_ADV_CSMA          0x0001
#define NGE_ADV_10HALF        0x0020
#define NGE_ADV_10FULL        0x0040
#define NGE_ADV_100HALF       0x0080
#define NGE_ADV_100FULL       0x0100
#define NGE_ADV_ALL           0x01e0
#define NGE_CTRL1000_FULL     0x0200
#define NGE_CTRL1000_HALF     0x0100
#define NGE_STAT1000_FULL     0x0800
#define NGE_STAT1000_HALF     0x0400

/* --- Per-chip facts (the PCI id says which) ------------------------------ */

/**
 * Descriptor format, from forcedeth's id table: chips with 40/64-bit DMA
 * (CK804, MCP04 and every MCP5x/6x/7x) use the extended one, the nForce3
 * parts v2, nForce and nForce2 the original.
 */
enum nge_desc_ver {
	NGE_DESC_V1 = 1,           /**< struct nge_desc, NGE_RX_/NGE_TX_ bits */
	NGE_DESC_V2 = 2,           /**< struct nge_desc, NGE_RX2_/NGE_TX2_ bits */
	NGE_DESC_V3 = 3,           /**< struct nge_desc_ex, NGE_RX2_/NGE_TX2_ bits */
};

/*
 * Where the station address is and which order it is in.
 *
 * MAC_ADDR_A holds 4 bytes and MAC_ADDR_B (low 16 bits) 2.  "Wire order"
 * is A = m0 | m1 << 8 | m2 << 16 | m3 << 24, B = m4 | m5 << 8; this is
 * the order the receive filter compares, and what drivers write.
 *
 * At power-on, chips up to MCP55 hold the address reversed (A = m5 | m4 <<
 * 8 | m3 << 16 | m2 << 24, B = m1 | m0 << 8); MCP61 and later hold it in
 * wire order (forcedeth's DEV_HAS_CORRECT_MACADDR).
 *
 * Linux forcedeth: wire order if the chip has DEV_HAS_CORRECT_MACADDR or
 * NGE_TXPOLL_MAC_ADDR_REV is set, else reversed (and it then sets the flag
 * while it runs); at remove it writes back the values it read at probe and
 * clears the flag.
 *
 * illumos nge: reads the registers once at attach and ignores the flag:
 * wire order on the ids its table marks mac_addr_order (MCP61 0x3ee/0x3ef,
 * MCP77 0x760, MCP79 0xab0), reversed on every other id it binds (0x37,
 * 0x38, 0x56, 0x57, 0xdf, 0xe6, 0x268, 0x269, 0x372, 0x373); it does not
 * bind the other ids.
 *
 * So a driver that leaves the registers in wire order with the flag clear
 * on a pre-MCP61 chip makes both OS drivers see the address byte-reversed:
 * lwpxe's nge puts back at close what it found at probe.
 */
#define NGE_CHIP_MAC_WIRE_ORDER 0x01 /**< power-on order is wire order (MCP61+) */
#define NGE_CHIP_ILLUMOS        0x02 /**< illumos nge binds this id */
#define NGE_CHIP_ILLUMOS_WIRE   0x04 /**< ...and reads the address in wire order */

#endif
