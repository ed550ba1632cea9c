/** @file Unit tests for the receive path of net/netdev.c: checksum trust per frame, frames beyond the MTU, 802.1Q frames to VLAN devices. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/udp.h"
#include "fake_nic.h"
#include "../../net/vlan/vlan_int.h"

/** UDP port the test listens on */
#define TEST_PORT 4000

/** The fake NIC */
static struct nic test_nic;

/** Datagrams the UDP listener got */
static unsigned int rx_count;
/** Payload length of the last one */
static unsigned int rx_len;
/** Nonzero if the last one's IP header sat on a 4-byte boundary */
static int rx_ip_aligned;

/** Ones' complement sum of @p len bytes, added to @p sum (not folded) */
static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

/** Fold @p sum to 16 bits and complement it */
static unsigned int fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/**
 * Build an Ethernet/IPv4/UDP frame from 10.0.0.1 to our 10.0.0.2:TEST_PORT
 *
 * @v data_len  payload bytes
 * @v good      nonzero for a correct UDP checksum, zero for a wrong one
 * @v len       frame length, returned
 * @ret frame   malloc'd frame (free it)
 */
static uint8_t *make_frame(size_t data_len, int good, size_t *len)
{
	static const uint8_t src_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	static const uint8_t src_ip[4] = { 10, 0, 0, 1 };
	static const uint8_t dst_ip[4] = { 10, 0, 0, 2 };
	size_t udp_len = 8 + data_len;
	uint8_t *f = calloc(1, FAKE_DATA_OFS + data_len);
	uint32_t sum;
	unsigned int csum;

	assert_non_null(f);
	*len = FAKE_DATA_OFS + data_len;
	fake_udp_headers(f, *len, test_nic.mac, src_mac, src_ip, dst_ip, 5000,
			 TEST_PORT);
	for (size_t i = 0; i < data_len; i++)
		f[FAKE_DATA_OFS + i] = (uint8_t)(i * 7);
	sum = sum16(f + FAKE_IP_OFS + 12, 8, 17 + (uint32_t)udp_len);
	csum = fold(sum16(f + FAKE_UDP_OFS, udp_len, sum));
	if (!good)
		csum ^= 0x0101;
	fake_put16(f + FAKE_UDP_OFS + 6, csum ? csum : 0xffff);
	return f;
}

/** UDP listener: count the datagram and note its length and alignment */
static void test_udp_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
			  const ip_addr_t *addr, u16_t port)
{
	(void)arg;
	(void)pcb;
	(void)addr;
	(void)port;
	rx_count++;
	rx_len = p->tot_len;
	rx_ip_aligned = ((uintptr_t)p->payload - 8 - 20) % 4 == 0;
	pbuf_free(p);
}

/** Register and open the fake NIC at 10.0.0.2/24, and listen on TEST_PORT */
static int setup(void **state)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
	ip4_addr_t ip, mask;
	struct udp_pcb *pcb;

	(void)state;
	if (fake_nic_register(&test_nic, mac, "test", NULL) != 0 ||
	    netdev_open(&test_nic) != 0)
		return -1;
	IP4_ADDR(&ip, 10, 0, 0, 2);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	netif_set_addr(netdev_netif(&test_nic), &ip, &mask, IP4_ADDR_ANY4);
	pcb = udp_new();
	if (!pcb || udp_bind(pcb, IP4_ADDR_ANY, TEST_PORT) != ERR_OK)
		return -1;
	udp_recv(pcb, test_udp_recv, NULL);
	return 0;
}

/** Deliver a frame of @p data_len payload bytes; returns datagrams received by it */
static unsigned int deliver(size_t data_len, int good, unsigned int flags)
{
	unsigned int before = rx_count;
	size_t len;
	uint8_t *f = make_frame(data_len, good, &len);

	nic_receive_flags(&test_nic, f, len, flags);
	free(f);
	return rx_count - before;
}

/** A bad checksum is caught, unless the driver vouches for it; the check comes back after */
static void test_checksum_trust(void **state)
{
	(void)state;
	assert_int_equal(deliver(100, 1, 0), 1);
	assert_int_equal(rx_len, 100);
	assert_int_equal(deliver(100, 0, 0), 0);
	assert_int_equal(deliver(100, 0, NIC_RX_CSUM_OK), 1);
	assert_int_equal(deliver(100, 0, 0), 0);
	assert_int_equal(deliver(100, 1, NIC_RX_CSUM_OK), 1);
}

/** nic_receive() is nic_receive_flags() without trust */
static void test_receive_checks(void **state)
{
	size_t len;
	uint8_t *f = make_frame(64, 0, &len);
	unsigned int before = rx_count;

	(void)state;
	nic_receive(&test_nic, f, len);
	assert_int_equal(rx_count, before);
	free(f);
	f = make_frame(64, 1, &len);
	nic_receive(&test_nic, f, len);
	assert_int_equal(rx_count, before + 1);
	free(f);
}

/** Frames beyond the MTU (coalesced segments) get through, up to 65535 bytes */
static void test_big_frames(void **state)
{
	unsigned long errs;

	(void)state;
	assert_int_equal(deliver(9000, 1, 0), 1);
	assert_int_equal(rx_len, 9000);
	assert_true(rx_ip_aligned);
	assert_int_equal(deliver(0xffff - FAKE_DATA_OFS, 0, NIC_RX_CSUM_OK), 1);
	assert_int_equal(rx_len, 0xffff - FAKE_DATA_OFS);
	errs = test_nic.stats.rx_err;
	assert_int_equal(deliver(0x10000 - FAKE_DATA_OFS, 1, 0), 0);
	assert_int_equal(test_nic.stats.rx_err, errs + 1);
}

/** @p f (@p len bytes) with an 802.1Q tag of VLAN @p vid after the MAC addresses; malloc'd */
static uint8_t *tag_frame(const uint8_t *f, size_t len, unsigned int vid)
{
	uint8_t *t = malloc(len + 4);

	assert_non_null(t);
	memcpy(t, f, 12);
	fake_put16(t + 12, 0x8100);
	fake_put16(t + 14, vid);
	memcpy(t + 16, f + 12, len - 12);
	return t;
}

/**
 * A tagged frame goes, untagged, to the open VLAN device of its VLAN id;
 * one of a VLAN nobody has is dropped and counted on the trunk; untagged
 * frames stay the trunk's.  A VLAN device has its trunk's PCI function.
 */
static void test_vlan(void **state)
{
	struct nic *vlan;
	uint8_t *f, *t;
	size_t len;
	unsigned int before = rx_count;
	unsigned long trunk_ok, trunk_err;

	(void)state;
	device_set_pci(&test_nic.desc, 0, 0, 3, 0, 0x8086, 0x100e);
	assert_int_equal(vlan_create(&test_nic, 24, 0, &vlan), 0);
	assert_string_equal(vlan->name, "net0-24");
	assert_int_equal(device_pci_busdevfn(&vlan->desc), 0x18);
	assert_int_equal(netdev_open(vlan), 0);
	f = make_frame(50, 1, &len);
	trunk_ok = test_nic.stats.rx_ok;
	trunk_err = test_nic.stats.rx_err;
	t = tag_frame(f, len, 24);
	nic_receive(&test_nic, t, len + 4);
	free(t);
	assert_int_equal(rx_count, before + 1);
	assert_int_equal(rx_len, 50);
	assert_true(rx_ip_aligned);
	assert_int_equal(vlan->stats.rx_ok, 1);
	assert_int_equal(test_nic.stats.rx_ok, trunk_ok);
	t = tag_frame(f, len, 25);
	nic_receive(&test_nic, t, len + 4);
	free(t);
	assert_int_equal(rx_count, before + 1);
	assert_int_equal(test_nic.stats.rx_err, trunk_err + 1);
	nic_receive(&test_nic, f, len);
	assert_int_equal(rx_count, before + 2);
	assert_int_equal(test_nic.stats.rx_ok, trunk_ok + 1);
	assert_int_equal(vlan->stats.rx_ok, 1);
	free(f);
	assert_int_equal(vlan_destroy(vlan), 0);
	assert_null(nic_find("net0-24"));
}

/** Run the tests */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checksum_trust),
		cmocka_unit_test(test_receive_checks),
		cmocka_unit_test(test_big_frames),
		cmocka_unit_test(test_vlan),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
