/** @file Building the iBFT 1.03 table from a parameter block (pure code). */
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include "ibft_int.h"

/** OEM id and OEM table id written into the header (space padded, as in ACPI) */
#define IBFT_OEM_ID "LWPXE "
#define IBFT_OEM_TABLE_ID "LWPXE   "

/** Most distinct strings one table holds */
#define IBFT_MAX_STRINGS 24

/** The table being written */
struct ibft_writer {
	uint8_t *buf;              /**< output, or NULL while only measuring */
	size_t len;                /**< size of @c buf */
	size_t heap;               /**< end of the string heap so far */
	const char *str[IBFT_MAX_STRINGS];  /**< strings placed so far */
	uint16_t str_off[IBFT_MAX_STRINGS]; /**< their offsets */
	unsigned int strings;      /**< number placed */
};

void ibft_map_ipv4(uint8_t out[16], const uint8_t ipv4[4])
{
	memset(out, 0, 10);
	out[10] = 0xff;
	out[11] = 0xff;
	memcpy(out + 12, ipv4, 4);
}

/** Round @p off up to the structure alignment */
static size_t ibft_align(size_t off)
{
	return (off + IBFT_ALIGN - 1) & ~(size_t)(IBFT_ALIGN - 1);
}

/** Write a structure header at @p p */
static void ibft_put_header(uint8_t *p, uint8_t id, uint16_t len,
			    uint8_t index, uint8_t flags)
{
	p[0] = id;
	p[1] = 1;       /* version */
	ibft_put16(p + 2, len);
	p[4] = index;
	p[5] = flags;
}

/**
 * Place @p s in the string heap (once: equal strings share a copy) and
 * record its length and offset at @p field (length, then offset)
 *
 * @v w         writer
 * @v field     where the two 16-bit values go, or NULL when measuring
 * @v s         string; NULL or "" records length and offset 0
 * @ret rc      0, or -ENOSPC past 64 KiB or too many strings
 */
static int ibft_put_string(struct ibft_writer *w, uint8_t *field,
			   const char *s)
{
	size_t slen = s ? strlen(s) : 0;
	size_t off;
	unsigned int i;

	if (!slen) {
		if (field) {
			ibft_put16(field, 0);
			ibft_put16(field + 2, 0);
		}
		return 0;
	}
	for (i = 0; i < w->strings; i++) {
		if (strcmp(w->str[i], s) == 0)
			break;
	}
	if (i < w->strings) {
		off = w->str_off[i];
	} else {
		if (w->strings >= IBFT_MAX_STRINGS ||
		    w->heap + slen + 1 > 0xffff)
			return -ENOSPC;
		off = w->heap;
		if (w->buf)
			memcpy(w->buf + off, s, slen + 1);
		w->str[w->strings] = s;
		w->str_off[w->strings++] = (uint16_t)off;
		w->heap += slen + 1;
	}
	if (field) {
		ibft_put16(field, (uint16_t)slen);
		ibft_put16(field + 2, (uint16_t)off);
	}
	return 0;
}

/** Field pointer @p off into a structure at @p base, or NULL when measuring */
static uint8_t *ibft_field(struct ibft_writer *w, size_t base, size_t off)
{
	return w->buf ? w->buf + base + off : NULL;
}

/** Write the initiator structure at @p at */
static int ibft_put_initiator(struct ibft_writer *w, size_t at,
			      const struct ibft_params *p)
{
	if (w->buf)
		ibft_put_header(w->buf + at, IBFT_ID_INITIATOR,
				IBFT_INITIATOR_LEN, 0,
				IBFT_FL_VALID | IBFT_FL_BOOT_SELECTED);
	return ibft_put_string(w, ibft_field(w, at, IBFT_INI_NAME),
			       p->initiator_name);
}

/** Write NIC structure @p index at @p at */
static int ibft_put_nic(struct ibft_writer *w, size_t at, unsigned int index,
			const struct ibft_nic_params *n)
{
	uint8_t *s = w->buf ? w->buf + at : NULL;

	if (s) {
		ibft_put_header(s, IBFT_ID_NIC, IBFT_NIC_LEN, (uint8_t)index,
				IBFT_FL_VALID |
				(n->boot ? IBFT_FL_BOOT_SELECTED : 0));
		memcpy(s + IBFT_NIC_IP, n->ip, 16);
		s[IBFT_NIC_PREFIX] = n->prefix;
		s[IBFT_NIC_ORIGIN] = n->origin;
		memcpy(s + IBFT_NIC_GATEWAY, n->gateway, 16);
		memcpy(s + IBFT_NIC_DNS1, n->dns[0], 16);
		memcpy(s + IBFT_NIC_DNS2, n->dns[1], 16);
		memcpy(s + IBFT_NIC_DHCP, n->dhcp_server, 16);
		ibft_put16(s + IBFT_NIC_VLAN, n->vlan);
		memcpy(s + IBFT_NIC_MAC, n->mac, 6);
		ibft_put16(s + IBFT_NIC_BDF, n->busdevfn);
	}
	return ibft_put_string(w, ibft_field(w, at, IBFT_NIC_HOSTNAME),
			       n->hostname);
}

/** CHAP type for what a session used */
static uint8_t ibft_chap_type(const struct san_description *d)
{
	if (!d->chap_name[0] && !d->chap_secret[0])
		return IBFT_CHAP_NONE;
	if (d->rchap_name[0] || d->rchap_secret[0])
		return IBFT_CHAP_MUTUAL;
	return IBFT_CHAP_ONE_WAY;
}

/** Write target structure @p index at @p at */
static int ibft_put_target(struct ibft_writer *w, size_t at,
			   unsigned int index,
			   const struct ibft_target_params *t)
{
	const struct san_description *d = t->desc;
	uint8_t chap = ibft_chap_type(d);
	uint8_t *s = w->buf ? w->buf + at : NULL;
	int rc;

	if (s) {
		ibft_put_header(s, IBFT_ID_TARGET, IBFT_TARGET_LEN,
				(uint8_t)index, IBFT_FL_VALID |
				(t->boot ? IBFT_FL_BOOT_SELECTED : 0));
		memcpy(s + IBFT_TGT_IP, d->target_ip, 16);
		ibft_put16(s + IBFT_TGT_PORT, d->port);
		memcpy(s + IBFT_TGT_LUN, d->lun, 8);
		s[IBFT_TGT_CHAP_TYPE] = chap;
		s[IBFT_TGT_NIC] = (uint8_t)t->nic;
	}
	rc = ibft_put_string(w, ibft_field(w, at, IBFT_TGT_NAME),
			     d->target_name);
	if (rc == 0 && chap != IBFT_CHAP_NONE)
		rc = ibft_put_string(w, ibft_field(w, at, IBFT_TGT_CHAP_NAME),
				     d->chap_name);
	if (rc == 0 && chap != IBFT_CHAP_NONE)
		rc = ibft_put_string(w, ibft_field(w, at, IBFT_TGT_CHAP_SECRET),
				     d->chap_secret);
	if (rc == 0 && chap == IBFT_CHAP_MUTUAL)
		rc = ibft_put_string(w, ibft_field(w, at, IBFT_TGT_RCHAP_NAME),
				     d->rchap_name);
	if (rc == 0 && chap == IBFT_CHAP_MUTUAL)
		rc = ibft_put_string(w, ibft_field(w, at,
						   IBFT_TGT_RCHAP_SECRET),
				     d->rchap_secret);
	return rc;
}

/** Write the table header (checksum left 0) */
static void ibft_put_table_header(uint8_t *t, size_t total)
{
	memcpy(t, IBFT_SIGNATURE, 4);
	ibft_put32(t + 4, (uint32_t)total);
	t[8] = IBFT_REVISION;
	memcpy(t + 10, IBFT_OEM_ID, 6);
	memcpy(t + 16, IBFT_OEM_TABLE_ID, 8);
}

/** Set the checksum byte so all @p total bytes sum to 0 */
static void ibft_put_checksum(uint8_t *t, size_t total)
{
	uint8_t sum = 0;

	t[9] = 0;
	for (size_t i = 0; i < total; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)(0x100 - sum);
}

/**
 * Lay out and write everything (or only measure, when @c w->buf is NULL)
 *
 * @v w         writer with @c heap set to where strings start
 * @v p         contents
 * @v at        offsets of initiator, NICs, targets
 * @ret rc      0 or -ENOSPC
 */
static int ibft_put_all(struct ibft_writer *w, const struct ibft_params *p,
			const size_t *at)
{
	unsigned int k = 0;
	int rc;

	rc = ibft_put_initiator(w, at[k++], p);
	for (unsigned int i = 0; rc == 0 && i < p->nics; i++)
		rc = ibft_put_nic(w, at[k++], i, &p->nic[i]);
	for (unsigned int i = 0; rc == 0 && i < p->targets; i++)
		rc = ibft_put_target(w, at[k++], i, &p->target[i]);
	return rc;
}

/** Write the control structure naming the structures at @p at */
static void ibft_put_control(uint8_t *t, const struct ibft_params *p,
			     const size_t *at)
{
	uint8_t *c = t + IBFT_HEADER_LEN;

	ibft_put_header(c, IBFT_ID_CONTROL, IBFT_CONTROL_LEN, 0, 0);
	ibft_put16(c + IBFT_CTL_INITIATOR, (uint16_t)at[0]);
	for (unsigned int i = 0; i < p->nics; i++)
		ibft_put16(c + IBFT_CTL_NIC0 + 4 * i, (uint16_t)at[1 + i]);
	for (unsigned int i = 0; i < p->targets; i++)
		ibft_put16(c + IBFT_CTL_TARGET0 + 4 * i,
			   (uint16_t)at[1 + p->nics + i]);
}

int ibft_build(const struct ibft_params *p, void *buf, size_t len)
{
	struct ibft_writer w = { 0 };
	size_t at[1 + IBFT_MAX_NICS + IBFT_MAX_TARGETS];
	size_t off = ibft_align(IBFT_HEADER_LEN + IBFT_CONTROL_LEN);
	unsigned int k = 0;
	size_t total;
	int rc;

	if (p->nics > IBFT_MAX_NICS || p->targets > IBFT_MAX_TARGETS)
		return -EINVAL;
	for (unsigned int i = 0; i < p->targets; i++) {
		if (!p->target[i].desc ||
		    (p->target[i].nic >= p->nics && p->nics))
			return -EINVAL;
	}
	at[k++] = off;
	off = ibft_align(off + IBFT_INITIATOR_LEN);
	for (unsigned int i = 0; i < p->nics; i++) {
		at[k++] = off;
		off = ibft_align(off + IBFT_NIC_LEN);
	}
	for (unsigned int i = 0; i < p->targets; i++) {
		at[k++] = off;
		off = ibft_align(off + IBFT_TARGET_LEN);
	}

	/* First measure the string heap, then write for real */
	w.heap = off;
	rc = ibft_put_all(&w, p, at);
	if (rc < 0)
		return rc;
	total = w.heap;
	if (!buf || len < total)
		return buf || len ? -ENOSPC : (int)total;
	memset(buf, 0, total);
	memset(&w, 0, sizeof(w));
	w.buf = buf;
	w.len = len;
	w.heap = off;
	ibft_put_table_header(buf, total);
	ibft_put_control(buf, p, at);
	rc = ibft_put_all(&w, p, at);
	if (rc < 0)
		return rc;
	ibft_put_checksum(buf, total);
	return (int)total;
}
