/** @file Intel 8254x/8257x (e1000 family) registers and descriptors, named as in Intel's manuals. */
#ifndef E1000G_REGS_H
#define E1000G_REGS_H

#include <stdint.h>

/*
 * Sources: the PCI/PCI-X Family of Gigabit Ethernet Controllers Software
 * Developer's Manual (8254x SDM) and the 82574 GbE Controller datasheet.
 * Offsets are in memory BAR 0; every register is 32 bits wide.  Only what
 * the driver uses is named here.
 */

/* --- General ------------------------------------------------------------ */

/** Device Control */
#define E1000_CTRL 0x00000
#define E1000_CTRL_FD (1u << 0)                 /**< full duplex */
#define E1000_CTRL_GIO_MASTER_DISABLE (1u << 2) /**< stop bus mastering (8257x PCIe only) */
#define E1000_CTRL_LRST (1u << 3)               /**< link reset (8254x) */
#define E1000_CTRL_ASDE (1u << 5)               /**< auto-speed detection enable */
#define E1000_CTRL_SLU (1u << 6)                /**< set link up */
#define E1000_CTRL_ILOS (1u << 7)               /**< invert loss-of-signal */
#define E1000_CTRL_FRCSPD (1u << 11)            /**< force speed */
#define E1000_CTRL_FRCDPLX (1u << 12)           /**< force duplex */
#define E1000_CTRL_RST (1u << 26)               /**< device reset, self-clearing */
#define E1000_CTRL_VME (1u << 30)               /**< VLAN mode enable */
#define E1000_CTRL_PHY_RST (1u << 31)           /**< PHY reset */

/** Device Status (read only) */
#define E1000_STATUS 0x00008
#define E1000_STATUS_FD (1u << 0)               /**< full duplex */
#define E1000_STATUS_LU (1u << 1)               /**< link up */
#define E1000_STATUS_GIO_MASTER_EN (1u << 19)   /**< bus master requests pending (8257x) */

/** EEPROM/Flash Control (EEC on the 82574) */
#define E1000_EECD 0x00010
#define E1000_EECD_PRES (1u << 8)               /**< an EEPROM is present */
#define E1000_EECD_AUTO_RD (1u << 9)            /**< 8257x: NVM auto-read after reset done */

/**
 * EEPROM Read.  Two layouts exist; the request is the same for word 0:
 * - 8254x SDM (82540/82544/82545/82546): START bit 0, DONE bit 4,
 *   ADDR bits 15:8, DATA bits 31:16;
 * - 82541/82547 (SDM) and the 8257x: START bit 0, DONE bit 1,
 *   ADDR bits 15:2, DATA bits 31:16.
 * The 82544 has no EERD at all (reads as 0).
 */
#define E1000_EERD 0x00014
#define E1000_EERD_START (1u << 0)              /**< start a read */
#define E1000_EERD_DONE_SMALL (1u << 4)         /**< read done, 8-bit address layout */
#define E1000_EERD_ADDR_SHIFT_SMALL 8           /**< word address position, 8-bit layout */
#define E1000_EERD_DONE_LARGE (1u << 1)         /**< read done, 14-bit address layout */
#define E1000_EERD_ADDR_SHIFT_LARGE 2           /**< word address position, 14-bit layout */
#define E1000_EERD_DATA_SHIFT 16                /**< the word read, bits 31:16 */

/** EEPROM words 0..2: the Ethernet address, low byte first in each word */
#define E1000_EEPROM_MAC_WORDS 3

/* --- Interrupts (masked: the driver polls) ------------------------------ */

/** Interrupt Cause Read (clear on read) */
#define E1000_ICR 0x000C0
/** Interrupt Mask Set/Read */
#define E1000_IMS 0x000D0
/** Interrupt Mask Clear: a 1 masks that cause */
#define E1000_IMC 0x000D8
#define E1000_IMC_ALL 0xFFFFFFFFu               /**< mask every cause */

/* --- Receive ------------------------------------------------------------ */

/** Receive Control */
#define E1000_RCTL 0x00100
#define E1000_RCTL_EN (1u << 1)                 /**< receiver enable */
#define E1000_RCTL_SBP (1u << 2)                /**< store bad packets */
#define E1000_RCTL_UPE (1u << 3)                /**< unicast promiscuous */
#define E1000_RCTL_MPE (1u << 4)                /**< multicast promiscuous */
#define E1000_RCTL_LPE (1u << 5)                /**< long packet enable */
#define E1000_RCTL_LBM_MASK (3u << 6)           /**< loopback mode (00: none) */
#define E1000_RCTL_RDMTS_HALF (0u << 8)         /**< free-descriptor threshold 1/2 */
#define E1000_RCTL_MO_MASK (3u << 12)           /**< multicast offset (00: bits 47:36) */
#define E1000_RCTL_BAM (1u << 15)               /**< accept broadcast */
#define E1000_RCTL_BSIZE_2048 (0u << 16)        /**< 2048-byte buffers (with BSEX = 0) */
#define E1000_RCTL_BSIZE_MASK (3u << 16)        /**< buffer size field */
#define E1000_RCTL_BSEX (1u << 25)              /**< buffer size extension (x16) */
#define E1000_RCTL_SECRC (1u << 26)             /**< strip the Ethernet CRC */

/** Receive Descriptor Base Address Low/High, Length, Head, Tail */
#define E1000_RDBAL 0x02800
#define E1000_RDBAH 0x02804
#define E1000_RDLEN 0x02808                     /**< bytes, a multiple of 128 */
#define E1000_RDH 0x02810
#define E1000_RDT 0x02818
/** Receive Delay Timer (0: write back at once) */
#define E1000_RDTR 0x02820

/** Multicast Table Array: 128 registers */
#define E1000_MTA 0x05200
#define E1000_MTA_WORDS 128

/** Receive Address 0 Low/High: the unicast filter's first entry */
#define E1000_RAL0 0x05400
#define E1000_RAH0 0x05404
#define E1000_RAH_AV (1u << 31)                 /**< address valid */

/* --- Transmit ----------------------------------------------------------- */

/** Transmit Control */
#define E1000_TCTL 0x00400
#define E1000_TCTL_EN (1u << 1)                 /**< transmitter enable */
#define E1000_TCTL_PSP (1u << 3)                /**< pad short packets to 64 bytes */
#define E1000_TCTL_CT_SHIFT 4                   /**< collision threshold, bits 11:4 */
#define E1000_TCTL_COLD_SHIFT 12                /**< collision distance, bits 21:12 */
#define E1000_TCTL_CT_DEFAULT 0x0F              /**< recommended threshold: 16 attempts */
#define E1000_TCTL_COLD_FD 0x3F                 /**< collision distance, full duplex */

/** Transmit Inter Packet Gap: IPGT 9:0, IPGR1 19:10, IPGR2 29:20 */
#define E1000_TIPG 0x00410
#define E1000_TIPG_IPGR1_SHIFT 10
#define E1000_TIPG_IPGR2_SHIFT 20
#define E1000_TIPG_IPGT_COPPER 8                /**< copper (IEEE 802.3) */
#define E1000_TIPG_IPGR1_DEFAULT 8              /**< 2/3 of IPGR2 in byte times, as given */
#define E1000_TIPG_IPGR2_DEFAULT 6

/** Transmit Descriptor Base Address Low/High, Length, Head, Tail */
#define E1000_TDBAL 0x03800
#define E1000_TDBAH 0x03804
#define E1000_TDLEN 0x03808                     /**< bytes, a multiple of 128 */
#define E1000_TDH 0x03810
#define E1000_TDT 0x03818

/* --- Legacy descriptors (16 bytes, little-endian) ----------------------- */

/** Descriptor ring length (RDLEN, TDLEN) granularity in bytes */
#define E1000_RING_ALIGN 128

/** Legacy receive descriptor */
struct e1000_rx_desc {
	uint64_t buffer_addr;       /**< bus address of the buffer */
	uint16_t length;            /**< bytes stored (written back) */
	uint16_t csum;              /**< packet checksum (written back) */
	uint8_t status;             /**< E1000_RXD_STAT_* (written back) */
	uint8_t errors;             /**< E1000_RXD_ERR_* (written back) */
	uint16_t special;           /**< VLAN tag (written back) */
} __attribute__((packed));

#define E1000_RXD_STAT_DD (1u << 0)             /**< descriptor done */
#define E1000_RXD_STAT_EOP (1u << 1)            /**< end of packet */
#define E1000_RXD_ERR_CE (1u << 0)              /**< CRC or alignment error */
#define E1000_RXD_ERR_SE (1u << 1)              /**< symbol error */
#define E1000_RXD_ERR_SEQ (1u << 2)             /**< sequence error */
#define E1000_RXD_ERR_CXE (1u << 4)             /**< carrier extension error */
#define E1000_RXD_ERR_RXE (1u << 7)             /**< RX data error */
/** Errors that make a frame unusable (checksum errors TCPE/IPE are not) */
#define E1000_RXD_ERR_FRAME (E1000_RXD_ERR_CE | E1000_RXD_ERR_SE | \
			     E1000_RXD_ERR_SEQ | E1000_RXD_ERR_CXE | \
			     E1000_RXD_ERR_RXE)

/** Legacy transmit descriptor */
struct e1000_tx_desc {
	uint64_t buffer_addr;       /**< bus address of the data */
	uint16_t length;            /**< bytes to send from this buffer */
	uint8_t cso;                /**< checksum offset (unused: 0) */
	uint8_t cmd;                /**< E1000_TXD_CMD_* */
	uint8_t status;             /**< E1000_TXD_STAT_* in bits 3:0 (written back) */
	uint8_t css;                /**< checksum start (unused: 0) */
	uint16_t special;           /**< VLAN tag (unused: 0) */
} __attribute__((packed));

#define E1000_TXD_CMD_EOP (1u << 0)             /**< end of packet */
#define E1000_TXD_CMD_IFCS (1u << 1)            /**< insert the Ethernet CRC */
#define E1000_TXD_CMD_RS (1u << 3)              /**< report status (set DD when done) */
#define E1000_TXD_STAT_DD (1u << 0)             /**< descriptor done */

#endif
