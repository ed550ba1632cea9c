/** @file SCSI commands for disks: CDBs, READ CAPACITY data, sense data in words. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "iscsi_int.h"

/** Big-endian 64-bit store */
static void scsi_put64(uint8_t *p, uint64_t v)
{
	iscsi_put32(p, (uint32_t)(v >> 32));
	iscsi_put32(p + 4, (uint32_t)v);
}

/** Clear @p cdb and set its operation code */
static void scsi_cdb_start(uint8_t *cdb, uint8_t op)
{
	memset(cdb, 0, 16);
	cdb[0] = op;
}

void scsi_cdb_test_unit_ready(uint8_t *cdb)
{
	scsi_cdb_start(cdb, 0x00);
}

void scsi_cdb_inquiry(uint8_t *cdb, uint16_t alloc)
{
	scsi_cdb_start(cdb, 0x12);
	cdb[3] = (uint8_t)(alloc >> 8);
	cdb[4] = (uint8_t)alloc;
}

void scsi_cdb_read_capacity10(uint8_t *cdb)
{
	scsi_cdb_start(cdb, 0x25);
}

void scsi_cdb_read_capacity16(uint8_t *cdb, uint32_t alloc)
{
	scsi_cdb_start(cdb, 0x9e);
	cdb[1] = 0x10;  /* SERVICE ACTION IN (16): READ CAPACITY */
	iscsi_put32(cdb + 10, alloc);
}

void scsi_cdb_report_luns(uint8_t *cdb, uint32_t alloc)
{
	scsi_cdb_start(cdb, 0xa0);
	iscsi_put32(cdb + 6, alloc);
}

void scsi_cdb_rw(uint8_t *cdb, int write, uint64_t lba, uint32_t count)
{
	if (lba + count <= 0x100000000ULL && count <= 0xffff) {
		scsi_cdb_start(cdb, write ? 0x2a : 0x28);
		iscsi_put32(cdb + 2, (uint32_t)lba);
		cdb[7] = (uint8_t)(count >> 8);
		cdb[8] = (uint8_t)count;
		return;
	}
	scsi_cdb_start(cdb, write ? 0x8a : 0x88);
	scsi_put64(cdb + 2, lba);
	iscsi_put32(cdb + 10, count);
}

int scsi_parse_capacity(const uint8_t *data, size_t len, int is16,
			uint64_t *blocks, uint32_t *block_size)
{
	uint64_t last;

	if (len < (is16 ? 12U : 8U))
		return -EPROTO;
	if (is16) {
		last = (uint64_t)iscsi_get32(data) << 32 | iscsi_get32(data + 4);
		*block_size = iscsi_get32(data + 8);
	} else {
		last = iscsi_get32(data);
		*block_size = iscsi_get32(data + 4);
		if (last == 0xffffffffU)
			return 1;
	}
	if (*block_size < 1 || *block_size > 65536 || last == UINT64_MAX)
		return -EPROTO;
	*blocks = last + 1;
	return 0;
}

/** Sense key, ASC and ASCQ of fixed or descriptor sense data; 0 if none */
static int scsi_sense_fields(const uint8_t *sense, size_t len, int *key,
			     int *asc, int *ascq)
{
	uint8_t code = len ? (sense[0] & 0x7f) : 0;

	*asc = *ascq = -1;
	if ((code == 0x70 || code == 0x71) && len >= 3) {
		*key = sense[2] & 0x0f;
		if (len >= 14) {
			*asc = sense[12];
			*ascq = sense[13];
		}
		return 1;
	}
	if ((code == 0x72 || code == 0x73) && len >= 2) {
		*key = sense[1] & 0x0f;
		if (len >= 4) {
			*asc = sense[2];
			*ascq = sense[3];
		}
		return 1;
	}
	return 0;
}

int scsi_sense_key(const uint8_t *sense, size_t len)
{
	int key, asc, ascq;

	return scsi_sense_fields(sense, len, &key, &asc, &ascq) ? key : -1;
}

/** Words for sense key @p key */
static const char *scsi_key_text(int key)
{
	static const char *const names[16] = {
		"No sense", "Recovered error", "Not ready", "Medium error",
		"Hardware error", "Illegal request", "Unit attention",
		"Data protect", "Blank check", "Vendor specific",
		"Copy aborted", "Aborted command", "Reserved",
		"Volume overflow", "Miscompare", "Completed",
	};

	return names[key & 15];
}

/** An additional sense code and its words */
struct scsi_asc {
	uint8_t asc;          /**< ASC */
	uint8_t ascq;         /**< ASCQ */
	const char *text;     /**< words */
};

/** The additional sense codes a disk commonly reports */
static const struct scsi_asc scsi_ascs[] = {
	{ 0x04, 0x00, "logical unit not ready" },
	{ 0x04, 0x01, "logical unit is becoming ready" },
	{ 0x04, 0x02, "initializing command required" },
	{ 0x04, 0x03, "manual intervention required" },
	{ 0x08, 0x00, "logical unit communication failure" },
	{ 0x0c, 0x00, "write error" },
	{ 0x11, 0x00, "unrecovered read error" },
	{ 0x1a, 0x00, "parameter list length error" },
	{ 0x20, 0x00, "invalid command operation code" },
	{ 0x21, 0x00, "logical block address out of range" },
	{ 0x24, 0x00, "invalid field in CDB" },
	{ 0x25, 0x00, "logical unit not supported" },
	{ 0x26, 0x00, "invalid field in parameter list" },
	{ 0x27, 0x00, "write protected" },
	{ 0x28, 0x00, "medium may have changed" },
	{ 0x29, 0x00, "power on, reset or bus device reset occurred" },
	{ 0x2a, 0x01, "mode parameters changed" },
	{ 0x2a, 0x09, "capacity data has changed" },
	{ 0x3a, 0x00, "medium not present" },
	{ 0x3f, 0x0e, "reported LUNs data has changed" },
	{ 0x44, 0x00, "internal target failure" },
};

char *scsi_sense_text(const uint8_t *sense, size_t len, char *buf, size_t size)
{
	int key, asc, ascq;

	if (!scsi_sense_fields(sense, len, &key, &asc, &ascq)) {
		snprintf(buf, size, "check condition without sense data");
		return buf;
	}
	for (size_t i = 0; i < ARRAY_SIZE(scsi_ascs); i++) {
		if (scsi_ascs[i].asc == asc && scsi_ascs[i].ascq == ascq) {
			snprintf(buf, size, "%s: %s", scsi_key_text(key),
				 scsi_ascs[i].text);
			return buf;
		}
	}
	if (asc < 0)
		snprintf(buf, size, "%s", scsi_key_text(key));
	else
		snprintf(buf, size, "%s: ASC/ASCQ %02x/%02x",
			 scsi_key_text(key), asc, ascq);
	return buf;
}

int scsi_sense_rc(const uint8_t *sense, size_t len)
{
	switch (scsi_sense_key(sense, len)) {
	case 0x0: case 0x1: return 0;
	case 0x2: return -EBUSY;
	case 0x5: return -EINVAL;
	case 0x6: return -EAGAIN;
	case 0x7: return -EPERM;
	default: return -EIO;
	}
}

const char *scsi_status_text(uint8_t status)
{
	switch (status) {
	case 0x00: return "good";
	case 0x02: return "check condition";
	case 0x04: return "condition met";
	case 0x08: return "busy";
	case 0x18: return "reservation conflict";
	case 0x28: return "task set full";
	case 0x30: return "ACA active";
	case 0x40: return "task aborted";
	default: return "unknown SCSI status";
	}
}
