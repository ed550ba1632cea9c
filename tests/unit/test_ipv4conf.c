/** @file Unit tests for static IPv4 addressing: net0/ip, netmask and gateway follow `set`, `clear` and `ifopen`. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/poll.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include "fake_nic.h"
#include "platform_stub.h"
#include "lwip/ip4.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

/** The NIC under test */
static struct nic test_nic;

/** The interface's address, netmask and gateway as "a/m gw g" */
static const char *addrs(void)
{
	static char buf[64];
	struct netif *netif = netdev_netif(&test_nic);
	char ip[16], mask[16], gw[16];

	ip4addr_ntoa_r(netif_ip4_addr(netif), ip, sizeof(ip));
	ip4addr_ntoa_r(netif_ip4_netmask(netif), mask, sizeof(mask));
	ip4addr_ntoa_r(netif_ip4_gw(netif), gw, sizeof(gw));
	snprintf(buf, sizeof(buf), "%s/%s gw %s", ip, mask, gw);
	return buf;
}

/** Register the fake NIC once */
static int setup(void **state)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };

	(void)state;
	return fake_nic_register(&test_nic, mac, "fake", NULL);
}

/** Set, change and clear an address on an open interface */
static void test_set_clear(void **state)
{
	(void)state;
	assert_int_equal(system_cmd("ifopen net0"), 0);
	assert_string_equal(addrs(), "0.0.0.0/0.0.0.0 gw 0.0.0.0");
	/* no netmask: the address class's, as iPXE takes */
	assert_int_equal(system_cmd("set net0/ip 10.1.2.3"), 0);
	assert_string_equal(addrs(), "10.1.2.3/255.0.0.0 gw 0.0.0.0");
	assert_int_equal(system_cmd("set net0/ip 172.16.0.9"), 0);
	assert_string_equal(addrs(), "172.16.0.9/255.255.0.0 gw 0.0.0.0");
	assert_int_equal(system_cmd("set net0/ip 192.168.7.7"), 0);
	assert_string_equal(addrs(), "192.168.7.7/255.255.255.0 gw 0.0.0.0");
	assert_int_equal(system_cmd("set net0/netmask 255.255.255.128"), 0);
	assert_int_equal(system_cmd("set net0/gateway 192.168.7.1"), 0);
	assert_string_equal(addrs(),
			    "192.168.7.7/255.255.255.128 gw 192.168.7.1");
	/* a root-level ip is not the NIC's, as in iPXE */
	assert_int_equal(system_cmd("set ip 10.9.9.9"), 0);
	assert_string_equal(addrs(),
			    "192.168.7.7/255.255.255.128 gw 192.168.7.1");
	assert_int_equal(system_cmd("clear net0/ip"), 0);
	assert_string_equal(addrs(), "0.0.0.0/0.0.0.0 gw 0.0.0.0");
	assert_int_equal(system_cmd("clear ip"), 0);
	assert_int_equal(system_cmd("clear net0/netmask"), 0);
	assert_int_equal(system_cmd("clear net0/gateway"), 0);
}

/** Set while closed: the address comes with ifopen, and netX names the NIC */
static void test_set_then_open(void **state)
{
	char text[32];

	(void)state;
	assert_int_equal(system_cmd("ifclose net0"), 0);
	assert_int_equal(system_cmd("set net0/ip 10.0.0.5"), 0);
	assert_string_equal(addrs(), "0.0.0.0/0.0.0.0 gw 0.0.0.0");
	assert_int_equal(system_cmd("ifopen net0"), 0);
	assert_string_equal(addrs(), "10.0.0.5/255.0.0.0 gw 0.0.0.0");
	assert_int_equal(settings_fetch_text("netX/ip", text, sizeof(text)),
			 8);
	assert_string_equal(text, "10.0.0.5");
	assert_int_equal(system_cmd("clear net0/ip"), 0);
}

/** An address set some other way (a lease) is left alone by clear */
static void test_other_address_kept(void **state)
{
	struct netif *netif = netdev_netif(&test_nic);
	ip4_addr_t ip, mask;

	(void)state;
	IP4_ADDR(&ip, 10, 0, 2, 15);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	netif_set_addr(netif, &ip, &mask, IP4_ADDR_ANY4);
	assert_int_equal(system_cmd("set unrelated 1"), 0);
	assert_string_equal(addrs(), "10.0.2.15/255.255.255.0 gw 0.0.0.0");
}

/** Polls left before the fake NIC's link comes up */
static int polls_to_link;

/** Poll hook: bring the link up after polls_to_link polls */
static void link_later(struct nic *nic)
{
	if (polls_to_link > 0 && --polls_to_link == 0)
		nic->link_up = 1;
}

/** A fetch right after ifopen waits for the link instead of failing at once */
static void test_wait_route(void **state)
{
	ip4_addr_t dest;
	uint64_t start;

	(void)state;
	assert_int_equal(system_cmd("set net0/ip 10.0.0.5"), 0);
	test_nic.link_up = 0;
	step();
	IP4_ADDR(&dest, 10, 0, 0, 1);
	assert_null(ip4_route(&dest));
	polls_to_link = 3;
	fake_nic_set_poll_hook(link_later);
	start = ticks_ms();
	netdev_wait_route(ip4_addr_get_u32(&dest));
	assert_int_equal(polls_to_link, 0);
	assert_non_null(ip4_route(&dest));
	/* no interface waiting for its link: back at once */
	IP4_ADDR(&dest, 192, 168, 1, 1);
	netdev_wait_route(ip4_addr_get_u32(&dest));
	assert_true(ticks_ms() - start < NETDEV_LINK_WAIT_MS);
	fake_nic_set_poll_hook(NULL);
	assert_int_equal(system_cmd("clear net0/ip"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_clear),
		cmocka_unit_test(test_set_then_open),
		cmocka_unit_test(test_other_address_kept),
		cmocka_unit_test(test_wait_route),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
