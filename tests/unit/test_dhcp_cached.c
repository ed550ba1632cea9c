/** @file Unit tests for the boot ROM's DHCPACK as the lease (net/dhcp/cached.c, dhcp_configure(), `dhcp`). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/dhcp.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/settings.h>
#include "lwip/dns.h"
#include "lwip/netif.h"
#include "fake_nic.h"
#include "platform_stub.h"

/** Offset of BOOTP in a frame, and its fields up to the options */
#define BOOTP_OFS FAKE_DATA_OFS
#define BOOTP_LEN 240             /**< BOOTP fields up to the options */

/** Our MAC, and another */
static const uint8_t our_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t other_mac[6] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef };

/** Options of the cached DHCPACK most tests use */
static const uint8_t ack_opts[] = {
	53, 1, 5,                                   /* DHCPACK */
	54, 4, 10, 0, 2, 2,                         /* server id */
	51, 4, 0, 0, 0x0e, 0x10,                    /* lease 3600 s */
	1, 4, 255, 255, 255, 0,                     /* netmask */
	3, 8, 10, 0, 2, 2, 10, 0, 2, 9,             /* routers: the first counts */
	6, 8, 10, 0, 2, 3, 10, 0, 2, 4,             /* DNS servers */
	17, 12, 'i', 's', 'c', 's', 'i', ':', '1', '0', ':', ':', ':', ':',
	67, 13, 'u', 'n', 'd', 'i', 'o', 'n', 'l', 'y', '.', 'k', 'p', 'x', 'e',
	175, 7, 190, 5, 'a', 'l', 'i', 'c', 'e',
	43, 3, 1, 9, 'x',                           /* malformed: dropped */
	255,
};

/** A BOOTP/DHCP message being built */
struct msg {
	uint8_t b[600];          /**< the message */
	size_t len;              /**< its length */
};

/** DHCP messages the NIC sent (to port 67), and ARP frames */
static unsigned int dhcp_sent, arp_sent;

/** Whether the fake server answers, and the address it gives */
static int server_on;
static uint8_t server_yiaddr[4] = { 10, 0, 2, 16 };

/** The fake NIC */
static struct nic test_nic;

/**
 * Build a BOOTREPLY to @p mac giving @p yiaddr, with options @p opts
 * (ending in END) and the file field @p file (may be NULL)
 */
static void build_reply(struct msg *m, const uint8_t *mac, const uint8_t *yiaddr,
			const uint8_t *opts, size_t opts_len, const char *file)
{
	uint8_t *b = m->b;

	memset(m, 0, sizeof(*m));
	b[0] = 2;
	b[1] = 1;
	b[2] = 6;
	b[4] = 0x12;                                 /* xid */
	memcpy(&b[16], yiaddr, 4);
	b[20] = 10; b[21] = 0; b[22] = 2; b[23] = 5; /* siaddr */
	memcpy(&b[28], mac, 6);
	if (file)
		memcpy(&b[108], file, strlen(file));
	b[236] = 99; b[237] = 130; b[238] = 83; b[239] = 99;
	memcpy(&b[BOOTP_LEN], opts, opts_len);
	m->len = BOOTP_LEN + opts_len;
}

/** Queue @p m as a frame from the server, with the request's xid */
static void queue_frame(const struct msg *m, const uint8_t *req)
{
	static const uint8_t server_mac[6] = { 0x52, 0x54, 0, 0, 0, 2 };
	static const uint8_t server_ip[4] = { 10, 0, 2, 2 };
	static const uint8_t broadcast[4] = { 255, 255, 255, 255 };
	uint8_t *f = fake_nic_rx_frame();
	size_t len = BOOTP_OFS + m->len;

	memcpy(&f[BOOTP_OFS], m->b, m->len);
	memcpy(&f[BOOTP_OFS + 4], &req[BOOTP_OFS + 4], 4);
	fake_udp_headers(f, len, our_mac, server_mac, server_ip, broadcast,
			 67, 68);
	fake_nic_rx_commit(len);
}

/** Type (option 53) of the DHCP request in frame @p f, 0 if none */
static unsigned int request_type(const uint8_t *f, size_t len)
{
	for (size_t i = BOOTP_OFS + BOOTP_LEN; i + 2 < len && f[i] != 255;
	     i += f[i] ? 2u + f[i + 1] : 1u) {
		if (f[i] == 53)
			return f[i + 2];
	}
	return 0;
}

/** Fake driver: count what goes out; the server (if on) answers at once */
static int test_transmit(struct nic *nic, const void *frame, size_t len)
{
	static const uint8_t server_opts[] = {
		53, 1, 0, 54, 4, 10, 0, 2, 2, 51, 4, 0, 0, 0x0e, 0x10,
		1, 4, 255, 255, 255, 0, 255,
	};
	const uint8_t *f = frame;
	uint8_t opts[sizeof(server_opts)];
	unsigned int type;
	struct msg m;

	(void)nic;
	if (len >= 14 && f[12] == 0x08 && f[13] == 0x06)
		arp_sent++;
	if (len < BOOTP_OFS + BOOTP_LEN || f[12] != 0x08 || f[13] != 0 ||
	    f[FAKE_IP_OFS + 9] != 17 || f[FAKE_UDP_OFS + 3] != 67)
		return 0;
	dhcp_sent++;
	type = request_type(f, len);
	if (!server_on || (type != 1 && type != 3))
		return 0;
	memcpy(opts, server_opts, sizeof(opts));
	opts[2] = type == 1 ? 2 : 5;                 /* OFFER or ACK */
	build_reply(&m, our_mac, server_yiaddr, opts, sizeof(opts), NULL);
	queue_frame(&m, f);
	return 0;
}

/** Register the fake NIC once for all tests */
static int setup_nic(void **state)
{
	(void)state;
	return fake_nic_register(&test_nic, our_mac, "undi", test_transmit);
}

/** A fresh start: interface closed (addresses dropped), no server, counters zero */
static int reset(void **state)
{
	struct netif *netif = netdev_netif(&test_nic);

	(void)state;
	netdev_close(&test_nic);
	netif_set_addr(netif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4);
	fake_nic_rx_reset();
	dhcp_sent = arp_sent = 0;
	server_on = 0;
	test_nic.boot_dhcpack = NULL;
	test_nic.boot_dhcpack_len = 0;
	return 0;
}

/** Fetch setting @p name as text, asserting it exists */
static const char *text(const char *name)
{
	static char buf[160];

	assert_true(settings_fetch_text(name, buf, sizeof(buf)) >= 0);
	return buf;
}

/** Nonzero if setting @p name exists */
static int exists(const char *name)
{
	char buf[160];

	return settings_fetch(name, buf, sizeof(buf), NULL) >= 0;
}

/** lwIP's address of the test NIC as text */
static const char *netif_ip(void)
{
	static char buf[16];

	return ip4addr_ntoa_r(netif_ip4_addr(netdev_netif(&test_nic)), buf,
			      sizeof(buf));
}

/** Give the NIC @p m as its boot ROM's DHCPACK */
static void give_ack(const struct msg *m)
{
	test_nic.boot_dhcpack = m->b;
	test_nic.boot_dhcpack_len = m->len;
}

/** The cached ACK becomes the lease: settings, lwIP, DNS, nothing sent */
static void test_cached_lease(void **state)
{
	static const uint8_t yiaddr[4] = { 10, 0, 2, 15 };
	struct netif *netif = netdev_netif(&test_nic);
	char buf[16];
	struct msg m;

	(void)state;
	build_reply(&m, our_mac, yiaddr, ack_opts, sizeof(ack_opts),
		    "bootp-file");
	give_ack(&m);
	assert_int_equal(dhcp_configure(&test_nic, 2000), DHCP_CACHED);
	assert_int_equal(dhcp_sent, 0);
	assert_null(test_nic.boot_dhcpack);
	assert_int_equal(test_nic.boot_dhcpack_len, 0);

	assert_string_equal(text("net0.dhcp/ip"), "10.0.2.15");
	assert_string_equal(text("net0.dhcp/netmask"), "255.255.255.0");
	assert_string_equal(text("net0.dhcp/gateway"), "10.0.2.2");
	assert_string_equal(text("net0.dhcp/dns"), "10.0.2.3");
	assert_string_equal(text("net0.dhcp/dhcp-server"), "10.0.2.2");
	assert_string_equal(text("net0.dhcp/next-server"), "10.0.2.5");
	assert_int_equal(settings_fetch("net0.dhcp/lease-time", buf,
					sizeof(buf), NULL), 4);
	assert_memory_equal(buf, "\x00\x00\x0e\x10", 4);
	/* option 67 wins over the file field */
	assert_string_equal(text("net0.dhcp/filename"), "undionly.kpxe");
	assert_string_equal(text("net0.dhcp/root-path"), "iscsi:10::::");
	assert_string_equal(text("net0.dhcp/username"), "alice");
	assert_string_equal(text("net0/ip"), "10.0.2.15");
	/* what lwIP's client consumes is not stored twice under numbers */
	assert_false(exists("net0.dhcp/53"));
	assert_false(exists("net0.dhcp/43.1"));

	assert_string_equal(netif_ip(), "10.0.2.15");
	assert_string_equal(ip4addr_ntoa(netif_ip4_netmask(netif)),
			    "255.255.255.0");
	assert_string_equal(ip4addr_ntoa(netif_ip4_gw(netif)), "10.0.2.2");
	assert_string_equal(ipaddr_ntoa(dns_getserver(0)), "10.0.2.3");
	assert_string_equal(ipaddr_ntoa(dns_getserver(1)), "10.0.2.4");
	assert_ptr_equal(netif_default, netif);
}

/** `dhcp` says in one line that the boot ROM's lease was used; `route` shows it */
static void test_cached_command(void **state)
{
	static const uint8_t yiaddr[4] = { 10, 0, 2, 15 };
	char *dhcp[] = { "dhcp", "net0", NULL };
	char *route[] = { "route", NULL };
	struct msg m;

	(void)state;
	build_reply(&m, our_mac, yiaddr, ack_opts, sizeof(ack_opts), NULL);
	give_ack(&m);
	assert_int_equal(stub_run(dhcp), 0);
	assert_string_equal(stub_console_output(),
			    "Configuring (net0 52:54:00:12:34:56)... "
			    "ok (the boot ROM's DHCPACK, no new DHCP)\n");
	assert_int_equal(dhcp_sent, 0);
	assert_int_equal(stub_run(route), 0);
	assert_string_equal(stub_console_output(),
			    "net0: 10.0.2.15/255.255.255.0 gw 10.0.2.2\n");

	/* it is used once: the next `dhcp` asks the server */
	server_on = 1;
	assert_int_equal(stub_run(dhcp), 0);
	assert_string_equal(stub_console_output(),
			    "Configuring (net0 52:54:00:12:34:56)... ok\n");
	assert_true(dhcp_sent >= 2);
	assert_string_equal(netif_ip(), "10.0.2.16");
	assert_string_equal(text("net0.dhcp/ip"), "10.0.2.16");
}

/** An ACK for another NIC is not used: DHCP runs as usual */
static void test_other_mac_falls_back(void **state)
{
	static const uint8_t yiaddr[4] = { 10, 0, 2, 15 };
	struct msg m;

	(void)state;
	build_reply(&m, other_mac, yiaddr, ack_opts, sizeof(ack_opts), NULL);
	give_ack(&m);
	server_on = 1;
	assert_int_equal(dhcp_configure(&test_nic, 2000), 0);
	assert_true(dhcp_sent >= 2);
	assert_null(test_nic.boot_dhcpack);
	assert_string_equal(netif_ip(), "10.0.2.16");
	assert_string_equal(text("net0.dhcp/ip"), "10.0.2.16");
}

/** A broken ACK with no server: the usual DHCP failure, not a crash */
static void test_broken_no_server(void **state)
{
	static const uint8_t yiaddr[4] = { 10, 0, 2, 15 };
	struct msg m;

	(void)state;
	build_reply(&m, our_mac, yiaddr, ack_opts, sizeof(ack_opts), NULL);
	m.b[236] = 0;                                /* no magic cookie */
	give_ack(&m);
	assert_int_equal(dhcp_configure(&test_nic, 300), -ETIMEDOUT);
	assert_true(dhcp_sent >= 1);
}

/** Every malformed message is refused whole: nothing stored, lwIP untouched */
static void test_refused(void **state)
{
	static const uint8_t yiaddr[4] = { 10, 0, 2, 15 };
	static const uint8_t zero[4];
	static const uint8_t offer_opts[] = { 53, 1, 2, 255 };
	static const uint8_t cut_opts[] = { 53, 1, 5, 17, 40, 'x' };
	struct msg m;

	(void)state;
	/* forget the earlier tests' lease first: opening applies net0/ip */
	settings_new_block(settings_find_block("net0"), "dhcp");
	assert_int_equal(netdev_open(&test_nic), 0);

	build_reply(&m, our_mac, yiaddr, ack_opts, sizeof(ack_opts), NULL);
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, BOOTP_LEN - 1),
			 -EBADMSG);
	m.b[0] = 1;                                  /* a request */
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), -EBADMSG);
	build_reply(&m, our_mac, zero, ack_opts, sizeof(ack_opts), NULL);
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), -EBADMSG);
	build_reply(&m, our_mac, yiaddr, offer_opts, sizeof(offer_opts), NULL);
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), -EBADMSG);
	build_reply(&m, our_mac, yiaddr, cut_opts, sizeof(cut_opts), NULL);
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), -EBADMSG);
	build_reply(&m, our_mac, yiaddr, ack_opts, sizeof(ack_opts), NULL);
	m.b[2] = 16;                                 /* not Ethernet-sized */
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), -EBADMSG);

	assert_false(exists("net0.dhcp/ip"));
	assert_string_equal(netif_ip(), "0.0.0.0");
	assert_int_equal(dhcp_sent, 0);
}

/** A plain BOOTP reply: no type, no netmask (classful), the file field names the file */
static void test_bootp_reply(void **state)
{
	static const uint8_t yiaddr[4] = { 172, 16, 1, 9 };
	static const uint8_t opts[] = { 3, 4, 172, 16, 0, 1, 255 };
	static const uint8_t overload[] = { 52, 1, 1, 255 };
	struct msg m;

	(void)state;
	assert_int_equal(netdev_open(&test_nic), 0);
	build_reply(&m, our_mac, yiaddr, opts, sizeof(opts), "boot/lwpxe.pxe");
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), 0);
	assert_string_equal(text("net0.dhcp/ip"), "172.16.1.9");
	assert_string_equal(text("net0.dhcp/netmask"), "255.255.0.0");
	assert_string_equal(text("net0.dhcp/gateway"), "172.16.0.1");
	assert_string_equal(text("net0.dhcp/filename"), "boot/lwpxe.pxe");
	assert_false(exists("net0.dhcp/lease-time"));
	assert_false(exists("net0.dhcp/dhcp-server"));
	assert_string_equal(netif_ip(), "172.16.1.9");

	/* option 52 says the file field holds options: it is no file name */
	build_reply(&m, our_mac, yiaddr, overload, sizeof(overload),
		    "\x0c\x04name\xff");          /* option 12, hostname */
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), 0);
	assert_false(exists("net0.dhcp/filename"));
	assert_string_equal(text("net0.dhcp/hostname"), "name");
	assert_string_equal(text("net0.dhcp/netmask"), "255.255.0.0");
}

/**
 * Option 52 (RFC 2132 9.3): options continue in the file field (1), the
 * sname field (2) or both (3), read after the options field
 */
static void test_overload(void **state)
{
	static const uint8_t yiaddr[4] = { 10, 0, 2, 15 };
	static const uint8_t opts[] = { 53, 1, 5, 52, 1, 3, 255 };
	static const uint8_t file[] = {
		67, 9, 'b', 'o', 'o', 't', '.', 'i', 'p', 'x', 'e',
		1, 4, 255, 255, 255, 0, 255,
	};
	static const uint8_t sname[] = {
		17, 7, 'i', 's', 'c', 's', 'i', ':', 'x', 0, 0, 255,
	};
	struct msg m;

	(void)state;
	assert_int_equal(netdev_open(&test_nic), 0);
	build_reply(&m, our_mac, yiaddr, opts, sizeof(opts), NULL);
	memcpy(&m.b[108], file, sizeof(file));
	memcpy(&m.b[44], sname, sizeof(sname));
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), 0);
	assert_string_equal(text("net0.dhcp/filename"), "boot.ipxe");
	assert_string_equal(text("net0.dhcp/netmask"), "255.255.255.0");
	assert_string_equal(text("net0.dhcp/root-path"), "iscsi:x");
	/* a malformed overloaded field refuses the message, as elsewhere */
	m.b[109] = 200;
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), -EBADMSG);
}

/**
 * Options without END: a PXE ROM's buffer holds more than the message,
 * and what follows must not be read as options; the message is refused
 * and `dhcp` asks a server
 */
static void test_no_end(void **state)
{
	static const uint8_t yiaddr[4] = { 10, 0, 2, 15 };
	static const uint8_t tail[] = { 67, 4, 'e', 'v', 'i', 'l' };
	struct msg m;

	(void)state;
	assert_int_equal(netdev_open(&test_nic), 0);
	settings_new_block(settings_find_block("net0"), "dhcp");
	build_reply(&m, our_mac, yiaddr, ack_opts, sizeof(ack_opts) - 1, NULL);
	memcpy(&m.b[m.len], tail, sizeof(tail));
	m.len += sizeof(tail);
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), -EBADMSG);
	assert_false(exists("net0.dhcp/filename"));
	/* padding after END is fine */
	build_reply(&m, our_mac, yiaddr, ack_opts, sizeof(ack_opts), NULL);
	m.len += 64;
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), 0);
	assert_string_equal(text("net0.dhcp/filename"), "undionly.kpxe");
	/* no END, but zeros to the end of the buffer after the last option:
	 * how iPXE as a PXE ROM keeps its DHCPACK (seen under QEMU) */
	build_reply(&m, our_mac, yiaddr, ack_opts, sizeof(ack_opts) - 1, NULL);
	memset(&m.b[m.len], 0, 64);
	m.len += 64;
	assert_int_equal(dhcp_apply_ack(&test_nic, m.b, m.len), 0);
	assert_string_equal(text("net0.dhcp/filename"), "undionly.kpxe");
}

/** Run the cached-DHCPACK tests */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_cached_lease, reset),
		cmocka_unit_test_setup(test_cached_command, reset),
		cmocka_unit_test_setup(test_other_mac_falls_back, reset),
		cmocka_unit_test_setup(test_broken_no_server, reset),
		cmocka_unit_test_setup(test_refused, reset),
		cmocka_unit_test_setup(test_bootp_reply, reset),
		cmocka_unit_test_setup(test_overload, reset),
		cmocka_unit_test_setup(test_no_end, reset),
	};

	return cmocka_run_group_tests(tests, setup_nic, NULL);
}
