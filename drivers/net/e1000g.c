/** @file Intel e1000-family NIC driver (8254x, 82574): legacy descriptors, polled, over the PCI platform interface. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/pci.h>
#include "e1000g_regs.h"

/*
 * Ring discipline (both rings are arrays of legacy descriptors in DMA
 * memory; head and tail are descriptor indexes):
 *
 * - The device owns the descriptors from its head (RDH/TDH, which only it
 *   moves) up to, not including, the tail (RDT/TDT, which only we write).
 *   Head == tail means the device owns none, so one descriptor always stays
 *   with us and at most N-1 are ever with the device.
 * - Receive: probe programs the ring and enables the receiver with
 *   RDT = RDH = 0, so the device owns no buffer yet; open gives it every
 *   buffer but the last (RDT = N-1).  (QEMU's e1000 model holds received
 *   frames back for a second after each RCTL write: written at probe, that
 *   second runs while the firmware does other things, such as the BIOS
 *   images' wait for Ctrl-B, instead of in the first DHCP.)
 *   The device fills a buffer, writes its length and sets DD.  poll()
 *   harvests descriptors in order from rx_next while DD is set, passes each
 *   frame up (nic_receive copies it), clears the status and then writes
 *   RDT = the index just harvested: that hands back the descriptor kept
 *   before it and keeps this one as the new gap.
 * - Transmit: tx_prod and tx_cons count descriptors filled and reclaimed
 *   (free-running).  transmit() copies the frame into the buffer of
 *   descriptor tx_prod, sets EOP|IFCS|RS and moves TDT past it; the device
 *   sets DD when it is done, and descriptors with DD are reclaimed in
 *   order (tx_cons) by transmit() and poll().  With N-1 in flight the ring
 *   is full and transmit() returns -ENOBUFS.
 * - close() and remove() clear RCTL and TCTL, then reset the device: its
 *   DMA engines stop and its head/tail registers return to 0.  close()
 *   also frees the rings, remove() only when told to release them; open()
 *   then programs everything again.
 *
 * Descriptors are little-endian: like the rest of lwpxe, the driver runs
 * on x86 only and stores them directly.
 */

/** Memory BAR holding the registers */
#define E1000G_BAR 0

/**
 * Receive descriptors (a power of two; RDLEN must be a multiple of 128
 * bytes).  The ring is all that holds frames while the poll loop is busy
 * elsewhere (a SAN read copying data, a slow emulated CPU): the chip drops
 * what arrives when it is full, and TCP then stalls until the sender
 * retransmits.  256 frames hold a 64 KiB window (QEMU's user network) four
 * times over and ~370 KB of a larger one, for 512 KiB of buffers.
 */
#define E1000G_RX_DESCS 256

/** Transmit descriptors (a power of two; TDLEN must be a multiple of 128 bytes) */
#define E1000G_TX_DESCS 16

/** Bytes per receive and transmit buffer (RCTL.BSIZE = 2048) */
#define E1000G_BUF_LEN 2048

/** Offsets in the single DMA block: receive ring, transmit ring, buffers */
#define E1000G_RX_RING_OFS 0
#define E1000G_TX_RING_OFS (E1000G_RX_RING_OFS + \
			    E1000G_RX_DESCS * sizeof(struct e1000_rx_desc))
#define E1000G_RINGS_END (E1000G_TX_RING_OFS + \
			  E1000G_TX_DESCS * sizeof(struct e1000_tx_desc))
#define E1000G_RX_BUF_OFS ((E1000G_RINGS_END + E1000G_BUF_LEN - 1) / \
			   E1000G_BUF_LEN * E1000G_BUF_LEN)
#define E1000G_TX_BUF_OFS (E1000G_RX_BUF_OFS + E1000G_RX_DESCS * E1000G_BUF_LEN)
#define E1000G_DMA_LEN (E1000G_TX_BUF_OFS + E1000G_TX_DESCS * E1000G_BUF_LEN)

/** Polls between link-state reads (a register read costs a VM exit) */
#define E1000G_LINK_CHECK_POLLS 64

/** Reset: time before looking at the device again, then how long RST may stay set */
#define E1000G_RESET_DELAY_US 10000
#define E1000G_RESET_WAIT_MS 10

/** PCIe parts: how long to wait for bus mastering to stop and for the NVM auto-read */
#define E1000G_MASTER_WAIT_US 10000
#define E1000G_AUTO_RD_WAIT_MS 10

/** EEPROM read: poll interval and limit */
#define E1000G_EERD_POLL_US 50
#define E1000G_EERD_WAIT_US 100000

/** Chip traits */
#define E1000G_PCIE 0x0001          /**< 8257x PCIe part: GIO master disable, NVM auto-read */

_Static_assert((E1000G_RX_DESCS & (E1000G_RX_DESCS - 1)) == 0, "RX ring size");
_Static_assert((E1000G_TX_DESCS & (E1000G_TX_DESCS - 1)) == 0, "TX ring size");
_Static_assert(E1000G_RX_DESCS * sizeof(struct e1000_rx_desc) %
	       E1000_RING_ALIGN == 0, "RDLEN granularity");
_Static_assert(E1000G_TX_DESCS * sizeof(struct e1000_tx_desc) %
	       E1000_RING_ALIGN == 0, "TDLEN granularity");
_Static_assert(E1000G_RINGS_END <= E1000G_RX_BUF_OFS, "rings overlap the buffers");

/** Driver state for one NIC */
struct e1000g {
	struct nic nic;             /**< the NIC registered with the core */
	struct pci_device *pci;     /**< the PCI function */
	unsigned int flags;         /**< E1000G_PCIE, ... */
	char where[24];             /**< "PCI 00:03.0", for messages */
	uint32_t eerd_done;         /**< EERD done bit of this chip's layout */
	unsigned int eerd_shift;    /**< EERD address shift of this chip's layout */
	struct dma_buffer dma;      /**< rings and buffers; cpu is NULL when closed */
	unsigned int rx_next;       /**< next receive descriptor to harvest */
	unsigned int tx_prod;       /**< transmit descriptors filled (free-running) */
	unsigned int tx_cons;       /**< transmit descriptors reclaimed (free-running) */
	unsigned int polls;         /**< polls since the last link-state read */
	int rx_busy;                /**< nonzero while poll() passes frames up */
};

/** Order descriptor memory against the device (and the compiler) */
static inline void e1000g_barrier(void)
{
	__sync_synchronize();
}

/** Read register @p reg */
static uint32_t e1000g_read(struct e1000g *e, unsigned int reg)
{
	return pci_mmio_read32(e->pci, E1000G_BAR, reg);
}

/** Write @p value to register @p reg */
static void e1000g_write(struct e1000g *e, unsigned int reg, uint32_t value)
{
	pci_mmio_write32(e->pci, E1000G_BAR, reg, value);
}

/**
 * Poll register @p reg until (value & @p mask) == @p want
 *
 * @v e         device
 * @v reg       register
 * @v mask      bits to look at
 * @v want      their wanted value
 * @v step_us   delay between reads
 * @v max_us    give up after about this long
 * @ret rc      0, or -ETIMEDOUT
 */
static int e1000g_wait(struct e1000g *e, unsigned int reg, uint32_t mask,
		       uint32_t want, unsigned long step_us,
		       unsigned long max_us)
{
	for (unsigned long waited = 0;; waited += step_us) {
		if ((e1000g_read(e, reg) & mask) == want)
			return 0;
		if (waited >= max_us)
			return -ETIMEDOUT;
		udelay(step_us);
	}
}

/** "PCI bb:dd.f" of the device, for messages */
static const char *e1000g_where(struct e1000g *e)
{
	return e->where;
}

/**
 * Reset the whole device: DMA stops, rings and filters clear, the EEPROM
 * reloads RAL0/RAH0; interrupts are masked afterwards
 */
static void e1000g_reset(struct e1000g *e)
{
	if (e->flags & E1000G_PCIE) {
		/* let outstanding bus-master requests finish first */
		e1000g_write(e, E1000_CTRL, e1000g_read(e, E1000_CTRL) |
			     E1000_CTRL_GIO_MASTER_DISABLE);
		e1000g_wait(e, E1000_STATUS, E1000_STATUS_GIO_MASTER_EN, 0,
			    100, E1000G_MASTER_WAIT_US);
	}
	e1000g_write(e, E1000_CTRL, e1000g_read(e, E1000_CTRL) | E1000_CTRL_RST);
	udelay(E1000G_RESET_DELAY_US);
	if (e1000g_wait(e, E1000_CTRL, E1000_CTRL_RST, 0, 1000,
			E1000G_RESET_WAIT_MS * 1000) < 0)
		printf("e1000g: %s: reset bit still set after %d ms\n",
		       e1000g_where(e), E1000G_RESET_WAIT_MS);
	if (e->flags & E1000G_PCIE)
		e1000g_wait(e, E1000_EECD, E1000_EECD_AUTO_RD,
			    E1000_EECD_AUTO_RD, 1000,
			    E1000G_AUTO_RD_WAIT_MS * 1000);
	e1000g_write(e, E1000_IMC, E1000_IMC_ALL);
	(void)e1000g_read(e, E1000_ICR);
}

/** Connect the MAC to the PHY's link: SLU, speed and duplex from the PHY */
static void e1000g_setup_link(struct e1000g *e)
{
	uint32_t ctrl = e1000g_read(e, E1000_CTRL);

	ctrl |= E1000_CTRL_SLU;
	ctrl &= ~(E1000_CTRL_LRST | E1000_CTRL_ILOS | E1000_CTRL_FRCSPD |
		  E1000_CTRL_FRCDPLX | E1000_CTRL_VME | E1000_CTRL_PHY_RST |
		  E1000_CTRL_GIO_MASTER_DISABLE);
	e1000g_write(e, E1000_CTRL, ctrl);
}

/** Set nic->link_up from STATUS.LU */
static void e1000g_check_link(struct e1000g *e)
{
	e->nic.link_up = !!(e1000g_read(e, E1000_STATUS) & E1000_STATUS_LU);
	e->polls = 0;
}

/** Nonzero if @p mac can be a station address (not zero, not multicast) */
static int e1000g_mac_valid(const uint8_t *mac)
{
	static const uint8_t zero[6];

	return !(mac[0] & 0x01) && memcmp(mac, zero, 6) != 0;
}

/**
 * Wait for the EERD read in progress to finish
 *
 * @v e         device
 * @v done      done bit to wait for
 * @v word      the word read
 * @ret rc      0, or -ETIMEDOUT
 */
static int e1000g_eerd_finish(struct e1000g *e, uint32_t done, uint16_t *word)
{
	for (unsigned long waited = 0; waited <= E1000G_EERD_WAIT_US;
	     waited += E1000G_EERD_POLL_US) {
		uint32_t eerd = e1000g_read(e, E1000_EERD);

		if (eerd & done) {
			*word = (uint16_t)(eerd >> E1000_EERD_DATA_SHIFT);
			return 0;
		}
		udelay(E1000G_EERD_POLL_US);
	}
	return -ETIMEDOUT;
}

/**
 * Read EEPROM word 0 and learn the EERD layout on the way: the request for
 * word 0 is the same in both, and the done bit that appears tells which
 *
 * @v e         device (eerd_done, eerd_shift are set)
 * @v word      word 0
 * @ret rc      0, or -ETIMEDOUT (no EERD, as on the 82544, or no EEPROM)
 */
static int e1000g_eerd_detect(struct e1000g *e, uint16_t *word)
{
	e1000g_write(e, E1000_EERD, E1000_EERD_START);
	if (e1000g_eerd_finish(e, E1000_EERD_DONE_SMALL | E1000_EERD_DONE_LARGE,
			       word) < 0)
		return -ETIMEDOUT;
	if (e1000g_read(e, E1000_EERD) & E1000_EERD_DONE_LARGE) {
		e->eerd_done = E1000_EERD_DONE_LARGE;
		e->eerd_shift = E1000_EERD_ADDR_SHIFT_LARGE;
	} else {
		e->eerd_done = E1000_EERD_DONE_SMALL;
		e->eerd_shift = E1000_EERD_ADDR_SHIFT_SMALL;
	}
	return 0;
}

/** Read EEPROM word @p addr with the layout found by e1000g_eerd_detect(); 0 or -error */
static int e1000g_eerd_read(struct e1000g *e, unsigned int addr, uint16_t *word)
{
	e1000g_write(e, E1000_EERD,
		     E1000_EERD_START | ((uint32_t)addr << e->eerd_shift));
	return e1000g_eerd_finish(e, e->eerd_done, word);
}

/** Read the Ethernet address from EEPROM words 0..2 into @p mac; 0 or -error */
static int e1000g_mac_from_eeprom(struct e1000g *e, uint8_t *mac)
{
	uint16_t word[E1000_EEPROM_MAC_WORDS];
	int rc = e1000g_eerd_detect(e, &word[0]);

	for (unsigned int i = 1; rc == 0 && i < E1000_EEPROM_MAC_WORDS; i++)
		rc = e1000g_eerd_read(e, i, &word[i]);
	if (rc < 0) {
		printf("e1000g: %s: no valid address in RAL0 and cannot "
		       "read the EEPROM (%s)\n", e1000g_where(e), errmsg(rc));
		return rc;
	}
	for (unsigned int i = 0; i < E1000_EEPROM_MAC_WORDS; i++) {
		mac[2 * i] = (uint8_t)word[i];
		mac[2 * i + 1] = (uint8_t)(word[i] >> 8);
	}
	/* dual-port parts keep one address; the second port's has bit 0 flipped */
	if (e->pci->desc.fn & 1)
		mac[5] ^= 0x01;
	if (!e1000g_mac_valid(mac)) {
		printf("e1000g: %s: EEPROM holds no valid MAC address "
		       "(%02x:%02x:%02x:%02x:%02x:%02x)\n", e1000g_where(e),
		       mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
		return -EINVAL;
	}
	return 0;
}

/**
 * The MAC address: RAL0/RAH0 as the device loaded them at reset if valid,
 * else from the EEPROM
 *
 * @v e         device, just reset
 * @v mac       6 bytes to fill
 * @ret rc      0 or -error (a line is printed)
 */
static int e1000g_read_mac(struct e1000g *e, uint8_t *mac)
{
	uint32_t ral = e1000g_read(e, E1000_RAL0);
	uint32_t rah = e1000g_read(e, E1000_RAH0);

	if (rah & E1000_RAH_AV) {
		for (unsigned int i = 0; i < 4; i++)
			mac[i] = (uint8_t)(ral >> (8 * i));
		mac[4] = (uint8_t)rah;
		mac[5] = (uint8_t)(rah >> 8);
		if (e1000g_mac_valid(mac))
			return 0;
	}
	return e1000g_mac_from_eeprom(e, mac);
}

/** Program our address as receive filter 0 and clear the multicast table */
static void e1000g_set_filters(struct e1000g *e)
{
	const uint8_t *mac = e->nic.mac;

	e1000g_write(e, E1000_RAL0, (uint32_t)mac[0] | (uint32_t)mac[1] << 8 |
		     (uint32_t)mac[2] << 16 | (uint32_t)mac[3] << 24);
	e1000g_write(e, E1000_RAH0, (uint32_t)mac[4] | (uint32_t)mac[5] << 8 |
		     E1000_RAH_AV);
	for (unsigned int i = 0; i < E1000_MTA_WORDS; i++)
		e1000g_write(e, E1000_MTA + 4 * i, 0);
}

/** Receive descriptor @p i */
static volatile struct e1000_rx_desc *e1000g_rx_desc(struct e1000g *e,
						     unsigned int i)
{
	return (volatile struct e1000_rx_desc *)
		((uint8_t *)e->dma.cpu + E1000G_RX_RING_OFS) + i;
}

/** Transmit descriptor @p i */
static volatile struct e1000_tx_desc *e1000g_tx_desc(struct e1000g *e,
						     unsigned int i)
{
	return (volatile struct e1000_tx_desc *)
		((uint8_t *)e->dma.cpu + E1000G_TX_RING_OFS) + i;
}

/** Offset in the DMA block of receive buffer @p i */
static size_t e1000g_rx_buf(unsigned int i)
{
	return E1000G_RX_BUF_OFS + (size_t)i * E1000G_BUF_LEN;
}

/** Offset in the DMA block of transmit buffer @p i */
static size_t e1000g_tx_buf(unsigned int i)
{
	return E1000G_TX_BUF_OFS + (size_t)i * E1000G_BUF_LEN;
}

/** Program ring base and length registers (@p base: RDBAL or TDBAL) */
static void e1000g_set_ring(struct e1000g *e, unsigned int base, size_t ofs,
			    size_t len)
{
	uint64_t bus = e->dma.bus + ofs;

	e1000g_write(e, base, (uint32_t)bus);                /* xDBAL */
	e1000g_write(e, base + 4, (uint32_t)(bus >> 32));    /* xDBAH */
	e1000g_write(e, base + 8, (uint32_t)len);            /* xDLEN */
}

/** Fill the receive ring with buffers and enable the receiver, which owns none of them yet */
static void e1000g_start_rx(struct e1000g *e)
{
	for (unsigned int i = 0; i < E1000G_RX_DESCS; i++) {
		volatile struct e1000_rx_desc *d = e1000g_rx_desc(e, i);

		d->buffer_addr = e->dma.bus + e1000g_rx_buf(i);
		d->status = 0;
	}
	e->rx_next = 0;
	e1000g_set_ring(e, E1000_RDBAL, E1000G_RX_RING_OFS,
			E1000G_RX_DESCS * sizeof(struct e1000_rx_desc));
	e1000g_write(e, E1000_RDH, 0);
	e1000g_write(e, E1000_RDT, 0);
	e1000g_write(e, E1000_RDTR, 0);
	e1000g_write(e, E1000_RCTL, E1000_RCTL_EN | E1000_RCTL_BAM |
		     E1000_RCTL_SECRC | E1000_RCTL_BSIZE_2048 |
		     E1000_RCTL_RDMTS_HALF);
}

/** Program the empty transmit ring and start the transmitter */
static void e1000g_start_tx(struct e1000g *e)
{
	e->tx_prod = 0;
	e->tx_cons = 0;
	e1000g_set_ring(e, E1000_TDBAL, E1000G_TX_RING_OFS,
			E1000G_TX_DESCS * sizeof(struct e1000_tx_desc));
	e1000g_write(e, E1000_TDH, 0);
	e1000g_write(e, E1000_TDT, 0);
	e1000g_write(e, E1000_TIPG, E1000_TIPG_IPGT_COPPER |
		     E1000_TIPG_IPGR1_DEFAULT << E1000_TIPG_IPGR1_SHIFT |
		     E1000_TIPG_IPGR2_DEFAULT << E1000_TIPG_IPGR2_SHIFT);
	e1000g_write(e, E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP |
		     E1000_TCTL_CT_DEFAULT << E1000_TCTL_CT_SHIFT |
		     E1000_TCTL_COLD_FD << E1000_TCTL_COLD_SHIFT);
}

/**
 * Allocate the rings, set the filters, start the transmitter and enable
 * the receiver without buffers (see the ring discipline above)
 *
 * @ret rc      0, dma_alloc()'s -error, or -EFAULT (memory not aligned for the rings)
 */
static int e1000g_start(struct e1000g *e)
{
	int rc = dma_alloc(e->pci, &e->dma, E1000G_DMA_LEN);

	if (rc < 0) {
		e->dma.cpu = NULL;
		return rc;
	}
	if (e->dma.bus % E1000_RING_ALIGN) {
		dma_free(e->pci, &e->dma);
		e->dma.cpu = NULL;
		return -EFAULT;
	}
	e1000g_set_filters(e);
	e1000g_start_tx(e);
	e1000g_start_rx(e);
	return 0;
}

/** Start the device unless probe did, then give the receiver its buffers */
static int e1000g_open(struct nic *nic)
{
	struct e1000g *e = nic->priv;
	int rc;

	if (!e->dma.cpu) {
		e1000g_setup_link(e);
		rc = e1000g_start(e);
		if (rc < 0) {
			printf("%s: e1000g: no DMA memory for the rings "
			       "(%u bytes, %u-byte aligned): %s\n", nic->name,
			       (unsigned int)E1000G_DMA_LEN, E1000_RING_ALIGN,
			       errmsg(rc));
			return rc;
		}
	}
	e1000g_barrier();
	e1000g_write(e, E1000_RDT, E1000G_RX_DESCS - 1);
	e1000g_check_link(e);
	return 0;
}

/** Stop receive and transmit, then reset so no DMA continues */
static void e1000g_stop(struct e1000g *e)
{
	e1000g_write(e, E1000_RCTL, 0);
	e1000g_write(e, E1000_TCTL, 0);
	(void)e1000g_read(e, E1000_STATUS);     /* flush the writes */
	e1000g_reset(e);
}

/** Stop the device and free the rings */
static void e1000g_close(struct nic *nic)
{
	struct e1000g *e = nic->priv;

	e1000g_stop(e);
	if (e->dma.cpu) {
		dma_free(e->pci, &e->dma);
		e->dma.cpu = NULL;
	}
	nic->link_up = 0;
}

/** Reclaim transmit descriptors the device has finished with */
static void e1000g_reclaim_tx(struct e1000g *e)
{
	while (e->tx_cons != e->tx_prod) {
		unsigned int i = e->tx_cons % E1000G_TX_DESCS;

		if (!(e1000g_tx_desc(e, i)->status & E1000_TXD_STAT_DD))
			break;
		e->tx_cons++;
	}
}

/** Copy one frame into the next transmit buffer and hand it to the device */
static int e1000g_transmit(struct nic *nic, const void *frame, size_t len)
{
	struct e1000g *e = nic->priv;
	volatile struct e1000_tx_desc *d;
	unsigned int i;

	if (!e->dma.cpu)
		return -ENETDOWN;
	if (len == 0 || len > E1000G_BUF_LEN)
		return -EMSGSIZE;
	e1000g_reclaim_tx(e);
	if (e->tx_prod - e->tx_cons >= E1000G_TX_DESCS - 1)
		return -ENOBUFS;
	i = e->tx_prod % E1000G_TX_DESCS;
	memcpy((uint8_t *)e->dma.cpu + e1000g_tx_buf(i), frame, len);
	d = e1000g_tx_desc(e, i);
	d->buffer_addr = e->dma.bus + e1000g_tx_buf(i);
	d->length = (uint16_t)len;
	d->cso = 0;
	d->cmd = E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS;
	d->status = 0;
	d->css = 0;
	d->special = 0;
	e1000g_barrier();
	e->tx_prod++;
	e1000g_write(e, E1000_TDT, e->tx_prod % E1000G_TX_DESCS);
	return 0;
}

/**
 * Pass up the frames the device has stored and give their descriptors back
 * (a poll() from inside nic_receive() leaves the ring to the outer one)
 */
static void e1000g_poll_rx(struct e1000g *e)
{
	unsigned int last = E1000G_RX_DESCS;

	e->rx_busy = 1;
	for (unsigned int n = 0; n < E1000G_RX_DESCS; n++) {
		unsigned int i = e->rx_next;
		volatile struct e1000_rx_desc *d = e1000g_rx_desc(e, i);
		uint8_t status = d->status;

		if (!(status & E1000_RXD_STAT_DD))
			break;
		e1000g_barrier();
		/* 2048-byte buffers and no LPE: a frame never spans two */
		if ((status & E1000_RXD_STAT_EOP) &&
		    !(d->errors & E1000_RXD_ERR_FRAME) && d->length > 0)
			nic_receive(&e->nic, (uint8_t *)e->dma.cpu +
				    e1000g_rx_buf(i), d->length);
		else
			e->nic.stats.rx_err++;
		d->status = 0;
		d->errors = 0;
		e->rx_next = (i + 1) % E1000G_RX_DESCS;
		last = i;
	}
	if (last != E1000G_RX_DESCS) {
		e1000g_barrier();
		e1000g_write(e, E1000_RDT, last);
	}
	e->rx_busy = 0;
}

/** Reclaim sent descriptors, pass up received frames, refresh the link now and then */
static void e1000g_poll(struct nic *nic)
{
	struct e1000g *e = nic->priv;

	if (!e->dma.cpu)
		return;
	e1000g_reclaim_tx(e);
	if (!e->rx_busy)
		e1000g_poll_rx(e);
	if (++e->polls >= E1000G_LINK_CHECK_POLLS)
		e1000g_check_link(e);
}

static const struct nic_operations e1000g_operations = {
	.open = e1000g_open,
	.close = e1000g_close,
	.transmit = e1000g_transmit,
	.poll = e1000g_poll,
};

/** Chip traits of the 8257x PCIe parts (pci_id.driver_data) */
static const unsigned int e1000g_pcie_traits = E1000G_PCIE;

/**
 * Take the device: reset it, find its MAC address and register its NIC
 *
 * @v pci       PCI function (desc.driver_data: its E1000G_* traits, NULL for none)
 * @v id        matching id entry
 * @ret rc      0 or -error (a line is printed)
 */
static int e1000g_probe(struct pci_device *pci, const struct pci_id *id)
{
	const unsigned int *traits = pci->desc.driver_data;
	struct e1000g *e = calloc(1, sizeof(*e));
	char where[24];
	int rc;

	if (!e) {
		printf("e1000g: %s: out of memory\n",
		       device_text(&pci->desc, where, sizeof(where)));
		return -ENOMEM;
	}
	e->pci = pci;
	e->flags = traits ? *traits : 0;
	e->nic.desc = pci->desc;
	device_text(&pci->desc, e->where, sizeof(e->where));
	pci_enable(pci);
	e1000g_reset(e);
	rc = e1000g_read_mac(e, e->nic.mac);
	if (rc < 0)
		goto err;
	e1000g_setup_link(e);   /* lets autonegotiation settle before open */
	/* the OSes' drivers read the same EEPROM-loaded address */
	e->nic.chip = id->name;
	e->nic.os[NIC_OS_LINUX].driver = e->flags & E1000G_PCIE ? "e1000e" : "e1000";
	e->nic.os[NIC_OS_ILLUMOS].driver = "e1000g";
	memcpy(e->nic.os[NIC_OS_LINUX].mac, e->nic.mac, 6);
	memcpy(e->nic.os[NIC_OS_ILLUMOS].mac, e->nic.mac, 6);
	e->nic.driver = "e1000g";
	e->nic.op = &e1000g_operations;
	e->nic.priv = e;
	e->nic.mtu = 1500;
	e->nic.rx_frames_max = E1000G_RX_DESCS;
	pci->priv = e;
	rc = nic_register(&e->nic);
	if (rc < 0) {
		printf("e1000g: %s: cannot register %s: %s\n",
		       e1000g_where(e), id->name, errmsg(rc));
		pci->priv = NULL;
		goto err;
	}
	(void)e1000g_start(e);  /* else open tries again and says why */
	return 0;
err:
	free(e);
	return rc;
}

/**
 * Quiesce before the OS or the firmware gets the device: stop receive and
 * transmit and reset.  The rings (held from probe on) are freed only on
 * @p release: an ExitBootServices notification may not free memory, and
 * the OS reclaims it anyway.
 */
static void e1000g_remove(struct pci_device *pci, int release)
{
	struct e1000g *e = pci->priv;

	if (!e)
		return;
	e1000g_stop(e);
	if (release && e->dma.cpu)
		dma_free(e->pci, &e->dma);
	e->dma.cpu = NULL;      /* poll and transmit now do nothing */
	e->nic.link_up = 0;
}

/** 8254x copper parts (legacy descriptors, internal PHY), then 8257x PCIe parts */
static const struct pci_id e1000g_ids[] = {
	{ 0x8086, 0x1008, "82544EI", NULL },
	{ 0x8086, 0x100c, "82544GC", NULL },
	{ 0x8086, 0x100e, "82540EM", NULL },
	{ 0x8086, 0x100f, "82545EM", NULL },
	{ 0x8086, 0x1010, "82546EB", NULL },
	{ 0x8086, 0x1013, "82541EI", NULL },
	{ 0x8086, 0x1015, "82540EM-LOM", NULL },
	{ 0x8086, 0x1016, "82540EP-LOM", NULL },
	{ 0x8086, 0x1017, "82540EP", NULL },
	{ 0x8086, 0x1019, "82547EI", NULL },
	{ 0x8086, 0x101e, "82540EP-LP", NULL },
	{ 0x8086, 0x1026, "82545GM", NULL },
	{ 0x8086, 0x1075, "82547GI", NULL },
	{ 0x8086, 0x1076, "82541GI", NULL },
	{ 0x8086, 0x1078, "82541ER", NULL },
	{ 0x8086, 0x1079, "82546GB", NULL },
	{ 0x8086, 0x107c, "82541PI", NULL },
	{ 0x8086, 0x10d3, "82574L", &e1000g_pcie_traits },
	{ 0x8086, 0x10f6, "82574LA", &e1000g_pcie_traits },
};

static const struct pci_driver e1000g_driver = {
	.name = "e1000g",
	.ids = e1000g_ids,
	.nids = ARRAY_SIZE(e1000g_ids),
	.probe = e1000g_probe,
	.remove = e1000g_remove,
};
PCI_DRIVER(e1000g_driver);
