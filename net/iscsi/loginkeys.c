/** @file iSCSI login: the target's keys, status codes in words, our default name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "iscsi_int.h"

/** Record a failure in @p login; returns @p rc */
static int keys_fail(struct iscsi_login *login, int rc, const char *fmt,
		     const char *arg)
{
	snprintf(login->why, sizeof(login->why), fmt, arg);
	return rc;
}

/** Nonzero if @p value is one of the answers that mean "keep the default" */
static int keys_no_answer(const char *value)
{
	return !strcmp(value, "NotUnderstood") || !strcmp(value, "Irrelevant") ||
	       !strcmp(value, "Reject");
}

/**
 * Parse a numeric value in [@p min, @p max]
 *
 * @ret ok      nonzero if valid
 */
static int keys_number(const char *value, unsigned long min,
		       unsigned long max, uint32_t *out)
{
	char *end;
	unsigned long v;

	if (value[0] < '0' || value[0] > '9')
		return 0;
	v = strtoul(value, &end, 0);
	if (*end || v < min || v > max)
		return 0;
	*out = (uint32_t)v;
	return 1;
}

/** Parse Yes/No into @p out; nonzero if valid */
static int keys_bool(const char *value, int *out)
{
	if (!strcmp(value, "Yes"))
		*out = 1;
	else if (!strcmp(value, "No"))
		*out = 0;
	else
		return 0;
	return 1;
}

/** Take a CHAP key (CHAP_A, CHAP_I, CHAP_C, CHAP_N, CHAP_R); 0 or -error */
static int keys_chap(struct iscsi_login *login, const char *key,
		     const char *value)
{
	uint32_t v;
	int len;

	if (!strcmp(key, "CHAP_A")) {
		if (strcmp(value, "5"))
			return keys_fail(login, -ENOTSUP, "target wants CHAP "
					 "algorithm %s; only MD5 (5) is supported",
					 value);
	} else if (!strcmp(key, "CHAP_I")) {
		if (!keys_number(value, 0, 255, &v))
			return keys_fail(login, -EPROTO, "bad CHAP_I \"%.40s\"",
					 value);
		login->chap_id = (uint8_t)v;
	} else if (!strcmp(key, "CHAP_C")) {
		len = iscsi_chap_decode(value, login->chap_c,
					sizeof(login->chap_c));
		if (len < 0)
			return keys_fail(login, -EPROTO, "bad CHAP_C \"%.40s\"",
					 value);
		login->chap_c_len = (size_t)len;
	} else if (!strcmp(key, "CHAP_N")) {
		snprintf(login->target_n, sizeof(login->target_n), "%s", value);
	} else if (!strcmp(key, "CHAP_R")) {
		len = iscsi_chap_decode(value, login->target_r,
					sizeof(login->target_r));
		login->target_r_len = (len < 0) ? 0 : len;
	}
	return 0;
}

/** Take AuthMethod; 0 or -error */
static int keys_auth(struct iscsi_login *login, const char *value)
{
	if (!strcmp(value, "None")) {
		login->auth_method = 1;
	} else if (!strcmp(value, "CHAP")) {
		login->auth_method = 2;
	} else {
		return keys_fail(login, -EACCES, "authentication failure: "
				 "target accepts no AuthMethod we offer (%.40s)",
				 value);
	}
	return 0;
}

/**
 * Take the target's choice of HeaderDigest or DataDigest: one value of
 * the list we offered
 *
 * @v on        receives nonzero for CRC32C
 * @ret rc      0 or -error
 */
static int keys_digest(struct iscsi_login *login, const char *key,
		       const char *value, int *on)
{
	if (login->stage != ISCSI_STAGE_OPERATIONAL)
		return 0;  /* not our offer's answer (NotUnderstood went back) */
	if (!strcmp(value, "None")) {
		*on = 0;
	} else if (!strcmp(value, "CRC32C") &&
		   login->digest != ISCSI_DIGEST_NONE) {
		*on = 1;
	} else if (!strcmp(value, "CRC32C")) {
		snprintf(login->why, sizeof(login->why), "target insists on "
			 "%s CRC32C (iscsi-digest is none)", key);
		return -ENOTSUP;
	} else {
		snprintf(login->why, sizeof(login->why), "target chose %s "
			 "\"%.40s\", which we did not offer", key, value);
		return -EPROTO;
	}
	return 0;
}

int iscsi_digest_parse(const char *text, enum iscsi_digest_offer *offer)
{
	if (!text[0] || !strcmp(text, "auto"))
		*offer = ISCSI_DIGEST_AUTO;
	else if (!strcmp(text, "crc32c"))
		*offer = ISCSI_DIGEST_CRC32C;
	else if (!strcmp(text, "none"))
		*offer = ISCSI_DIGEST_NONE;
	else
		return -EINVAL;
	return 0;
}

/** Take a negotiated operational key we know; 1 if known, 0 if not, -error */
static int keys_operational(struct iscsi_login *login, const char *key,
			    const char *value)
{
	struct iscsi_params *p = &login->params;
	uint32_t v;

	if (!strcmp(key, "MaxRecvDataSegmentLength")) {
		if (!keys_number(value, 512, 16777215, &p->target_mrdsl))
			goto bad;
	} else if (!strcmp(key, "MaxBurstLength")) {
		if (!keys_number(value, 512, 16777215, &p->max_burst))
			goto bad;
	} else if (!strcmp(key, "FirstBurstLength")) {
		if (!keys_number(value, 512, 16777215, &p->first_burst))
			goto bad;
	} else if (!strcmp(key, "MaxOutstandingR2T")) {
		if (!keys_number(value, 1, 65535, &p->max_r2t))
			goto bad;
	} else if (!strcmp(key, "InitialR2T")) {
		if (!keys_bool(value, &p->initial_r2t))
			goto bad;
	} else if (!strcmp(key, "ImmediateData")) {
		if (!keys_bool(value, &p->immediate_data))
			goto bad;
	} else if (!strcmp(key, "TargetPortalGroupTag")) {
		if (!keys_number(value, 0, 65535, &p->tpgt))
			goto bad;
	} else if (!strcmp(key, "HeaderDigest") || !strcmp(key, "DataDigest")) {
		int rc = keys_digest(login, key, value, key[0] == 'H' ?
				     &p->header_digest : &p->data_digest);

		if (rc)
			return rc;
	} else if (!strcmp(key, "ErrorRecoveryLevel")) {
		if (!keys_number(value, 0, 0, &v))
			goto bad;
	} else {
		return 0;
	}
	return 1;
bad:
	snprintf(login->why, sizeof(login->why), "bad value %s=%.40s", key,
		 value);
	return -EPROTO;
}

/** Keys a target may propose that we accept by echoing its value */
static const char *const keys_echo[] = {
	"MaxConnections", "DataPDUInOrder", "DataSequenceInOrder",
	"DefaultTime2Wait", "DefaultTime2Retain", "IFMarker", "OFMarker",
};

/** Keys that need no answer from us */
static const char *const keys_quiet[] = {
	"TargetAlias", "TargetAddress", "TargetPortalGroupTag", "SessionType",
	"TargetName", "InitiatorName", "MaxRecvDataSegmentLength",
};

/** Nonzero if @p key is in @p list of @p n */
static int keys_in(const char *key, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(key, list[i]))
			return 1;
	}
	return 0;
}

/** Nonzero if we sent @p key in this stage's first request */
static int keys_we_sent(const struct iscsi_login *login, const char *key)
{
	static const char *const op_keys[] = {
		"HeaderDigest", "DataDigest", "InitialR2T", "ImmediateData",
		"MaxBurstLength", "FirstBurstLength", "DefaultTime2Wait",
		"DefaultTime2Retain", "MaxOutstandingR2T", "DataPDUInOrder",
		"DataSequenceInOrder", "ErrorRecoveryLevel", "MaxConnections",
	};

	if (login->stage == ISCSI_STAGE_SECURITY)
		return !strcmp(key, "AuthMethod");
	return keys_in(key, op_keys, ARRAY_SIZE(op_keys));
}

/** Queue an answer to a key the target offered */
static void keys_answer(struct iscsi_login *login, const char *key,
			const char *value)
{
	const char *answer = NULL;

	if (keys_no_answer(value) || keys_in(key, keys_quiet,
					     ARRAY_SIZE(keys_quiet)))
		return;
	if (keys_we_sent(login, key))
		return;
	if (keys_in(key, keys_echo, ARRAY_SIZE(keys_echo)))
		answer = value;
	else if (strncmp(key, "CHAP_", 5) && strcmp(key, "AuthMethod"))
		answer = "NotUnderstood";
	if (answer && iscsi_text_add(login->reply, sizeof(login->reply),
				     &login->reply_len, key, "%s", answer))
		login->reply_len = 0;  /* too many: let the target decide */
}

/** iscsi_text_fn for a login response: record one key */
int iscsi_login_key(const char *key, const char *value, void *ctx)
{
	struct iscsi_login *login = ctx;
	int rc;

	keys_answer(login, key, value);
	if (!strcmp(key, "TargetAddress")) {
		snprintf(login->redirect, sizeof(login->redirect), "%s", value);
		return 0;
	}
	if (!strcmp(key, "AuthMethod"))
		return keys_auth(login, value);
	if (!strncmp(key, "CHAP_", 5))
		return keys_chap(login, key, value);
	if (keys_no_answer(value))
		return 0;
	rc = keys_operational(login, key, value);
	return rc < 0 ? rc : 0;
}

const char *iscsi_login_status_text(uint8_t cls, uint8_t detail, int *rc)
{
	static const char *const initiator[] = {
		"initiator error", "authentication failure",
		"authorization failure (initiator not allowed to use this target)",
		"target not found", "target removed",
		"unsupported iSCSI version", "too many connections",
		"missing parameter", "cannot include connection in session",
		"session type not supported", "session does not exist",
		"invalid request during login",
	};
	static const char *const target[] = {
		"target error", "service unavailable", "out of resources",
	};

	if (cls == 1) {
		*rc = -EAGAIN;
		return detail == 2 ? "target moved permanently" :
				     "target moved temporarily";
	}
	if (cls == 2) {
		*rc = detail == 1 ? -EACCES : detail == 2 ? -EPERM :
		      (detail == 3 || detail == 4) ? -ENOENT :
		      detail == 5 ? -ENOTSUP : -EPROTO;
		return detail < ARRAY_SIZE(initiator) ? initiator[detail] :
							"initiator error";
	}
	if (cls == 3) {
		*rc = (detail == 1 || detail == 2) ? -EBUSY : -EIO;
		return detail < ARRAY_SIZE(target) ? target[detail] :
						     "target error";
	}
	*rc = -EPROTO;
	return "unknown login status";
}

char *iscsi_default_iqn(const uint8_t *uuid, const uint8_t *mac, char *buf,
			size_t len)
{
	static const char prefix[] = "iqn.2024-01.org.lwpxe";

	if (uuid) {
		snprintf(buf, len, "%s:uuid-%02x%02x%02x%02x-%02x%02x-%02x%02x-"
			 "%02x%02x-%02x%02x%02x%02x%02x%02x", prefix, uuid[0],
			 uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6],
			 uuid[7], uuid[8], uuid[9], uuid[10], uuid[11],
			 uuid[12], uuid[13], uuid[14], uuid[15]);
	} else if (mac) {
		snprintf(buf, len, "%s:mac-%02x%02x%02x%02x%02x%02x", prefix,
			 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	} else {
		snprintf(buf, len, "%s:unknown", prefix);
	}
	return buf;
}
