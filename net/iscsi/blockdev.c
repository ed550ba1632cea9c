/** @file The "iscsi" SAN protocol: root path to block device (open, submit, describe, close). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/random.h>
#include <lwpxe/san.h>
#include <lwpxe/settings.h>
#include "lwip/ip4.h"
#include "iscsi_dev.h"

/** The iscsi-digest setting: which digests a login offers */
static const struct setting_def blk_digest_def = {
	.name = "iscsi-digest",
	.description = "iSCSI digests offered: auto, crc32c or none",
	.type = &setting_type_string,
};
SETTING(blk_digest_def);

/** Fetch string setting @p name into @p buf ("" if unset) */
static void blk_setting(const char *name, char *buf, size_t len)
{
	int n = settings_fetch(name, buf, len - 1, NULL);

	if (n < 0)
		n = 0;
	buf[MIN((size_t)n, len - 1)] = '\0';
}

/** Our initiator name: `initiator-iqn`, else from the UUID or the NIC's MAC */
static void blk_initiator(struct iscsi_dev *d)
{
	uint8_t uuid[16];
	struct nic *nic;

	blk_setting("initiator-iqn", d->s.initiator, sizeof(d->s.initiator));
	if (d->s.initiator[0])
		return;
	if (settings_fetch("uuid", uuid, sizeof(uuid), NULL) == sizeof(uuid)) {
		iscsi_default_iqn(uuid, NULL, d->s.initiator,
				  sizeof(d->s.initiator));
		return;
	}
	nic = netdev_nic(ip4_route(ip_2_ip4(&d->home_addr)));
	if (!nic)
		nic = nic_get(0);
	iscsi_default_iqn(NULL, nic ? nic->mac : NULL, d->s.initiator,
			  sizeof(d->s.initiator));
}

/** Which digests to offer, from iscsi-digest; 0 or -EINVAL, line printed */
static int blk_digest(struct iscsi_dev *d)
{
	char text[32];

	blk_setting("iscsi-digest", text, sizeof(text));
	if (iscsi_digest_parse(text, &d->s.digest) == 0)
		return 0;
	printf("iSCSI: iscsi-digest \"%s\" is not auto, crc32c or none\n",
	       text);
	return -EINVAL;
}

/** Resolve @p name (or parse an IPv4 address); 0 or -error, line printed */
static int blk_resolve(const char *name, ip_addr_t *addr)
{
	char why[128];
	uint32_t ip4;
	int rc = dns_resolve(name, &ip4, why, sizeof(why));

	if (rc < 0) {
		printf("iSCSI: %s\n", why);
		return rc;
	}
	netdev_wait_route(ip4);
	ip_addr_set_ip4_u32(addr, ip4);
	return 0;
}

/**
 * Words for the failure @p rc of task @p t: its sense data or SCSI
 * status if it has one, else errmsg(@p rc); returns @p buf
 */
static char *blk_failure(const struct iscsi_task *t, int rc, char *buf,
			 size_t len)
{
	if (t->done && t->status == SCSI_STATUS_CHECK)
		return scsi_sense_text(t->sense, t->sense_len, buf, len);
	if (t->done && rc == -EBADMSG) {
		snprintf(buf, len, "the target answered GOOD after sending %u "
			 "of %u bytes", t->received, iscsi_task_expected(t));
		return buf;
	}
	snprintf(buf, len, "%s", t->done && t->status ?
		 scsi_status_text(t->status) : errmsg(rc));
	return buf;
}

/**
 * Run one command and wait for it
 *
 * @v what      command name for messages ("READ CAPACITY")
 * @v quiet     do not print a failure
 * @ret rc      0 or -error
 */
static int blk_command(struct iscsi_dev *d, struct iscsi_task *t,
		       const char *what, int quiet)
{
	char words[96];
	int rc;

	iscsi_session_submit(&d->s, t);
	iscsi_link_kick(d);
	rc = iscsi_link_wait(d, t);
	if (rc && !quiet)
		printf("%s: %s failed: %s\n", d->bdev.name, what,
		       blk_failure(t, rc, words, sizeof(words)));
	return rc;
}

/**
 * TEST UNIT READY (unit attentions are re-issued by the session); an LU
 * that is not ready yet gets a second chance before the failure is told
 */
static int blk_ready(struct iscsi_dev *d)
{
	struct iscsi_task t;
	int rc = 0;

	for (int quiet = 1; quiet >= 0; quiet--) {
		memset(&t, 0, sizeof(t));
		scsi_cdb_test_unit_ready(t.cdb);
		rc = blk_command(d, &t, "TEST UNIT READY", quiet);
		if (rc != -EAGAIN && rc != -EBUSY && rc != -EINVAL &&
		    rc != -EIO)
			break;
	}
	return rc;
}

/** INQUIRY: refuse LUs that are not disks (tgtd's LUN 0 is a controller) */
static int blk_inquiry(struct iscsi_dev *d)
{
	uint8_t data[96];
	struct iscsi_task t;
	uint8_t type;
	int rc;

	memset(&t, 0, sizeof(t));
	memset(data, 0, sizeof(data));
	scsi_cdb_inquiry(t.cdb, sizeof(data));
	t.buf = data;
	t.len = sizeof(data);
	rc = blk_command(d, &t, "INQUIRY", 0);
	if (rc)
		return rc;
	type = data[0] & 0x1f;
	if ((data[0] >> 5) == 3 || (type != 0x00 && type != 0x05 &&
				    type != 0x0e)) {
		printf("%s: not a disk (peripheral type %#x%s)\n",
		       d->bdev.name, type,
		       type == 0x0c ? ": a storage array controller, "
				      "try another LUN" : "");
		return -ENODEV;
	}
	return 0;
}

/** READ CAPACITY (10), then (16) for LUs of 2^32 blocks or more */
static int blk_capacity(struct iscsi_dev *d)
{
	uint8_t data[32];
	struct iscsi_task t;
	int rc;

	for (int is16 = 0; is16 < 2; is16++) {
		memset(&t, 0, sizeof(t));
		memset(data, 0, sizeof(data));
		if (is16)
			scsi_cdb_read_capacity16(t.cdb, sizeof(data));
		else
			scsi_cdb_read_capacity10(t.cdb);
		t.buf = data;
		t.len = is16 ? sizeof(data) : 8;
		rc = blk_command(d, &t, "READ CAPACITY", 0);
		if (rc)
			return rc;
		rc = scsi_parse_capacity(data, t.len - MIN(t.residual, t.len),
					 is16, &d->bdev.blocks,
					 &d->bdev.block_size);
		if (rc <= 0)
			break;
	}
	if (rc < 0)
		printf("%s: READ CAPACITY gave a bad answer\n", d->bdev.name);
	return rc;
}

/** Ask the LU what it is and how big */
static int blk_probe(struct iscsi_dev *d)
{
	uint32_t max;
	int rc;

	rc = blk_ready(d);
	if (!rc)
		rc = blk_inquiry(d);
	if (!rc)
		rc = blk_capacity(d);
	if (rc)
		return rc;
	max = d->s.params.max_burst / d->bdev.block_size;
	d->bdev.max_blocks = max ? max : 1;
	return 0;
}

/** A block request's command has finished */
static void blk_complete(struct iscsi_task *t)
{
	struct block_request *req = t->ctx;
	struct iscsi_dev *d = t->ctx2;
	char words[96];
	int rc = t->rc;

	if (!rc && t->residual)
		rc = -EIO;
	if (rc && rc != -ECANCELED && (t->status || rc == -EBADMSG))
		printf("%s: %s of %u blocks at %llu failed: %s\n",
		       d->bdev.name, req->write ? "WRITE" : "READ", req->count,
		       (unsigned long long)req->lba,
		       blk_failure(t, rc, words, sizeof(words)));
	free(t);
	req->rc = rc;
	req->done = 1;
	if (req->complete)
		req->complete(req);
}

/** blockdev: queue a read or write */
static int blk_submit(struct blockdev *dev, struct block_request *req)
{
	struct iscsi_dev *d = dev->priv;
	struct iscsi_task *t = NULL;

	req->done = 0;
	req->rc = 0;
	if (!req->count || req->count > dev->max_blocks ||
	    req->lba >= dev->blocks || req->count > dev->blocks - req->lba)
		req->rc = -ERANGE;
	else if (!(t = calloc(1, sizeof(*t))))
		req->rc = -ENOMEM;
	if (req->rc) {
		req->done = 1;
		return req->rc;
	}
	scsi_cdb_rw(t->cdb, req->write, req->lba, req->count);
	t->buf = req->buf;
	t->len = req->count * dev->block_size;
	t->write = req->write;
	t->complete = blk_complete;
	t->ctx = req;
	t->ctx2 = d;
	iscsi_session_submit(&d->s, t);
	iscsi_link_kick(d);
	return 0;
}

/** blockdev: describe the session for the iBFT */
static int blk_describe(struct blockdev *dev, struct san_description *desc)
{
	struct iscsi_dev *d = dev->priv;
	uint32_t ip = lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(&d->home_addr)));

	memset(desc, 0, sizeof(*desc));
	desc->target_ip[10] = desc->target_ip[11] = 0xff;
	iscsi_put32(desc->target_ip + 12, ip);
	desc->port = d->home_port;
	memcpy(desc->lun, d->s.lun, sizeof(desc->lun));
	snprintf(desc->target_name, sizeof(desc->target_name), "%s", d->s.target);
	snprintf(desc->initiator_name, sizeof(desc->initiator_name), "%s",
		 d->s.initiator);
	if (d->s.chap_used) {
		snprintf(desc->chap_name, sizeof(desc->chap_name), "%s",
			 d->s.creds.username);
		snprintf(desc->chap_secret, sizeof(desc->chap_secret), "%s",
			 d->s.creds.password);
	}
	if (d->s.mutual_used) {
		snprintf(desc->rchap_name, sizeof(desc->rchap_name), "%s",
			 d->s.creds.rusername);
		snprintf(desc->rchap_secret, sizeof(desc->rchap_secret), "%s",
			 d->s.creds.rpassword);
	}
	desc->nic = d->nic ? d->nic :
		    netdev_nic(ip4_route(ip_2_ip4(&d->home_addr)));
	return 0;
}

/** blockdev: log out and free */
static void blk_close(struct blockdev *dev)
{
	struct iscsi_dev *d = dev->priv;

	if (!iscsi_link_close(d))
		free(d);
}

/** The iSCSI block device operations */
static const struct blockdev_operations blk_operations = {
	.submit = blk_submit,
	.describe = blk_describe,
	.close = blk_close,
};

/** Fill a new device from a parsed root path; 0 or -error (line printed) */
static int blk_setup(struct iscsi_dev *d, const char *uri,
		     const struct iscsi_rootpath *rp)
{
	char lun[24];
	int rc;

	if (rp->ipv6) {
		printf("iSCSI root-path \"%s\": IPv6 server [%s] not supported "
		       "yet\n", uri, rp->server);
		return -ENOTSUP;
	}
	rc = blk_digest(d);
	if (!rc)
		rc = blk_resolve(rp->server, &d->home_addr);
	if (rc)
		return rc;
	if (!IP_IS_V4(&d->home_addr)) {
		printf("iSCSI: \"%s\" has no IPv4 address\n", rp->server);
		return -ENOTSUP;
	}
	d->home_port = rp->port;
	snprintf(d->s.portal, sizeof(d->s.portal), "%s:%u",
		 ipaddr_ntoa(&d->home_addr), rp->port);
	memcpy(d->s.lun, rp->lun, sizeof(d->s.lun));
	snprintf(d->s.target, sizeof(d->s.target), "%s", rp->target);
	blk_setting("username", d->s.creds.username, ISCSI_CRED_MAX);
	blk_setting("password", d->s.creds.password, ISCSI_CRED_MAX);
	blk_setting("reverse-username", d->s.creds.rusername, ISCSI_CRED_MAX);
	blk_setting("reverse-password", d->s.creds.rpassword, ISCSI_CRED_MAX);
	blk_initiator(d);
	random_bytes(d->s.isid, sizeof(d->s.isid));
	d->s.isid[0] = 0x80;  /* type: random */
	snprintf(d->bdev.name, sizeof(d->bdev.name), "iSCSI %.40s LUN %.12s",
		 d->s.portal, iscsi_lun_text(rp->lun, lun, sizeof(lun)));
	d->bdev.op = &blk_operations;
	d->bdev.priv = d;
	return 0;
}

/** SAN protocol: connect to root path @p uri and read its capacity */
static int blk_open(const char *uri, struct blockdev **dev)
{
	struct iscsi_rootpath rp;
	struct iscsi_dev *d;
	int rc;

	rc = iscsi_rootpath_parse(uri, &rp);
	if (rc)
		return rc;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	rc = blk_setup(d, uri, &rp);
	if (!rc)
		rc = iscsi_link_open(d);
	if (!rc) {
		d->retries = san_retries();
		rc = blk_probe(d);
		if (rc)
			iscsi_link_close(d);
	}
	if (rc) {
		free(d);
		return rc;
	}
	*dev = &d->bdev;
	return 0;
}

/** The iscsi: SAN protocol */
static const struct san_protocol iscsi_san_protocol = {
	.scheme = "iscsi",
	.phase = "login",
	.open = blk_open,
};
SAN_PROTOCOL(iscsi_san_protocol);
