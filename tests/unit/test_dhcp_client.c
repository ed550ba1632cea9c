/** @file Unit tests for the DHCP client over lwIP (net/dhcp/client.c, net/netdev.c, net/nic.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/command.h>
#include <lwpxe/console.h>
#include <lwpxe/dhcp.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include "fake_nic.h"
#include "platform_stub.h"

/** Offsets in a frame: BOOTP, its options */
#define BOOTP_OFS FAKE_DATA_OFS
#define BOOTP_OPTS_OFS (BOOTP_OFS + 240)

/** How the fake server behaves */
struct server {
	int offer;                  /**< answer DISCOVER with OFFER */
	int ack;                    /**< answer REQUEST with ACK */
	const uint8_t *offer_opts;  /**< extra options in the OFFER */
	size_t offer_opts_len;      /**< their length */
	const uint8_t *ack_opts;    /**< extra options in the ACK */
	size_t ack_opts_len;        /**< their length */
	const char *file;           /**< BOOTP file field */
	unsigned int deaf;          /**< DISCOVERs to ignore before offering */
};

/** The server of the current test */
static struct server server;

/** Options of the last DISCOVER the client sent */
static uint8_t discover_opts[400];
/** Their length */
static size_t discover_len;

/** DISCOVERs the client sent in this test, and when (ms) */
static unsigned int discovers;
/** When each of the first few went out */
static uint64_t discover_ms[4];

/** The fake NIC */
static struct nic test_nic;

/** Value of option @p tag in options @p opts, or NULL; length in @p len */
static const uint8_t *find_opt(const uint8_t *opts, size_t n, unsigned int tag,
			       size_t *len)
{
	size_t i = 0;

	while (i + 1 < n && opts[i] != 255) {
		if (opts[i] == 0) {
			i++;
			continue;
		}
		if (opts[i] == tag) {
			*len = opts[i + 1];
			return &opts[i + 2];
		}
		i += 2 + opts[i + 1];
	}
	return NULL;
}

/** Queue a server reply of DHCP @p type to the request @p req */
static void queue_reply(const uint8_t *req, unsigned int type,
			const uint8_t *extra, size_t extra_len)
{
	static const uint8_t server_mac[6] = { 0x52, 0x54, 0, 0, 0, 1 };
	static const uint8_t base_opts[] = {
		54, 4, 10, 0, 2, 2,           /* server id */
		51, 4, 0, 0, 0x0e, 0x10,      /* lease 3600 s */
		1, 4, 255, 255, 255, 0,       /* netmask */
		3, 4, 10, 0, 2, 2,            /* router */
		6, 4, 10, 0, 2, 3,            /* DNS */
	};
	static const uint8_t server_ip[4] = { 10, 0, 2, 2 };
	static const uint8_t broadcast[4] = { 255, 255, 255, 255 };
	uint8_t *f = fake_nic_rx_frame();
	uint8_t *b = &f[BOOTP_OFS];
	uint8_t *o = &f[BOOTP_OPTS_OFS];
	size_t olen = 0;
	size_t len;

	o[olen++] = 53;
	o[olen++] = 1;
	o[olen++] = (uint8_t)type;
	memcpy(&o[olen], base_opts, sizeof(base_opts));
	olen += sizeof(base_opts);
	if (extra_len)
		memcpy(&o[olen], extra, extra_len);
	olen += extra_len;
	o[olen++] = 255;
	len = BOOTP_OPTS_OFS + olen;

	b[0] = 2;                              /* BOOTREPLY */
	b[1] = 1;
	b[2] = 6;
	memcpy(&b[4], &req[BOOTP_OFS + 4], 4); /* xid */
	b[16] = 10; b[17] = 0; b[18] = 2; b[19] = 15;   /* yiaddr */
	b[20] = 10; b[21] = 0; b[22] = 2; b[23] = 4;    /* siaddr */
	memcpy(&b[28], &req[BOOTP_OFS + 28], 16);       /* chaddr */
	if (server.file)
		memcpy(&b[108], server.file, strlen(server.file));
	b[236] = 99; b[237] = 130; b[238] = 83; b[239] = 99;

	fake_udp_headers(f, len, &req[6], server_mac, server_ip, broadcast,
			 67, 68);
	fake_nic_rx_commit(len);
}

/** Fake driver: a DHCP server behind the wire answers at once */
static int test_transmit(struct nic *nic, const void *frame, size_t len)
{
	const uint8_t *f = frame;
	const uint8_t *type;
	size_t tlen;

	(void)nic;
	if (len < BOOTP_OPTS_OFS || f[12] != 0x08 || f[13] != 0 ||
	    f[FAKE_IP_OFS + 9] != 17 || f[FAKE_UDP_OFS + 3] != 67)
		return 0;
	type = find_opt(&f[BOOTP_OPTS_OFS], len - BOOTP_OPTS_OFS, 53, &tlen);
	assert_non_null(type);
	if (*type == 1) {
		discover_len = MIN(len - BOOTP_OPTS_OFS, sizeof(discover_opts));
		memcpy(discover_opts, &f[BOOTP_OPTS_OFS], discover_len);
		if (discovers < 4)
			discover_ms[discovers] = ticks_ms();
		if (discovers++ < server.deaf)
			return 0;
		if (server.offer)
			queue_reply(f, 2, server.offer_opts,
				    server.offer_opts_len);
	} else if (*type == 3 && server.ack) {
		queue_reply(f, 5, server.ack_opts, server.ack_opts_len);
	}
	return 0;
}

/** Register the fake NIC once for all tests */
static int setup_nic(void **state)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

	(void)state;
	return fake_nic_register(&test_nic, mac, "test", test_transmit);
}

/** Forget the previous test's server and frames */
static int reset_server(void **state)
{
	(void)state;
	memset(&server, 0, sizeof(server));
	fake_nic_rx_reset();
	discover_len = 0;
	discovers = 0;
	test_nic.link_up = 1;
	return 0;
}

/** Fetch setting @p name as text, asserting it exists */
static const char *text(const char *name)
{
	static char buf[160];

	assert_true(settings_fetch_text(name, buf, sizeof(buf)) >= 0);
	return buf;
}

/** Registration names the NIC and records its MAC */
static void test_register(void **state)
{
	uint8_t mac[6];

	(void)state;
	assert_string_equal(test_nic.name, "net0");
	assert_ptr_equal(nic_find("net0"), &test_nic);
	assert_ptr_equal(nic_get(0), &test_nic);
	assert_null(nic_get(1));
	assert_null(nic_find("net1"));
	assert_int_equal(settings_fetch("net0/mac", mac, sizeof(mac), NULL), 6);
	assert_memory_equal(mac, test_nic.mac, 6);
	assert_non_null(netdev_netif(&test_nic));
}

/** A full lease: every value lands in net0.dhcp; our options went out */
static void test_lease(void **state)
{
	static const uint8_t offer_opts[] = {
		151, 3, 'o', 'f', 'f',                      /* OFFER only */
	};
	static const uint8_t ack_opts[] = {
		17, 12, 'i', 's', 'c', 's', 'i', ':', '1', '0', ':', ':', ':', ':',
		203, 6, 'i', 'q', 'n', '.', 'x', 'y',
		12, 4, 'b', 'o', 'x', '1',
		175, 13, 190, 5, 'a', 'l', 'i', 'c', 'e', 191, 4, 'p', 'a', 's', 's',
		150, 2, 0xab, 0xcd,
		67, 10, 'p', 'x', 'e', 'l', 'i', 'n', 'u', 'x', '.', '0',
		43, 3, 1, 9, 'x',                           /* malformed: ignored */
	};
	const uint8_t *opt;
	size_t len;
	char buf[16];

	(void)state;
	server.offer = server.ack = 1;
	server.offer_opts = offer_opts;
	server.offer_opts_len = sizeof(offer_opts);
	server.ack_opts = ack_opts;
	server.ack_opts_len = sizeof(ack_opts);
	server.file = "bootp-file";
	assert_int_equal(dhcp_configure(&test_nic, 2000), 0);

	assert_string_equal(text("net0.dhcp/ip"), "10.0.2.15");
	assert_string_equal(text("net0.dhcp/netmask"), "255.255.255.0");
	assert_string_equal(text("net0.dhcp/gateway"), "10.0.2.2");
	assert_string_equal(text("net0.dhcp/dns"), "10.0.2.3");
	assert_string_equal(text("net0.dhcp/dhcp-server"), "10.0.2.2");
	assert_string_equal(text("net0.dhcp/next-server"), "10.0.2.4");
	assert_int_equal(settings_fetch("net0.dhcp/lease-time", buf, sizeof(buf),
					NULL), 4);
	assert_memory_equal(buf, "\x00\x00\x0e\x10", 4);
	assert_string_equal(text("net0.dhcp/filename"), "pxelinux.0");
	assert_string_equal(text("net0.dhcp/root-path"), "iscsi:10::::");
	assert_string_equal(text("net0.dhcp/initiator-iqn"), "iqn.xy");
	assert_string_equal(text("net0.dhcp/hostname"), "box1");
	assert_string_equal(text("net0.dhcp/username"), "alice");
	assert_string_equal(text("net0.dhcp/password"), "pass");
	assert_string_equal(text("net0.dhcp/150"), "ab:cd");
	/* only the ACK counts; the malformed 43 was dropped */
	assert_true(settings_fetch("net0.dhcp/151", buf, sizeof(buf), NULL) < 0);
	assert_true(settings_fetch("net0.dhcp/43.1", buf, sizeof(buf), NULL) < 0);
	assert_true(settings_fetch("net0.dhcp/vendor-encap", buf, sizeof(buf),
				   NULL) < 0);

	/* the DISCOVER carried our client options and request list */
	opt = find_opt(discover_opts, discover_len, 60, &len);
	assert_non_null(opt);
	assert_int_equal(len, 32);
	assert_memory_equal(opt, "PXEClient:Arch:00000:UNDI:003016", 32);
	opt = find_opt(discover_opts, discover_len, 77, &len);
	assert_non_null(opt);
	assert_memory_equal(opt, "iPXE", 4);
	assert_non_null(find_opt(discover_opts, discover_len, 93, &len));
	assert_non_null(find_opt(discover_opts, discover_len, 94, &len));
	opt = find_opt(discover_opts, discover_len, 55, &len);
	assert_non_null(opt);
	assert_non_null(memchr(opt, 17, len));
	assert_non_null(memchr(opt, 43, len));
	assert_non_null(memchr(opt, 175, len));
	assert_non_null(memchr(opt, 203, len));
	assert_non_null(memchr(opt, 67, len));

	assert_true(test_nic.stats.tx_ok >= 2);
	assert_true(test_nic.stats.rx_ok >= 2);
}

/** Without option 67 the BOOTP file field is the file name; old values go */
static void test_lease_bootp_file(void **state)
{
	char buf[16];

	(void)state;
	server.offer = server.ack = 1;
	server.file = "boot/undionly.kpxe";
	assert_int_equal(dhcp_configure(&test_nic, 2000), 0);
	assert_string_equal(text("net0.dhcp/filename"), "boot/undionly.kpxe");
	assert_string_equal(text("net0.dhcp/ip"), "10.0.2.15");
	/* the block was replaced: the last lease's root-path is gone */
	assert_true(settings_fetch("net0.dhcp/root-path", buf, sizeof(buf),
				   NULL) < 0);
}

/** A silent network times out with -ETIMEDOUT, promptly */
static void test_no_offer(void **state)
{
	(void)state;
	assert_int_equal(dhcp_configure(&test_nic, 300), -ETIMEDOUT);
	assert_true(discover_len > 0);
}

/**
 * A server that ignores the first DISCOVER (busy pinging the address, as
 * dnsmasq does): the second goes out 4 s +- 1 s later (RFC 2131's first
 * back-off), in a line on the console, and its offer is taken
 */
static void test_retry(void **state)
{
	char *dhcp[] = { "dhcp", "--timeout", "9000", NULL };
	const char *out;
	unsigned int secs = 0;
	uint64_t gap;
	int n = 0;

	(void)state;
	server.offer = server.ack = 1;
	server.deaf = 1;
	assert_int_equal(stub_run(dhcp), 0);
	assert_int_equal(discovers, 2);
	gap = discover_ms[1] - discover_ms[0];
	assert_true(gap >= 2900 && gap <= 5100);
	out = stub_console_output();
	assert_int_equal(sscanf(out, "Configuring (net0 52:54:00:12:34:56)... \n"
				"DHCP on net0: no offer yet; DISCOVER again "
				"(try 2, %u s so far)\n%n", &secs, &n), 1);
	assert_true(secs >= 3 && secs <= 5);
	assert_string_equal(out + n, "ok\n");
}

/** Offers but no ACK: -EPROTO */
static void test_no_ack(void **state)
{
	(void)state;
	server.offer = 1;
	assert_int_equal(dhcp_configure(&test_nic, 300), -EPROTO);
}

/** No link: -ENETDOWN and nothing sent */
static void test_no_link(void **state)
{
	(void)state;
	server.offer = server.ack = 1;
	test_nic.link_up = 0;
	assert_int_equal(dhcp_configure(&test_nic, 300), -ENETDOWN);
	assert_int_equal(discover_len, 0);
}

/** Ctrl-C cancels */
static void test_cancel(void **state)
{
	(void)state;
	stub_console_input("\x03");
	assert_int_equal(dhcp_configure(&test_nic, 5000), -ECANCELED);
}

/** Closing the NIC stops it; opening it again works */
static void test_close_open(void **state)
{
	(void)state;
	netdev_close(&test_nic);
	assert_int_equal(test_nic.is_open, 0);
	assert_int_equal(netdev_open(&test_nic), 0);
	assert_int_equal(test_nic.is_open, 1);
	server.offer = server.ack = 1;
	assert_int_equal(dhcp_configure(&test_nic, 2000), 0);
}

/** `dhcp`, `route`, `ifstat` print what iPXE users expect */
static void test_commands(void **state)
{
	char *dhcp[] = { "dhcp", NULL };
	char *dhcp_net0[] = { "dhcp", "--timeout", "300", "net0", NULL };
	char *dhcp_bad[] = { "dhcp", "net0", "net7", NULL };
	char *route[] = { "route", NULL };
	char *ifstat[] = { "ifstat", "net0", NULL };
	char *ifclose[] = { "ifclose", NULL };
	char *ifopen[] = { "ifopen", "net0", NULL };

	(void)state;
	server.offer = server.ack = 1;
	assert_int_equal(stub_run(dhcp), 0);
	assert_string_equal(stub_console_output(),
			    "Configuring (net0 52:54:00:12:34:56)... ok\n");
	assert_int_equal(stub_run(route), 0);
	assert_string_equal(stub_console_output(),
			    "net0: 10.0.2.15/255.255.255.0 gw 10.0.2.2\n");
	assert_int_equal(stub_run(ifstat), 0);
	assert_non_null(strstr(stub_console_output(),
			       "net0: 52:54:00:12:34:56 using test on unit (open)\n"
			       "  [Link:up, TX:"));

	/* an unknown name is refused before anything runs */
	assert_int_equal(stub_run(dhcp_bad), -ENODEV);
	assert_string_equal(stub_console_output(),
			    "dhcp: net7: no such interface\n");

	server.offer = server.ack = 0;
	assert_int_equal(stub_run(dhcp_net0), -ETIMEDOUT);
	assert_string_equal(stub_console_output(),
			    "Configuring (net0 52:54:00:12:34:56)... failed\n"
			    "DHCP on net0: no offer after 1 s (Connection timed out)\n");

	assert_int_equal(stub_run(ifclose), 0);
	assert_int_equal(test_nic.is_open, 0);
	assert_int_equal(stub_run(ifopen), 0);
	assert_int_equal(test_nic.is_open, 1);
}

/** Run the DHCP client tests */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_register, reset_server),
		cmocka_unit_test_setup(test_lease, reset_server),
		cmocka_unit_test_setup(test_lease_bootp_file, reset_server),
		cmocka_unit_test_setup(test_no_offer, reset_server),
		cmocka_unit_test_setup(test_retry, reset_server),
		cmocka_unit_test_setup(test_no_ack, reset_server),
		cmocka_unit_test_setup(test_no_link, reset_server),
		cmocka_unit_test_setup(test_cancel, reset_server),
		cmocka_unit_test_setup(test_close_open, reset_server),
		cmocka_unit_test_setup(test_commands, reset_server),
	};

	return cmocka_run_group_tests(tests, setup_nic, NULL);
}
