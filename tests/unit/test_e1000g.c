/** @file Unit tests for the e1000g driver (drivers/net/e1000g.c) against the e1000 model (tests/model/e1000g_model.c). */
/*
 * The model is written from the manuals' description of registers,
 * descriptors and ring ownership: it checks that the driver programs what
 * it should and follows the ring discipline, not that real silicon (or
 * QEMU's e1000/e1000e) accepts it.  The QEMU tests do that.
 *
 * The driver, the PCI matcher and the model come in through
 * driver_harness.h, which diverts the driver's calls into the core to
 * recorders.
 */
#define HARNESS_DRIVER "../../drivers/net/e1000g.c"
#define HARNESS_PRIV struct e1000g
#define HARNESS_BUF_LEN E1000G_BUF_LEN
#define HARNESS_FRAMES (2 * E1000G_RX_DESCS)  /* the wrap test: more than a ring */
#include "driver_harness.h"
#include "../model/e1000g_model.c"

/** EERD layouts, as the tests name them */
#define EERD_NONE E1000G_EERD_NONE
#define EERD_SMALL E1000G_EERD_SMALL
#define EERD_LARGE E1000G_EERD_LARGE

/** The modelled device */
static struct e1000g_model *fake;

/** An Ethernet address used by the tests */
static const uint8_t test_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

/* --- Helpers -------------------------------------------------------------- */

/** Register @p r of the model */
static uint32_t *reg(unsigned int r)
{
	return e1000g_model_reg(fake, r);
}

/** Base address of the ring at @p bal / @p bal + 4 */
static uint64_t ring_base(unsigned int bal)
{
	return e1000g_model_ring_base(fake, bal);
}

/** Host memory behind bus range [@p bus, @p bus + @p len); fails the test if none */
static void *bus_to_cpu(uint64_t bus, size_t len)
{
	void *p = model_dma(&fake->dev, bus, len);

	assert_non_null(p);
	return p;
}

/** Put @p mac in EEPROM words 0..2 */
static void eeprom_set_mac(const uint8_t *mac)
{
	for (unsigned int i = 0; i < 3; i++)
		fake->eeprom[i] = mac[2 * i] | (uint16_t)mac[2 * i + 1] << 8;
}

/** Index of the first logged write to @p r with (value & mask) == want after @p from; -1 if none */
static int log_find(unsigned int from, unsigned int r, uint32_t mask,
		    uint32_t want)
{
	for (unsigned int i = from; i < fake->nlog; i++)
		if (fake->log_reg[i] == r && (fake->log_val[i] & mask) == want)
			return (int)i;
	return -1;
}

/** Probe device @p device_id as PCI 00:03.@p fn; returns the probe's rc */
static int probe_fn(uint16_t device_id, uint8_t fn)
{
	harness_pci(&fake->dev, 3, fn, 0x8086, device_id);
	return harness_probe();
}

/** Probe @p device_id, which must succeed, and return its NIC */
static struct nic *probe(uint16_t device_id)
{
	struct e1000g *e;

	assert_int_equal(probe_fn(device_id, 0), 0);
	e = test_pci.priv;
	assert_non_null(e);
	return &e->nic;
}

/** Probe and open an 82540EM with link, the model's transmit running */
static struct nic *probe_open(uint16_t device_id)
{
	struct nic *nic = probe(device_id);

	assert_int_equal(nic->op->open(nic), 0);
	nic->is_open = 1;
	return nic;
}

/** A test frame of @p len bytes whose contents depend on @p seq */
static void make_frame(uint8_t *frame, size_t len, unsigned int seq)
{
	memset(frame, 0xff, 6);
	memcpy(frame + 6, test_mac, 6);
	for (size_t i = 12; i < len; i++)
		frame[i] = (uint8_t)(seq * 7 + i);
}

/** A fresh model (82540EM-like, EEPROM and RAL0 holding test_mac, link up) */
static int setup(void **state)
{
	harness_reset(0x512340000ULL);
	fake = e1000g_model_new(0x100e, 0, test_mac);
	assert_non_null(fake);
	return 0;
}

/** Close the NIC if open and free the driver's state and the model; no leak, no bad DMA, no forbidden action */
static int teardown(void **state)
{
	harness_teardown(&fake->dev);
	fake = NULL;
	return 0;
}

/* --- Tests ---------------------------------------------------------------- */

/** The id table matches QEMU's e1000 and e1000e and nothing foreign */
static void test_ids(void **state)
{
	const struct pci_id *id;
	const struct pci_driver *drv;

	drv = pci_find_driver(0x8086, 0x100e, &id);
	assert_non_null(drv);
	assert_string_equal(drv->name, "e1000g");
	assert_string_equal(id->name, "82540EM");
	assert_ptr_equal(drv->probe, e1000g_probe);
	assert_null(id->driver_data);
	drv = pci_find_driver(0x8086, 0x10d3, &id);
	assert_non_null(drv);
	assert_string_equal(id->name, "82574L");
	assert_ptr_equal(drv->probe, e1000g_probe);
	assert_ptr_equal(id->driver_data, &e1000g_pcie_traits);
	assert_non_null(pci_find_driver(0x8086, 0x100f, &id));
	assert_null(pci_find_driver(0x8086, 0x1234, &id));
	assert_null(pci_find_driver(0x10ec, 0x100e, &id));
}

/** probe: enable, reset, interrupts masked, MAC from RAL0/RAH0, NIC described */
static void test_probe_ral(void **state)
{
	static const uint8_t other[6] = { 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc };
	struct nic *nic;

	/* RAL0 differs from the EEPROM: RAL0 must win */
	memcpy(fake->ral, other, 6);
	fake->eerd = EERD_NONE;
	fake->autoload = 1;
	*reg(E1000_IMS) = 0xffff;
	nic = probe(0x100e);
	assert_true(fake->dev.enabled);
	assert_int_equal(fake->resets, 1);
	assert_int_equal(*reg(E1000_IMS), 0);
	assert_true(log_find(0, E1000_IMC, ~0u, E1000_IMC_ALL) >= 0);
	assert_memory_equal(nic->mac, other, 6);
	assert_string_equal(nic->driver, "e1000g");
	assert_int_equal(nic->desc.bus_type, DEVICE_BUS_PCI);
	assert_int_equal(nic->desc.segment, 0);
	assert_int_equal(nic->desc.bus, 0);
	assert_int_equal(nic->desc.dev, 3);
	assert_int_equal(nic->desc.fn, 0);
	assert_int_equal(nic->desc.vendor, 0x8086);
	assert_int_equal(nic->desc.device, 0x100e);
	assert_int_equal(device_pci_busdevfn(&nic->desc), 0x18);
	assert_int_equal(strncmp(nic->name, "net", 3), 0);    /* registered */
	assert_int_equal(nic->mtu, 1500);
	assert_non_null(nic->op);
	/* no EEPROM access was needed */
	assert_int_equal(log_find(0, E1000_EERD, 0, 0), -1);
	/* SLU set at probe so the link can come up before open */
	assert_true(*reg(E1000_CTRL) & E1000_CTRL_SLU);
}

/** probe: RAL0 not valid, MAC from the EEPROM, 8254x EERD layout */
static void test_probe_eeprom_small(void **state)
{
	struct nic *nic;
	int i;

	fake->autoload = 0;
	fake->eerd = EERD_SMALL;
	e1000g_model_reset(fake);
	nic = probe(0x100e);
	assert_memory_equal(nic->mac, test_mac, 6);
	/* word 2 was asked for with the address in bits 15:8 */
	i = log_find(0, E1000_EERD, ~0u, 2u << 8 | E1000_EERD_START);
	assert_true(i >= 0);
}

/** probe: MAC from the EEPROM with the 82574 (and 82541/7) EERD layout */
static void test_probe_eeprom_large(void **state)
{
	struct nic *nic;

	fake->autoload = 0;
	fake->eerd = EERD_LARGE;
	fake->pcie = 1;
	e1000g_model_reset(fake);
	nic = probe(0x10d3);
	assert_memory_equal(nic->mac, test_mac, 6);
	assert_true(log_find(0, E1000_EERD, ~0u,
			     2u << 2 | E1000_EERD_START) >= 0);
	assert_int_equal(log_find(0, E1000_EERD, ~0u,
				  2u << 8 | E1000_EERD_START), -1);
}

/** probe: the second port of a dual-port part flips bit 0 of the last byte */
static void test_probe_eeprom_second_port(void **state)
{
	struct e1000g *e;

	fake->autoload = 0;
	e1000g_model_reset(fake);
	assert_int_equal(probe_fn(0x1079, 1), 0);
	e = test_pci.priv;
	assert_int_equal(e->nic.mac[5], test_mac[5] ^ 1);
	assert_memory_equal(e->nic.mac, test_mac, 5);
	assert_int_equal(device_pci_busdevfn(&e->nic.desc), 0x19);
}

/** probe: no valid RAL0 and an EEPROM that never answers: one line, an error, no hang */
static void test_probe_no_mac(void **state)
{
	unsigned int before = registered;

	fake->autoload = 0;
	fake->eerd = EERD_NONE;
	e1000g_model_reset(fake);
	assert_int_equal(probe_fn(0x100e, 0), -ETIMEDOUT);
	assert_null(test_pci.priv);
	assert_int_equal(registered, before);
	assert_non_null(strstr(stub_console_output(),
			       "e1000g: PCI 00:03.0: no valid address in RAL0 "
			       "and cannot read the EEPROM ("));
	/* bounded: reset delay plus the EERD limit, not forever */
	assert_true(model_udelay_us <= 200000);
}

/** probe: an EEPROM holding a multicast address is refused */
static void test_probe_bad_eeprom_mac(void **state)
{
	static const uint8_t bad[6] = { 0x01, 0, 0x5e, 0, 0, 1 };

	fake->autoload = 0;
	eeprom_set_mac(bad);
	e1000g_model_reset(fake);
	assert_int_equal(probe_fn(0x100e, 0), -EINVAL);
	assert_non_null(strstr(stub_console_output(),
			       "EEPROM holds no valid MAC address"));
}

/** PCIe parts stop bus mastering before reset; 8254x parts never touch that bit */
static void test_reset_pcie(void **state)
{
	int gio, rst;

	fake->pcie = 1;
	e1000g_model_reset(fake);
	probe(0x10d3);
	gio = log_find(0, E1000_CTRL, E1000_CTRL_GIO_MASTER_DISABLE,
		       E1000_CTRL_GIO_MASTER_DISABLE);
	rst = log_find(0, E1000_CTRL, E1000_CTRL_RST, E1000_CTRL_RST);
	assert_true(gio >= 0 && rst > gio);
	/* and mastering is allowed again once the link is set up */
	assert_false(*reg(E1000_CTRL) & E1000_CTRL_GIO_MASTER_DISABLE);
	teardown(state);
	setup(state);
	probe(0x100e);
	assert_int_equal(log_find(0, E1000_CTRL, E1000_CTRL_GIO_MASTER_DISABLE,
				  E1000_CTRL_GIO_MASTER_DISABLE), -1);
}

/**
 * probe: rings, buffers, RCTL, TCTL, TIPG and filters programmed, but the
 * device owns no receive buffer; open hands them over without another
 * RCTL write (QEMU's model holds frames back for a second after each)
 */
static void test_open(void **state)
{
	struct nic *nic = probe(0x100e);
	unsigned int from = fake->nlog;
	uint8_t frame[60];
	uint64_t rx, tx;
	uint32_t rctl, tctl;

	assert_int_equal(model_dma_live(), 1);
	assert_true(*reg(E1000_RCTL) & E1000_RCTL_EN);
	assert_int_equal(*reg(E1000_RDT), 0);
	make_frame(frame, sizeof(frame), 1);
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 0);
	assert_int_equal(nic->op->open(nic), 0);
	nic->is_open = 1;
	assert_int_equal(log_find(from, E1000_RCTL, 0, 0), -1);
	assert_int_equal(model_dma_live(), 1);
	rx = ring_base(E1000_RDBAL);
	tx = ring_base(E1000_TDBAL);
	assert_true(rx >> 32 != 0);                 /* high half programmed */
	assert_int_equal(rx % 128, 0);
	assert_int_equal(tx % 128, 0);
	assert_int_equal(*reg(E1000_RDLEN), E1000G_RX_DESCS * 16);
	assert_int_equal(*reg(E1000_TDLEN), E1000G_TX_DESCS * 16);
	assert_int_equal(*reg(E1000_RDLEN) % 128, 0);
	assert_int_equal(*reg(E1000_TDLEN) % 128, 0);
	assert_int_equal(*reg(E1000_RDH), 0);
	assert_int_equal(*reg(E1000_RDT), E1000G_RX_DESCS - 1);
	assert_int_equal(*reg(E1000_TDH), 0);
	assert_int_equal(*reg(E1000_TDT), 0);
	/* every receive descriptor has its own 2048-byte buffer in DMA memory */
	for (unsigned int i = 0; i < E1000G_RX_DESCS; i++) {
		struct e1000_rx_desc *d = bus_to_cpu(rx + 16 * i, 16);

		assert_non_null(bus_to_cpu(d->buffer_addr, E1000G_BUF_LEN));
		assert_int_equal(d->status, 0);
		for (unsigned int j = 0; j < i; j++) {
			struct e1000_rx_desc *o = bus_to_cpu(rx + 16 * j, 16);

			assert_true(o->buffer_addr + E1000G_BUF_LEN <=
				    d->buffer_addr ||
				    d->buffer_addr + E1000G_BUF_LEN <=
				    o->buffer_addr);
		}
	}
	rctl = *reg(E1000_RCTL);
	assert_true(rctl & E1000_RCTL_EN);
	assert_true(rctl & E1000_RCTL_BAM);
	assert_true(rctl & E1000_RCTL_SECRC);
	assert_int_equal(rctl & (E1000_RCTL_BSIZE_MASK | E1000_RCTL_BSEX), 0);
	assert_int_equal(rctl & (E1000_RCTL_UPE | E1000_RCTL_MPE |
				 E1000_RCTL_LPE | E1000_RCTL_LBM_MASK |
				 E1000_RCTL_SBP), 0);
	tctl = *reg(E1000_TCTL);
	assert_true(tctl & E1000_TCTL_EN);
	assert_true(tctl & E1000_TCTL_PSP);
	assert_int_equal((tctl >> 4) & 0xff, 0x0f);
	assert_int_equal((tctl >> 12) & 0x3ff, 0x3f);
	assert_int_equal(*reg(E1000_TIPG), 8 | 8 << 10 | 6 << 20);
	assert_int_equal(*reg(E1000_RAL0), 0x12005452);
	assert_int_equal(*reg(E1000_RAH0), 0x5634 | E1000_RAH_AV);
	assert_true(log_find(0, E1000_MTA + 4 * 5, ~0u, 0) >= 0);
	assert_true(*reg(E1000_CTRL) & E1000_CTRL_SLU);
	assert_false(*reg(E1000_CTRL) & (E1000_CTRL_LRST | E1000_CTRL_FRCSPD |
					 E1000_CTRL_FRCDPLX | E1000_CTRL_PHY_RST));
	assert_int_equal(nic->link_up, 1);
	/* RCTL.EN only after the ring registers */
	assert_true(log_find(0, E1000_RCTL, E1000_RCTL_EN, E1000_RCTL_EN) >
		    log_find(0, E1000_RDLEN, 0, 0));
	/* and now the device takes a frame */
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 1);
}

/** DMA memory the rings cannot use: probe goes on, open refuses in one line */
static void test_open_bad_dma(void **state)
{
	struct nic *nic;

	model_set_bus_base(0x512340040ULL);     /* not 128-byte aligned */
	nic = probe(0x100e);
	assert_int_equal(model_dma_live(), 0);
	stub_console_reset();
	assert_int_equal(nic->op->open(nic), -EFAULT);
	assert_non_null(strstr(stub_console_output(), "no DMA memory for the rings"));
	assert_int_equal(stub_console_lines(), 1);
	assert_int_equal(model_dma_live(), 0);
}

/** open without a link reports link down; the link is read again while polling */
static void test_link(void **state)
{
	struct nic *nic;

	fake->link = 0;
	nic = probe_open(0x100e);
	assert_int_equal(nic->link_up, 0);
	fake->link = 1;
	for (int i = 0; i < E1000G_LINK_CHECK_POLLS; i++)
		nic->op->poll(nic);
	assert_int_equal(nic->link_up, 1);
	fake->link = 0;
	for (int i = 0; i < E1000G_LINK_CHECK_POLLS; i++)
		nic->op->poll(nic);
	assert_int_equal(nic->link_up, 0);
}

/** transmit: a descriptor with the frame, EOP|IFCS|RS, TDT moved on */
static void test_transmit(void **state)
{
	struct nic *nic;
	struct e1000_tx_desc *d;
	uint8_t frame[60];

	fake->tx_stalled = 1;    /* look at the descriptor before the device does */
	nic = probe_open(0x100e);
	make_frame(frame, sizeof(frame), 1);
	assert_int_equal(nic->op->transmit(nic, frame, sizeof(frame)), 0);
	assert_int_equal(*reg(E1000_TDT), 1);
	d = bus_to_cpu(ring_base(E1000_TDBAL), 16);
	assert_int_equal(d->length, sizeof(frame));
	assert_int_equal(d->cmd, E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS |
			 E1000_TXD_CMD_RS);
	assert_int_equal(d->status, 0);
	assert_memory_equal(bus_to_cpu(d->buffer_addr, sizeof(frame)), frame,
			    sizeof(frame));
	/* the device sends it */
	fake->tx_stalled = 0;
	e1000g_model_tx(fake);
	assert_int_equal(wire.n, 1);
	assert_int_equal(wire.len[0], sizeof(frame));
	assert_memory_equal(wire.data[0], frame, sizeof(frame));
	/* too long, and empty, are refused */
	assert_int_equal(nic->op->transmit(nic, frame, E1000G_BUF_LEN + 1),
			 -EMSGSIZE);
	assert_int_equal(nic->op->transmit(nic, frame, 0), -EMSGSIZE);
}

/** transmit: N-1 frames fill the ring, then -ENOBUFS until the device finishes one */
static void test_transmit_full(void **state)
{
	struct nic *nic;
	uint8_t frame[100];

	fake->tx_stalled = 1;
	nic = probe_open(0x100e);
	for (unsigned int i = 0; i < E1000G_TX_DESCS - 1; i++) {
		make_frame(frame, sizeof(frame), i);
		assert_int_equal(nic->op->transmit(nic, frame, sizeof(frame)), 0);
	}
	assert_int_equal(*reg(E1000_TDT), E1000G_TX_DESCS - 1);
	assert_int_equal(nic->op->transmit(nic, frame, sizeof(frame)), -ENOBUFS);
	assert_int_equal(*reg(E1000_TDT), E1000G_TX_DESCS - 1);
	/* the device catches up; poll reclaims; there is room again */
	fake->tx_stalled = 0;
	e1000g_model_tx(fake);
	nic->op->poll(nic);
	make_frame(frame, sizeof(frame), 99);
	assert_int_equal(nic->op->transmit(nic, frame, sizeof(frame)), 0);
	assert_int_equal(*reg(E1000_TDT), 0);       /* wrapped */
	assert_int_equal(wire.n, E1000G_TX_DESCS);
	assert_memory_equal(wire.data[E1000G_TX_DESCS - 1], frame, sizeof(frame));
}

/** transmit: many times round the ring, every frame intact and in order */
static void test_transmit_wrap(void **state)
{
	struct nic *nic = probe_open(0x100e);
	uint8_t frame[1514];

	for (unsigned int i = 0; i < 5 * E1000G_TX_DESCS + 3; i++) {
		size_t len = 60 + (i * 97) % (sizeof(frame) - 60);

		make_frame(frame, len, i);
		assert_int_equal(nic->op->transmit(nic, frame, len), 0);
		assert_int_equal(wire.n, i + 1);
		assert_int_equal(wire.len[i], len);
		assert_memory_equal(wire.data[i], frame, len);
	}
	assert_int_equal(*reg(E1000_TDT), 3);
	assert_int_equal(*reg(E1000_TDH), 3);
}

/** poll: a frame the device stored is passed up and its descriptor given back */
static void test_receive(void **state)
{
	struct nic *nic = probe_open(0x100e);
	struct e1000_rx_desc *d;
	uint8_t frame[342];

	nic->op->poll(nic);
	assert_int_equal(got.n, 0);
	make_frame(frame, sizeof(frame), 5);
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 1);
	nic->op->poll(nic);
	assert_int_equal(got.n, 1);
	assert_int_equal(got.len[0], sizeof(frame));   /* CRC stripped by SECRC */
	assert_memory_equal(got.data[0], frame, sizeof(frame));
	d = bus_to_cpu(ring_base(E1000_RDBAL), 16);
	assert_int_equal(d->status, 0);
	assert_int_equal(*reg(E1000_RDT), 0);
	/* nothing new: nothing passed up, RDT unchanged */
	nic->op->poll(nic);
	assert_int_equal(got.n, 1);
	assert_int_equal(*reg(E1000_RDT), 0);
}

/** poll: the receive ring wraps many times; a full ring drains and refills */
static void test_receive_wrap(void **state)
{
	struct nic *nic = probe_open(0x100e);
	uint8_t frame[1514];
	unsigned int sent = 0;

	/* fill: the device can use N-1 descriptors, then it has none */
	for (unsigned int i = 0; i < E1000G_RX_DESCS - 1; i++) {
		make_frame(frame, 64 + i, sent++);
		assert_int_equal(e1000g_model_rx(fake, frame, 64 + i, 0), 1);
	}
	assert_int_equal(e1000g_model_rx(fake, frame, 64, 0), 0);
	nic->op->poll(nic);
	assert_int_equal(got.n, E1000G_RX_DESCS - 1);
	/* then 7 rounds in uneven batches */
	for (unsigned int round = 0; round < 7 * E1000G_RX_DESCS / 5; round++) {
		for (unsigned int k = 0; k < 5; k++) {
			size_t len = 60 + (sent * 131) % (sizeof(frame) - 60);

			make_frame(frame, len, sent++);
			assert_int_equal(e1000g_model_rx(fake, frame, len, 0), 1);
		}
		nic->op->poll(nic);
	}
	assert_int_equal(got.n, sent);
	for (unsigned int i = E1000G_RX_DESCS - 1; i < sent && i < HARNESS_FRAMES;
	     i++) {
		size_t len = 60 + (i * 131) % (sizeof(frame) - 60);

		make_frame(frame, len, i);
		assert_int_equal(got.len[i], len);
		assert_memory_equal(got.data[i], frame, len);
	}
	assert_int_equal(*reg(E1000_RDT),
			 (*reg(E1000_RDH) + E1000G_RX_DESCS - 1) % E1000G_RX_DESCS);
}

/** poll: a frame with a CRC error is dropped and counted; the next one arrives */
static void test_receive_error(void **state)
{
	struct nic *nic = probe_open(0x100e);
	uint8_t frame[80];

	make_frame(frame, sizeof(frame), 1);
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), E1000_RXD_ERR_CE), 1);
	make_frame(frame, sizeof(frame), 2);
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 1);
	nic->op->poll(nic);
	assert_int_equal(got.n, 1);
	assert_memory_equal(got.data[0], frame, sizeof(frame));
	assert_int_equal(nic->stats.rx_err, 1);
	assert_int_equal(nic->stats.rx_ok, 0);      /* the core counts those */
	assert_int_equal(*reg(E1000_RDT), 1);
}

/** Answer each received frame with a transmit, and poll again (as lwIP may) */
static void reply_and_poll(struct nic *nic)
{
	uint8_t reply[64];

	make_frame(reply, sizeof(reply), 1000 + got.n);
	assert_int_equal(nic->op->transmit(nic, reply, sizeof(reply)), 0);
	nic->op->poll(nic);
}

/** transmit and poll from inside nic_receive() keep both rings consistent */
static void test_reentry(void **state)
{
	struct nic *nic = probe_open(0x100e);
	uint8_t frame[100];

	for (unsigned int i = 0; i < 10; i++) {
		make_frame(frame, sizeof(frame), i);
		assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 1);
	}
	on_receive = reply_and_poll;
	nic->op->poll(nic);
	on_receive = NULL;
	assert_int_equal(got.n, 10);
	assert_int_equal(wire.n, 10);
	for (unsigned int i = 0; i < 10; i++) {
		make_frame(frame, sizeof(frame), i);
		assert_memory_equal(got.data[i], frame, sizeof(frame));
	}
	assert_int_equal(*reg(E1000_RDT), 9);
	/* the ring still works afterwards */
	make_frame(frame, sizeof(frame), 77);
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 1);
	nic->op->poll(nic);
	assert_int_equal(got.n, 11);
	assert_memory_equal(got.data[10], frame, sizeof(frame));
}

/** close: RCTL and TCTL cleared, then a reset; rings freed; reopen works */
static void test_close(void **state)
{
	struct nic *nic = probe_open(0x100e);
	unsigned int from = fake->nlog;
	int rctl, tctl, rst;
	uint8_t frame[60];

	nic->op->close(nic);
	nic->is_open = 0;
	rctl = log_find(from, E1000_RCTL, ~0u, 0);
	tctl = log_find(from, E1000_TCTL, ~0u, 0);
	rst = log_find(from, E1000_CTRL, E1000_CTRL_RST, E1000_CTRL_RST);
	assert_true(rctl >= 0 && tctl >= 0 && rst > rctl && rst > tctl);
	assert_int_equal(*reg(E1000_RCTL), 0);
	assert_int_equal(*reg(E1000_TCTL), 0);
	assert_int_equal(model_dma_live(), 0);
	assert_int_equal(nic->link_up, 0);
	/* the device takes nothing now; the driver refuses to send */
	make_frame(frame, sizeof(frame), 1);
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 0);
	assert_int_equal(nic->op->transmit(nic, frame, sizeof(frame)), -ENETDOWN);
	nic->op->poll(nic);
	/* open again from scratch */
	assert_int_equal(nic->op->open(nic), 0);
	nic->is_open = 1;
	assert_int_equal(*reg(E1000_RDT), E1000G_RX_DESCS - 1);
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 1);
	nic->op->poll(nic);
	assert_int_equal(got.n, 1);
}

/** remove (OS hand-over): receive and transmit stopped and the device reset */
static void test_remove(void **state)
{
	struct nic *nic = probe_open(0x10d3);
	const struct pci_driver *drv;
	const struct pci_id *id;
	unsigned int from = fake->nlog;
	struct e1000g *e = test_pci.priv;
	struct dma_buffer rings = e->dma;
	uint8_t frame[60];

	drv = pci_find_driver(0x8086, 0x10d3, &id);
	drv->remove(&test_pci, 0);
	assert_true(log_find(from, E1000_RCTL, ~0u, 0) >= 0);
	assert_true(log_find(from, E1000_TCTL, ~0u, 0) >= 0);
	assert_true(log_find(from, E1000_CTRL, E1000_CTRL_RST,
			     E1000_CTRL_RST) >= 0);
	assert_int_equal(*reg(E1000_RCTL), 0);
	assert_int_equal(*reg(E1000_TCTL), 0);
	make_frame(frame, sizeof(frame), 1);
	assert_int_equal(e1000g_model_rx(fake, frame, sizeof(frame), 0), 0);
	assert_int_equal(nic->op->transmit(nic, frame, sizeof(frame)), -ENETDOWN);
	nic->op->poll(nic);
	assert_int_equal(got.n, 0);
	/* memory is left to the OS; give it back here for the leak checker */
	dma_free(&test_pci, &rings);
	/* remove on a device never opened only resets it */
	from = fake->resets;
	drv->remove(&test_pci, 0);
	assert_int_equal(fake->resets, from + 1);
}

/** remove with release (back to the firmware): a NIC never opened gives back the rings probe took */
static void test_remove_release(void **state)
{
	const struct pci_driver *drv;
	const struct pci_id *id;

	probe(0x100e);
	assert_int_equal(model_dma_live(), 1);
	drv = pci_find_driver(0x8086, 0x100e, &id);
	drv->remove(&test_pci, 1);
	assert_int_equal(model_dma_live(), 0);
	assert_int_equal(*reg(E1000_RCTL), 0);
	assert_int_equal(*reg(E1000_TCTL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_ral, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_eeprom_small, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_eeprom_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_eeprom_second_port, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_no_mac, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_bad_eeprom_mac, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_pcie, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_bad_dma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transmit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transmit_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transmit_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receive_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receive_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reentry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_release, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
