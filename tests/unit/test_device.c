/** @file Unit tests: device descriptions (src/core/device.c): PCI fields, bus:dev.fn, text for messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <lwpxe/device.h>
#include <lwpxe/errors.h>

/** A PCI function on segment 0: its fields, bus:dev.fn and "PCI bb:dd.f" */
static void test_pci_segment0(void **state)
{
	struct device_desc d;
	char buf[32];

	(void)state;
	device_set_pci(&d, 0, 0x12, 0x1f, 7, 0x10de, 0x0057);
	assert_int_equal(d.bus_type, DEVICE_BUS_PCI);
	assert_int_equal(d.bus, 0x12);
	assert_int_equal(d.dev, 0x1f);
	assert_int_equal(d.fn, 7);
	assert_int_equal(d.vendor, 0x10de);
	assert_int_equal(d.device, 0x0057);
	assert_null(d.driver_data);
	assert_int_equal(device_pci_busdevfn(&d), 0x12ff);
	assert_string_equal(device_text(&d, buf, sizeof(buf)), "PCI 12:1f.7");
}

/** Another segment: named in the text, and no 16-bit bus:dev.fn (the iBFT and EDD cannot say it) */
static void test_pci_segment(void **state)
{
	struct device_desc d;
	char buf[32];

	(void)state;
	device_set_pci(&d, 1, 0, 3, 0, 0x8086, 0x100e);
	assert_int_equal(device_pci_busdevfn(&d), -ENODEV);
	assert_string_equal(device_text(&d, buf, sizeof(buf)),
			    "PCI 0001:00:03.0");
}

/** Not on PCI: no bus:dev.fn; the text is the name, or "unknown" */
static void test_not_pci(void **state)
{
	struct device_desc d = { .bus_type = DEVICE_BUS_HOST, .name = "tap0" };
	char buf[32];

	(void)state;
	assert_int_equal(device_pci_busdevfn(&d), -ENODEV);
	assert_int_equal(device_pci_busdevfn(NULL), -ENODEV);
	assert_string_equal(device_text(&d, buf, sizeof(buf)), "tap0");
	d.bus_type = DEVICE_BUS_NONE;
	d.name[0] = '\0';
	assert_string_equal(device_text(&d, buf, sizeof(buf)), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pci_segment0),
		cmocka_unit_test(test_pci_segment),
		cmocka_unit_test(test_not_pci),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
