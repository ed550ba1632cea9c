/** @file Unit tests for TFTP packets, options and the receive window (net/tftp/packet.c, window.c), with hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include "../../net/tftp/tftp_int.h"

/** What we ask for in these tests: 1468-byte blocks, 8 per ACK, tsize */
static const struct tftp_opts asked = {
	.blksize = 1468, .windowsize = 8, .has_tsize = 1,
};

/**
 * Parse the @p len bytes at @p bytes as an OACK from a block of exactly
 * that size (so ASan sees any read past the end)
 */
static int parse(const char *bytes, size_t len, struct tftp_opts *got)
{
	uint8_t *pkt = malloc(len ? len : 1);
	int rc;

	memcpy(pkt, bytes, len);
	rc = tftp_parse_oack(pkt, len, &asked, got);
	free(pkt);
	return rc;
}

/** OACK text: opcode 6, then the options (sizeof - 1 drops the literal's NUL) */
#define OACK(text) "\0\6" text, sizeof("\0\6" text) - 1

/** A read request carries the file, octet mode and our three options */
static void test_rrq(void **state)
{
	static const char want[] = "\0\1boot/x.efi\0octet\0blksize\0001468\0"
				   "windowsize\0008\0tsize\0000";
	uint8_t out[128];

	(void)state;
	/* (the literal's own NUL ends the last value) */
	assert_int_equal(tftp_build_rrq(out, sizeof(out), "boot/x.efi", &asked),
			 sizeof(want));
	assert_memory_equal(out, want, sizeof(want));
	assert_int_equal(tftp_build_rrq(out, sizeof(out), "a", NULL), 10);
	assert_memory_equal(out, "\0\1a\0octet\0", 10);
	/* too small: nothing, and nothing written past the room */
	out[20] = 0x5a;
	assert_int_equal(tftp_build_rrq(out, 20, "boot/x.efi", &asked), 0);
	assert_int_equal(out[20], 0x5a);
	assert_int_equal(tftp_build_rrq(out, 9, "a", NULL), 0);
	assert_int_equal(tftp_build_rrq(out, 1, "a", NULL), 0);
}

/** ACK and ERROR packets, a long message cut to fit */
static void test_ack_error(void **state)
{
	uint8_t out[16];

	(void)state;
	assert_int_equal(tftp_build_ack(out, 0x12345), 4);
	assert_memory_equal(out, "\0\4\x23\x45", 4);
	assert_int_equal(tftp_build_error(out, 10, 5, "unknown transfer ID"), 10);
	assert_memory_equal(out, "\0\5\0\5unkno\0", 10);
}

/** Opcode, block number and error text read within the datagram only */
static void test_read_short(void **state)
{
	static const uint8_t err[] = { 0, 5, 0, 1, 'n', 'o', 'p', 'e' };
	uint8_t *one = malloc(1);
	const char *msg;
	size_t n;

	(void)state;
	one[0] = 0;
	assert_int_equal(tftp_opcode(one, 0), 0);
	assert_int_equal(tftp_opcode(one, 1), 0);
	free(one);
	assert_int_equal(tftp_opcode(err, 2), TFTP_ERROR);
	assert_int_equal(tftp_block((const uint8_t *)"\0\3\xff\xff"), 65535);
	/* no NUL: the message stops at the end of the packet */
	msg = tftp_error_text(err, sizeof(err), 60, &n);
	assert_int_equal(n, 4);
	assert_memory_equal(msg, "nope", 4);
	tftp_error_text(err, 4, 60, &n);
	assert_int_equal(n, 0);
	tftp_error_text(err, sizeof(err), 2, &n);
	assert_int_equal(n, 2);
	tftp_error_text((const uint8_t *)"\0\5\0\0ab\ncd", 10, 60, &n);
	assert_int_equal(n, 2);
}

/** A good OACK sets what it names; what it leaves out stays RFC 1350's */
static void test_oack_good(void **state)
{
	struct tftp_opts got;

	(void)state;
	assert_int_equal(parse(OACK("blksize\0001468\0tsize\00016777216\0"
				    "windowsize\0004\0"), &got), 0);
	assert_int_equal(got.blksize, 1468);
	assert_int_equal(got.windowsize, 4);
	assert_int_equal(got.has_tsize, 1);
	assert_int_equal(got.tsize, 16777216);
	/* names in any case; only tsize: 512-byte blocks, one per ACK */
	assert_int_equal(parse(OACK("TSize\0000\0"), &got), 0);
	assert_int_equal(got.blksize, 512);
	assert_int_equal(got.windowsize, 1);
	assert_int_equal(got.has_tsize, 1);
	assert_int_equal(got.tsize, 0);
	/* an opcode only: nothing agreed */
	assert_int_equal(parse(OACK(""), &got), 0);
	assert_int_equal(got.blksize, 512);
	assert_int_equal(got.has_tsize, 0);
	/* options we did not ask for are skipped, even with odd values */
	assert_int_equal(parse(OACK("timeout\0x\0multicast\0\0blksize\000800\0"),
			       &got), 0);
	assert_int_equal(got.blksize, 800);
	assert_int_equal(parse(OACK("blksize\0008\0"), &got), 0);
	assert_int_equal(got.blksize, 8);
}

/** Malformed OACKs: missing NULs, bad numbers, more than we asked */
static void test_oack_hostile(void **state)
{
	static const char *const bad_values[] = {
		"blksize\0001469",          /* larger than asked */
		"blksize\00065464",
		"blksize\0007",             /* below RFC 2348's 8 */
		"blksize\0000",
		"blksize\000-1",
		"blksize\000+512",
		"blksize\000 512",
		"blksize\000512 ",
		"blksize\0000x200",
		"blksize\000",              /* empty value */
		"windowsize\0000",
		"windowsize\0009",          /* more than asked */
		"tsize\00099999999999999999999999",
		"tsize\000184467440737095516160",
		"tsize\0001e6",
	};
	struct tftp_opts got;
	char pkt[64];

	(void)state;
	for (size_t i = 0; i < sizeof(bad_values) / sizeof(bad_values[0]); i++) {
		size_t n = strlen(bad_values[i]);

		n += strlen(bad_values[i] + n + 1) + 1;  /* name, NUL, value */
		memcpy(pkt, "\0\6", 2);
		memcpy(pkt + 2, bad_values[i], n);
		pkt[2 + n] = 0;
		assert_int_equal(parse(pkt, n + 3, &got), -EPROTO);
		/* the same without the value's NUL */
		assert_int_equal(parse(pkt, n + 2, &got), -EPROTO);
	}
	assert_int_equal(parse(OACK("blksize"), &got), -EPROTO);  /* no NUL */
	assert_int_equal(parse(OACK("blksize\0"), &got), -EPROTO); /* no value */
	assert_int_equal(parse(OACK("blksize\0001024"), &got), -EPROTO);
	assert_int_equal(parse(OACK("x"), &got), -EPROTO);
	assert_int_equal(parse("", 0, &got), -EPROTO);
	assert_int_equal(parse("\0", 1, &got), -EPROTO);
	assert_int_equal(parse("\0\3\0\1", 4, &got), -EPROTO);  /* DATA */
	assert_int_equal(parse("\1\6\0\0", 4, &got), -EPROTO);
}

/** tsize values up to what a size_t holds */
static void test_oack_tsize_range(void **state)
{
	struct tftp_opts got;
	struct tftp_opts no_tsize = asked;
	char pkt[64] = "\0\6tsize";
	int n;

	(void)state;
	n = snprintf(pkt + 8, sizeof(pkt) - 8, "%zu", (size_t)-1 >> 1);
	assert_int_equal(parse(pkt, 8 + (size_t)n + 1, &got), 0);
	assert_true(got.tsize == (size_t)-1 >> 1);
	/* tsize we did not ask for is skipped */
	no_tsize.has_tsize = 0;
	assert_int_equal(tftp_parse_oack((const uint8_t *)"\0\6tsize\0005\0", 10,
					 &no_tsize, &got), 0);
	assert_int_equal(got.has_tsize, 0);
}

/** Blocks in order: an ACK after each window and after the short last one */
static void test_window_in_order(void **state)
{
	struct tftp_window w;

	(void)state;
	tftp_window_start(&w, 4);
	assert_int_equal(tftp_window_acked(&w), 0);
	for (unsigned int b = 1; b <= 3; b++)
		assert_int_equal(tftp_window_data(&w, b, 0), TFTP_KEEP);
	assert_int_equal(tftp_window_data(&w, 4, 0), TFTP_KEEP_ACK);
	assert_int_equal(tftp_window_acked(&w), 4);
	assert_int_equal(tftp_window_data(&w, 5, 0), TFTP_KEEP);
	assert_int_equal(tftp_window_data(&w, 6, 1), TFTP_KEEP_ACK);
	assert_int_equal(tftp_window_acked(&w), 6);
	/* one per ACK (RFC 1350) */
	tftp_window_start(&w, 1);
	assert_int_equal(tftp_window_data(&w, 1, 0), TFTP_KEEP_ACK);
	assert_int_equal(tftp_window_data(&w, 1, 0), TFTP_REACK);
	assert_int_equal(tftp_window_data(&w, 2, 1), TFTP_KEEP_ACK);
}

/** A lost block: one re-ACK of the last in order, the rest dropped until it comes */
static void test_window_loss(void **state)
{
	struct tftp_window w;

	(void)state;
	tftp_window_start(&w, 8);
	assert_int_equal(tftp_window_data(&w, 1, 0), TFTP_KEEP);
	assert_int_equal(tftp_window_data(&w, 2, 0), TFTP_KEEP);
	/* 3 is lost */
	assert_int_equal(tftp_window_data(&w, 4, 0), TFTP_REACK);
	assert_int_equal(tftp_window_acked(&w), 2);
	for (unsigned int b = 5; b <= 8; b++)
		assert_int_equal(tftp_window_data(&w, b, 0), TFTP_DROP);
	/* the server resends from 3: a new window of 8 from there */
	for (unsigned int b = 3; b <= 9; b++)
		assert_int_equal(tftp_window_data(&w, b, 0), TFTP_KEEP);
	assert_int_equal(tftp_window_data(&w, 10, 0), TFTP_KEEP_ACK);
	/* duplicates of kept blocks are dropped; the window's last is re-ACKed */
	assert_int_equal(tftp_window_data(&w, 9, 0), TFTP_DROP);
	assert_int_equal(tftp_window_data(&w, 10, 0), TFTP_REACK);
	assert_int_equal(tftp_window_data(&w, 11, 0), TFTP_KEEP);
	assert_int_equal(tftp_window_data(&w, 11, 0), TFTP_DROP);
	assert_int_equal(tftp_window_data(&w, 10, 0), TFTP_DROP);
	assert_int_equal(tftp_window_acked(&w), 11);
}

/** Block numbers wrap from 65535 to 0 and on */
static void test_window_wrap(void **state)
{
	struct tftp_window w;
	unsigned long kept = 0;

	(void)state;
	tftp_window_start(&w, 16);
	for (unsigned long i = 1; i <= 70000; i++) {
		enum tftp_verdict v = tftp_window_data(&w, (unsigned int)(i & 0xffff), 0);

		assert_true(v == TFTP_KEEP || v == TFTP_KEEP_ACK);
		kept++;
	}
	assert_int_equal(kept, 70000);
	assert_int_equal(tftp_window_acked(&w), 70000 & 0xffff);
	/* a block from before the wrap is old, not far ahead */
	assert_int_equal(tftp_window_data(&w, 65535, 0), TFTP_DROP);
	/* last block around the wrap point */
	tftp_window_start(&w, 1);
	w.next = 65535;
	assert_int_equal(tftp_window_data(&w, 65535, 0), TFTP_KEEP_ACK);
	assert_int_equal(tftp_window_acked(&w), 65535);
	assert_int_equal(tftp_window_data(&w, 1, 0), TFTP_REACK); /* 0 missed */
	assert_int_equal(tftp_window_data(&w, 0, 1), TFTP_KEEP_ACK);
	assert_int_equal(tftp_window_acked(&w), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rrq),
		cmocka_unit_test(test_ack_error),
		cmocka_unit_test(test_read_short),
		cmocka_unit_test(test_oack_good),
		cmocka_unit_test(test_oack_hostile),
		cmocka_unit_test(test_oack_tsize_range),
		cmocka_unit_test(test_window_in_order),
		cmocka_unit_test(test_window_loss),
		cmocka_unit_test(test_window_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
