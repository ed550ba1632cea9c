/** @file Unit tests for SNTP replies (net/ntp/reply.c): good, hostile and truncated packets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/ntp.h>

/** The nonce our request carried */
static const uint8_t origin[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

/** A good reply: version 4, server, stratum 2, transmit time @p secs (NTP era seconds), half a second */
static void make_reply(uint8_t *pkt, uint32_t secs)
{
	memset(pkt, 0, NTP_PACKET_LEN);
	pkt[0] = 0x24;
	pkt[1] = 2;
	memcpy(pkt + NTP_OFF_ORIGINATE, origin, 8);
	pkt[NTP_OFF_TRANSMIT] = (uint8_t)(secs >> 24);
	pkt[NTP_OFF_TRANSMIT + 1] = (uint8_t)(secs >> 16);
	pkt[NTP_OFF_TRANSMIT + 2] = (uint8_t)(secs >> 8);
	pkt[NTP_OFF_TRANSMIT + 3] = (uint8_t)secs;
	pkt[NTP_OFF_TRANSMIT + 4] = 0x80;
}

/** Parse @p len bytes of @p pkt; its rc, with the cause in @p why */
static int parse(const uint8_t *pkt, size_t len, int64_t *secs, char *why)
{
	unsigned int ms = 0;

	return ntp_parse_reply(pkt, len, origin, secs, &ms, why, 64);
}

/** Era 0 and era 1 (after 2036-02-07) times */
static void test_good(void **state)
{
	uint8_t pkt[NTP_PACKET_LEN + 20];
	unsigned int ms;
	int64_t secs;
	char why[64];

	(void)state;
	make_reply(pkt, 3913056000U);   /* 2024-01-01 */
	assert_int_equal(ntp_parse_reply(pkt, NTP_PACKET_LEN, origin, &secs,
					 &ms, why, sizeof(why)), 0);
	assert_int_equal(secs, 1704067200);
	assert_int_equal(ms, 500);
	make_reply(pkt, 1000);          /* era 1: 2036-02-07 06:44:56 */
	assert_int_equal(parse(pkt, sizeof(pkt), &secs, why), 0);
	assert_int_equal(secs, 2085978496LL + 1000);
}

/** Each broken field is refused with its cause */
static void test_hostile(void **state)
{
	static const struct {
		unsigned int off;
		uint8_t value;
		const char *why;
	} bad[] = {
		{ 0, 0x23, "bad reply: not a server reply" },
		{ 0, 0x0c, "bad reply: unknown NTP version" },
		{ 0, 0x3c, "bad reply: unknown NTP version" },
		{ 1, 0, "bad reply: kiss-o'-death (the server refuses to answer)" },
		{ 1, 16, "bad reply: the server's clock is not synchronized" },
		{ 0, 0xe4, "bad reply: the server's clock is not synchronized" },
		{ NTP_OFF_ORIGINATE + 7, 9, "bad reply: reply to another request" },
		{ NTP_OFF_TRANSMIT, 0, NULL },
	};
	uint8_t pkt[NTP_PACKET_LEN];
	int64_t secs;
	char why[64];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		make_reply(pkt, 3913056000U);
		pkt[bad[i].off] = bad[i].value;
		if (!bad[i].why)
			memset(pkt + NTP_OFF_TRANSMIT, 0, 4);
		assert_int_equal(parse(pkt, sizeof(pkt), &secs, why), -71);
		assert_string_equal(why, bad[i].why ? bad[i].why :
				    "bad reply: no transmit time");
	}
}

/** Every truncation of a good reply is refused */
static void test_truncated(void **state)
{
	uint8_t pkt[NTP_PACKET_LEN];
	int64_t secs;
	char why[64];

	(void)state;
	make_reply(pkt, 3913056000U);
	for (size_t len = 0; len < NTP_PACKET_LEN; len++) {
		uint8_t *copy = test_malloc(len + 1);

		memcpy(copy, pkt, len);
		assert_int_equal(parse(copy, len, &secs, why), -71);
		assert_string_equal(why, "bad reply: reply too short");
		test_free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
