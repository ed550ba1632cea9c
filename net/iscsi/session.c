/** @file iSCSI session: receive state machine, task bookkeeping, login over the connection. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/errors.h>
#include "iscsi_int.h"

/** Receive states */
enum { RX_BHS, RX_DATA, RX_DIGEST };

/** Serial-number comparison (RFC 1982): nonzero if @p a is after @p b */
static int session_after(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

int iscsi_session_error(struct iscsi_session *s, int rc, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, args);
	va_end(args);
	s->rc = rc;
	return rc;
}

void iscsi_session_init(struct iscsi_session *s,
			const struct iscsi_transport *tp, void *tp_ctx)
{
	s->tp = tp;
	s->tp_ctx = tp_ctx;
	s->phase = ISCSI_PHASE_DOWN;
	s->next_itt = 1;
	s->cmdsn = 1;
}

/** Forget a task's progress on the connection so it can be sent again */
static void session_task_rewind(struct iscsi_task *t)
{
	t->sent = 0;
	t->received = 0;
	t->unsol_pos = t->unsol_end = t->unsol_sn = 0;
	t->r2t_active = 0;
}

/** Forget a task's outcome and progress: it is (again) to be sent */
static void session_task_clear(struct iscsi_task *t)
{
	t->done = 0;
	t->rc = 0;
	t->status = 0;
	t->residual = 0;
	t->sense_len = 0;
	session_task_rewind(t);
}

void iscsi_session_reset(struct iscsi_session *s)
{
	s->phase = ISCSI_PHASE_DOWN;
	s->rx_state = RX_BHS;
	s->rx_got = 0;
	s->rx_task = NULL;
	s->tx_active = 0;
	s->tx_task = NULL;
	s->nop_due = 0;
	s->logout_due = 0;
	s->login_send = 0;
	s->params.header_digest = 0;  /* the next login starts without */
	s->params.data_digest = 0;
	for (struct iscsi_task *t = s->tasks; t; t = t->next)
		session_task_rewind(t);
}

void iscsi_session_start(struct iscsi_session *s, struct iscsi_login *login)
{
	iscsi_session_reset(s);
	iscsi_login_init(login, s->initiator, s->target, &s->creds, s->isid);
	login->digest = s->digest;
	s->login = login;
	s->phase = ISCSI_PHASE_LOGIN;
	s->login_result = ISCSI_LOGIN_MORE;
	s->login_send = 1;
	s->expstatsn = 0;
	s->rc = 0;
	s->why[0] = '\0';
	iscsi_session_pump(s);
}

uint32_t iscsi_session_next_itt(struct iscsi_session *s)
{
	if (s->next_itt == ISCSI_TAG_NONE)
		s->next_itt = 1;
	return s->next_itt++;
}

/** The unfinished task with tag @p itt that went out; NULL if none */
static struct iscsi_task *session_find(struct iscsi_session *s, uint32_t itt)
{
	for (struct iscsi_task *t = s->tasks; t; t = t->next) {
		if (t->sent && t->itt == itt)
			return t;
	}
	return NULL;
}

/** Unlink @p task from the list; nonzero if it was there */
static int session_unlink(struct iscsi_session *s, struct iscsi_task *task)
{
	for (struct iscsi_task **pp = &s->tasks; *pp; pp = &(*pp)->next) {
		if (*pp == task) {
			*pp = task->next;
			task->next = NULL;
			return 1;
		}
	}
	return 0;
}

/**
 * Let go of @p task's buffer: a PDU of it that is partly sent (the target
 * answered early, or the caller gave up) ends with zeros, since the buffer
 * is the caller's again once the task is over
 *
 * @ret zeros   nonzero if zeros stand in for some of the task's data
 */
static int session_tx_release(struct iscsi_session *s, struct iscsi_task *task)
{
	int zeros;

	if (s->tx_task != task)
		return 0;
	zeros = s->tx_active && s->tx_done < s->tx_hlen + s->tx_len;
	s->tx_data = NULL;
	s->tx_task = NULL;
	return zeros;
}

/** Finish @p task with @p rc and tell its submitter */
static void session_finish(struct iscsi_session *s, struct iscsi_task *task,
			   int rc)
{
	if (!session_unlink(s, task))
		return;
	session_tx_release(s, task);
	if (rc == 0)
		s->completed++;
	task->rc = rc;
	task->done = 1;
	s->busy++;
	if (task->complete)
		task->complete(task);
	s->busy--;
}

void iscsi_session_submit(struct iscsi_session *s, struct iscsi_task *task)
{
	struct iscsi_task **pp = &s->tasks;

	session_task_clear(task);
	task->attentions = 0;
	task->next = NULL;
	while (*pp)
		pp = &(*pp)->next;
	*pp = task;
	iscsi_session_pump(s);
}

int iscsi_session_cancel(struct iscsi_session *s, struct iscsi_task *task)
{
	int zeros;

	if (s->rx_task == task) {
		/* Its data must not land in a buffer that is going away */
		s->rx_sink = NULL;
		s->rx_cap = 0;
		s->rx_task = NULL;
	}
	zeros = session_tx_release(s, task);
	session_unlink(s, task);
	return zeros;
}

void iscsi_session_fail_all(struct iscsi_session *s, int rc)
{
	while (s->tasks)
		session_finish(s, s->tasks, rc);
}

void iscsi_session_logout(struct iscsi_session *s)
{
	if (s->phase != ISCSI_PHASE_FULL)
		return;
	s->phase = ISCSI_PHASE_LOGOUT;
	s->logout_due = 1;
	iscsi_session_pump(s);
}

/** Take ExpCmdSN/MaxCmdSN from a target PDU (ignored if inconsistent) */
static void session_window(struct iscsi_session *s,
			   const struct iscsi_rx_pdu *pdu)
{
	if (session_after(pdu->expcmdsn - 1, pdu->maxcmdsn))
		return;
	if (session_after(pdu->expcmdsn, s->expcmdsn))
		s->expcmdsn = pdu->expcmdsn;
	if (session_after(pdu->maxcmdsn, s->maxcmdsn))
		s->maxcmdsn = pdu->maxcmdsn;
}

/** Take StatSN from a PDU that carries status */
static void session_statsn(struct iscsi_session *s,
			   const struct iscsi_rx_pdu *pdu)
{
	s->expstatsn = pdu->statsn + 1;
}

/** Set where a Data-In's payload goes: straight into its task's buffer */
static int session_rx_data_in(struct iscsi_session *s)
{
	const struct iscsi_rx_pdu *pdu = &s->rx_pdu;
	struct iscsi_task *t = session_find(s, pdu->itt);

	if (!t || t->write)
		return iscsi_session_error(s, -EPROTO, "Data-In for unknown "
					   "task %#x", pdu->itt);
	if (pdu->offset > t->len || pdu->data_len > t->len - pdu->offset)
		return iscsi_session_error(s, -EPROTO, "Data-In of %u bytes at "
					   "offset %u beyond the %u-byte buffer",
					   pdu->data_len, pdu->offset, t->len);
	s->rx_task = t;
	/* A task without a buffer gets only empty Data-In (checked above) */
	s->rx_sink = t->buf ? t->buf + pdu->offset : NULL;
	s->rx_cap = pdu->data_len;
	return 0;
}

/** Bytes of a header from the target: the BHS and its digest if negotiated */
static size_t session_rx_header_len(const struct iscsi_session *s)
{
	return ISCSI_BHS_LEN + (s->params.header_digest ? ISCSI_DIGEST_LEN : 0);
}

/** Decode and check a complete header; choose where its data goes */
static int session_rx_header(struct iscsi_session *s)
{
	struct iscsi_rx_pdu *pdu = &s->rx_pdu;
	uint32_t max = (s->phase == ISCSI_PHASE_LOGIN) ? ISCSI_LOGIN_DATA_MAX :
							 ISCSI_OUR_MRDSL;
	const char *why;

	if (s->params.header_digest &&
	    iscsi_crc32c(0, s->rx_bhs, ISCSI_BHS_LEN) !=
	    get_le32(s->rx_bhs + ISCSI_BHS_LEN))
		return iscsi_session_error(s, -EIO, "header digest mismatch "
					   "(CRC32C): a PDU header was damaged "
					   "on the way");
	iscsi_pdu_decode(s->rx_bhs, pdu);
	if (iscsi_pdu_check(pdu, max, &why))
		return iscsi_session_error(s, -EPROTO, "%s: %s (%u bytes)",
					   iscsi_pdu_name(pdu->opcode), why,
					   pdu->data_len);
	if ((s->phase == ISCSI_PHASE_LOGIN) != (pdu->opcode == ISCSI_OP_LOGIN_RSP) &&
	    pdu->opcode != ISCSI_OP_REJECT)
		return iscsi_session_error(s, -EPROTO, "unexpected %s %s login",
					   iscsi_pdu_name(pdu->opcode),
					   s->phase == ISCSI_PHASE_LOGIN ?
					   "during" : "after");
	s->rx_task = NULL;
	s->rx_sink = s->rx_small;
	s->rx_cap = sizeof(s->rx_small);
	if (pdu->opcode == ISCSI_OP_DATA_IN) {
		int rc = session_rx_data_in(s);

		if (rc)
			return rc;
	} else if (pdu->opcode != ISCSI_OP_SCSI_RSP &&
		   pdu->data_len > sizeof(s->rx_small)) {
		return iscsi_session_error(s, -EPROTO, "%s with %u bytes of data",
					   iscsi_pdu_name(pdu->opcode),
					   pdu->data_len);
	}
	return 0;
}

/**
 * Re-queue @p t if its CHECK CONDITION is a UNIT ATTENTION it has not
 * had too often (the next pump sends it with a new tag and CmdSN)
 *
 * @ret requeued nonzero if @p t goes out again instead of completing
 */
static int session_attention(struct iscsi_task *t)
{
	if (scsi_sense_key(t->sense, t->sense_len) != SCSI_SENSE_UNIT_ATTENTION ||
	    t->attentions >= ISCSI_UA_RETRIES)
		return 0;
	t->attentions++;
	session_task_clear(t);
	return 1;
}

uint32_t iscsi_task_expected(const struct iscsi_task *t)
{
	return t->len - MIN(t->residual, t->len);
}

/** Complete @p t from the status of a SCSI Response or final Data-In */
static void session_status(struct iscsi_session *s, struct iscsi_task *t,
			   const struct iscsi_rx_pdu *pdu, const uint8_t *data,
			   size_t len)
{
	int rc = 0;

	t->status = pdu->b3;
	if (pdu->flags & ISCSI_RSP_UNDERFLOW)
		t->residual = pdu->residual;
	if (t->status == SCSI_STATUS_CHECK) {
		size_t slen = len >= 2 ? (size_t)(data[0] << 8 | data[1]) : 0;

		slen = MIN(slen, len >= 2 ? len - 2 : 0);
		t->sense_len = MIN(slen, sizeof(t->sense));
		if (t->sense_len)
			memcpy(t->sense, data + 2, t->sense_len);
		if (session_attention(t))
			return;
		rc = scsi_sense_rc(t->sense, t->sense_len);
		if (rc == 0)
			rc = -EIO;
	} else if (t->status != SCSI_STATUS_GOOD) {
		rc = (t->status == 0x08 || t->status == 0x28) ? -EBUSY : -EIO;
	} else if (!t->write && t->received < iscsi_task_expected(t)) {
		rc = -EBADMSG;  /* the rest of the buffer would be stale */
	}
	session_finish(s, t, rc);
}

/** Take a SCSI Response */
static int session_rx_response(struct iscsi_session *s)
{
	const struct iscsi_rx_pdu *pdu = &s->rx_pdu;
	struct iscsi_task *t = session_find(s, pdu->itt);
	size_t len = MIN(pdu->data_len, sizeof(s->rx_small));

	session_statsn(s, pdu);
	if (!t)
		return iscsi_session_error(s, -EPROTO, "SCSI Response for "
					   "unknown task %#x", pdu->itt);
	if (pdu->b2 != 0) {
		t->status = pdu->b3;
		session_finish(s, t, -EIO);
		return 0;
	}
	session_status(s, t, pdu, s->rx_small, len);
	return 0;
}

/** Take a Data-In whose payload has arrived */
static int session_rx_data_done(struct iscsi_session *s)
{
	const struct iscsi_rx_pdu *pdu = &s->rx_pdu;
	struct iscsi_task *t = s->rx_task;

	if (!t)
		return 0;  /* task cancelled meanwhile */
	t->received += pdu->data_len;
	if (pdu->flags & ISCSI_DATA_STATUS) {
		session_statsn(s, pdu);
		session_status(s, t, pdu, NULL, 0);
	}
	return 0;
}

/** Take an R2T: remember which part of a write to send */
static int session_rx_r2t(struct iscsi_session *s)
{
	const struct iscsi_rx_pdu *pdu = &s->rx_pdu;
	struct iscsi_task *t = session_find(s, pdu->itt);
	uint32_t len = pdu->residual;

	if (!t || !t->write)
		return iscsi_session_error(s, -EPROTO, "R2T for unknown task "
					   "%#x", pdu->itt);
	if (t->r2t_active)
		return iscsi_session_error(s, -EPROTO, "R2T while another is "
					   "outstanding");
	if (!len || pdu->offset > t->len || len > t->len - pdu->offset ||
	    len > s->params.max_burst)
		return iscsi_session_error(s, -EPROTO, "R2T for %u bytes at "
					   "offset %u of a %u-byte write", len,
					   pdu->offset, t->len);
	t->r2t_active = 1;
	t->r2t_ttt = pdu->ttt;
	t->r2t_pos = pdu->offset;
	t->r2t_end = pdu->offset + len;
	t->r2t_sn = 0;
	return 0;
}

/** Take a NOP-In: a ping from the target needs an answer */
static int session_rx_nop(struct iscsi_session *s)
{
	const struct iscsi_rx_pdu *pdu = &s->rx_pdu;

	if (pdu->itt != ISCSI_TAG_NONE)
		session_statsn(s, pdu);
	if (pdu->ttt == ISCSI_TAG_NONE)
		return 0;
	s->nop_due = 1;
	s->nop_ttt = pdu->ttt;
	memcpy(s->nop_lun, pdu->lun, sizeof(s->nop_lun));
	s->nop_len = pdu->data_len;
	memcpy(s->nop_data, s->rx_small, pdu->data_len);
	return 0;
}

/** Take a Reject: fail the rejected command, or the connection */
static int session_rx_reject(struct iscsi_session *s)
{
	const struct iscsi_rx_pdu *pdu = &s->rx_pdu;
	struct iscsi_rx_pdu bad;
	struct iscsi_task *t;

	session_statsn(s, pdu);
	iscsi_pdu_decode(s->rx_small, &bad);
	t = (bad.opcode == ISCSI_OP_SCSI_CMD) ? session_find(s, bad.itt) : NULL;
	if (!t)
		return iscsi_session_error(s, -EPROTO, "target rejected our "
					   "%s (reason %#02x)",
					   iscsi_pdu_name(bad.opcode), pdu->b2);
	printf("iSCSI %s: target rejected a command (reason %#02x)\n",
	       s->portal, pdu->b2);
	session_finish(s, t, -EPROTO);
	return 0;
}

/** Take an Asynchronous Message: the target may want us gone */
static int session_rx_async(struct iscsi_session *s)
{
	uint8_t event = s->rx_bhs[36];

	if (event >= 1 && event <= 3)
		return iscsi_session_error(s, -ECONNRESET, "target asked us to "
					   "log out (event %u)", event);
	return 0;
}

/** Take a Login Response */
static int session_rx_login(struct iscsi_session *s)
{
	const struct iscsi_rx_pdu *pdu = &s->rx_pdu;
	int rc;

	session_statsn(s, pdu);
	rc = iscsi_login_rx(s->login, pdu, (const char *)s->rx_small,
			    pdu->data_len);
	s->login_result = rc;
	if (rc < 0)
		return iscsi_session_error(s, rc, "%s", s->login->why);
	if (rc == ISCSI_LOGIN_REDIRECT) {
		snprintf(s->redirect, sizeof(s->redirect), "%s",
			 s->login->redirect);
		return iscsi_session_error(s, -EAGAIN, "redirected to %s",
					   s->redirect);
	}
	if (rc == ISCSI_LOGIN_DONE) {
		s->params = s->login->params;
		s->params.max_burst = MIN(s->params.max_burst, ISCSI_OUR_BURST);
		s->params.first_burst = MIN(s->params.first_burst,
					    s->params.max_burst);
		s->chap_used = s->login->chap_used;
		s->mutual_used = s->login->mutual_used;
		s->phase = ISCSI_PHASE_FULL;
		s->login = NULL;
		return 0;
	}
	s->login_send = 1;
	return 0;
}

/** Act on a complete PDU */
static int session_rx_pdu(struct iscsi_session *s)
{
	session_window(s, &s->rx_pdu);
	switch (s->rx_pdu.opcode) {
	case ISCSI_OP_LOGIN_RSP: return session_rx_login(s);
	case ISCSI_OP_DATA_IN: return session_rx_data_done(s);
	case ISCSI_OP_SCSI_RSP: return session_rx_response(s);
	case ISCSI_OP_R2T: return session_rx_r2t(s);
	case ISCSI_OP_NOP_IN: return session_rx_nop(s);
	case ISCSI_OP_REJECT: return session_rx_reject(s);
	case ISCSI_OP_ASYNC: return session_rx_async(s);
	case ISCSI_OP_LOGOUT_RSP:
		session_statsn(s, &s->rx_pdu);
		s->phase = ISCSI_PHASE_CLOSED;
		return 0;
	default:
		return iscsi_session_error(s, -EPROTO, "unexpected %s",
					   iscsi_pdu_name(s->rx_pdu.opcode));
	}
}

/** Take data bytes (and padding) of the current PDU; returns bytes used */
static size_t session_rx_payload(struct iscsi_session *s, const uint8_t *p,
				 size_t len)
{
	size_t n = MIN(len, (size_t)s->rx_left);
	size_t pos = s->rx_got;

	if (s->rx_sink && pos < s->rx_cap)
		memcpy(s->rx_sink + pos, p, MIN(n, s->rx_cap - pos));
	if (s->params.data_digest)
		s->rx_crc = iscsi_crc32c(s->rx_crc, p, n);
	s->rx_got += n;
	s->rx_left -= (uint32_t)n;
	return n;
}

/** Take bytes of the current PDU's data digest; returns bytes used */
static size_t session_rx_digest(struct iscsi_session *s, const uint8_t *p,
				size_t len)
{
	size_t n = MIN(len, ISCSI_DIGEST_LEN - s->rx_got);

	memcpy(s->rx_digest + s->rx_got, p, n);
	s->rx_got += n;
	return n;
}

/**
 * The data and padding of the current PDU are in: wait for its data
 * digest if one follows; once that is in too (or none follows), check it
 * and act on the PDU
 *
 * @ret rc      0 or -error
 */
static int session_rx_end(struct iscsi_session *s)
{
	if (s->rx_state == RX_DATA && s->params.data_digest &&
	    s->rx_pdu.data_len) {
		s->rx_state = RX_DIGEST;
		s->rx_got = 0;
		return 0;
	}
	if (s->rx_state == RX_DIGEST && s->rx_crc != get_le32(s->rx_digest))
		return iscsi_session_error(s, -EIO, "data digest mismatch "
					   "(CRC32C): the data of a %s was "
					   "damaged on the way",
					   iscsi_pdu_name(s->rx_pdu.opcode));
	s->rx_state = RX_BHS;
	s->rx_got = 0;
	return session_rx_pdu(s);
}

/**
 * Take header bytes: *len of them at @p p (receives how many were used)
 *
 * @ret rc      1 when the header is complete and checked, 0, or -error
 */
static int session_rx_bhs(struct iscsi_session *s, const uint8_t *p,
			  size_t *len)
{
	size_t want = session_rx_header_len(s);
	size_t n = MIN(*len, want - s->rx_got);
	int rc;

	memcpy(s->rx_bhs + s->rx_got, p, n);
	s->rx_got += n;
	*len = n;
	if (s->rx_got < want)
		return 0;
	rc = session_rx_header(s);
	if (rc)
		return rc;
	s->rx_got = 0;
	s->rx_left = s->rx_pdu.data_len + iscsi_pad(s->rx_pdu.data_len);
	s->rx_crc = 0;
	s->rx_state = RX_DATA;
	return 1;
}

int iscsi_session_rx(struct iscsi_session *s, const void *data, size_t len)
{
	const uint8_t *p = data;
	int rc;

	while (len) {
		size_t n = len;

		if (s->phase == ISCSI_PHASE_DOWN)
			return s->rc ? s->rc : -ENOTCONN;
		if (s->rx_state == RX_BHS) {
			rc = session_rx_bhs(s, p, &n);
			if (rc < 0)
				return rc;
		} else if (s->rx_state == RX_DATA) {
			n = session_rx_payload(s, p, len);
		} else {
			n = session_rx_digest(s, p, len);
		}
		p += n;
		len -= n;
		if ((s->rx_state == RX_DATA && s->rx_left == 0) ||
		    (s->rx_state == RX_DIGEST &&
		     s->rx_got == ISCSI_DIGEST_LEN)) {
			rc = session_rx_end(s);
			if (rc)
				return rc;
		}
	}
	return 0;
}
