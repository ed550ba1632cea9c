/** @file Unit tests for iSCSI PDUs and the session fed from byte buffers (net/iscsi/pdu.c, session.c, tx.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/errors.h>
#include "../../net/iscsi/iscsi_int.h"

/** Everything the session sent */
static uint8_t out[200000];
/** Its length */
static size_t out_len;
/** Session and login under test */
static struct iscsi_session *sess;
static struct iscsi_login login;

/** Bytes the transport takes before it is full (a closed TCP window) */
static size_t out_limit = sizeof(out);

static size_t fake_room(struct iscsi_session *s) { return out_limit - out_len; }
static int fake_send(struct iscsi_session *s, const void *d, size_t n)
{
	memcpy(out + out_len, d, n);
	out_len += n;
	return 0;
}
static void fake_flush(struct iscsi_session *s) { }
/** Capturing transport */
static const struct iscsi_transport fake = { fake_room, fake_send, fake_flush };

/** Build a target PDU header */
static void hdr(uint8_t *b, uint8_t op, uint8_t flags, uint32_t len,
		uint32_t itt)
{
	memset(b, 0, 48);
	b[0] = op;
	b[1] = flags;
	b[5] = (uint8_t)(len >> 16);
	b[6] = (uint8_t)(len >> 8);
	b[7] = (uint8_t)len;
	iscsi_put32(b + 16, itt);
	iscsi_put32(b + 28, 1);    /* ExpCmdSN */
	iscsi_put32(b + 32, 64);   /* MaxCmdSN */
}

/** Feed a header plus padded data */
static int feed(const uint8_t *b, const void *data, uint32_t len)
{
	uint8_t buf[70000];

	memcpy(buf, b, 48);
	memset(buf + 48, 0, len + 4);
	if (data)
		memcpy(buf + 48, data, len);
	return iscsi_session_rx(sess, buf, 48 + len + iscsi_pad(len));
}

/**
 * Start a connection and log in without authentication, the target
 * answering the operational stage with @p op (@p len bytes); the login's
 * PDUs carry no digests
 */
static void login_with(const char *op, size_t len)
{
	uint8_t b[48];
	uint32_t req;

	out_len = 0;
	iscsi_session_start(sess, &login);
	assert_int_equal(out[0], 0x43);
	req = out[5] << 16 | out[6] << 8 | out[7];
	assert_int_equal(out_len, 48 + req + iscsi_pad(req));
	hdr(b, ISCSI_OP_LOGIN_RSP, 0x81, 16, iscsi_get32(out + 16));
	assert_int_equal(feed(b, "AuthMethod=None", 16), 0);
	hdr(b, ISCSI_OP_LOGIN_RSP, 0x87, len, 0);
	assert_int_equal(feed(b, op, len), 0);
	assert_int_equal(sess->phase, ISCSI_PHASE_FULL);
	assert_int_equal(sess->params.target_mrdsl, 8192);
	out_len = 0;
}

/** Log in without authentication; tasks can flow afterwards */
static int setup(void **state)
{
	static const char op[] = "MaxRecvDataSegmentLength=8192\0"
		"InitialR2T=Yes\0ImmediateData=No";

	free(sess);
	sess = calloc(1, sizeof(*sess));
	out_limit = sizeof(out);
	iscsi_session_init(sess, &fake, NULL);
	strcpy(sess->initiator, "iqn.i:x");
	strcpy(sess->target, "iqn.t:y");
	login_with(op, sizeof(op));
	return 0;
}

static int teardown(void **state)
{
	free(sess);
	sess = NULL;
	return 0;
}

/** Header decoding and checks of hostile headers */
static void test_pdu_check(void **state)
{
	struct iscsi_rx_pdu pdu;
	const char *why;
	uint8_t b[48];

	hdr(b, ISCSI_OP_DATA_IN, 0x81, 0x123456, 9);
	iscsi_put32(b + 40, 77);
	iscsi_pdu_decode(b, &pdu);
	assert_int_equal(pdu.opcode, ISCSI_OP_DATA_IN);
	assert_int_equal(pdu.data_len, 0x123456);
	assert_int_equal(pdu.itt, 9);
	assert_int_equal(pdu.offset, 77);
	assert_int_equal(pdu.maxcmdsn, 64);
	assert_int_equal(iscsi_pdu_check(&pdu, 8192, &why), -EPROTO);
	b[1] = 0x01;  /* S without F */
	b[7] = 0;
	b[6] = 0;
	b[5] = 0;
	iscsi_pdu_decode(b, &pdu);
	assert_int_equal(iscsi_pdu_check(&pdu, 8192, &why), -EPROTO);
	hdr(b, 0x05, 0x80, 0, 1);      /* an initiator opcode */
	iscsi_pdu_decode(b, &pdu);
	assert_int_equal(iscsi_pdu_check(&pdu, 8192, &why), -EPROTO);
	assert_string_equal(why, "unexpected opcode");
	hdr(b, ISCSI_OP_NOP_IN, 0x80, 0, 1);
	b[4] = 2;                      /* AHS */
	iscsi_pdu_decode(b, &pdu);
	assert_int_equal(pdu.ahs_len, 8);
	assert_int_equal(iscsi_pdu_check(&pdu, 8192, &why), -EPROTO);
	hdr(b, ISCSI_OP_R2T, 0x80, 4, 1);
	iscsi_pdu_decode(b, &pdu);
	assert_int_equal(iscsi_pdu_check(&pdu, 8192, &why), -EPROTO);
	hdr(b, ISCSI_OP_REJECT, 0x80, 20, 1);
	iscsi_pdu_decode(b, &pdu);
	assert_int_equal(iscsi_pdu_check(&pdu, 8192, &why), -EPROTO);
}

/** A read: command out, Data-In with status straight into the buffer */
static void test_read(void **state)
{
	uint8_t area[64 + 32], data[64], b[48];
	struct iscsi_task t;

	memset(area, 0xaa, sizeof(area));
	for (int i = 0; i < 64; i++)
		data[i] = (uint8_t)i;
	memset(&t, 0, sizeof(t));
	scsi_cdb_rw(t.cdb, 0, 5, 1);
	t.buf = area + 16;
	t.len = 64;
	iscsi_session_submit(sess, &t);
	assert_int_equal(out_len, 48);
	assert_int_equal(out[0], ISCSI_OP_SCSI_CMD);
	assert_int_equal(out[1], 0xc1);          /* F, R, simple */
	assert_int_equal(iscsi_get32(out + 20), 64);
	assert_int_equal(out[32], 0x28);
	hdr(b, ISCSI_OP_DATA_IN, 0x80, 40, t.itt);
	assert_int_equal(feed(b, data, 40), 0);
	assert_int_equal(t.done, 0);
	hdr(b, ISCSI_OP_DATA_IN, 0x81, 24, t.itt);
	iscsi_put32(b + 40, 40);
	assert_int_equal(feed(b, data + 40, 24), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, 0);
	assert_memory_equal(area + 16, data, 64);
	for (int i = 0; i < 16; i++) {
		assert_int_equal(area[i], 0xaa);
		assert_int_equal(area[80 + i], 0xaa);
	}
}

/** Data-In beyond the command's buffer ends the connection, guards intact */
static void test_hostile_data_in(void **state)
{
	uint8_t area[64 + 32], junk[64], b[48];
	struct iscsi_task t;

	memset(area, 0xaa, sizeof(area));
	memset(junk, 0x55, sizeof(junk));
	memset(&t, 0, sizeof(t));
	t.buf = area + 16;
	t.len = 64;
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_DATA_IN, 0x80, 64, t.itt);
	iscsi_put32(b + 40, 32);
	assert_int_equal(feed(b, junk, 64), -EPROTO);
	assert_non_null(strstr(sess->why, "beyond the 64-byte buffer"));
	for (size_t i = 0; i < sizeof(area); i++)
		assert_int_equal(area[i], 0xaa);
	/* Unknown task, unknown opcode */
	setup(state);
	hdr(b, ISCSI_OP_DATA_IN, 0x80, 4, 0x999);
	assert_int_equal(feed(b, junk, 4), -EPROTO);
	setup(state);
	hdr(b, 0x3e, 0x80, 0, 1);
	assert_int_equal(feed(b, NULL, 0), -EPROTO);
	setup(state);
	hdr(b, ISCSI_OP_NOP_IN, 0x80, 300000, 1);
	assert_int_equal(feed(b, NULL, 0), -EPROTO);
	iscsi_session_cancel(sess, &t);
}

/** CHECK CONDITION sense data reaches the task */
static void test_check_condition(void **state)
{
	uint8_t sense[20] = { 0, 18, 0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0,
			      0x3a, 0x00 };
	uint8_t b[48];
	struct iscsi_task t;

	memset(&t, 0, sizeof(t));
	scsi_cdb_test_unit_ready(t.cdb);
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_SCSI_RSP, 0x80, sizeof(sense), t.itt);
	b[3] = SCSI_STATUS_CHECK;
	assert_int_equal(feed(b, sense, sizeof(sense)), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, -EBUSY);
	assert_int_equal(t.sense_len, 18);
	assert_int_equal(scsi_sense_key(t.sense, t.sense_len), 2);
}

/**
 * A final Data-In with CHECK CONDITION carries no sense data; a zero-length
 * Data-In may come for a task without a buffer (TEST UNIT READY): neither
 * touches a null pointer (the sanitizers stop the test if one does)
 */
static void test_empty_data_in(void **state)
{
	uint8_t area[8], b[48];
	struct iscsi_task t;

	memset(&t, 0, sizeof(t));
	t.buf = area;
	t.len = sizeof(area);
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_DATA_IN, 0x81, 0, t.itt);
	b[3] = SCSI_STATUS_CHECK;
	assert_int_equal(feed(b, NULL, 0), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, -EIO);
	assert_int_equal(t.sense_len, 0);
	memset(&t, 0, sizeof(t));
	scsi_cdb_test_unit_ready(t.cdb);
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_DATA_IN, 0x81, 0, t.itt);
	assert_int_equal(feed(b, NULL, 0), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, 0);
}

/**
 * A read answered GOOD with less data than it asked for (none at all, or a
 * short Data-In) fails: the buffer would hold stale bytes; an underflow
 * the target declares is the submitter's to judge
 */
static void test_short_read(void **state)
{
	uint8_t area[8], b[48];
	struct iscsi_task t;

	memset(&t, 0, sizeof(t));
	scsi_cdb_read_capacity10(t.cdb);
	t.buf = area;
	t.len = sizeof(area);
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_SCSI_RSP, 0x80, 0, t.itt);
	assert_int_equal(feed(b, NULL, 0), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, -EBADMSG);
	memset(&t, 0, sizeof(t));
	t.buf = area;
	t.len = sizeof(area);
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_DATA_IN, 0x81, 4, t.itt);
	assert_int_equal(feed(b, "abcd", 4), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, -EBADMSG);
	assert_int_equal(t.received, 4);
	memset(&t, 0, sizeof(t));
	t.buf = area;
	t.len = sizeof(area);
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_DATA_IN, 0x83, 4, t.itt);   /* F, U, S */
	iscsi_put32(b + 44, 4);
	assert_int_equal(feed(b, "abcd", 4), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, 0);
	assert_int_equal(t.residual, 4);
}

/** Answer the command in out[] at @p pos with CHECK CONDITION and @p sense */
static void check_condition(size_t pos, const uint8_t *sense, uint32_t len)
{
	uint8_t b[48];

	assert_int_equal(out[pos], ISCSI_OP_SCSI_CMD);
	hdr(b, ISCSI_OP_SCSI_RSP, 0x80, len, iscsi_get32(out + pos + 16));
	b[3] = SCSI_STATUS_CHECK;
	assert_int_equal(feed(b, sense, len), 0);
}

/** A UNIT ATTENTION re-issues the command (new tag and CmdSN), then it succeeds */
static void test_unit_attention(void **state)
{
	/* Fixed sense: UNIT ATTENTION, power on, reset or bus device reset */
	uint8_t ua[20] = { 0, 18, 0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0,
			   0x29, 0x00 };
	uint8_t data[8] = "12345678", area[8], b[48];
	struct iscsi_task t;
	uint32_t itt, cmdsn;

	memset(&t, 0, sizeof(t));
	scsi_cdb_rw(t.cdb, 0, 7, 1);
	t.buf = area;
	t.len = sizeof(area);
	iscsi_session_submit(sess, &t);
	itt = iscsi_get32(out + 16);
	cmdsn = iscsi_get32(out + 24);
	check_condition(0, ua, sizeof(ua));
	assert_int_equal(t.done, 0);
	out_len = 0;
	iscsi_session_pump(sess);
	assert_int_equal(out_len, 48);
	assert_int_equal(out[32], 0x28);               /* the same READ (10) */
	assert_int_not_equal(iscsi_get32(out + 16), itt);
	assert_int_equal(iscsi_get32(out + 24), cmdsn + 1);
	hdr(b, ISCSI_OP_DATA_IN, 0x81, sizeof(data), iscsi_get32(out + 16));
	assert_int_equal(feed(b, data, sizeof(data)), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, 0);
	assert_int_equal(t.sense_len, 0);
	assert_memory_equal(area, data, sizeof(data));
}

/** UNIT ATTENTION is re-issued only so often; other sense keys fail at once */
static void test_unit_attention_bounded(void **state)
{
	uint8_t ua[20] = { 0, 18, 0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0,
			   0x29, 0x00 };
	uint8_t medium[20] = { 0, 18, 0x70, 0, 0x03, 0, 0, 0, 0, 10, 0, 0, 0, 0,
			       0x11, 0x00 };
	struct iscsi_task t;

	memset(&t, 0, sizeof(t));
	iscsi_session_submit(sess, &t);
	for (int i = 0; i < ISCSI_UA_RETRIES; i++) {
		check_condition(0, ua, sizeof(ua));
		assert_int_equal(t.done, 0);
		out_len = 0;
		iscsi_session_pump(sess);
		assert_int_equal(out_len, 48);
	}
	check_condition(0, ua, sizeof(ua));
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, -EAGAIN);
	assert_int_equal(scsi_sense_key(t.sense, t.sense_len), 6);
	/* A fresh submission starts counting again; a medium error is final */
	out_len = 0;
	iscsi_session_submit(sess, &t);
	check_condition(0, ua, sizeof(ua));
	assert_int_equal(t.done, 0);
	out_len = 0;
	iscsi_session_pump(sess);
	check_condition(0, medium, sizeof(medium));
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, -EIO);
	assert_int_equal(scsi_sense_key(t.sense, t.sense_len), 3);
}

/** A write answered with R2T goes out as Data-Out PDUs of the target's size */
static void test_write_r2t(void **state)
{
	static uint8_t data[20000];
	uint8_t b[48];
	struct iscsi_task t;
	size_t pos;
	int pdus = 0;

	memset(&t, 0, sizeof(t));
	t.buf = data;
	t.len = sizeof(data);
	t.write = 1;
	iscsi_session_submit(sess, &t);
	assert_int_equal(out_len, 48);            /* no immediate data */
	assert_int_equal(out[1], 0xa1);
	out_len = 0;
	hdr(b, ISCSI_OP_R2T, 0x80, 0, t.itt);
	iscsi_put32(b + 20, 0x77);
	iscsi_put32(b + 44, sizeof(data));
	assert_int_equal(feed(b, NULL, 0), 0);
	iscsi_session_pump(sess);
	for (pos = 0; pos < out_len; pdus++) {
		uint32_t len = out[pos + 5] << 16 | out[pos + 6] << 8 | out[pos + 7];

		assert_int_equal(out[pos], ISCSI_OP_DATA_OUT);
		assert_int_equal(iscsi_get32(out + pos + 20), 0x77);
		assert_int_equal(iscsi_get32(out + pos + 36), pdus);
		assert_int_equal(iscsi_get32(out + pos + 40), pdus * 8192);
		assert_int_equal(out[pos + 1], pdus == 2 ? 0x80 : 0);
		pos += 48 + len + iscsi_pad(len);
	}
	assert_int_equal(pdus, 3);
	/* An R2T beyond the write is refused */
	hdr(b, ISCSI_OP_R2T, 0x80, 0, t.itt);
	iscsi_put32(b + 40, 10000);
	iscsi_put32(b + 44, sizeof(data));
	assert_int_equal(feed(b, NULL, 0), -EPROTO);
	iscsi_session_cancel(sess, &t);
}

/** Submit @p t, a write of 8192 bytes of 0x11 from a new buffer (returned, for the caller to free) */
static uint8_t *submit_write(struct iscsi_task *t)
{
	uint8_t *data = malloc(8192);

	assert_non_null(data);
	memset(data, 0x11, 8192);
	memset(t, 0, sizeof(*t));
	t->buf = data;
	t->len = 8192;
	t->write = 1;
	iscsi_session_submit(sess, t);
	return data;
}

/**
 * A target answering a write while its Data-Out is partly sent (the TCP
 * window closed): the rest of that PDU must not come from the caller's
 * buffer, which is the caller's again once the task completed
 */
static void test_early_response(void **state)
{
	uint8_t sense[20] = { 0, 18, 0x70, 0, 0x07, 0, 0, 0, 0, 10, 0, 0, 0, 0,
			      0x27, 0x00 };   /* DATA PROTECT: write protected */
	struct iscsi_task t;
	uint8_t *data = submit_write(&t), b[48];
	out_len = 0;
	out_limit = 48 + 100;              /* header and 100 bytes fit */
	hdr(b, ISCSI_OP_R2T, 0x80, 0, t.itt);
	iscsi_put32(b + 20, 0x77);
	iscsi_put32(b + 44, 8192);
	assert_int_equal(feed(b, NULL, 0), 0);
	iscsi_session_pump(sess);
	assert_int_equal(out_len, 148);
	hdr(b, ISCSI_OP_SCSI_RSP, 0x80, sizeof(sense), t.itt);
	b[3] = SCSI_STATUS_CHECK;
	assert_int_equal(feed(b, sense, sizeof(sense)), 0);
	assert_int_equal(t.done, 1);
	assert_int_not_equal(t.rc, 0);
	memset(data, 0xee, 8192);          /* the caller reuses its buffer */
	out_limit = sizeof(out);
	iscsi_session_pump(sess);
	assert_int_equal(out_len, 48 + 8192);   /* the PDU is whole */
	for (size_t i = 148; i < out_len; i++)
		assert_int_equal(out[i], 0);
	free(data);
	/* The connection goes on: the next command is sent after it */
	memset(&t, 0, sizeof(t));
	out_len = 0;
	iscsi_session_submit(sess, &t);
	assert_int_equal(out_len, 48);
	assert_int_equal(out[0], ISCSI_OP_SCSI_CMD);
	iscsi_session_cancel(sess, &t);
}

/**
 * A write cancelled while its Data-Out is partly sent: the rest of that
 * PDU is zeros, not the caller's buffer, and the caller is told to drop
 * the connection (the target must abort the command, not write zeros);
 * cancelling a command whose PDUs are all out needs no drop
 */
static void test_cancel_mid_pdu(void **state)
{
	struct iscsi_task t;
	uint8_t *data = submit_write(&t), b[48];
	assert_int_equal(iscsi_session_cancel(sess, &t), 0);
	setup(state);
	iscsi_session_submit(sess, &t);
	out_len = 0;
	out_limit = 48 + 100;
	hdr(b, ISCSI_OP_R2T, 0x80, 0, t.itt);
	iscsi_put32(b + 44, 8192);
	assert_int_equal(feed(b, NULL, 0), 0);
	iscsi_session_pump(sess);
	assert_int_equal(out_len, 148);
	assert_int_equal(iscsi_session_cancel(sess, &t), 1);
	free(data);
	out_limit = sizeof(out);
	iscsi_session_pump(sess);
	assert_int_equal(out_len, 48 + 8192);
	for (size_t i = 148; i < out_len; i++)
		assert_int_equal(out[i], 0);
}

/** A NOP-In ping is answered, echoing its tag and data */
static void test_nop(void **state)
{
	uint8_t b[48];

	hdr(b, ISCSI_OP_NOP_IN, 0x80, 4, ISCSI_TAG_NONE);
	iscsi_put32(b + 20, 0x1234);
	assert_int_equal(feed(b, "ping", 4), 0);
	iscsi_session_pump(sess);
	assert_int_equal(out_len, 52);
	assert_int_equal(out[0], 0x40);
	assert_int_equal(iscsi_get32(out + 20), 0x1234);
	assert_memory_equal(out + 48, "ping", 4);
}

/** Commands wait for the CmdSN window */
static void test_window(void **state)
{
	struct iscsi_task t[3];
	uint8_t b[48];

	memset(t, 0, sizeof(t));
	sess->maxcmdsn = sess->cmdsn;   /* room for one */
	for (int i = 0; i < 3; i++)
		iscsi_session_submit(sess, &t[i]);
	assert_int_equal(out_len, 48);
	hdr(b, ISCSI_OP_SCSI_RSP, 0x80, 0, t[0].itt);
	iscsi_put32(b + 28, sess->cmdsn);
	iscsi_put32(b + 32, sess->cmdsn);   /* room for one more */
	assert_int_equal(feed(b, NULL, 0), 0);
	iscsi_session_pump(sess);
	assert_int_equal(t[0].done, 1);
	assert_int_equal(out_len, 96);
	iscsi_session_fail_all(sess, -ECANCELED);
	assert_int_equal(t[2].rc, -ECANCELED);
}

/** The operational answer of a target that insists on both digests */
static const char digest_op[] = "HeaderDigest=CRC32C\0DataDigest=CRC32C\0"
	"MaxRecvDataSegmentLength=8192\0InitialR2T=Yes\0ImmediateData=Yes";

/**
 * Make a target PDU as sent with both digests into @p pdu: header @p b,
 * its digest, @p len bytes of @p data, padding and the data digest (none
 * without data); @p bad 1 spoils the header digest, 2 the data digest
 *
 * @ret n       its length
 */
static size_t with_digests(uint8_t *pdu, const uint8_t *b, const void *data,
			   uint32_t len, int bad)
{
	size_t n = 52 + len + iscsi_pad(len);

	memcpy(pdu, b, 48);
	put_le32(pdu + 48, iscsi_crc32c_table(0, b, 48) ^ (bad == 1));
	memset(pdu + 52, 0, len + iscsi_pad(len));
	if (data)
		memcpy(pdu + 52, data, len);
	if (len) {
		put_le32(pdu + n, iscsi_crc32c_table(0, pdu + 52, n - 52) ^
				  (bad == 2));
		n += 4;
	}
	return n;
}

/** Nonzero if @p n bytes at @p p end in the right digest of the rest */
static int digest_ok(const uint8_t *p, size_t n)
{
	return get_le32(p + n - 4) == iscsi_crc32c_table(0, p, n - 4);
}

/** Log in again, to a target that insists on both digests */
static void login_digests(void)
{
	login_with(digest_op, sizeof(digest_op));
	assert_int_equal(sess->params.header_digest, 1);
	assert_int_equal(sess->params.data_digest, 1);
}

/**
 * With digests: our command and write carry them (header, data and
 * padding), the target's Data-In is taken in pieces of any size
 */
static void test_digests(void **state)
{
	uint8_t area[64], data[64], b[48], pdu[200];
	struct iscsi_task t;
	size_t n;

	iscsi_session_reset(sess);
	login_digests();
	for (int i = 0; i < 64; i++)
		data[i] = (uint8_t)(i * 7);
	memset(&t, 0, sizeof(t));
	scsi_cdb_rw(t.cdb, 0, 5, 1);
	t.buf = area;
	t.len = 64;
	iscsi_session_submit(sess, &t);
	assert_int_equal(out_len, 52);
	assert_int_equal(out[0], ISCSI_OP_SCSI_CMD);
	assert_true(digest_ok(out, 52));
	hdr(b, ISCSI_OP_DATA_IN, 0x81, 63, t.itt);
	n = with_digests(pdu, b, data, 63, 0);
	assert_int_equal(n, 52 + 64 + 4);
	for (size_t i = 0; i < n; i++)       /* a byte at a time */
		assert_int_equal(iscsi_session_rx(sess, pdu + i, 1), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, -EBADMSG);      /* 63 of 64 bytes */
	assert_memory_equal(area, data, 63);
	/* A write of 10 bytes as immediate data: padded to 12 */
	memset(&t, 0, sizeof(t));
	t.buf = data;
	t.len = 10;
	t.write = 1;
	out_len = 0;
	iscsi_session_submit(sess, &t);
	assert_int_equal(out_len, 52 + 12 + 4);
	assert_true(digest_ok(out, 52));
	assert_memory_equal(out + 52, data, 10);
	assert_true(digest_ok(out + 52, 16));
	iscsi_session_cancel(sess, &t);
}

/** Header digests alone: no data digest after our data or the target's */
static void test_header_digest_only(void **state)
{
	static const char op[] = "HeaderDigest=CRC32C\0DataDigest=None\0"
		"MaxRecvDataSegmentLength=8192\0ImmediateData=Yes";
	uint8_t area[8], wdata[8], b[48], pdu[80];
	struct iscsi_task t;

	memcpy(wdata, "abcdefgh", 8);
	iscsi_session_reset(sess);
	login_with(op, sizeof(op));
	assert_int_equal(sess->params.header_digest, 1);
	assert_int_equal(sess->params.data_digest, 0);
	memset(&t, 0, sizeof(t));
	t.buf = wdata;
	t.len = 8;
	t.write = 1;
	iscsi_session_submit(sess, &t);
	assert_int_equal(out_len, 52 + 8);      /* header, digest, data */
	assert_true(digest_ok(out, 52));
	assert_memory_equal(out + 52, "abcdefgh", 8);
	iscsi_session_cancel(sess, &t);
	memset(&t, 0, sizeof(t));
	t.buf = area;
	t.len = sizeof(area);
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_DATA_IN, 0x81, 8, t.itt);
	memcpy(pdu, b, 48);
	put_le32(pdu + 48, iscsi_crc32c_table(0, b, 48));
	memcpy(pdu + 52, "12345678", 8);
	assert_int_equal(iscsi_session_rx(sess, pdu, 60), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, 0);
	assert_memory_equal(area, "12345678", 8);
}

/**
 * A PDU with a bad digest (@p bad: 1 header, 2 data) is a connection
 * error; the connection's loss is handled as any other (reset, a new
 * login) and the read is re-issued and completes
 */
static void digest_error_recovers(int bad)
{
	uint8_t area[64], data[64], b[48], pdu[200];
	struct iscsi_task t;
	size_t n;

	iscsi_session_reset(sess);
	login_digests();
	for (int i = 0; i < 64; i++)
		data[i] = (uint8_t)(i + 1);
	memset(&t, 0, sizeof(t));
	t.buf = area;
	t.len = 64;
	iscsi_session_submit(sess, &t);
	hdr(b, ISCSI_OP_DATA_IN, 0x81, 64, t.itt);
	n = with_digests(pdu, b, data, 64, bad);
	assert_int_equal(iscsi_session_rx(sess, pdu, n), -EIO);
	assert_non_null(strstr(sess->why, bad == 1 ? "header digest mismatch" :
			       "data digest mismatch"));
	assert_int_equal(t.done, 0);
	/* What the connection layer does with a lost connection */
	iscsi_session_reset(sess);
	login_digests();
	iscsi_session_pump(sess);
	assert_int_equal(out_len, 52);         /* the read, sent again */
	assert_int_equal(out[0], ISCSI_OP_SCSI_CMD);
	assert_true(digest_ok(out, 52));
	hdr(b, ISCSI_OP_DATA_IN, 0x81, 64, t.itt);
	n = with_digests(pdu, b, data, 64, 0);
	assert_int_equal(iscsi_session_rx(sess, pdu, n), 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.rc, 0);
	assert_memory_equal(area, data, 64);
}

/** A bad header digest: reconnect, the read completes */
static void test_bad_header_digest(void **state)
{
	digest_error_recovers(1);
}

/** A bad data digest: reconnect, the read completes */
static void test_bad_data_digest(void **state)
{
	digest_error_recovers(2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdu_check),
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_data_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_condition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_data_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_attention, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_attention_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_r2t, setup, teardown),
		cmocka_unit_test_setup_teardown(test_early_response, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_mid_pdu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_digest_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_header_digest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_data_digest, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
