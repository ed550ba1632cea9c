/** @file Unit tests: the NIC source table (net/nic.c): native sources before firmware ones, errors, removal; the network layer told of each NIC. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>

/** Names of the sources probed or removed, in order */
static char calls[64];

/** What the native source's probe returns */
static int native_rc;

/** The NIC the native source registers */
static struct nic native_nic;

/** A no-op driver for that NIC */
static const struct nic_operations test_ops;

/** Note @p what in calls */
static void note(const char *what)
{
	strncat(calls, what, sizeof(calls) - strlen(calls) - 1);
}

/** Firmware source: probed second whatever its place in the table */
static int firmware_probe(void)
{
	note("F");
	return -EIO;
}

/** Native source: registers one NIC, then returns native_rc */
static int native_probe(void)
{
	note("N");
	native_nic.op = &test_ops;
	native_nic.desc.bus_type = DEVICE_BUS_HOST;
	strcpy(native_nic.desc.name, "test0");
	if (!native_nic.name[0])
		assert_int_equal(nic_register(&native_nic), 0);
	return native_rc;
}

/** Native source: gives its device back */
static void native_remove(void)
{
	note("r");
}

/*
 * A native source between two firmware ones: whichever way the compiler
 * orders them in the table, a firmware source comes before the native one
 */
static const struct nic_source test_firmware_source1 = {
	.name = "fw1",
	.firmware = 1,
	.probe = firmware_probe,
};
NIC_SOURCE(test_firmware_source1);

static const struct nic_source test_native_source = {
	.name = "native",
	.probe = native_probe,
	.remove = native_remove,
};
NIC_SOURCE(test_native_source);

static const struct nic_source test_firmware_source2 = {
	.name = "fw2",
	.firmware = 1,
	.probe = firmware_probe,
};
NIC_SOURCE(test_firmware_source2);

/** Native sources run first; the first error is returned; remove runs where given */
static void test_order(void **state)
{
	(void)state;
	calls[0] = '\0';
	native_rc = 0;
	assert_int_equal(nic_probe_all(), -EIO);
	assert_string_equal(calls, "NFF");
	calls[0] = '\0';
	native_rc = -ENOENT;
	assert_int_equal(nic_probe_all(), -ENOENT);
	assert_string_equal(calls, "NFF");
	calls[0] = '\0';
	nic_remove_all();
	assert_string_equal(calls, "r");
}

/** A registered NIC has its lwIP interface (the registry told the network layer) and its name */
static void test_upper_told(void **state)
{
	(void)state;
	native_rc = 0;
	nic_probe_all();
	assert_string_equal(native_nic.name, "net0");
	assert_ptr_equal(nic_find("net0"), &native_nic);
	assert_non_null(netdev_netif(&native_nic));
	assert_ptr_equal(netdev_nic(netdev_netif(&native_nic)), &native_nic);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_upper_told),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
