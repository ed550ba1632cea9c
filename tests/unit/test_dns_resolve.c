/** @file Unit tests for name lookups (net/dns/resolve.c over lwIP's resolver) fed hostile DNS answers through a fake NIC. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/settings.h>
#include "fake_nic.h"
#include "platform_stub.h"
#include "lwip/netif.h"

/** The DNS message in a frame, and its fields */
#define DNS_OFS FAKE_DATA_OFS
#define DNS_HDR_LEN 12

/** Replies the fake server sends to one query, in order */
#define MAX_REPLIES 2

/** One crafted reply */
struct reply {
	int id_delta;               /**< added to the query's transaction id */
	unsigned int flags;         /**< header flags (0x8180: answer, no error) */
	unsigned int ancount;       /**< answer count claimed in the header */
	const uint8_t *answers;     /**< bytes after the question */
	size_t answers_len;         /**< their length */
	size_t cut;                 /**< nonzero: send only this many bytes */
	int qname_loop;             /**< question name is a pointer to itself */
};

/** What the fake server answers to each query of the current test */
static struct reply replies[MAX_REPLIES];
/** How many of them */
static unsigned int nreplies;
/** Queries the server saw */
static unsigned int queries;

/** The fake NIC, its MAC, our address and the server's */
static struct nic test_nic;
static const uint8_t our_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t server_mac[6] = { 0x52, 0x54, 0, 0, 0, 1 };
static const uint8_t our_ip[4] = { 10, 0, 2, 15 };
static const uint8_t server_ip[4] = { 10, 0, 2, 3 };

/** A valid A record for the question's name: 10.0.2.99 */
static const uint8_t good_a[] = {
	0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 2, 99,
};

/** Queue reply @p r to the query frame @p q of @p qlen bytes */
static void dns_reply(const uint8_t *q, size_t qlen, const struct reply *r)
{
	uint8_t *f = fake_nic_rx_frame();
	uint8_t *d = &f[DNS_OFS];
	size_t question = qlen - DNS_OFS - DNS_HDR_LEN;
	size_t len = DNS_HDR_LEN;

	assert_true(qlen > DNS_OFS + DNS_HDR_LEN + 4);
	fake_put16(d, (unsigned int)(q[DNS_OFS] << 8 | q[DNS_OFS + 1]) +
		   (unsigned int)r->id_delta);
	fake_put16(&d[2], r->flags);
	fake_put16(&d[4], 1);
	fake_put16(&d[6], r->ancount);
	if (r->qname_loop) {
		d[len++] = 0xc0;                  /* points at itself */
		d[len++] = DNS_HDR_LEN;
		memcpy(&d[len], &q[qlen - 4], 4); /* type, class */
		len += 4;
	} else {
		memcpy(&d[len], &q[DNS_OFS + DNS_HDR_LEN], question);
		len += question;
	}
	if (r->answers_len)
		memcpy(&d[len], r->answers, r->answers_len);
	len += r->answers_len;
	if (r->cut)
		len = r->cut;
	fake_udp_headers(f, DNS_OFS + len, our_mac, server_mac, server_ip,
			 our_ip, 53,
			 (unsigned int)(q[FAKE_UDP_OFS] << 8 | q[FAKE_UDP_OFS + 1]));
	fake_nic_rx_commit(DNS_OFS + len);
}

/** Fake wire: the server answers ARP, and each DNS query with the replies */
static int test_transmit(struct nic *nic, const void *frame, size_t len)
{
	const uint8_t *f = frame;

	(void)nic;
	if (len >= 42 && f[12] == 0x08 && f[13] == 0x06) {
		fake_arp_reply(f, server_mac);
		return 0;
	}
	if (len < DNS_OFS || f[12] != 0x08 || f[13] != 0 ||
	    f[FAKE_IP_OFS + 9] != 17 || f[FAKE_UDP_OFS + 3] != 53)
		return 0;
	queries++;
	for (unsigned int i = 0; i < nreplies; i++)
		dns_reply(f, len, &replies[i]);
	return 0;
}

/** Register the fake NIC with a static address, once for all tests */
static int setup_nic(void **state)
{
	(void)state;
	if (fake_nic_open_static(&test_nic, our_mac, "test", test_transmit) < 0)
		return -1;
	return settings_store_text("dns", "10.0.2.3");
}

/** Forget the previous test's replies and frames */
static int reset(void **state)
{
	(void)state;
	memset(replies, 0, sizeof(replies));
	nreplies = 0;
	queries = 0;
	fake_nic_rx_reset();
	return 0;
}

/** Set reply @p i to "answer, no error" with @p ancount records @p answers */
static struct reply *set_reply(unsigned int i, unsigned int ancount,
			       const uint8_t *answers, size_t answers_len)
{
	replies[i].flags = 0x8180;
	replies[i].ancount = ancount;
	replies[i].answers = answers;
	replies[i].answers_len = answers_len;
	if (nreplies < i + 1)
		nreplies = i + 1;
	return &replies[i];
}

/** Resolve @p name: its result; the address or the line in @p out */
static int resolve(const char *name, char *out, size_t len)
{
	uint32_t addr = 0;
	const uint8_t *a = (const uint8_t *)&addr;
	int rc;

	out[0] = '\0';
	rc = dns_resolve(name, &addr, out, len);
	if (rc == 0)
		snprintf(out, len, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	return rc;
}

/** A plain answer: the address (the harness itself works) */
static void test_valid(void **state)
{
	char out[160];

	(void)state;
	set_reply(0, 1, good_a, sizeof(good_a));
	assert_int_equal(resolve("valid.example", out, sizeof(out)), 0);
	assert_string_equal(out, "10.0.2.99");
	assert_int_equal(queries, 1);
}

/** A dotted quad is not looked up */
static void test_dotted_quad(void **state)
{
	char out[160];

	(void)state;
	assert_int_equal(resolve("192.0.2.7", out, sizeof(out)), 0);
	assert_string_equal(out, "192.0.2.7");
	assert_int_equal(queries, 0);
}

/** A header cut short is ignored; the valid answer after it counts */
static void test_truncated_header(void **state)
{
	char out[160];

	(void)state;
	set_reply(0, 1, good_a, sizeof(good_a))->cut = 7;
	set_reply(1, 1, good_a, sizeof(good_a));
	assert_int_equal(resolve("cut.example", out, sizeof(out)), 0);
	assert_string_equal(out, "10.0.2.99");
}

/** An A record for 6.6.6.6, sent before the good one in hostile tests */
static const uint8_t evil[] = {
	0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 6, 6, 6, 6,
};

/** Control: of two well-formed answers the first counts (so the tests below see the hostile one first) */
static void test_first_wins(void **state)
{
	char out[160];

	(void)state;
	set_reply(0, 1, evil, sizeof(evil));
	set_reply(1, 1, good_a, sizeof(good_a));
	assert_int_equal(resolve("first.example", out, sizeof(out)), 0);
	assert_string_equal(out, "6.6.6.6");
}

/** An answer with another transaction id is ignored */
static void test_wrong_id(void **state)
{
	char out[160];

	(void)state;
	set_reply(0, 1, evil, sizeof(evil))->id_delta = 1;
	set_reply(1, 1, good_a, sizeof(good_a));
	assert_int_equal(resolve("xid.example", out, sizeof(out)), 0);
	assert_string_equal(out, "10.0.2.99");
}

/** A question name that is a compression pointer to itself is ignored */
static void test_pointer_loop_question(void **state)
{
	char out[160];

	(void)state;
	set_reply(0, 1, good_a, sizeof(good_a))->qname_loop = 1;
	set_reply(1, 1, good_a, sizeof(good_a));
	assert_int_equal(resolve("loop.example", out, sizeof(out)), 0);
	assert_string_equal(out, "10.0.2.99");
}

/** An answer name that points at itself, its record cut short: ignored */
static void test_pointer_loop_answer(void **state)
{
	const char *name = "loop2.example";
	/* the answer's offset: header, the name's labels and root, type, class */
	uint8_t self = (uint8_t)(DNS_HDR_LEN + strlen(name) + 2 + 4);
	uint8_t loop[] = { 0xc0, self, 0xc0, self, 0, 1 };
	char out[160];

	(void)state;
	set_reply(0, 1, loop, sizeof(loop));
	set_reply(1, 1, good_a, sizeof(good_a));
	assert_int_equal(resolve(name, out, sizeof(out)), 0);
	assert_string_equal(out, "10.0.2.99");
}

/** An A record whose 4 bytes run past the end is ignored */
static void test_rdata_past_end(void **state)
{
	static const uint8_t cut[] = {
		0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 6, 6,
	};
	char out[160];

	(void)state;
	set_reply(0, 1, cut, sizeof(cut));
	set_reply(1, 1, good_a, sizeof(good_a));
	assert_int_equal(resolve("rdata.example", out, sizeof(out)), 0);
	assert_string_equal(out, "10.0.2.99");
}

/** A CNAME whose rdlength runs far past the end: no address, one line */
static void test_rdlength_past_end(void **state)
{
	static const uint8_t big[] = {
		0xc0, 0x0c, 0, 5, 0, 1, 0, 0, 0, 60, 0x01, 0xf4, 3, 'f', 'o', 'o', 0,
	};
	char out[160];

	(void)state;
	set_reply(0, 1, big, sizeof(big));
	assert_int_equal(resolve("rdlen.example", out, sizeof(out)), -ENOENT);
	assert_string_equal(out, "cannot resolve rdlen.example: no such name or "
			    "no address (answer from 10.0.2.3)");
}

/** More answers claimed than the message holds: no address, one line */
static void test_count_past_end(void **state)
{
	static const uint8_t cname[] = {
		0xc0, 0x0c, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xc0, 0x0c,
	};
	char out[160];

	(void)state;
	set_reply(0, 40000, cname, sizeof(cname));
	assert_int_equal(resolve("count.example", out, sizeof(out)), -ENOENT);
	assert_string_equal(out, "cannot resolve count.example: no such name or "
			    "no address (answer from 10.0.2.3)");
}

/** An A record of 5 bytes is no address */
static void test_a_wrong_length(void **state)
{
	static const uint8_t a5[] = {
		0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 5, 6, 6, 6, 6, 6,
	};
	char out[160];

	(void)state;
	set_reply(0, 1, a5, sizeof(a5));
	assert_int_equal(resolve("a5.example", out, sizeof(out)), -ENOENT);
	assert_string_equal(out, "cannot resolve a5.example: no such name or "
			    "no address (answer from 10.0.2.3)");
}

/** NXDOMAIN: one line at once */
static void test_nxdomain(void **state)
{
	char out[160];

	(void)state;
	set_reply(0, 0, NULL, 0)->flags = 0x8183;
	assert_int_equal(resolve("nx.example", out, sizeof(out)), -ENOENT);
	assert_string_equal(out, "cannot resolve nx.example: no such name or "
			    "no address (answer from 10.0.2.3)");
	assert_int_equal(queries, 1);
}

/** Only broken answers: lwIP's retries run out, one line, bounded */
static void test_only_garbage(void **state)
{
	char out[160];

	(void)state;
	set_reply(0, 1, good_a, sizeof(good_a))->cut = 5;
	assert_int_equal(resolve("garbage.example", out, sizeof(out)),
			 -ETIMEDOUT);
	assert_string_equal(out, "cannot resolve garbage.example: no usable "
			    "answer from 10.0.2.3");
	assert_true(queries > 1);
}

/** Without a `dns` setting there is nobody to ask */
static void test_no_server(void **state)
{
	char out[160];

	(void)state;
	assert_int_equal(settings_clear("dns"), 0);
	assert_int_equal(resolve("none.example", out, sizeof(out)), -ENOENT);
	assert_string_equal(out, "cannot resolve none.example: no DNS server");
	assert_int_equal(queries, 0);
	assert_int_equal(settings_store_text("dns", "10.0.2.3"), 0);
}

/** Run the resolver tests */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_valid, reset),
		cmocka_unit_test_setup(test_dotted_quad, reset),
		cmocka_unit_test_setup(test_first_wins, reset),
		cmocka_unit_test_setup(test_truncated_header, reset),
		cmocka_unit_test_setup(test_wrong_id, reset),
		cmocka_unit_test_setup(test_pointer_loop_question, reset),
		cmocka_unit_test_setup(test_pointer_loop_answer, reset),
		cmocka_unit_test_setup(test_rdata_past_end, reset),
		cmocka_unit_test_setup(test_rdlength_past_end, reset),
		cmocka_unit_test_setup(test_count_past_end, reset),
		cmocka_unit_test_setup(test_a_wrong_length, reset),
		cmocka_unit_test_setup(test_nxdomain, reset),
		cmocka_unit_test_setup(test_only_garbage, reset),
		cmocka_unit_test_setup(test_no_server, reset),
	};

	return cmocka_run_group_tests(tests, setup_nic, NULL);
}
