/** @file Register-level model of the Intel e1000 family: registers, EEPROM reads, link, legacy descriptor rings in host memory. */
/*
 * Written from the manuals' description of registers, descriptors and ring
 * ownership: it checks that the driver programs what it should and follows
 * the ring discipline, not that real silicon (or QEMU's e1000/e1000e)
 * accepts it; the QEMU tests do that.  Driver actions the manuals forbid
 * are counted in dev.protocol_errors; DMA outside the driver's memory in
 * dev.dma_faults.
 */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include "../../drivers/net/e1000g_regs.h"
#include "e1000g_model.h"

/** Bytes per receive buffer the driver sets (RCTL.BSIZE = 2048) */
#define E1000G_MODEL_BUF 2048

/** The model behind @p dev */
static struct e1000g_model *e1000g_model_of(struct model_dev *dev)
{
	return (struct e1000g_model *)dev;
}

uint32_t *e1000g_model_reg(struct e1000g_model *m, unsigned int r)
{
	return &m->regs[r / 4];
}

void e1000g_model_reset(struct e1000g_model *m)
{
	memset(m->regs, 0, sizeof(m->regs));
	if (m->autoload) {
		const uint8_t *a = m->ral;

		*e1000g_model_reg(m, E1000_RAL0) = a[0] | a[1] << 8 |
			a[2] << 16 | (uint32_t)a[3] << 24;
		*e1000g_model_reg(m, E1000_RAH0) = a[4] | a[5] << 8 | E1000_RAH_AV;
	}
	if (m->pcie)
		*e1000g_model_reg(m, E1000_EECD) = E1000_EECD_PRES |
			E1000_EECD_AUTO_RD;
	m->resets++;
}

/** EERD write: complete a read at once, in the chip's layout */
static void e1000g_model_eerd(struct e1000g_model *m, uint32_t v)
{
	unsigned int addr;

	if (!(v & E1000_EERD_START))
		return;
	switch (m->eerd) {
	case E1000G_EERD_SMALL:
		addr = (v >> E1000_EERD_ADDR_SHIFT_SMALL) & 0xff;
		*e1000g_model_reg(m, E1000_EERD) =
			(uint32_t)m->eeprom[addr % 64] << 16 | addr << 8 |
			E1000_EERD_DONE_SMALL;
		break;
	case E1000G_EERD_LARGE:
		addr = (v >> E1000_EERD_ADDR_SHIFT_LARGE) & 0x3fff;
		*e1000g_model_reg(m, E1000_EERD) =
			(uint32_t)m->eeprom[addr % 64] << 16 | addr << 2 |
			E1000_EERD_DONE_LARGE;
		break;
	case E1000G_EERD_NONE:
		*e1000g_model_reg(m, E1000_EERD) = 0;
		break;
	}
}

/** Descriptor count of the ring whose length register is @p len_reg */
static unsigned int e1000g_model_count(struct e1000g_model *m,
				       unsigned int len_reg)
{
	return *e1000g_model_reg(m, len_reg) / 16;
}

uint64_t e1000g_model_ring_base(struct e1000g_model *m, unsigned int bal)
{
	return *e1000g_model_reg(m, bal) |
		(uint64_t)*e1000g_model_reg(m, bal + 4) << 32;
}

void e1000g_model_tx(struct e1000g_model *m)
{
	unsigned int n = e1000g_model_count(m, E1000_TDLEN);
	uint32_t *tdh = e1000g_model_reg(m, E1000_TDH);

	if (!(*e1000g_model_reg(m, E1000_TCTL) & E1000_TCTL_EN) || m->tx_stalled)
		return;
	if (n == 0) {
		model_error(&m->dev, "transmit enabled with TDLEN 0");
		return;
	}
	while (*tdh != *e1000g_model_reg(m, E1000_TDT)) {
		struct e1000_tx_desc *d = model_dma(&m->dev,
			e1000g_model_ring_base(m, E1000_TDBAL) + *tdh * 16, 16);
		void *buf;

		if (!d)
			return;
		if (!(d->cmd & E1000_TXD_CMD_EOP))
			model_error(&m->dev, "transmit descriptor %u without EOP", *tdh);
		buf = model_dma(&m->dev, d->buffer_addr, d->length);
		if (buf && m->dev.wire_send)
			m->dev.wire_send(&m->dev, buf, d->length);
		if (d->cmd & E1000_TXD_CMD_RS)
			d->status |= E1000_TXD_STAT_DD;
		*tdh = (*tdh + 1) % n;
	}
}

/** Nonzero if the receive filter takes a frame for @p dst */
static int e1000g_model_accepts(struct e1000g_model *m, const uint8_t *dst)
{
	uint32_t rctl = *e1000g_model_reg(m, E1000_RCTL);
	uint32_t ral = *e1000g_model_reg(m, E1000_RAL0);
	uint32_t rah = *e1000g_model_reg(m, E1000_RAH0);
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (memcmp(dst, bcast, 6) == 0)
		return !!(rctl & E1000_RCTL_BAM);
	if (dst[0] & 0x01)
		return 1;       /* MTA hashing is not modelled: multicast passes */
	if (rctl & E1000_RCTL_UPE)
		return 1;
	return (rah & E1000_RAH_AV) &&
	       dst[0] == (uint8_t)ral && dst[1] == (uint8_t)(ral >> 8) &&
	       dst[2] == (uint8_t)(ral >> 16) && dst[3] == (uint8_t)(ral >> 24) &&
	       dst[4] == (uint8_t)rah && dst[5] == (uint8_t)(rah >> 8);
}

int e1000g_model_rx(struct e1000g_model *m, const void *frame, size_t len,
		    uint8_t errors)
{
	unsigned int n = e1000g_model_count(m, E1000_RDLEN);
	uint32_t *rdh = e1000g_model_reg(m, E1000_RDH);
	struct e1000_rx_desc *d;
	uint8_t *buf;

	if (!(*e1000g_model_reg(m, E1000_RCTL) & E1000_RCTL_EN) || n == 0 ||
	    *rdh == *e1000g_model_reg(m, E1000_RDT) || len < 14 ||
	    len + 4 > E1000G_MODEL_BUF || !e1000g_model_accepts(m, frame))
		return 0;
	d = model_dma(&m->dev, e1000g_model_ring_base(m, E1000_RDBAL) + *rdh * 16,
		      16);
	if (!d)
		return 0;
	if (d->status != 0)
		model_error(&m->dev, "receive descriptor %u handed back with status %#x",
			    *rdh, d->status);
	buf = model_dma(&m->dev, d->buffer_addr, E1000G_MODEL_BUF);
	if (!buf)
		return 0;
	memcpy(buf, frame, len);
	d->length = (uint16_t)len;
	if (!(*e1000g_model_reg(m, E1000_RCTL) & E1000_RCTL_SECRC)) {
		memset(buf + len, 0xcc, 4);     /* a CRC the driver must not pass up */
		d->length += 4;
	}
	d->errors = errors;
	d->status = E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP;
	*rdh = (*rdh + 1) % n;
	return 1;
}

/** Register read, with ICR clear-on-read and a computed STATUS */
static uint32_t e1000g_model_read(struct model_dev *dev, unsigned int offset)
{
	struct e1000g_model *m = e1000g_model_of(dev);
	uint32_t v;

	if (offset >= E1000G_MODEL_BAR_LEN || offset % 4) {
		model_error(dev, "read of register %#x", offset);
		return 0xffffffff;
	}
	v = *e1000g_model_reg(m, offset);
	switch (offset) {
	case E1000_ICR:
		*e1000g_model_reg(m, offset) = 0;
		break;
	case E1000_STATUS:
		if (m->link && (*e1000g_model_reg(m, E1000_CTRL) & E1000_CTRL_SLU))
			v |= E1000_STATUS_LU | E1000_STATUS_FD;
		if (m->pcie && !(*e1000g_model_reg(m, E1000_CTRL) &
				 E1000_CTRL_GIO_MASTER_DISABLE))
			v |= E1000_STATUS_GIO_MASTER_EN;
		break;
	}
	return v;
}

/** Register write, logged; CTRL.RST, EERD, IMC/IMS, TDT and RDT act */
static void e1000g_model_write(struct model_dev *dev, unsigned int offset,
			       uint32_t value)
{
	struct e1000g_model *m = e1000g_model_of(dev);

	if (offset >= E1000G_MODEL_BAR_LEN || offset % 4) {
		model_error(dev, "write of register %#x", offset);
		return;
	}
	if (m->nlog < E1000G_MODEL_LOG) {
		m->log_reg[m->nlog] = offset;
		m->log_val[m->nlog++] = value;
	}
	switch (offset) {
	case E1000_CTRL:
		if (value & E1000_CTRL_RST) {
			/* bus mastering must be off first on PCIe parts */
			if (m->pcie && !(*e1000g_model_reg(m, E1000_CTRL) &
					 E1000_CTRL_GIO_MASTER_DISABLE))
				model_error(dev, "PCIe reset with bus mastering on");
			e1000g_model_reset(m);
			return;
		}
		break;
	case E1000_EERD:
		e1000g_model_eerd(m, value);
		return;
	case E1000_IMC:
		*e1000g_model_reg(m, E1000_IMS) &= ~value;
		return;
	case E1000_IMS:
		*e1000g_model_reg(m, E1000_IMS) |= value;
		return;
	case E1000_TDT:
		if (value >= e1000g_model_count(m, E1000_TDLEN) && value != 0)
			model_error(dev, "TDT %u past the ring", value);
		*e1000g_model_reg(m, offset) = value;
		e1000g_model_tx(m);
		return;
	case E1000_RDT:
		if (value >= e1000g_model_count(m, E1000_RDLEN) && value != 0)
			model_error(dev, "RDT %u past the ring", value);
		break;
	}
	*e1000g_model_reg(m, offset) = value;
}

/** A frame from the wire */
static int e1000g_model_receive(struct model_dev *dev, const void *frame,
				size_t len)
{
	return e1000g_model_rx(e1000g_model_of(dev), frame, len, 0);
}

/** Free the model */
static void e1000g_model_free(struct model_dev *dev)
{
	free(e1000g_model_of(dev));
}

static const struct model_ops e1000g_model_ops = {
	.read32 = e1000g_model_read,
	.write32 = e1000g_model_write,
	.receive = e1000g_model_receive,
	.free = e1000g_model_free,
};

struct e1000g_model *e1000g_model_new(uint16_t device, int pcie,
				      const uint8_t *mac)
{
	struct e1000g_model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->dev.op = &e1000g_model_ops;
	m->dev.vendor = 0x8086;
	m->dev.device = device;
	m->pcie = pcie;
	m->eerd = E1000G_EERD_SMALL;
	for (unsigned int i = 0; i < 3; i++)
		m->eeprom[i] = mac[2 * i] | (uint16_t)mac[2 * i + 1] << 8;
	memcpy(m->ral, mac, 6);
	m->autoload = 1;
	m->link = 1;
	e1000g_model_reset(m);
	m->resets = 0;
	return m;
}
