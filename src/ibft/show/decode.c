/** @file Reading an iBFT back as Linux and illumos do, and judging it by their rules. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include "../ibft_int.h"

/** Number of offsets after the control header (initiator, NIC0, target0, NIC1, target1) */
#define IBFT_CTL_OFFSETS 5

/** Say why a table is rejected (if @p why is wanted); returns -EINVAL */
static int __printf(3, 4) ibft_reject(char *why, size_t whylen,
				      const char *fmt, ...)
{
	va_list args;

	if (why && whylen) {
		va_start(args, fmt);
		vsnprintf(why, whylen, fmt, args);
		va_end(args);
	}
	return -EINVAL;
}

/** Sum of @p len bytes (0 for a good table) */
static uint8_t ibft_sum(const uint8_t *t, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	return sum;
}

/** Offset @p i (0..4) of the control structure of @p t */
static uint16_t ibft_ctl_offset(const uint8_t *t, unsigned int i)
{
	return ibft_get16(t + IBFT_HEADER_LEN + IBFT_CTL_INITIATOR + 2 * i);
}

/** Structure id expected at control offset @p i */
static uint8_t ibft_ctl_id(unsigned int i)
{
	static const uint8_t ids[IBFT_CTL_OFFSETS] = {
		IBFT_ID_INITIATOR, IBFT_ID_NIC, IBFT_ID_TARGET,
		IBFT_ID_NIC, IBFT_ID_TARGET,
	};
	return ids[i];
}

/** Length Linux insists on for structure id @p id (0: ignored by Linux) */
static uint16_t ibft_id_len(uint8_t id)
{
	switch (id) {
	case IBFT_ID_INITIATOR: return IBFT_INITIATOR_LEN;
	case IBFT_ID_NIC: return IBFT_NIC_LEN;
	case IBFT_ID_TARGET: return IBFT_TARGET_LEN;
	default: return 0;
	}
}

/** Name of structure id @p id for messages */
static const char *ibft_id_name(uint8_t id)
{
	switch (id) {
	case IBFT_ID_CONTROL: return "control";
	case IBFT_ID_INITIATOR: return "initiator";
	case IBFT_ID_NIC: return "NIC";
	case IBFT_ID_TARGET: return "target";
	default: return "unknown";
	}
}

/**
 * Copy the string whose u16 length and offset are at @p field
 *
 * @ret rc      0, or -EINVAL if it lies outside the table
 */
static int ibft_get_string(const uint8_t *t, size_t len, const uint8_t *field,
			   char *out, size_t outlen)
{
	uint16_t slen = ibft_get16(field);
	uint16_t off = ibft_get16(field + 2);

	out[0] = '\0';
	if (!slen)
		return 0;
	if ((size_t)off + slen > len)
		return -EINVAL;
	snprintf(out, outlen, "%.*s", (int)slen, (const char *)t + off);
	return 0;
}

/** Decode the NIC structure at @p s into @p n */
static int ibft_decode_nic(const uint8_t *t, size_t len, const uint8_t *s,
			   struct ibft_nic_info *n)
{
	n->present = 1;
	n->index = s[IBFT_S_INDEX];
	n->flags = s[IBFT_S_FLAGS];
	memcpy(n->ip, s + IBFT_NIC_IP, 16);
	n->prefix = s[IBFT_NIC_PREFIX];
	n->origin = s[IBFT_NIC_ORIGIN];
	memcpy(n->gateway, s + IBFT_NIC_GATEWAY, 16);
	memcpy(n->dns[0], s + IBFT_NIC_DNS1, 16);
	memcpy(n->dns[1], s + IBFT_NIC_DNS2, 16);
	memcpy(n->dhcp_server, s + IBFT_NIC_DHCP, 16);
	n->vlan = ibft_get16(s + IBFT_NIC_VLAN);
	memcpy(n->mac, s + IBFT_NIC_MAC, 6);
	n->busdevfn = ibft_get16(s + IBFT_NIC_BDF);
	return ibft_get_string(t, len, s + IBFT_NIC_HOSTNAME, n->hostname,
			       sizeof(n->hostname));
}

/** Decode the target structure at @p s into @p g */
static int ibft_decode_target(const uint8_t *t, size_t len, const uint8_t *s,
			      struct ibft_target_info *g)
{
	int rc;

	g->present = 1;
	g->index = s[IBFT_S_INDEX];
	g->flags = s[IBFT_S_FLAGS];
	memcpy(g->ip, s + IBFT_TGT_IP, 16);
	g->port = ibft_get16(s + IBFT_TGT_PORT);
	memcpy(g->lun, s + IBFT_TGT_LUN, 8);
	g->chap_type = s[IBFT_TGT_CHAP_TYPE];
	g->nic = s[IBFT_TGT_NIC];
	rc = ibft_get_string(t, len, s + IBFT_TGT_NAME, g->name,
			     sizeof(g->name));
	rc = rc ? rc : ibft_get_string(t, len, s + IBFT_TGT_CHAP_NAME,
				       g->chap_name, sizeof(g->chap_name));
	rc = rc ? rc : ibft_get_string(t, len, s + IBFT_TGT_CHAP_SECRET,
				       g->chap_secret, sizeof(g->chap_secret));
	rc = rc ? rc : ibft_get_string(t, len, s + IBFT_TGT_RCHAP_NAME,
				       g->rchap_name, sizeof(g->rchap_name));
	rc = rc ? rc : ibft_get_string(t, len, s + IBFT_TGT_RCHAP_SECRET,
				       g->rchap_secret,
				       sizeof(g->rchap_secret));
	return rc;
}

/** Decode the structure named by control offset @p i */
static int ibft_decode_one(const uint8_t *t, size_t len, unsigned int i,
			   struct ibft_info *info)
{
	uint16_t off = ibft_ctl_offset(t, i);
	uint8_t id = ibft_ctl_id(i);
	const uint8_t *s = t + off;

	if (!off)
		return 0;
	if ((size_t)off + ibft_id_len(id) > len || s[IBFT_S_ID] != id)
		return -EINVAL;
	if (id == IBFT_ID_INITIATOR) {
		info->initiator_present = 1;
		info->initiator_flags = s[IBFT_S_FLAGS];
		return ibft_get_string(t, len, s + IBFT_INI_NAME,
				       info->initiator_name,
				       sizeof(info->initiator_name));
	}
	if (id == IBFT_ID_NIC)
		return ibft_decode_nic(t, len, s, &info->nic[i / 2]);
	return ibft_decode_target(t, len, s, &info->target[(i - 1) / 2]);
}

int ibft_decode(const void *table, size_t len, struct ibft_info *info)
{
	const uint8_t *t = table;
	uint32_t tlen;
	int rc = 0;

	memset(info, 0, sizeof(*info));
	if (len < IBFT_HEADER_LEN + IBFT_CONTROL_LEN)
		return -EINVAL;
	tlen = ibft_get32(t + IBFT_HDR_LENGTH);
	if (tlen < len)
		len = tlen;
	info->length = tlen;
	info->revision = t[IBFT_HDR_REVISION];
	info->checksum_ok = tlen <= len && ibft_sum(t, tlen) == 0;
	memcpy(info->oem_id, t + IBFT_HDR_OEM_ID, 6);
	memcpy(info->oem_table_id, t + IBFT_HDR_OEM_TABLE_ID, 8);
	if (len < IBFT_HEADER_LEN + IBFT_CONTROL_LEN)
		return -EINVAL;
	for (unsigned int i = 0; i < IBFT_CTL_OFFSETS && rc == 0; i++)
		rc = ibft_decode_one(t, len, i, info);
	return rc;
}

/** Check the parts both OSes check: signature, length, checksum */
static int ibft_check_common(const uint8_t *t, size_t len, char *why,
			     size_t whylen)
{
	uint32_t tlen;

	if (len < IBFT_HEADER_LEN + IBFT_CONTROL_LEN)
		return ibft_reject(why, whylen, "%zu bytes is too short", len);
	if (memcmp(t, IBFT_SIGNATURE, 4) != 0)
		return ibft_reject(why, whylen, "no \"iBFT\" signature");
	tlen = ibft_get32(t + IBFT_HDR_LENGTH);
	if (tlen > len || tlen < IBFT_HEADER_LEN + IBFT_CONTROL_LEN)
		return ibft_reject(why, whylen,
				   "length %u does not fit the %zu bytes given",
				   (unsigned int)tlen, len);
	if (ibft_sum(t, tlen) != 0)
		return ibft_reject(why, whylen, "bad checksum (sum 0x%02x)",
				   ibft_sum(t, tlen));
	if (t[IBFT_HEADER_LEN + IBFT_S_ID] != IBFT_ID_CONTROL)
		return ibft_reject(why, whylen, "no control structure at 48");
	return 0;
}

/** Check that the strings of a structure lie inside the table */
static int ibft_check_strings(const uint8_t *t, uint32_t tlen,
			      const uint8_t *s, char *why, size_t whylen)
{
	static const uint8_t ini[] = { IBFT_INI_NAME };
	static const uint8_t nic[] = { IBFT_NIC_HOSTNAME };
	static const uint8_t tgt[] = {
		IBFT_TGT_NAME, IBFT_TGT_CHAP_NAME, IBFT_TGT_CHAP_SECRET,
		IBFT_TGT_RCHAP_NAME, IBFT_TGT_RCHAP_SECRET,
	};
	const uint8_t *f = s[0] == IBFT_ID_INITIATOR ? ini :
			   s[0] == IBFT_ID_NIC ? nic : tgt;
	size_t n = s[0] == IBFT_ID_INITIATOR ? 1 : s[0] == IBFT_ID_NIC ? 1 : 5;

	for (size_t i = 0; i < n; i++) {
		uint16_t slen = ibft_get16(s + f[i]);
		uint16_t off = ibft_get16(s + f[i] + 2);

		if (slen && (uint32_t)off + slen > tlen)
			return ibft_reject(why, whylen,
					   "%s string at %u+%u outside the table",
					   ibft_id_name(s[0]), off, slen);
	}
	return 0;
}

int ibft_check_linux(const void *table, size_t len, char *why, size_t whylen)
{
	const uint8_t *t = table;
	const uint8_t *c = t + IBFT_HEADER_LEN;
	uint32_t tlen;
	int rc;

	rc = ibft_check_common(t, len, why, whylen);
	if (rc < 0)
		return rc;
	tlen = ibft_get32(t + IBFT_HDR_LENGTH);
	if (t[IBFT_HDR_REVISION] != IBFT_REVISION)
		return ibft_reject(why, whylen, "revision %u, Linux wants 1",
				   t[IBFT_HDR_REVISION]);
	if (ibft_get16(c + IBFT_S_LENGTH) != IBFT_CONTROL_LEN ||
	    c[IBFT_S_INDEX] != 0)
		return ibft_reject(why, whylen,
				   "control length %u index %u, Linux wants 18 and 0",
				   ibft_get16(c + IBFT_S_LENGTH), c[IBFT_S_INDEX]);
	for (unsigned int i = 0; i < IBFT_CTL_OFFSETS; i++) {
		uint16_t off = ibft_ctl_offset(t, i);
		const uint8_t *s = t + off;
		uint16_t want;

		/* Linux looks only at offsets below length - 48 */
		if (!off)
			continue;
		if (off >= tlen - IBFT_HEADER_LEN || (uint32_t)off + 6 > tlen)
			return ibft_reject(why, whylen,
					   "offset %u is past the end", off);
		want = ibft_id_len(s[IBFT_S_ID]);
		if (!want)
			return ibft_reject(why, whylen,
					   "structure id %u at %u is ignored",
					   s[IBFT_S_ID], off);
		if (ibft_get16(s + IBFT_S_LENGTH) != want ||
		    (uint32_t)off + want > tlen)
			return ibft_reject(why, whylen,
					   "%s at %u: length %u, Linux skips all but %u",
					   ibft_id_name(s[IBFT_S_ID]), off,
					   ibft_get16(s + IBFT_S_LENGTH), want);
		rc = ibft_check_strings(t, tlen, s, why, whylen);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/** Check one structure illumos would copy from: id, CHAP secrets, NUL ends */
static int ibft_check_illumos_one(const uint8_t *t, uint32_t tlen,
				  const uint8_t *s, unsigned int *chosen,
				  char *why, size_t whylen)
{
	uint8_t id = s[IBFT_S_ID];
	int chosen_one = (s[IBFT_S_FLAGS] & IBFT_FL_VALID) &&
			 (s[IBFT_S_FLAGS] & IBFT_FL_BOOT_SELECTED);
	int rc;

	if (id != IBFT_ID_INITIATOR && id != IBFT_ID_NIC &&
	    id != IBFT_ID_TARGET)
		return ibft_reject(why, whylen,
				   "structure id %u: illumos rejects the table",
				   id);
	rc = ibft_check_strings(t, tlen, s, why, whylen);
	if (rc < 0 || !chosen_one)
		return rc;
	*chosen |= 1u << id;
	if (id == IBFT_ID_TARGET && s[IBFT_TGT_CHAP_TYPE] != IBFT_CHAP_NONE &&
	    !ibft_get16(s + IBFT_TGT_CHAP_SECRET))
		return ibft_reject(why, whylen, "CHAP without a secret");
	if (id == IBFT_ID_TARGET && s[IBFT_TGT_CHAP_TYPE] == IBFT_CHAP_MUTUAL &&
	    !ibft_get16(s + IBFT_TGT_RCHAP_SECRET))
		return ibft_reject(why, whylen,
				   "mutual CHAP without a reverse secret");
	return 0;
}

int ibft_check_illumos(const void *table, size_t len, char *why,
		       size_t whylen)
{
	const uint8_t *t = table;
	unsigned int chosen = 0;
	uint32_t tlen;
	int rc;

	rc = ibft_check_common(t, len, why, whylen);
	if (rc < 0)
		return rc;
	tlen = ibft_get32(t + IBFT_HDR_LENGTH);
	if (tlen > IBFT_ILLUMOS_MAX)
		return ibft_reject(why, whylen,
				   "%u bytes, illumos copies only %u",
				   (unsigned int)tlen, IBFT_ILLUMOS_MAX);
	for (unsigned int i = 0; i < IBFT_CTL_OFFSETS; i++) {
		uint16_t off = ibft_ctl_offset(t, i);

		if (!off)
			continue;
		if ((uint32_t)off + 6 > tlen ||
		    (uint32_t)off + ibft_id_len(t[off]) > tlen)
			return ibft_reject(why, whylen,
					   "offset %u is past the end", off);
		rc = ibft_check_illumos_one(t, tlen, t + off, &chosen, why,
					    whylen);
		if (rc < 0)
			return rc;
	}
	if (!(chosen & (1u << IBFT_ID_NIC)))
		return ibft_reject(why, whylen, "no valid boot-selected NIC");
	if (!(chosen & (1u << IBFT_ID_TARGET)))
		return ibft_reject(why, whylen,
				   "no valid boot-selected target");
	return 0;
}
