/** @file What a NIC driver's unit test on a device model needs: the driver compiled in, recorders, probe and teardown. */
/*
 * drivers/ and tests/model/ are not in the unit archive, so a driver test
 * compiles the driver, the PCI matcher and the model's PCI platform into
 * its program through this file, with the driver's two calls into the core
 * (nic_register() and nic_receive()) diverted to the recorders below.
 * Before including it, define:
 *   HARNESS_DRIVER     the driver's source ("../../drivers/net/x.c")
 *   HARNESS_PRIV       the driver's per-NIC type (with members nic and dma)
 *   HARNESS_BUF_LEN    the longest frame the driver passes up or sends
 *   HARNESS_FRAMES     how many frames each recorder keeps
 * and include the model's source after it.
 */
#ifndef LWPXE_TEST_DRIVER_HARNESS_H
#define LWPXE_TEST_DRIVER_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/nic.h>
#include <lwpxe/pci.h>
#include "platform_stub.h"

static int test_nic_register(struct nic *nic);
static void test_nic_receive(struct nic *nic, const void *frame, size_t len);
#define nic_register test_nic_register
#define nic_receive test_nic_receive
#include HARNESS_DRIVER
#include "../../drivers/bus/pci.c"
#undef nic_register
#undef nic_receive
#include "../model/model_pci.c"

/** Frames passed up by the driver or sent to the wire by the model */
struct frames {
	uint8_t data[HARNESS_FRAMES][HARNESS_BUF_LEN]; /**< contents */
	size_t len[HARNESS_FRAMES];  /**< lengths */
	unsigned int n;              /**< count (may pass HARNESS_FRAMES) */
};

static struct frames got;      /**< passed up by the driver */
static struct frames wire;     /**< sent by the model */

/** Called after each frame passed up is recorded, to test re-entry */
static void (*on_receive)(struct nic *nic);

/** NICs registered through the recorder */
static unsigned int registered;

/** The PCI function under test */
static struct pci_device test_pci;

/** Keep a copy of @p frame in @p f */
static void keep(struct frames *f, const void *frame, size_t len)
{
	assert_true(len <= HARNESS_BUF_LEN);
	if (f->n < HARNESS_FRAMES) {
		memcpy(f->data[f->n], frame, len);
		f->len[f->n] = len;
	}
	f->n++;
}

/** Recorder for nic_register(): name the NIC "netN", keep nothing */
static int test_nic_register(struct nic *nic)
{
	snprintf(nic->name, sizeof(nic->name), "net%u", registered++);
	return 0;
}

/** Recorder for nic_receive(): keep a copy of the frame */
static void test_nic_receive(struct nic *nic, const void *frame, size_t len)
{
	keep(&got, frame, len);
	if (on_receive)
		on_receive(nic);
}

/** The model's wire: keep a copy of each frame sent */
static void wire_record(struct model_dev *dev, const void *frame, size_t len)
{
	keep(&wire, frame, len);
}

/** Forget the recorders, hooks and PCI function, put the bus at @p bus_base; each test's setup */
static void harness_reset(uint64_t bus_base)
{
	memset(&got, 0, sizeof(got));
	memset(&wire, 0, sizeof(wire));
	memset(&test_pci, 0, sizeof(test_pci));
	on_receive = NULL;
	registered = 0;
	model_set_bus_base(bus_base);
	model_udelay_us = 0;
	stub_console_reset();
}

/** Make the PCI function under test @p dev at 00:@p slot.@p fn, @p vendor:@p device */
static void harness_pci(struct model_dev *dev, uint8_t slot, uint8_t fn,
			uint16_t vendor, uint16_t device)
{
	dev->wire_send = wire_record;
	memset(&test_pci, 0, sizeof(test_pci));
	device_set_pci(&test_pci.desc, 0, 0, slot, fn, vendor, device);
	test_pci.platform = dev;
}

/** Probe the PCI function under test with the driver its ids select; the probe's rc */
static int harness_probe(void)
{
	const struct pci_driver *drv;
	const struct pci_id *id;

	drv = pci_find_driver(test_pci.desc.vendor, test_pci.desc.device, &id);
	assert_non_null(drv);
	return pci_probe_device(drv, id, &test_pci);
}

/**
 * Close the NIC if it holds rings (open, or started at probe), free the
 * driver's state and the model @p dev (if any); fail the test on leaked
 * DMA memory, DMA outside the driver's memory or anything else the model
 * found wrong
 */
static void harness_teardown(struct model_dev *dev)
{
	HARNESS_PRIV *p = test_pci.priv;

	if (p) {
		if (p->dma.cpu)
			p->nic.op->close(&p->nic);
		free(p);
		test_pci.priv = NULL;
	}
	assert_int_equal(model_dma_live(), 0);
	if (!dev)
		return;
	assert_int_equal(dev->dma_faults, 0);
	if (dev->protocol_errors)
		fail_msg("model: %s", dev->last_error);
	dev->op->free(dev);
}

#endif
