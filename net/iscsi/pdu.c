/** @file iSCSI Basic Header Segments (RFC 7143 11): encode ours, decode and check the target's. */
#include <string.h>
#include <lwpxe/errors.h>
#include "iscsi_int.h"

/** Store the 24-bit DataSegmentLength and TotalAHSLength 0 */
static void pdu_set_lengths(uint8_t *bhs, uint32_t data_len)
{
	bhs[4] = 0;
	bhs[5] = (uint8_t)(data_len >> 16);
	bhs[6] = (uint8_t)(data_len >> 8);
	bhs[7] = (uint8_t)data_len;
}

/** Clear @p bhs and set its opcode and flags */
static void pdu_start(uint8_t *bhs, uint8_t opcode, uint8_t flags,
		      uint32_t data_len)
{
	memset(bhs, 0, ISCSI_BHS_LEN);
	bhs[0] = opcode;
	bhs[1] = flags;
	pdu_set_lengths(bhs, data_len);
}

/**
 * Set bytes 16-31 that every request carries: ITT, the word at 20 (TTT,
 * expected length, or 0 for CID/reserved), CmdSN (0 where reserved) and
 * ExpStatSN
 */
static void pdu_numbers(uint8_t *bhs, uint32_t itt, uint32_t word20,
			uint32_t cmdsn, uint32_t expstatsn)
{
	iscsi_put32(bhs + 16, itt);
	iscsi_put32(bhs + 20, word20);
	iscsi_put32(bhs + 24, cmdsn);
	iscsi_put32(bhs + 28, expstatsn);
}

void iscsi_pdu_decode(const uint8_t *bhs, struct iscsi_rx_pdu *pdu)
{
	pdu->opcode = bhs[0] & ISCSI_OP_MASK;
	pdu->flags = bhs[1];
	pdu->b2 = bhs[2];
	pdu->b3 = bhs[3];
	pdu->ahs_len = (uint32_t)bhs[4] * 4;
	pdu->data_len = (uint32_t)bhs[5] << 16 | (uint32_t)bhs[6] << 8 | bhs[7];
	memcpy(pdu->lun, bhs + 8, 8);
	pdu->itt = iscsi_get32(bhs + 16);
	pdu->ttt = iscsi_get32(bhs + 20);
	pdu->statsn = iscsi_get32(bhs + 24);
	pdu->expcmdsn = iscsi_get32(bhs + 28);
	pdu->maxcmdsn = iscsi_get32(bhs + 32);
	pdu->sn = iscsi_get32(bhs + 36);
	pdu->offset = iscsi_get32(bhs + 40);
	pdu->residual = iscsi_get32(bhs + 44);
}

const char *iscsi_pdu_name(unsigned int op)
{
	switch (op) {
	case ISCSI_OP_NOP_OUT: return "NOP-Out";
	case ISCSI_OP_SCSI_CMD: return "SCSI Command";
	case ISCSI_OP_LOGIN_REQ: return "Login Request";
	case ISCSI_OP_TEXT_REQ: return "Text Request";
	case ISCSI_OP_DATA_OUT: return "Data-Out";
	case ISCSI_OP_LOGOUT_REQ: return "Logout Request";
	case ISCSI_OP_NOP_IN: return "NOP-In";
	case ISCSI_OP_SCSI_RSP: return "SCSI Response";
	case ISCSI_OP_TMF_RSP: return "Task Management Response";
	case ISCSI_OP_LOGIN_RSP: return "Login Response";
	case ISCSI_OP_TEXT_RSP: return "Text Response";
	case ISCSI_OP_DATA_IN: return "Data-In";
	case ISCSI_OP_LOGOUT_RSP: return "Logout Response";
	case ISCSI_OP_R2T: return "R2T";
	case ISCSI_OP_ASYNC: return "Asynchronous Message";
	case ISCSI_OP_REJECT: return "Reject";
	default: return "unknown PDU";
	}
}

int iscsi_pdu_check(const struct iscsi_rx_pdu *pdu, uint32_t max_data,
		    const char **why)
{
	*why = NULL;
	switch (pdu->opcode) {
	case ISCSI_OP_NOP_IN:
	case ISCSI_OP_SCSI_RSP:
	case ISCSI_OP_LOGIN_RSP:
	case ISCSI_OP_TEXT_RSP:
	case ISCSI_OP_ASYNC:
		break;
	case ISCSI_OP_DATA_IN:
		if ((pdu->flags & ISCSI_DATA_STATUS) &&
		    !(pdu->flags & ISCSI_FLAG_FINAL))
			*why = "Data-In with status but without the F bit";
		break;
	case ISCSI_OP_R2T:
	case ISCSI_OP_LOGOUT_RSP:
		if (pdu->data_len)
			*why = "unexpected data segment";
		break;
	case ISCSI_OP_REJECT:
		if (pdu->data_len < ISCSI_BHS_LEN)
			*why = "Reject without the rejected header";
		break;
	default:
		*why = "unexpected opcode";
		break;
	}
	if (!*why && pdu->ahs_len)
		*why = "unexpected additional header segment";
	if (!*why && pdu->data_len > max_data)
		*why = "data segment longer than negotiated";
	return *why ? -EPROTO : 0;
}

void iscsi_pdu_scsi_cmd(uint8_t *bhs, int write, const uint8_t *lun,
			uint32_t itt, uint32_t edtl, uint32_t cmdsn,
			uint32_t expstatsn, const uint8_t *cdb,
			uint32_t imm_len)
{
	uint8_t flags = ISCSI_FLAG_FINAL | ISCSI_CMD_SIMPLE;

	if (edtl)
		flags |= write ? ISCSI_CMD_WRITE : ISCSI_CMD_READ;
	pdu_start(bhs, ISCSI_OP_SCSI_CMD, flags, imm_len);
	memcpy(bhs + 8, lun, 8);
	pdu_numbers(bhs, itt, edtl, cmdsn, expstatsn);
	memcpy(bhs + 32, cdb, 16);
}

void iscsi_pdu_data_out(uint8_t *bhs, int final, const uint8_t *lun,
			uint32_t itt, uint32_t ttt, uint32_t expstatsn,
			uint32_t datasn, uint32_t offset, uint32_t len)
{
	pdu_start(bhs, ISCSI_OP_DATA_OUT, final ? ISCSI_FLAG_FINAL : 0, len);
	memcpy(bhs + 8, lun, 8);
	pdu_numbers(bhs, itt, ttt, 0, expstatsn);
	iscsi_put32(bhs + 36, datasn);
	iscsi_put32(bhs + 40, offset);
}

void iscsi_pdu_nop_out(uint8_t *bhs, const uint8_t *lun, uint32_t itt,
		       uint32_t ttt, uint32_t cmdsn, uint32_t expstatsn,
		       uint32_t len)
{
	pdu_start(bhs, ISCSI_OP_NOP_OUT | ISCSI_OP_IMMEDIATE, ISCSI_FLAG_FINAL,
		  len);
	memcpy(bhs + 8, lun, 8);
	pdu_numbers(bhs, itt, ttt, cmdsn, expstatsn);
}

void iscsi_pdu_login(uint8_t *bhs, uint8_t flags, const uint8_t *isid,
		     uint16_t tsih, uint32_t itt, uint32_t cmdsn,
		     uint32_t expstatsn, uint32_t len)
{
	pdu_start(bhs, ISCSI_OP_LOGIN_REQ | ISCSI_OP_IMMEDIATE, flags, len);
	memcpy(bhs + 8, isid, 6);
	bhs[14] = (uint8_t)(tsih >> 8);
	bhs[15] = (uint8_t)tsih;
	pdu_numbers(bhs, itt, 0, cmdsn, expstatsn);  /* CID 0 */
}

void iscsi_pdu_text(uint8_t *bhs, int final, uint32_t itt, uint32_t ttt,
		    uint32_t cmdsn, uint32_t expstatsn, uint32_t len)
{
	pdu_start(bhs, ISCSI_OP_TEXT_REQ | ISCSI_OP_IMMEDIATE,
		  final ? ISCSI_FLAG_FINAL : ISCSI_LOGIN_CONTINUE, len);
	pdu_numbers(bhs, itt, ttt, cmdsn, expstatsn);
}

void iscsi_pdu_logout(uint8_t *bhs, uint32_t itt, uint32_t cmdsn,
		      uint32_t expstatsn)
{
	pdu_start(bhs, ISCSI_OP_LOGOUT_REQ | ISCSI_OP_IMMEDIATE,
		  ISCSI_FLAG_FINAL, 0);
	pdu_numbers(bhs, itt, 0, cmdsn, expstatsn);  /* CID 0 */
}
