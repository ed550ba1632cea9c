/** @file iSCSI session transmit: one PDU at a time, in pieces as the TCP send buffer allows. */
#include <string.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/errors.h>
#include "iscsi_int.h"

/** Largest piece handed to the transport at once */
#define TX_PIECE_MAX 65535

/** Zero bytes for data padding, and for the rest of an ended task's data */
static const uint8_t tx_zero[512];

/**
 * Start sending the PDU in s->tx_bhs with @p len bytes of @p data (of
 * @p t), with the digests the login negotiated
 */
static void tx_start(struct iscsi_session *s, struct iscsi_task *t,
		     const void *data, uint32_t len)
{
	s->tx_data = data;
	s->tx_task = t;
	s->tx_len = len;
	s->tx_done = 0;
	s->tx_active = 1;
	s->tx_hlen = ISCSI_BHS_LEN;
	if (s->params.header_digest) {
		put_le32(s->tx_hdigest, iscsi_crc32c(0, s->tx_bhs,
						     ISCSI_BHS_LEN));
		s->tx_hlen += ISCSI_DIGEST_LEN;
	}
	s->tx_dlen = (s->params.data_digest && len) ? ISCSI_DIGEST_LEN : 0;
	s->tx_crc = 0;
}

/**
 * The next piece of the current PDU: its header, header digest, data,
 * zeros (padding, or data of a task that ended), data digest
 *
 * @v crc       receives nonzero if the piece counts in the data digest
 * @ret p       its bytes; *n receives how many
 */
static const uint8_t *tx_piece(struct iscsi_session *s, size_t *n, int *crc)
{
	uint32_t done = s->tx_done;
	uint32_t data_end = s->tx_hlen + s->tx_len;
	uint32_t pad_end = data_end + iscsi_pad(s->tx_len);

	*crc = (done >= s->tx_hlen && done < pad_end);
	if (done < ISCSI_BHS_LEN) {
		*n = ISCSI_BHS_LEN - done;
		return s->tx_bhs + done;
	}
	if (done < s->tx_hlen) {
		*n = s->tx_hlen - done;
		return s->tx_hdigest + (done - ISCSI_BHS_LEN);
	}
	if (done < data_end && s->tx_data) {
		*n = data_end - done;
		return s->tx_data + (done - s->tx_hlen);
	}
	if (done < pad_end) {
		*n = MIN(pad_end - done, sizeof(tx_zero));
		return tx_zero;
	}
	if (done == pad_end)
		put_le32(s->tx_ddigest, s->tx_crc);
	*n = pad_end + s->tx_dlen - done;
	return s->tx_ddigest + (done - pad_end);
}

/**
 * Send more of the current PDU
 *
 * @ret done    nonzero when it is all queued, 0 if the transport is full
 */
static int tx_continue(struct iscsi_session *s)
{
	uint32_t total = s->tx_hlen + s->tx_len + iscsi_pad(s->tx_len) +
			 s->tx_dlen;

	while (s->tx_done < total) {
		size_t room = s->tp->room(s);
		const uint8_t *p;
		size_t n;
		int crc;

		if (!room)
			return 0;
		p = tx_piece(s, &n, &crc);
		n = MIN(MIN(n, room), (size_t)TX_PIECE_MAX);
		if (s->tp->send(s, p, n))
			return 0;
		if (crc && s->tx_dlen)
			s->tx_crc = iscsi_crc32c(s->tx_crc, p, n);
		s->tx_done += (uint32_t)n;
	}
	s->tx_active = 0;
	s->tx_task = NULL;
	return 1;
}

/** Build the next Login Request */
static int tx_login(struct iscsi_session *s)
{
	int len = iscsi_login_build(s->login, s->tx_bhs, iscsi_session_next_itt(s),
				    s->cmdsn, s->expstatsn);

	s->login_send = 0;
	if (len < 0) {
		iscsi_session_error(s, len, "%s", s->login->why);
		s->login_result = len;
		return 0;
	}
	tx_start(s, NULL, s->login->tx, (uint32_t)len);
	return 1;
}

/** Build a Data-Out for the next piece of @p t, if it has one to send */
static int tx_data_out(struct iscsi_session *s, struct iscsi_task *t)
{
	uint32_t *pos, end, ttt, *sn, len;

	if (t->unsol_pos < t->unsol_end) {
		pos = &t->unsol_pos;
		end = t->unsol_end;
		ttt = ISCSI_TAG_NONE;
		sn = &t->unsol_sn;
	} else if (t->r2t_active && t->r2t_pos < t->r2t_end) {
		pos = &t->r2t_pos;
		end = t->r2t_end;
		ttt = t->r2t_ttt;
		sn = &t->r2t_sn;
	} else {
		return 0;
	}
	len = MIN(end - *pos, s->params.target_mrdsl);
	iscsi_pdu_data_out(s->tx_bhs, *pos + len == end, s->lun, t->itt, ttt,
			   s->expstatsn, (*sn)++, *pos, len);
	tx_start(s, t, t->buf + *pos, len);
	*pos += len;
	if (ttt != ISCSI_TAG_NONE && *pos == end)
		t->r2t_active = 0;
	return 1;
}

/** Build the SCSI Command of @p t, with immediate data if allowed */
static void tx_command(struct iscsi_session *s, struct iscsi_task *t)
{
	const struct iscsi_params *p = &s->params;
	uint32_t imm = 0;

	t->itt = iscsi_session_next_itt(s);
	t->sent = 1;
	if (t->write) {
		uint32_t unsol = p->initial_r2t ? 0 : MIN(t->len, p->first_burst);

		if (p->immediate_data)
			imm = MIN(MIN(t->len, p->first_burst), p->target_mrdsl);
		t->unsol_pos = imm;
		t->unsol_end = MAX(unsol, imm);
	}
	iscsi_pdu_scsi_cmd(s->tx_bhs, t->write, s->lun, t->itt, t->len,
			   s->cmdsn++, s->expstatsn, t->cdb, imm);
	tx_start(s, t, t->buf, imm);
}

/** Choose and build the next PDU of the full feature phase; 0 if none */
static int tx_next_full(struct iscsi_session *s)
{
	if (s->nop_due) {
		s->nop_due = 0;
		iscsi_pdu_nop_out(s->tx_bhs, s->nop_lun, ISCSI_TAG_NONE,
				  s->nop_ttt, s->cmdsn, s->expstatsn, s->nop_len);
		tx_start(s, NULL, s->nop_data, s->nop_len);
		return 1;
	}
	for (struct iscsi_task *t = s->tasks; t; t = t->next) {
		if (t->sent && t->write && tx_data_out(s, t))
			return 1;
	}
	if (s->phase != ISCSI_PHASE_FULL ||
	    (int32_t)(s->maxcmdsn - s->cmdsn) < 0)
		return 0;
	for (struct iscsi_task *t = s->tasks; t; t = t->next) {
		if (!t->sent) {
			tx_command(s, t);
			return 1;
		}
	}
	return 0;
}

/** Choose and build the next PDU to send; 0 if there is none */
static int tx_next(struct iscsi_session *s)
{
	switch (s->phase) {
	case ISCSI_PHASE_LOGIN:
		return s->login_send ? tx_login(s) : 0;
	case ISCSI_PHASE_FULL:
		return tx_next_full(s);
	case ISCSI_PHASE_LOGOUT:
		if (s->logout_due) {
			s->logout_due = 0;
			iscsi_pdu_logout(s->tx_bhs, iscsi_session_next_itt(s),
					 s->cmdsn, s->expstatsn);
			tx_start(s, NULL, NULL, 0);
			return 1;
		}
		return tx_next_full(s);
	default:
		return 0;
	}
}

void iscsi_session_pump(struct iscsi_session *s)
{
	int sent = 0;

	if (s->phase == ISCSI_PHASE_DOWN || s->phase == ISCSI_PHASE_CLOSED)
		return;
	for (;;) {
		if (s->tx_active) {
			sent = 1;
			if (!tx_continue(s))
				break;
		} else if (!tx_next(s)) {
			break;
		}
	}
	if (sent)
		s->tp->flush(s);
}
