/**
 * @file Fuzz target: an iSCSI session fed a target's bytes (net/iscsi/):
 * PDU headers, login keys and CHAP, then Data-In, R2T, SCSI responses,
 * NOP-In and the rest against a READ, a WRITE and a TEST UNIT READY.
 */
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "../../net/iscsi/iscsi_int.h"
#include "fuzz.h"

/** Input flags (its first byte) */
#define FUZZ_ISCSI_CHAP 0x01      /**< credentials set: the target may ask for CHAP */
#define FUZZ_ISCSI_MUTUAL 0x02    /**< and mutual CHAP */
#define FUZZ_ISCSI_LOGGED_IN 0x04 /**< log in first with canned responses */
#define FUZZ_ISCSI_TIGHT 0x08     /**< the transport takes 100 bytes per pump (a closed TCP window) */

/** Bytes of each task's buffer */
#define FUZZ_ISCSI_BUF 4096

/** The session, its login and what it sent (the start of it) */
static struct iscsi_session sess;
static struct iscsi_login login;
static uint8_t sent[4096];
static size_t sent_len;
/** Bytes the transport still takes before the next pump */
static size_t room_left;
static int tight;

/** Bytes the transport takes now */
static size_t fuzz_room(struct iscsi_session *s)
{
	(void)s;
	return tight ? room_left : 65535;
}

/** Take bytes to send: read every one (ASan checks the source), keep the start */
static int fuzz_send(struct iscsi_session *s, const void *data, size_t len)
{
	static uint8_t sink[65536];

	(void)s;
	memcpy(sink, data, len);
	if (sent_len < sizeof(sent)) {
		size_t n = len < sizeof(sent) - sent_len ? len : sizeof(sent) - sent_len;

		memcpy(sent + sent_len, data, n);
		sent_len += n;
	}
	if (tight)
		room_left -= len;
	return 0;
}

/** Nothing to push */
static void fuzz_flush(struct iscsi_session *s)
{
	(void)s;
}

static const struct iscsi_transport fuzz_transport = {
	fuzz_room, fuzz_send, fuzz_flush,
};

/** A finished task's buffer is given back at once, as INT 13h callers do */
static void fuzz_complete(struct iscsi_task *task)
{
	free(task->buf);
	task->buf = NULL;
}

/** Let the session send, with a fresh window */
static void fuzz_pump(void)
{
	room_left = 100;
	iscsi_session_pump(&sess);
}

/** Feed one Login Response (header from @p flags, data @p text) */
static void fuzz_login_rsp(uint8_t flags, const char *text, size_t len)
{
	uint8_t pdu[ISCSI_BHS_LEN + 128] = { 0 };

	pdu[0] = ISCSI_OP_LOGIN_RSP;
	pdu[1] = flags;
	pdu[7] = (uint8_t)len;
	memcpy(pdu + 16, sent + 16, 4);        /* the request's ITT */
	iscsi_put32(pdu + 28, 1);              /* ExpCmdSN */
	iscsi_put32(pdu + 32, 64);             /* MaxCmdSN */
	memcpy(pdu + ISCSI_BHS_LEN, text, len);
	sent_len = 0;
	iscsi_session_rx(&sess, pdu, ISCSI_BHS_LEN + len + iscsi_pad(len));
	fuzz_pump();
}

/** Log in without authentication: security stage, then operational */
static void fuzz_canned_login(void)
{
	static const char op[] = "MaxRecvDataSegmentLength=8192\0"
		"InitialR2T=No\0ImmediateData=Yes\0FirstBurstLength=1024";

	fuzz_login_rsp(0x81, "AuthMethod=None", 16);
	fuzz_login_rsp(0x87, op, sizeof(op));
}

/** Queue a task of @p len bytes (0: no buffer) with CDB opcode @p op */
static void fuzz_submit(struct iscsi_task *t, uint8_t op, int write,
			uint32_t len)
{
	memset(t, 0, sizeof(*t));
	t->cdb[0] = op;
	t->cdb[8] = (uint8_t)(len / 512);
	t->write = write;
	t->len = len;
	t->buf = len ? calloc(1, len) : NULL;
	t->complete = fuzz_complete;
	iscsi_session_submit(&sess, t);
}

/** Input: flags, the size of the pieces the bytes arrive in, then the target's bytes */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iscsi_task tasks[3];
	struct fuzz_input in;
	unsigned int flags;
	size_t piece, len;
	const uint8_t *seg;

	fuzz_input_init(&in, data, size);
	flags = fuzz_byte(&in);
	piece = 1 + fuzz_byte(&in) * 16;
	memset(&sess, 0, sizeof(sess));
	iscsi_session_init(&sess, &fuzz_transport, NULL);
	strcpy(sess.initiator, "iqn.2026-12.org.lwpxe:fuzz");
	strcpy(sess.target, "iqn.2026-12.org.lwpxe:target");
	if (flags & FUZZ_ISCSI_CHAP) {
		strcpy(sess.creds.username, "user");
		strcpy(sess.creds.password, "secret-secret");
	}
	if (flags & FUZZ_ISCSI_MUTUAL) {
		strcpy(sess.creds.rusername, "target");
		strcpy(sess.creds.rpassword, "target-secret");
	}
	tight = !!(flags & FUZZ_ISCSI_TIGHT);
	sent_len = 0;
	fuzz_submit(&tasks[0], 0x28, 0, FUZZ_ISCSI_BUF);    /* READ (10) */
	fuzz_submit(&tasks[1], 0x2a, 1, FUZZ_ISCSI_BUF);    /* WRITE (10) */
	fuzz_submit(&tasks[2], 0x00, 0, 0);                 /* TEST UNIT READY */
	room_left = 100;
	iscsi_session_start(&sess, &login);
	if (flags & FUZZ_ISCSI_LOGGED_IN)
		fuzz_canned_login();
	while (in.left) {
		seg = fuzz_take(&in, piece, &len);
		if (iscsi_session_rx(&sess, seg, len) < 0)
			break;
		fuzz_pump();
	}
	iscsi_session_fail_all(&sess, -ECONNRESET);
	iscsi_session_reset(&sess);
	return 0;
}
