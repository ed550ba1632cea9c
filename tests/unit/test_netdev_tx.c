/** @file Unit tests for the transmit path of net/netdev.c: ACKs merged per poll, the backlog of a full ring, the TCP window a NIC can hold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/poll.h>
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "fake_nic.h"

/** Offset of the TCP header in the test frames (IPv4 without options) */
#define TCP_OFS (FAKE_IP_OFS + 20)

/** Frames the driver took, in order: their ACK numbers and lengths */
static uint32_t sent_ack[64];
static size_t sent_len[64];
static unsigned int sent_count;

/** Transmit calls still to refuse with -ENOBUFS (a full ring) */
static unsigned int ring_full;

/** Frames the poll hook sends during the next poll, and how many */
static struct {
	uint32_t ack;       /**< acknowledgement number */
	unsigned int wnd;   /**< window */
	size_t data;        /**< payload bytes (0: a pure ACK) */
	unsigned int port;  /**< our port (tells connections apart) */
} batch[8];
static unsigned int batch_count;

/** The fake NIC */
static struct nic test_nic;

/** Big-endian 32-bit value at @p p */
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/** Driver transmit: refuse while the ring is "full", else record the frame */
static int test_transmit(struct nic *nic, const void *frame, size_t len)
{
	(void)nic;
	if (ring_full) {
		ring_full--;
		return -ENOBUFS;
	}
	assert_true(sent_count < 64);
	sent_ack[sent_count] = get32((const uint8_t *)frame + TCP_OFS + 8);
	sent_len[sent_count++] = len;
	return 0;
}

/** Send, as lwIP would, a TCP frame from our @p port: ACK @p ack, window @p wnd, @p data payload bytes; linkoutput's result */
static err_t output(uint32_t ack, unsigned int wnd, size_t data,
		   unsigned int port)
{
	struct netif *netif = netdev_netif(&test_nic);
	size_t len = TCP_OFS + 20 + data;
	struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
	uint8_t *f;
	err_t err;

	assert_non_null(p);
	f = p->payload;
	memset(f, 0, len);
	memset(f, 0x02, 12);
	fake_put16(&f[12], 0x0800);
	f[FAKE_IP_OFS] = 0x45;
	fake_put16(&f[FAKE_IP_OFS + 2], (unsigned int)(len - FAKE_IP_OFS));
	f[FAKE_IP_OFS + 8] = 64;
	f[FAKE_IP_OFS + 9] = 6;
	memcpy(&f[FAKE_IP_OFS + 12], "\x0a\x00\x00\x02\x0a\x00\x00\x01", 8);
	fake_put16(&f[TCP_OFS], port);
	fake_put16(&f[TCP_OFS + 2], 3260);
	f[TCP_OFS + 8] = (uint8_t)(ack >> 24);
	f[TCP_OFS + 9] = (uint8_t)(ack >> 16);
	f[TCP_OFS + 10] = (uint8_t)(ack >> 8);
	f[TCP_OFS + 11] = (uint8_t)ack;
	f[TCP_OFS + 12] = 5 << 4;
	f[TCP_OFS + 13] = data ? 0x18 : 0x10;        /* PSH+ACK or ACK */
	fake_put16(&f[TCP_OFS + 14], wnd);
	err = netif->linkoutput(netif, p);
	pbuf_free(p);
	return err;
}

/** Poll hook: send the batch, as lwIP answers frames inside the poll */
static void send_batch(struct nic *nic)
{
	(void)nic;
	for (unsigned int i = 0; i < batch_count; i++)
		assert_int_equal(output(batch[i].ack, batch[i].wnd,
					batch[i].data, batch[i].port), ERR_OK);
	batch_count = 0;
}

/** Queue a frame for the next poll's batch */
static void add(uint32_t ack, unsigned int wnd, size_t data, unsigned int port)
{
	batch[batch_count].ack = ack;
	batch[batch_count].wnd = wnd;
	batch[batch_count].data = data;
	batch[batch_count++].port = port;
}

/** Register and open the fake NIC */
static int setup(void **state)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcd };

	(void)state;
	fake_nic_set_poll_hook(send_batch);
	if (fake_nic_register(&test_nic, mac, "test", test_transmit) != 0 ||
	    netdev_open(&test_nic) != 0)
		return -1;
	return 0;
}

/** Start each test with nothing sent */
static int reset(void **state)
{
	(void)state;
	sent_count = 0;
	ring_full = 0;
	batch_count = 0;
	return 0;
}

/** ACKs of one connection inside a poll: only the last leaves, after the poll */
static void test_acks_merged(void **state)
{
	(void)state;
	add(1000, 100, 0, 1024);
	add(3920, 100, 0, 1024);
	add(6840, 100, 0, 1024);
	step();
	assert_int_equal(sent_count, 1);
	assert_int_equal(sent_ack[0], 6840);
}

/** A larger window at the same ACK replaces it too; a duplicate ACK does not */
static void test_dup_acks_kept(void **state)
{
	(void)state;
	add(5000, 100, 0, 1024);
	add(5000, 200, 0, 1024);        /* window update */
	add(5000, 200, 0, 1024);        /* duplicate: the sender counts these */
	add(5000, 200, 0, 1024);
	step();
	assert_int_equal(sent_count, 3);
	assert_int_equal(sent_len[0], TCP_OFS + 20);
}

/** Other frames are not held and go out after the held ACK; other connections keep theirs */
static void test_order_kept(void **state)
{
	(void)state;
	add(100, 100, 0, 1024);
	add(200, 100, 48, 1024);        /* a command: data */
	add(300, 100, 0, 1024);
	add(400, 100, 0, 1025);         /* another connection */
	step();
	assert_int_equal(sent_count, 4);
	assert_int_equal(sent_ack[0], 100);
	assert_int_equal(sent_ack[1], 200);
	assert_int_equal(sent_len[1], TCP_OFS + 20 + 48);
	assert_int_equal(sent_ack[2], 300);
	assert_int_equal(sent_ack[3], 400);
}

/** Outside a poll an ACK leaves at once */
static void test_ack_outside_poll(void **state)
{
	(void)state;
	assert_int_equal(output(42, 100, 0, 1024), ERR_OK);
	assert_int_equal(sent_count, 1);
	assert_int_equal(sent_ack[0], 42);
}

/** A full ring: frames wait, in order, and leave after the next poll */
static void test_backlog(void **state)
{
	unsigned long ok = test_nic.stats.tx_ok;
	unsigned long err = test_nic.stats.tx_err;

	(void)state;
	ring_full = 1;
	assert_int_equal(output(1, 100, 10, 1024), ERR_OK);
	/* behind the first, not before it */
	assert_int_equal(output(2, 100, 10, 1024), ERR_OK);
	assert_int_equal(sent_count, 0);
	ring_full = 1;                  /* still full at the first try */
	step();
	assert_int_equal(sent_count, 0);
	step();
	assert_int_equal(sent_count, 2);
	assert_int_equal(sent_ack[0], 1);
	assert_int_equal(sent_ack[1], 2);
	assert_int_equal(test_nic.stats.tx_ok, ok + 2);
	assert_int_equal(test_nic.stats.tx_err, err);
}

/** More than the backlog holds: the rest is counted as failed, the kept ones leave */
static void test_backlog_full(void **state)
{
	unsigned long err = test_nic.stats.tx_err;
	unsigned int kept = 0;

	(void)state;
	ring_full = 1000;
	for (unsigned int i = 0; i < 100; i++) {
		err_t e = output(i, 100, 10, 1024);

		if (e == ERR_OK)
			assert_int_equal(i, kept++);
		else
			assert_int_equal(e, ERR_MEM);
	}
	assert_true(kept > 0 && kept < 100);
	assert_int_equal(test_nic.stats.tx_err, err + 100 - kept);
	ring_full = 0;
	step();
	assert_int_equal(sent_count, kept);
	for (unsigned int i = 0; i < kept; i++)
		assert_int_equal(sent_ack[i], i);
}

/** The receive window of a connection stays one segment within the NIC's ring */
static void test_tcp_window(void **state)
{
	struct tcp_pcb *pcb = tcp_new();
	struct nic other = { 0 };

	(void)state;
	assert_non_null(pcb);
	pcb->mss = 1460;
	pcb->rcv_wnd = pcb->rcv_ann_wnd = 0xffff;
	netdev_fit_tcp_window(&other, pcb);     /* no ring limit */
	assert_int_equal(pcb->rcv_wnd, 0xffff);
	netdev_fit_tcp_window(NULL, pcb);
	assert_int_equal(pcb->rcv_wnd, 0xffff);
	other.rx_frames_max = 8;
	netdev_fit_tcp_window(&other, pcb);
	assert_int_equal(pcb->rcv_wnd, 7 * 1460);
	assert_int_equal(pcb->rcv_ann_wnd, 7 * 1460);
	other.rx_frames_max = 256;              /* room for more: no change */
	netdev_fit_tcp_window(&other, pcb);
	assert_int_equal(pcb->rcv_wnd, 7 * 1460);
	other.rx_frames_max = 1;                /* never a zero window */
	netdev_fit_tcp_window(&other, pcb);
	assert_int_equal(pcb->rcv_wnd, 1460);
	tcp_abort(pcb);
}

/** Run the tests */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_acks_merged, reset),
		cmocka_unit_test_setup(test_dup_acks_kept, reset),
		cmocka_unit_test_setup(test_order_kept, reset),
		cmocka_unit_test_setup(test_ack_outside_poll, reset),
		cmocka_unit_test_setup(test_backlog, reset),
		cmocka_unit_test_setup(test_backlog_full, reset),
		cmocka_unit_test_setup(test_tcp_window, reset),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
