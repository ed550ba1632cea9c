/** @file Unit tests for the nge driver (drivers/net/nge.c) against the nForce model (tests/model/nge_model.c). */
/*
 * The model is written from the same reading of forcedeth and illumos nge
 * as the driver: these tests show that the driver does what that reading
 * says (every descriptor format, every address order, the chip as it is
 * left for the OS), not that nForce silicon agrees.
 *
 * The driver, the PCI matcher and the model come in through
 * driver_harness.h, which diverts the driver's calls into the core to
 * recorders.
 */
#define HARNESS_DRIVER "../../drivers/net/nge.c"
#define HARNESS_PRIV struct nge
#define HARNESS_BUF_LEN NGE_BUF_LEN
#define HARNESS_FRAMES 600
#include "driver_harness.h"
#include "../model/nge_model.c"

/** The model under test */
static struct model_dev *model;

/** The chip's station address in the tests */
static const uint8_t test_mac[6] = { 0x00, 0x1d, 0x60, 0x12, 0x34, 0x56 };

/** Build the model for @p device with the address held as @p state and @p faults */
static void make_model(uint16_t device, enum nge_model_mac state,
		       unsigned int faults)
{
	struct nge_model_config cfg = {
		.device = device, .mac_state = state, .faults = faults,
		.phy_addr = 1,
	};

	memcpy(cfg.mac, test_mac, 6);
	model = nge_model_new(&cfg);
	assert_non_null(model);
	harness_pci(model, 4, 0, 0x10de, device);
}

/** Probe (must succeed) and return the NIC */
static struct nic *probe(void)
{
	struct nge *n;

	assert_int_equal(harness_probe(), 0);
	n = test_pci.priv;
	assert_non_null(n);
	return &n->nic;
}

/** Probe and open */
static struct nic *probe_open(void)
{
	struct nic *nic = probe();

	assert_int_equal(nic->op->open(nic), 0);
	nic->is_open = 1;
	return nic;
}

/** A frame of @p len bytes to @p dst whose contents depend on @p seq */
static void make_frame(uint8_t *frame, size_t len, const uint8_t *dst,
		       unsigned int seq)
{
	memcpy(frame, dst, 6);
	memcpy(frame + 6, "\x02\x00\x00\x00\x00\x09", 6);
	for (size_t i = 12; i < len; i++)
		frame[i] = (uint8_t)(seq * 13 + i);
}

/** The model's address registers as bytes: A low to high, then B's low 16 bits; reversed if not @p wire */
static void regs_as_mac(int wire, uint8_t *mac)
{
	uint32_t a = nge_model_peek(model, NGE_MAC_ADDR_A);
	uint32_t b = nge_model_peek(model, NGE_MAC_ADDR_B);
	const uint8_t w[6] = { (uint8_t)a, (uint8_t)(a >> 8), (uint8_t)(a >> 16),
			       (uint8_t)(a >> 24), (uint8_t)b, (uint8_t)(b >> 8) };

	for (unsigned int i = 0; i < 6; i++)
		mac[i] = wire ? w[i] : w[5 - i];
}

/** The address Linux forcedeth would read from the model now (see nge_regs.h) */
static void linux_reads(uint8_t *mac)
{
	regs_as_mac(nge_model_wire_order(model->device) ||
		    (nge_model_peek(model, NGE_TX_POLL) & NGE_TXPOLL_MAC_ADDR_REV),
		    mac);
}

/** The address illumos nge would read from the model now (flag ignored) */
static void illumos_reads(uint8_t *mac)
{
	uint16_t d = model->device;

	regs_as_mac(d == 0x03ee || d == 0x03ef || d == 0x0760 || d == 0x0ab0,
		    mac);
}

/** Reset recorders and the bus */
static int setup(void **state)
{
	model = NULL;
	harness_reset(MODEL_BUS_LOW);
	return 0;
}

/** Close the NIC if open, free the driver and the model; nothing leaked, no bad DMA */
static int teardown(void **state)
{
	harness_teardown(model);
	return 0;
}

/* --- Tests ---------------------------------------------------------------- */

/** Every id is the driver's, with the format and address order the model (typed separately) gives it */
static void test_ids(void **state)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(nge_ids); i++) {
		const struct pci_id *id;
		const struct pci_driver *drv = pci_find_driver(0x10de,
							       nge_ids[i].device, &id);
		const struct nge_chip *chip;

		assert_non_null(drv);
		assert_string_equal(drv->name, "nge");
		assert_ptr_equal(id, &nge_ids[i]);
		chip = id->driver_data;
		assert_non_null(chip);
		assert_int_equal(chip->desc,
				 nge_model_desc_ver(nge_ids[i].device));
		assert_int_equal(!!(chip->flags & NGE_CHIP_MAC_WIRE_ORDER),
				 nge_model_wire_order(nge_ids[i].device));
	}
	assert_null(pci_find_driver(0x10de, 0x1234, NULL));
	assert_null(pci_find_driver(0x8086, 0x0373, NULL));
}

/**
 * One chip, one address state: probe reads the address Linux would,
 * frames go both ways through wrapped rings, the filter sees the wire-order
 * address, and close leaves the chip as found
 */
static void run_chip(uint16_t device, enum nge_model_mac state,
		     const uint8_t *want_mac)
{
	uint8_t frame[NGE_FRAME_MAX];
	uint8_t before_a[4], found[6];
	uint32_t a0, b0, poll0;
	struct nic *nic;
	unsigned int i;

	make_model(device, state, 0);
	a0 = nge_model_peek(model, NGE_MAC_ADDR_A);
	b0 = nge_model_peek(model, NGE_MAC_ADDR_B);
	poll0 = nge_model_peek(model, NGE_TX_POLL);
	memcpy(before_a, &a0, 4);
	nic = probe_open();
	assert_memory_equal(nic->mac, want_mac, 6);
	/* the NIC is described as the PCI function, with its id's traits */
	assert_int_equal(nic->desc.bus_type, DEVICE_BUS_PCI);
	assert_int_equal(device_pci_busdevfn(&nic->desc), 4 << 3);
	assert_int_equal(nic->desc.vendor, 0x10de);
	assert_int_equal(nic->desc.device, device);
	assert_non_null(nic->desc.driver_data);
	assert_int_equal(((const struct nge_chip *)nic->desc.driver_data)->desc,
			 nge_model_desc_ver(device));
	assert_true(nic->link_up);
	assert_int_equal(nge_model_peek(model, NGE_LINK_SPEED),
			 NGE_LINKSPEED_FORCE | NGE_LINKSPEED_1000);
	/* transmit: three times round the ring, lengths 60..1514 */
	for (i = 0; i < 3 * NGE_TX_DESCS; i++) {
		size_t len = 60 + (i * 97) % (1514 - 60);

		make_frame(frame, len, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", i);
		assert_int_equal(nic->op->transmit(nic, frame, len), 0);
		assert_int_equal(wire.n, i + 1);
		assert_int_equal(wire.len[i], len);
		assert_memory_equal(wire.data[i], frame, len);
		nic->op->poll(nic);
	}
	/* receive: more than twice round the ring, polled now and then */
	for (i = 0; i < 2 * NGE_RX_DESCS + 10; i++) {
		size_t len = 60 + (i * 31) % (1514 - 60);

		make_frame(frame, len, nic->mac, i);
		assert_int_equal(model->op->receive(model, frame, len), 1);
		if (i % 7 == 6)
			nic->op->poll(nic);
	}
	nic->op->poll(nic);
	assert_int_equal(got.n, i);
	for (i = 0; i < got.n && i < HARNESS_FRAMES; i++) {
		size_t len = 60 + (i * 31) % (1514 - 60);

		make_frame(frame, len, nic->mac, i);
		assert_int_equal(got.len[i], len);
		assert_memory_equal(got.data[i], frame, len);
	}
	/* the filter takes our address and broadcast, not another station's */
	make_frame(frame, 64, (const uint8_t *)"\x02\x11\x22\x33\x44\x55", 0);
	assert_int_equal(model->op->receive(model, frame, 64), 0);
	make_frame(frame, 64, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", 0);
	assert_int_equal(model->op->receive(model, frame, 64), 1);
	nic->op->close(nic);
	nic->is_open = 0;
	/* as found: address registers, the flag, stopped rings */
	assert_int_equal(nge_model_peek(model, NGE_MAC_ADDR_A), a0);
	assert_int_equal(nge_model_peek(model, NGE_MAC_ADDR_B), b0);
	assert_int_equal(nge_model_peek(model, NGE_TX_POLL) &
			 NGE_TXPOLL_MAC_ADDR_REV, poll0 & NGE_TXPOLL_MAC_ADDR_REV);
	assert_int_equal(nge_model_peek(model, NGE_RCV_CTL) & NGE_RCVCTL_START, 0);
	assert_int_equal(nge_model_peek(model, NGE_XMIT_CTL) & NGE_XMITCTL_START, 0);
	assert_int_equal(nge_model_peek(model, NGE_RX_RING_ADDR), 0);
	assert_int_equal(nge_model_peek(model, NGE_TX_RING_ADDR), 0);
	/* a frame now goes nowhere */
	make_frame(frame, 64, want_mac, 0);
	assert_int_equal(model->op->receive(model, frame, 64), 0);
	/* a fresh Linux driver reads what we did */
	linux_reads(found);
	assert_memory_equal(found, want_mac, 6);
	assert_int_equal(model->protocol_errors, 0);
}

/** Byte-reverse of the test address */
static void reversed_mac(uint8_t *mac)
{
	for (unsigned int i = 0; i < 6; i++)
		mac[i] = test_mac[5 - i];
}

/** Original descriptors (nForce2), address reversed at power-on */
static void test_v1_power_on(void **state)
{
	run_chip(0x0066, NGE_MODEL_MAC_POWER_ON, test_mac);
}

/** Original descriptors, address left in wire order with MAC_ADDR_REV set */
static void test_v1_flagged(void **state)
{
	run_chip(0x01c3, NGE_MODEL_MAC_FLAGGED, test_mac);
}

/** v2 descriptors (nForce3) */
static void test_v2_power_on(void **state)
{
	run_chip(0x00e6, NGE_MODEL_MAC_POWER_ON, test_mac);
}

/** v2 descriptors, flagged */
static void test_v2_flagged(void **state)
{
	run_chip(0x008c, NGE_MODEL_MAC_FLAGGED, test_mac);
}

/** Extended descriptors (MCP55), reversed at power-on, rings above 4 GiB */
static void test_v3_power_on_high(void **state)
{
	model_set_bus_base(0x512340000ull);
	run_chip(0x0373, NGE_MODEL_MAC_POWER_ON, test_mac);
}

/** Extended descriptors (CK804), flagged */
static void test_v3_flagged(void **state)
{
	run_chip(0x0057, NGE_MODEL_MAC_FLAGGED, test_mac);
}

/** Extended descriptors (MCP61), wire order at power-on */
static void test_v3_wire_order(void **state)
{
	run_chip(0x03ee, NGE_MODEL_MAC_POWER_ON, test_mac);
}

/**
 * An older chip whose address an earlier driver left in wire order with
 * the flag clear: we read (and report) what Linux will read, the reversed
 * address, and leave it so
 */
static void test_fixed_without_flag(void **state)
{
	uint8_t rev[6];

	reversed_mac(rev);
	run_chip(0x0373, NGE_MODEL_MAC_FIXED, rev);
}

/** After close on MCP55, both OS drivers read the chip's true address */
static void test_close_state_for_os(void **state)
{
	struct dma_buffer rings;
	uint8_t mac[6];
	struct nic *nic;

	make_model(0x0373, NGE_MODEL_MAC_POWER_ON, 0);
	nic = probe_open();
	/* what the driver tells the iBFT checks about each OS */
	assert_string_equal(nic->chip, "MCP55");
	assert_string_equal(nic->os[NIC_OS_LINUX].driver, "forcedeth");
	assert_memory_equal(nic->os[NIC_OS_LINUX].mac, test_mac, 6);
	assert_string_equal(nic->os[NIC_OS_ILLUMOS].driver, "nge");
	assert_memory_equal(nic->os[NIC_OS_ILLUMOS].mac, test_mac, 6);
	nic->op->close(nic);
	nic->is_open = 0;
	linux_reads(mac);
	assert_memory_equal(mac, test_mac, 6);
	illumos_reads(mac);
	assert_memory_equal(mac, test_mac, 6);
	/* remove() too, after an open; it keeps the rings (the OS takes the memory) */
	assert_int_equal(nic->op->open(nic), 0);
	rings = ((struct nge *)test_pci.priv)->dma;
	nge_driver.remove(&test_pci, 0);
	illumos_reads(mac);
	assert_memory_equal(mac, test_mac, 6);
	assert_int_equal(nge_model_peek(model, NGE_RCV_CTL) & NGE_RCVCTL_START, 0);
	dma_free(&test_pci, &rings);
}

/** Per-OS views: no illumos driver for an MCP67; on a flagged MCP55 illumos reads the wire-order registers reversed */
static void test_os_views(void **state)
{
	uint8_t rev[6];
	struct nic *nic;

	make_model(0x054c, NGE_MODEL_MAC_POWER_ON, 0);
	nic = probe();
	assert_string_equal(nic->os[NIC_OS_ILLUMOS].driver, "");
	assert_memory_equal(nic->os[NIC_OS_LINUX].mac, test_mac, 6);
	free(test_pci.priv);
	test_pci.priv = NULL;
	model->op->free(model);
	make_model(0x0373, NGE_MODEL_MAC_FLAGGED, 0);
	nic = probe();
	reversed_mac(rev);
	assert_memory_equal(nic->mac, test_mac, 6);
	assert_memory_equal(nic->os[NIC_OS_LINUX].mac, test_mac, 6);
	assert_memory_equal(nic->os[NIC_OS_ILLUMOS].mac, rev, 6);
}

/** 32-bit descriptors and DMA memory above 4 GiB: open refuses in one line */
static void test_v1_high_dma(void **state)
{
	struct nic *nic;

	model_set_bus_base(0x512340000ull);
	make_model(0x0066, NGE_MODEL_MAC_POWER_ON, 0);
	nic = probe();
	stub_console_reset();
	assert_int_equal(nic->op->open(nic), -EFAULT);
	assert_non_null(strstr(stub_console_output(), "above 4 GiB"));
	assert_int_equal(stub_console_lines(), 1);
}

/** A chip that never reports link: open works, link stays down, polls return */
static void test_no_link(void **state)
{
	struct nic *nic;

	make_model(0x0373, NGE_MODEL_MAC_POWER_ON, NGE_FAULT_NO_LINK);
	nic = probe_open();
	assert_false(nic->link_up);
	for (unsigned int i = 0; i < 4 * NGE_LINK_CHECK_POLLS; i++)
		nic->op->poll(nic);
	assert_false(nic->link_up);
}

/** No PHY on MDIO: probe fails in one line naming the NIC */
static void test_no_phy(void **state)
{
	make_model(0x0373, NGE_MODEL_MAC_POWER_ON, NGE_FAULT_NO_PHY);
	assert_int_equal(harness_probe(), -ENODEV);
	assert_non_null(strstr(stub_console_output(),
			       "nge: PCI 00:04.0: no PHY answers on MDIO"));
	assert_int_equal(stub_console_lines(), 1);
}

/** MDIO cycles that never finish: probe fails in one line, waiting a bounded time */
static void test_mdio_hang(void **state)
{
	make_model(0x0373, NGE_MODEL_MAC_POWER_ON, NGE_FAULT_MDIO_HANG);
	assert_int_equal(harness_probe(), -ENODEV);
	assert_non_null(strstr(stub_console_output(),
			       "(the MDIO cycle never finishes)"));
	assert_int_equal(stub_console_lines(), 1);
	/* 32 addresses, each one timed-out cycle: about a third of a second */
	assert_true(model_udelay_us < 32ull * 2 * NGE_MII_WAIT_US);
}

/** Impossible receive lengths: nothing passed up, counted, one line */
static void test_rx_bad_len(void **state)
{
	uint8_t frame[64];
	struct nic *nic;

	make_model(0x0066, NGE_MODEL_MAC_POWER_ON, 0);
	nic = probe_open();
	nge_model_set_faults(model, NGE_FAULT_RX_BAD_LEN);
	stub_console_reset();
	make_frame(frame, sizeof(frame), nic->mac, 1);
	for (unsigned int i = 0; i < 3 * NGE_RX_DESCS; i++) {
		assert_int_equal(model->op->receive(model, frame, sizeof(frame)), 1);
		nic->op->poll(nic);
	}
	assert_int_equal(got.n, 0);
	assert_int_equal(nic->stats.rx_err, 3 * NGE_RX_DESCS);
	assert_non_null(strstr(stub_console_output(),
			       "net0: nge: receive descriptor 0 reports 65535 bytes"));
	assert_int_equal(stub_console_lines(), 1);
	/* the ring still moves: good frames pass again */
	nge_model_set_faults(model, 0);
	assert_int_equal(model->op->receive(model, frame, sizeof(frame)), 1);
	nic->op->poll(nic);
	assert_int_equal(got.n, 1);
}

/** A transmit ring that stops moving: -ENOBUFS, one line, polls return */
static void test_tx_stuck(void **state)
{
	uint8_t frame[64];
	struct nic *nic;
	unsigned int sent = 0;

	make_model(0x0373, NGE_MODEL_MAC_POWER_ON, NGE_FAULT_TX_STUCK);
	nic = probe_open();
	stub_console_reset();
	make_frame(frame, sizeof(frame), test_mac, 0);
	while (nic->op->transmit(nic, frame, sizeof(frame)) == 0)
		sent++;
	assert_int_equal(sent, NGE_TX_DESCS - 1);
	assert_int_equal(nic->op->transmit(nic, frame, sizeof(frame)), -ENOBUFS);
	for (unsigned int i = 0; i < 2 * NGE_TX_STALL_POLLS; i++)
		nic->op->poll(nic);
	assert_non_null(strstr(stub_console_output(),
			       "net0: nge: transmit ring stopped"));
	assert_int_equal(stub_console_lines(), 1);
	assert_int_equal(wire.n, 0);
}

/** A chip holding no valid address: probe fails in one line */
static void test_no_mac(void **state)
{
	struct nge_model_config cfg = { .device = 0x0373, .phy_addr = 1 };

	model = nge_model_new(&cfg);
	memset(&test_pci, 0, sizeof(test_pci));
	device_set_pci(&test_pci.desc, 0, 0, 4, 0, 0x10de, 0x0373);
	test_pci.platform = model;
	assert_int_equal(harness_probe(), -EINVAL);
	assert_non_null(strstr(stub_console_output(), "holds no valid MAC address"));
	assert_int_equal(stub_console_lines(), 1);
}

/** A probe that bypasses pci_probe_device() brings no chip traits: one line, no register touched */
static void test_no_traits(void **state)
{
	const struct pci_id *id;
	const struct pci_driver *drv;

	make_model(0x0373, NGE_MODEL_MAC_POWER_ON, 0);
	drv = pci_find_driver(0x10de, 0x0373, &id);
	assert_non_null(drv);
	assert_int_equal(drv->probe(&test_pci, id), -ENODEV);
	assert_non_null(strstr(stub_console_output(),
			       "nge: PCI 00:04.0: no chip traits for MCP55"));
	assert_int_equal(stub_console_lines(), 1);
	assert_false(model->enabled);
	assert_null(test_pci.priv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_traits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v1_power_on, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v1_flagged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v2_power_on, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v2_flagged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v3_power_on_high, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v3_flagged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v3_wire_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fixed_without_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_state_for_os, setup, teardown),
		cmocka_unit_test_setup_teardown(test_os_views, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v1_high_dma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_phy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mdio_hang, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_bad_len, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_stuck, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_mac, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
