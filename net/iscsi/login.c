/** @file iSCSI login (RFC 7143 6): security stage with CHAP, operational stage, redirects. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/random.h>
#include "iscsi_int.h"

/** Most Login Responses one login may take before we give up */
#define LOGIN_MAX_EXCHANGES 32

/** RFC 7143 defaults for values the target may leave out */
static const struct iscsi_params login_defaults = {
	.target_mrdsl = 8192,
	.max_burst = 262144,
	.first_burst = 65536,
	.initial_r2t = 1,
	.immediate_data = 1,
	.max_r2t = 1,
	.tpgt = 1,
};

void iscsi_login_init(struct iscsi_login *login, const char *initiator,
		      const char *target, const struct iscsi_creds *creds,
		      const uint8_t *isid)
{
	memset(login, 0, sizeof(*login));
	login->initiator = initiator;
	login->target = target;
	login->creds = creds;
	memcpy(login->isid, isid, sizeof(login->isid));
	login->stage = ISCSI_STAGE_SECURITY;
	login->params = login_defaults;
	login->target_r_len = -1;
}

/** Append a key to the request text; 0 or -ENOSPC */
#define LOGIN_ADD(login, len, key, ...) \
	iscsi_text_add((login)->tx, sizeof((login)->tx), (len), key, __VA_ARGS__)

/** Nonzero if the user asked the target to authenticate itself */
static int login_mutual(const struct iscsi_login *login)
{
	return login->creds->rusername[0] != '\0';
}

/** Keys of the first security-stage request */
static int login_offer(struct iscsi_login *login, size_t *len)
{
	int rc = 0;

	rc |= LOGIN_ADD(login, len, "InitiatorName", "%s", login->initiator);
	rc |= LOGIN_ADD(login, len, "TargetName", "%s", login->target);
	rc |= LOGIN_ADD(login, len, "SessionType", "Normal");
	rc |= LOGIN_ADD(login, len, "AuthMethod", "%s",
			login->creds->username[0] ? "CHAP,None" : "None,CHAP");
	return rc;
}

/** Our CHAP response, and our challenge when the target must authenticate */
static int login_chap_response(struct iscsi_login *login, size_t *len)
{
	uint8_t resp[ISCSI_CHAP_LEN];
	char hex[2 * sizeof(login->my_c) + 3];
	int rc = 0;

	if (!login->chap_c_len) {
		snprintf(login->why, sizeof(login->why),
			 "target sent no CHAP challenge");
		return -EPROTO;
	}
	iscsi_chap_response(login->chap_id, login->creds->password,
			    login->chap_c, login->chap_c_len, resp);
	iscsi_chap_encode(resp, sizeof(resp), hex, sizeof(hex));
	rc |= LOGIN_ADD(login, len, "CHAP_N", "%s", login->creds->username);
	rc |= LOGIN_ADD(login, len, "CHAP_R", "%s", hex);
	if (login_mutual(login)) {
		random_bytes(&login->my_id, 1);
		do {
			random_bytes(login->my_c, sizeof(login->my_c));
		} while (login->chap_c_len == sizeof(login->my_c) &&
			 !memcmp(login->my_c, login->chap_c, sizeof(login->my_c)));
		iscsi_chap_encode(login->my_c, sizeof(login->my_c), hex,
				  sizeof(hex));
		rc |= LOGIN_ADD(login, len, "CHAP_I", "%u", login->my_id);
		rc |= LOGIN_ADD(login, len, "CHAP_C", "%s", hex);
	}
	login->chap_used = 1;
	return rc;
}

/** Our HeaderDigest and DataDigest list, in our order of preference */
static const char *login_digests(const struct iscsi_login *login)
{
	switch (login->digest) {
	case ISCSI_DIGEST_CRC32C: return "CRC32C,None";
	case ISCSI_DIGEST_NONE: return "None";
	default: return "None,CRC32C";
	}
}

/** Keys of the first operational-stage request */
static int login_operational(struct iscsi_login *login, size_t *len)
{
	int rc = 0;

	rc |= LOGIN_ADD(login, len, "HeaderDigest", "%s", login_digests(login));
	rc |= LOGIN_ADD(login, len, "DataDigest", "%s", login_digests(login));
	rc |= LOGIN_ADD(login, len, "MaxConnections", "1");
	rc |= LOGIN_ADD(login, len, "InitialR2T", "No");
	rc |= LOGIN_ADD(login, len, "ImmediateData", "Yes");
	rc |= LOGIN_ADD(login, len, "MaxRecvDataSegmentLength", "%u",
			ISCSI_OUR_MRDSL);
	rc |= LOGIN_ADD(login, len, "MaxBurstLength", "%u", ISCSI_OUR_BURST);
	rc |= LOGIN_ADD(login, len, "FirstBurstLength", "%u", ISCSI_OUR_BURST);
	rc |= LOGIN_ADD(login, len, "DefaultTime2Wait", "0");
	rc |= LOGIN_ADD(login, len, "DefaultTime2Retain", "0");
	rc |= LOGIN_ADD(login, len, "MaxOutstandingR2T", "1");
	rc |= LOGIN_ADD(login, len, "DataPDUInOrder", "Yes");
	rc |= LOGIN_ADD(login, len, "DataSequenceInOrder", "Yes");
	rc |= LOGIN_ADD(login, len, "ErrorRecoveryLevel", "0");
	return rc;
}

/**
 * Choose the keys of the next request of the security stage
 *
 * @v transit   receives nonzero to ask for the operational stage
 */
static int login_security(struct iscsi_login *login, size_t *len, int *transit)
{
	*transit = 1;
	if (!login->stage_sent)
		return login_offer(login, len);
	if (login->auth_method == 2 && login->chap == ISCSI_CHAP_NONE) {
		if (!login->creds->username[0]) {
			snprintf(login->why, sizeof(login->why),
				 "authentication failure: target requires CHAP "
				 "but no username is set");
			return -EACCES;
		}
		*transit = 0;
		login->chap = ISCSI_CHAP_ALGORITHM;
		return LOGIN_ADD(login, len, "CHAP_A", "5");
	}
	if (login->chap == ISCSI_CHAP_ALGORITHM) {
		login->chap = ISCSI_CHAP_RESPONSE;
		return login_chap_response(login, len);
	}
	return 0;
}

int iscsi_login_build(struct iscsi_login *login, uint8_t *bhs, uint32_t itt,
		      uint32_t cmdsn, uint32_t expstatsn)
{
	size_t len = 0;
	int transit = 1;
	int nsg;
	int rc = 0;

	if (login->continue_due) {
		transit = 0;
		login->continue_due = 0;
	} else if (login->stage == ISCSI_STAGE_SECURITY) {
		rc = login_security(login, &len, &transit);
	} else if (!login->stage_sent) {
		rc = login_operational(login, &len);
	}
	login->stage_sent = 1;
	if (rc == -ENOSPC)
		snprintf(login->why, sizeof(login->why), "login text too long");
	if (rc)
		return rc;
	if (login->reply_len && len + login->reply_len <= sizeof(login->tx)) {
		memcpy(login->tx + len, login->reply, login->reply_len);
		len += login->reply_len;
	}
	login->reply_len = 0;
	nsg = login->stage == ISCSI_STAGE_SECURITY ? ISCSI_STAGE_OPERATIONAL :
						     ISCSI_STAGE_FULL;
	iscsi_pdu_login(bhs, (uint8_t)((transit ? ISCSI_LOGIN_TRANSIT : 0) |
				       login->stage << 2 | (transit ? nsg : 0)),
			login->isid, login->tsih, itt, cmdsn, expstatsn,
			(uint32_t)len);
	return (int)len;
}

/** Check the target's answer to our challenge; 0 or -EACCES */
static int login_verify_target(struct iscsi_login *login)
{
	const struct iscsi_creds *c = login->creds;

	if (login->chap != ISCSI_CHAP_RESPONSE || login->target_r_len < 0) {
		snprintf(login->why, sizeof(login->why), "authentication "
			 "failure: target did not authenticate itself "
			 "(mutual CHAP)");
		return -EACCES;
	}
	if (strcmp(login->target_n, c->rusername) ||
	    iscsi_chap_verify(login->my_id, c->rpassword, login->my_c,
			      sizeof(login->my_c), login->target_r,
			      (size_t)login->target_r_len)) {
		snprintf(login->why, sizeof(login->why), "authentication "
			 "failure: target gave a wrong mutual CHAP response");
		return -EACCES;
	}
	login->mutual_used = 1;
	return 0;
}

/** Leave the security stage: the target must have done what we asked */
static int login_security_done(struct iscsi_login *login)
{
	if (login->chap == ISCSI_CHAP_ALGORITHM ||
	    (login->auth_method == 2 && login->chap != ISCSI_CHAP_RESPONSE)) {
		snprintf(login->why, sizeof(login->why),
			 "target ended CHAP before our response");
		return -EPROTO;
	}
	if (login_mutual(login)) {
		int rc = login_verify_target(login);

		if (rc)
			return rc;
	}
	login->chap = (login->chap == ISCSI_CHAP_RESPONSE) ?
		      ISCSI_CHAP_DONE : login->chap;
	return 0;
}

/** Add @p len bytes of response text; 0 or -error */
static int login_collect(struct iscsi_login *login, const char *data,
			 size_t len)
{
	if (len > ISCSI_LOGIN_TEXT_MAX - login->rx_len) {
		snprintf(login->why, sizeof(login->why),
			 "login response text longer than %u bytes",
			 ISCSI_LOGIN_TEXT_MAX);
		return -EMSGSIZE;
	}
	memcpy(login->rx + login->rx_len, data, len);
	login->rx_len += len;
	return 0;
}

/** Parse the collected text and forget it; 0 or -error */
static int login_parse(struct iscsi_login *login)
{
	size_t len = login->rx_len;
	int rc;

	if (len && login->rx[len - 1] != '\0')
		login->rx[len++] = '\0';  /* lenient: a missing final NUL */
	login->rx_len = 0;
	rc = iscsi_text_foreach(login->rx, len, iscsi_login_key, login);
	if (rc == -EBADMSG)
		snprintf(login->why, sizeof(login->why),
			 "malformed login response text");
	return rc;
}

/** Take a response with a non-zero status class; returns REDIRECT or -error */
static int login_status(struct iscsi_login *login, uint8_t cls, uint8_t detail)
{
	const char *text;
	int rc;

	text = iscsi_login_status_text(cls, detail, &rc);
	if (cls == 1) {
		rc = login_parse(login);
		if (rc)
			return rc;
		if (!login->redirect[0]) {
			snprintf(login->why, sizeof(login->why),
				 "%s without TargetAddress", text);
			return -EPROTO;
		}
		return ISCSI_LOGIN_REDIRECT;
	}
	snprintf(login->why, sizeof(login->why), "%s%s", text,
		 (cls == 2 && detail == 1 && login->chap_used) ? " (CHAP)" : "");
	return rc;
}

int iscsi_login_rx(struct iscsi_login *login, const struct iscsi_rx_pdu *pdu,
		   const char *data, size_t len)
{
	uint8_t cls = (uint8_t)(pdu->sn >> 24);
	uint8_t detail = (uint8_t)(pdu->sn >> 16);
	int transit = pdu->flags & ISCSI_LOGIN_TRANSIT;
	int csg = (pdu->flags >> 2) & 3;
	int nsg = pdu->flags & 3;
	int rc;

	if (++login->exchanges > LOGIN_MAX_EXCHANGES) {
		snprintf(login->why, sizeof(login->why),
			 "login did not finish after %u exchanges",
			 LOGIN_MAX_EXCHANGES);
		return -EPROTO;
	}
	rc = login_collect(login, data, len);
	if (rc)
		return rc;
	if (cls)
		return login_status(login, cls, detail);
	if (pdu->flags & ISCSI_LOGIN_CONTINUE) {
		if (transit) {
			snprintf(login->why, sizeof(login->why),
				 "login response with both C and T bits");
			return -EPROTO;
		}
		login->continue_due = 1;
		return ISCSI_LOGIN_MORE;
	}
	if (csg != login->stage) {
		snprintf(login->why, sizeof(login->why), "login response for "
			 "stage %d while in stage %d", csg, login->stage);
		return -EPROTO;
	}
	login->tsih = (uint16_t)(pdu->lun[6] << 8 | pdu->lun[7]);
	rc = login_parse(login);
	if (rc)
		return rc;
	if (!transit)
		return ISCSI_LOGIN_MORE;
	if (login->stage == ISCSI_STAGE_SECURITY) {
		rc = login_security_done(login);
		if (rc)
			return rc;
	}
	if (nsg == ISCSI_STAGE_FULL)
		return ISCSI_LOGIN_DONE;
	if (nsg != ISCSI_STAGE_OPERATIONAL || login->stage != ISCSI_STAGE_SECURITY) {
		snprintf(login->why, sizeof(login->why),
			 "login response moves to stage %d", nsg);
		return -EPROTO;
	}
	login->stage = nsg;
	login->stage_sent = 0;
	return ISCSI_LOGIN_MORE;
}
