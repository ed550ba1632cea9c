/** @file iSCSI initiator internals shared by the files of net/iscsi/ (and its unit tests). */
#ifndef LWPXE_ISCSI_INT_H
#define LWPXE_ISCSI_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <lwpxe/blockdev.h>
#include <lwpxe/compiler.h>

/** Well-known iSCSI TCP port */
#define ISCSI_PORT 3260
/** Length of a Basic Header Segment */
#define ISCSI_BHS_LEN 48
/** Longest iSCSI name, with its NUL */
#define ISCSI_NAME_MAX 224
/** Longest CHAP name or secret, with its NUL (as in struct san_description) */
#define ISCSI_CRED_MAX 128
/** Largest data segment the target may send during login (RFC 7143 13.12) */
#define ISCSI_LOGIN_DATA_MAX 8192
/** Largest data segment we accept outside Data-In (login, NOP-In, sense) */
#define ISCSI_RX_SMALL 8192
/** Our MaxRecvDataSegmentLength: large Data-In PDUs cost us nothing */
#define ISCSI_OUR_MRDSL 262144
/** The MaxBurstLength and FirstBurstLength we propose (2^24 - 1, the most allowed) */
#define ISCSI_OUR_BURST 16776192
/** Reserved tag value (ITT/TTT "none") */
#define ISCSI_TAG_NONE 0xffffffffU

/* ---------------------------------------------------------------- root paths */

/** A parsed root path "iscsi:<server>:<protocol>:<port>:<LUN>:<target>" */
struct iscsi_rootpath {
	char server[256];             /**< host name, IPv4 or IPv6 text (no brackets) */
	int ipv6;                     /**< nonzero if given as [IPv6] */
	uint16_t port;                /**< TCP port (3260 if empty) */
	uint8_t lun[8];               /**< SAM LUN as sent on the wire */
	char target[ISCSI_NAME_MAX];  /**< target IQN */
};

/**
 * Parse an iSCSI root path; prints one line naming the bad field on error
 *
 * @v text      root path
 * @v rp        receives the parts
 * @ret rc      0 or -EINVAL
 */
int iscsi_rootpath_parse(const char *text, struct iscsi_rootpath *rp);

/** Format @p lun as "1" or "0-1-0-0" style text into @p buf; returns @p buf */
char *iscsi_lun_text(const uint8_t *lun, char *buf, size_t len);

/* ---------------------------------------------------------------- text keys */

/**
 * Called for each key=value pair by iscsi_text_foreach()
 * @ret rc      0 to continue, -error to stop
 */
typedef int (*iscsi_text_fn)(const char *key, const char *value, void *ctx);

/** Append "key=value\0" (value printf-formatted) to @p buf; 0 or -ENOSPC */
int iscsi_text_add(char *buf, size_t size, size_t *len, const char *key,
		   const char *fmt, ...) __printf(5, 6);

/**
 * Walk NUL-separated key=value pairs; the last byte of a non-empty
 * @p data must be NUL.  0, -EBADMSG if malformed, or what @p fn returned.
 */
int iscsi_text_foreach(const char *data, size_t len, iscsi_text_fn fn,
		       void *ctx);

/* ---------------------------------------------------------------- CHAP */

/** Length of a CHAP-MD5 response */
#define ISCSI_CHAP_LEN 16
/** Longest challenge we accept or send, in bytes */
#define ISCSI_CHAP_CHALLENGE_MAX 1024

/**
 * CHAP-MD5 response: MD5(id || secret || challenge) (RFC 1994)
 */
void iscsi_chap_response(uint8_t id, const char *secret, const uint8_t *chal,
			 size_t chal_len, uint8_t out[ISCSI_CHAP_LEN]);

/**
 * Decode a CHAP binary value: "0x..." hex or "0b..." base64
 *
 * @ret len     bytes written to @p out, or -EINVAL / -ENOSPC
 */
int iscsi_chap_decode(const char *text, uint8_t *out, size_t size);

/** Encode @p len bytes as "0x..." hex into @p out; text length or -ENOSPC */
int iscsi_chap_encode(const uint8_t *in, size_t len, char *out, size_t size);

/**
 * Check a response to our challenge: 0 if @p resp is the MD5 CHAP
 * response for @p id, @p secret, @p chal, else -EACCES
 */
int iscsi_chap_verify(uint8_t id, const char *secret, const uint8_t *chal,
		      size_t chal_len, const uint8_t *resp, size_t resp_len);

/* ---------------------------------------------------------------- PDUs */

#define ISCSI_OP_NOP_OUT 0x00       /**< NOP-Out */
#define ISCSI_OP_SCSI_CMD 0x01      /**< SCSI Command */
#define ISCSI_OP_LOGIN_REQ 0x03     /**< Login Request */
#define ISCSI_OP_TEXT_REQ 0x04      /**< Text Request */
#define ISCSI_OP_DATA_OUT 0x05      /**< SCSI Data-Out */
#define ISCSI_OP_LOGOUT_REQ 0x06    /**< Logout Request */
#define ISCSI_OP_NOP_IN 0x20        /**< NOP-In */
#define ISCSI_OP_SCSI_RSP 0x21      /**< SCSI Response */
#define ISCSI_OP_TMF_RSP 0x22       /**< Task Management Response */
#define ISCSI_OP_LOGIN_RSP 0x23     /**< Login Response */
#define ISCSI_OP_TEXT_RSP 0x24      /**< Text Response */
#define ISCSI_OP_DATA_IN 0x25       /**< SCSI Data-In */
#define ISCSI_OP_LOGOUT_RSP 0x26    /**< Logout Response */
#define ISCSI_OP_R2T 0x31           /**< Ready To Transfer */
#define ISCSI_OP_ASYNC 0x32         /**< Asynchronous Message */
#define ISCSI_OP_REJECT 0x3f        /**< Reject */
#define ISCSI_OP_MASK 0x3f          /**< opcode bits of byte 0 */
#define ISCSI_OP_IMMEDIATE 0x40     /**< I bit of byte 0 */

#define ISCSI_FLAG_FINAL 0x80       /**< F: last PDU of a sequence */
#define ISCSI_CMD_READ 0x40         /**< SCSI Command R bit */
#define ISCSI_CMD_WRITE 0x20        /**< SCSI Command W bit */
#define ISCSI_CMD_SIMPLE 0x01       /**< SCSI Command task attribute Simple */
#define ISCSI_DATA_STATUS 0x01      /**< Data-In S bit: status included */
#define ISCSI_RSP_OVERFLOW 0x04     /**< residual overflow (O) */
#define ISCSI_RSP_UNDERFLOW 0x02    /**< residual underflow (U) */
#define ISCSI_LOGIN_TRANSIT 0x80    /**< login T bit */
#define ISCSI_LOGIN_CONTINUE 0x40   /**< login/text C bit */
#define ISCSI_STAGE_SECURITY 0      /**< login stage: security negotiation */
#define ISCSI_STAGE_OPERATIONAL 1   /**< login stage: operational negotiation */
#define ISCSI_STAGE_FULL 3          /**< full feature phase */

/** A Basic Header Segment from the target, decoded */
struct iscsi_rx_pdu {
	uint8_t opcode;      /**< opcode (without the I bit) */
	uint8_t flags;       /**< byte 1 */
	uint8_t b2;          /**< byte 2: response, reject reason, version max */
	uint8_t b3;          /**< byte 3: SCSI status, version active */
	uint32_t ahs_len;    /**< TotalAHSLength in bytes */
	uint32_t data_len;   /**< DataSegmentLength */
	uint8_t lun[8];      /**< bytes 8-15: LUN (ISID and TSIH in a login) */
	uint32_t itt;        /**< Initiator Task Tag */
	uint32_t ttt;        /**< Target Transfer Tag (bytes 20-23) */
	uint32_t statsn;     /**< StatSN */
	uint32_t expcmdsn;   /**< ExpCmdSN */
	uint32_t maxcmdsn;   /**< MaxCmdSN */
	uint32_t sn;         /**< bytes 36-39: DataSN, R2TSN, ExpDataSN; login status */
	uint32_t offset;     /**< bytes 40-43: buffer offset */
	uint32_t residual;   /**< bytes 44-47: residual count; R2T desired length */
};

/** Big-endian 32-bit load */
static inline uint32_t iscsi_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/** Big-endian 32-bit store */
static inline void iscsi_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/** Padding after a data segment of @p len bytes */
static inline uint32_t iscsi_pad(uint32_t len)
{
	return (4 - (len & 3)) & 3;
}

/** Length of a header or data digest (CRC32C) */
#define ISCSI_DIGEST_LEN 4

/**
 * CRC32C of @p len bytes continuing @p crc (0 to start): the value a
 * digest carries, least significant byte first (RFC 7143 13.1)
 */
uint32_t iscsi_crc32c(uint32_t crc, const void *data, size_t len);

/** iscsi_crc32c() with the table alone, whatever the CPU has */
uint32_t iscsi_crc32c_table(uint32_t crc, const void *data, size_t len);

/** Decode the 48-byte header @p bhs */
void iscsi_pdu_decode(const uint8_t *bhs, struct iscsi_rx_pdu *pdu);

/**
 * Check a target PDU's header on its own: known opcode, no AHS, data
 * segment within @p max_data, lengths each opcode requires
 *
 * @v why       receives words describing the fault
 * @ret rc      0 or -EPROTO
 */
int iscsi_pdu_check(const struct iscsi_rx_pdu *pdu, uint32_t max_data,
		    const char **why);

/** Name of opcode @p op ("Data-In") */
const char *iscsi_pdu_name(unsigned int op);

/** Encode a SCSI Command header */
void iscsi_pdu_scsi_cmd(uint8_t *bhs, int write, const uint8_t *lun,
			uint32_t itt, uint32_t edtl, uint32_t cmdsn,
			uint32_t expstatsn, const uint8_t *cdb,
			uint32_t imm_len);

/** Encode a Data-Out header */
void iscsi_pdu_data_out(uint8_t *bhs, int final, const uint8_t *lun,
			uint32_t itt, uint32_t ttt, uint32_t expstatsn,
			uint32_t datasn, uint32_t offset, uint32_t len);

/** Encode a NOP-Out header (immediate; a reply when @p ttt is not none) */
void iscsi_pdu_nop_out(uint8_t *bhs, const uint8_t *lun, uint32_t itt,
		       uint32_t ttt, uint32_t cmdsn, uint32_t expstatsn,
		       uint32_t len);

/** Encode a Login Request header (@p flags: T, C, CSG << 2, NSG) */
void iscsi_pdu_login(uint8_t *bhs, uint8_t flags, const uint8_t *isid,
		     uint16_t tsih, uint32_t itt, uint32_t cmdsn,
		     uint32_t expstatsn, uint32_t len);

/** Encode a Text Request header */
void iscsi_pdu_text(uint8_t *bhs, int final, uint32_t itt, uint32_t ttt,
		    uint32_t cmdsn, uint32_t expstatsn, uint32_t len);

/** Encode a Logout Request header (reason 0: close the session) */
void iscsi_pdu_logout(uint8_t *bhs, uint32_t itt, uint32_t cmdsn,
		      uint32_t expstatsn);

/* ---------------------------------------------------------------- SCSI */

#define SCSI_STATUS_GOOD 0x00            /**< GOOD */
#define SCSI_STATUS_CHECK 0x02           /**< CHECK CONDITION */
#define SCSI_SENSE_NOT_READY 0x2         /**< sense key NOT READY */
#define SCSI_SENSE_UNIT_ATTENTION 0x6    /**< sense key UNIT ATTENTION */

/**
 * Times one command is re-issued after a UNIT ATTENTION (a target reset
 * or restart reports one to each new session): news, not a failure
 */
#define ISCSI_UA_RETRIES 3

void scsi_cdb_test_unit_ready(uint8_t *cdb);
void scsi_cdb_inquiry(uint8_t *cdb, uint16_t alloc);
void scsi_cdb_read_capacity10(uint8_t *cdb);
void scsi_cdb_read_capacity16(uint8_t *cdb, uint32_t alloc);
void scsi_cdb_report_luns(uint8_t *cdb, uint32_t alloc);
/** READ/WRITE (10) when it fits, else (16) */
void scsi_cdb_rw(uint8_t *cdb, int write, uint64_t lba, uint32_t count);

/**
 * Decode READ CAPACITY data
 *
 * @v data      response (8 bytes for (10), 12+ for (16))
 * @v len       bytes received
 * @v is16      nonzero for READ CAPACITY (16) data
 * @v blocks    receives the block count
 * @v block_size receives the block size
 * @ret rc      0, 1 if (10) says the LU is too big (ask (16)), -EPROTO
 */
int scsi_parse_capacity(const uint8_t *data, size_t len, int is16,
			uint64_t *blocks, uint32_t *block_size);

/** Sense key of sense data (fixed or descriptor), -1 if none */
int scsi_sense_key(const uint8_t *sense, size_t len);

/** Describe sense data in words ("Not ready: medium not present"); returns @p buf */
char *scsi_sense_text(const uint8_t *sense, size_t len, char *buf, size_t size);

/** Error code for sense data */
int scsi_sense_rc(const uint8_t *sense, size_t len);

/** Words for a SCSI status other than GOOD / CHECK CONDITION */
const char *scsi_status_text(uint8_t status);

/* ---------------------------------------------------------------- login */

/** Credentials (from settings) */
struct iscsi_creds {
	char username[ISCSI_CRED_MAX];   /**< our CHAP name, "" for none */
	char password[ISCSI_CRED_MAX];   /**< our CHAP secret */
	char rusername[ISCSI_CRED_MAX];  /**< target's name for mutual CHAP */
	char rpassword[ISCSI_CRED_MAX];  /**< target's secret for mutual CHAP */
};

/** Negotiated session parameters */
struct iscsi_params {
	uint32_t target_mrdsl;      /**< target's MaxRecvDataSegmentLength */
	uint32_t max_burst;         /**< MaxBurstLength */
	uint32_t first_burst;       /**< FirstBurstLength */
	int initial_r2t;            /**< InitialR2T */
	int immediate_data;         /**< ImmediateData */
	uint32_t max_r2t;           /**< MaxOutstandingR2T */
	uint32_t tpgt;              /**< TargetPortalGroupTag */
	int header_digest;          /**< HeaderDigest=CRC32C */
	int data_digest;            /**< DataDigest=CRC32C */
};

/** What we offer as HeaderDigest and DataDigest (the iscsi-digest setting) */
enum iscsi_digest_offer {
	ISCSI_DIGEST_AUTO,          /**< "None,CRC32C": only if the target insists */
	ISCSI_DIGEST_CRC32C,        /**< "CRC32C,None": unless the target refuses */
	ISCSI_DIGEST_NONE,          /**< "None": a target that insists is refused */
};

/**
 * Read the iscsi-digest setting's text: "auto" or "" (the default),
 * "crc32c" or "none"
 *
 * @ret rc      0 or -EINVAL
 */
int iscsi_digest_parse(const char *text, enum iscsi_digest_offer *offer);

/** Login progress within the security stage */
enum iscsi_chap_step {
	ISCSI_CHAP_NONE,            /**< AuthMethod offered */
	ISCSI_CHAP_ALGORITHM,       /**< CHAP_A sent */
	ISCSI_CHAP_RESPONSE,        /**< CHAP_N/CHAP_R sent */
	ISCSI_CHAP_DONE,            /**< authenticated */
};

/** Result of iscsi_login_rx() besides errors */
#define ISCSI_LOGIN_MORE 0          /**< send the next request */
#define ISCSI_LOGIN_DONE 1          /**< full feature phase reached */
#define ISCSI_LOGIN_REDIRECT 2      /**< go to login.redirect */

/** Size of the login text buffers */
#define ISCSI_LOGIN_TEXT_MAX 16384

/** The login state machine of one connection */
struct iscsi_login {
	const char *initiator;           /**< InitiatorName */
	const char *target;              /**< TargetName */
	const struct iscsi_creds *creds; /**< credentials */
	enum iscsi_digest_offer digest;  /**< digests we offer */
	uint8_t isid[6];                 /**< initiator session ID */
	uint16_t tsih;                   /**< target session handle */
	int stage;                       /**< current stage (CSG) */
	int stage_sent;                  /**< our keys of this stage went out */
	int transit;                     /**< request a transit with the next PDU */
	enum iscsi_chap_step chap;       /**< CHAP progress */
	int chap_used;                   /**< we authenticated with CHAP */
	int mutual_used;                 /**< the target authenticated itself */
	int auth_method;                 /**< 0 unknown, 1 None, 2 CHAP */
	uint8_t chap_id;                 /**< CHAP_I of the target */
	uint8_t chap_c[ISCSI_CHAP_CHALLENGE_MAX]; /**< CHAP_C of the target */
	size_t chap_c_len;               /**< its length */
	uint8_t my_id;                   /**< our CHAP_I (mutual) */
	uint8_t my_c[16];                /**< our CHAP_C (mutual) */
	char target_n[ISCSI_CRED_MAX];   /**< target's CHAP_N */
	uint8_t target_r[ISCSI_CHAP_LEN];/**< target's CHAP_R */
	int target_r_len;                /**< its length, -1 if absent */
	struct iscsi_params params;      /**< values recorded so far */
	char redirect[256];              /**< TargetAddress of a redirect */
	char reply[512];                 /**< answers to keys the target offered */
	size_t reply_len;                /**< bytes in @c reply */
	char rx[ISCSI_LOGIN_TEXT_MAX + 1]; /**< response text (C-bit continuation) */
	size_t rx_len;                   /**< bytes in @c rx */
	char tx[ISCSI_LOGIN_TEXT_MAX];   /**< request text */
	unsigned int exchanges;          /**< responses taken so far */
	int continue_due;                /**< target sent C=1: ask for the rest */
	char why[160];                   /**< words for a failure */
};

/** Start a login for @p initiator to @p target with @p creds and @p isid */
void iscsi_login_init(struct iscsi_login *login, const char *initiator,
		      const char *target, const struct iscsi_creds *creds,
		      const uint8_t *isid);

/**
 * Build the next Login Request into @p bhs and login->tx
 *
 * @ret len     bytes of text in login->tx, or -error (why set)
 */
int iscsi_login_build(struct iscsi_login *login, uint8_t *bhs, uint32_t itt,
		      uint32_t cmdsn, uint32_t expstatsn);

/**
 * Take a Login Response
 *
 * @v pdu       decoded header
 * @v data      its data segment
 * @v len       length of @p data
 * @ret rc      ISCSI_LOGIN_MORE / _DONE / _REDIRECT, or -error with why set
 */
int iscsi_login_rx(struct iscsi_login *login, const struct iscsi_rx_pdu *pdu,
		   const char *data, size_t len);

/** iscsi_text_fn recording one key of a Login Response (loginkeys.c) */
int iscsi_login_key(const char *key, const char *value, void *ctx);

/** Words for a login status class/detail, and its error code in @p rc */
const char *iscsi_login_status_text(uint8_t cls, uint8_t detail, int *rc);

/**
 * Default initiator name from a 16-byte @p uuid (preferred) or @p mac
 *
 * @ret buf     "iqn.2024-01.org.lwpxe:uuid-<uuid>" or ":mac-<mac>"
 */
char *iscsi_default_iqn(const uint8_t *uuid, const uint8_t *mac, char *buf,
			size_t len);

/* ---------------------------------------------------------------- session */

struct iscsi_session;

/** Where a session's bytes go: lwIP's TCP, or a buffer in unit tests */
struct iscsi_transport {
	/** Bytes that may be sent now */
	size_t (*room)(struct iscsi_session *s);
	/** Queue @p len (<= room, <= 65535) bytes; 0, or -ENOBUFS to retry later */
	int (*send)(struct iscsi_session *s, const void *data, size_t len);
	/** Push out what was queued */
	void (*flush)(struct iscsi_session *s);
};

/** One SCSI command */
struct iscsi_task {
	uint8_t cdb[16];           /**< command descriptor block */
	uint8_t *buf;              /**< data buffer */
	uint32_t len;              /**< expected transfer length */
	int write;                 /**< data goes to the target */
	/** Called when done (may be NULL) */
	void (*complete)(struct iscsi_task *task);
	void *ctx;                 /**< for the submitter */
	void *ctx2;                /**< for the submitter */
	int done;                  /**< nonzero when finished */
	int rc;                    /**< 0 or -error once done */
	uint8_t status;            /**< SCSI status */
	uint32_t residual;         /**< residual count (underflow) */
	uint8_t sense[64];         /**< sense data */
	size_t sense_len;          /**< its length */
	/* private to the session */
	unsigned int attentions;   /**< unit attentions answered by re-issuing */
	int sent;                  /**< command went out on this connection */
	uint32_t itt;              /**< initiator task tag */
	uint32_t received;         /**< Data-In bytes received */
	uint32_t unsol_pos;        /**< next unsolicited byte to send */
	uint32_t unsol_end;        /**< end of the unsolicited data */
	uint32_t unsol_sn;         /**< DataSN of the unsolicited sequence */
	int r2t_active;            /**< an R2T is being answered */
	uint32_t r2t_ttt;          /**< its target transfer tag */
	uint32_t r2t_pos;          /**< next byte of it to send */
	uint32_t r2t_end;          /**< its end offset */
	uint32_t r2t_sn;           /**< DataSN within it */
	struct iscsi_task *next;   /**< next in the session's list */
};

/** Session phases */
enum iscsi_phase {
	ISCSI_PHASE_DOWN,          /**< no connection */
	ISCSI_PHASE_LOGIN,         /**< logging in */
	ISCSI_PHASE_FULL,          /**< full feature phase */
	ISCSI_PHASE_LOGOUT,        /**< logout sent */
	ISCSI_PHASE_CLOSED,        /**< logged out */
};

/** One session over one connection */
struct iscsi_session {
	char portal[80];           /**< "10.0.2.2:3260" for messages */
	uint8_t lun[8];            /**< LUN */
	char initiator[ISCSI_NAME_MAX]; /**< our name */
	char target[ISCSI_NAME_MAX];    /**< target name */
	struct iscsi_creds creds;  /**< credentials */
	enum iscsi_digest_offer digest; /**< digests we offer (iscsi-digest) */
	uint8_t isid[6];           /**< initiator session ID */
	enum iscsi_phase phase;    /**< where we are */
	struct iscsi_login *login; /**< login state (while logging in) */
	int login_result;          /**< last iscsi_login_rx() result */
	int login_send;            /**< a login request is due */
	int chap_used;             /**< CHAP was used by the last login */
	int mutual_used;           /**< mutual CHAP was used by the last login */
	char redirect[256];        /**< TargetAddress after a redirect */
	struct iscsi_params params; /**< negotiated values */
	uint32_t cmdsn;            /**< next CmdSN */
	uint32_t expcmdsn;         /**< target's ExpCmdSN */
	uint32_t maxcmdsn;         /**< target's MaxCmdSN */
	uint32_t expstatsn;        /**< next StatSN we expect */
	uint32_t next_itt;         /**< next initiator task tag */
	/* receive */
	int rx_state;              /**< header, data (with padding) or data digest */
	/** header being received, with its digest if negotiated */
	uint8_t rx_bhs[ISCSI_BHS_LEN + ISCSI_DIGEST_LEN];
	size_t rx_got;             /**< bytes of it or of the data received */
	struct iscsi_rx_pdu rx_pdu; /**< decoded header */
	uint8_t *rx_sink;          /**< where data goes */
	size_t rx_cap;             /**< room at @c rx_sink */
	uint32_t rx_left;          /**< data + padding bytes still to come */
	uint32_t rx_crc;           /**< CRC32C of the data + padding so far */
	uint8_t rx_digest[ISCSI_DIGEST_LEN]; /**< data digest being received */
	struct iscsi_task *rx_task; /**< task of a Data-In */
	uint8_t rx_small[ISCSI_RX_SMALL]; /**< data of PDUs other than Data-In */
	/* transmit */
	const struct iscsi_transport *tp; /**< transport */
	void *tp_ctx;              /**< for the transport */
	uint8_t tx_bhs[ISCSI_BHS_LEN]; /**< header being sent */
	const uint8_t *tx_data;    /**< its data; NULL: zeros (its task ended) */
	struct iscsi_task *tx_task; /**< task whose buffer @c tx_data is in */
	uint32_t tx_len;           /**< its data length */
	uint32_t tx_done;          /**< bytes of the PDU sent */
	uint32_t tx_hlen;          /**< header length, with its digest if any */
	uint32_t tx_dlen;          /**< data digest length (0: none) */
	uint32_t tx_crc;           /**< CRC32C of the data + padding sent */
	uint8_t tx_hdigest[ISCSI_DIGEST_LEN]; /**< header digest */
	uint8_t tx_ddigest[ISCSI_DIGEST_LEN]; /**< data digest, once computed */
	int tx_active;             /**< a PDU is being sent */
	int nop_due;               /**< a NOP-Out answer is due */
	uint32_t nop_ttt;          /**< TTT to echo */
	uint8_t nop_lun[8];        /**< LUN to echo */
	uint32_t nop_len;          /**< ping data length */
	uint8_t nop_data[ISCSI_RX_SMALL]; /**< ping data to echo */
	int logout_due;            /**< a Logout Request is due */
	/* tasks */
	struct iscsi_task *tasks;  /**< unfinished tasks, in submission order */
	unsigned int busy;         /**< nesting of completions in progress */
	unsigned long completed;   /**< tasks completed well (progress) */
	/* failure */
	int rc;                    /**< why the connection failed */
	char why[192];             /**< in words */
};

/** Set up @p s (zeroed by the caller) for @p tp */
void iscsi_session_init(struct iscsi_session *s,
			const struct iscsi_transport *tp, void *tp_ctx);

/** A new connection is up: start logging in (@p login owned by the caller) */
void iscsi_session_start(struct iscsi_session *s, struct iscsi_login *login);

/** The connection is gone: forget its state, keep the tasks for re-issue */
void iscsi_session_reset(struct iscsi_session *s);

/**
 * Consume received bytes (one copy: Data-In goes straight to its buffer)
 *
 * @ret rc      0, or -error after which the connection must be dropped
 *              (why set)
 */
int iscsi_session_rx(struct iscsi_session *s, const void *data, size_t len);

/** Send what can be sent now */
void iscsi_session_pump(struct iscsi_session *s);

/**
 * Queue @p task (sent when logged in and the CmdSN window allows); a
 * UNIT ATTENTION answer re-queues it, up to ISCSI_UA_RETRIES times
 */
void iscsi_session_submit(struct iscsi_session *s, struct iscsi_task *task);

/**
 * Remove @p task without completing it (it may still be in flight)
 *
 * @ret drop    nonzero if a PDU carrying its data was partly sent: the
 *              rest goes out as zeros, so the connection must be dropped
 *              for the target to abort the command rather than write them
 */
int iscsi_session_cancel(struct iscsi_session *s, struct iscsi_task *task);

/**
 * Bytes a read task @p t should have received: its length less the
 * underflow the target declared (a GOOD read with fewer fails, -EBADMSG)
 */
uint32_t iscsi_task_expected(const struct iscsi_task *t);

/** Complete every task with @p rc */
void iscsi_session_fail_all(struct iscsi_session *s, int rc);

/** Ask for a logout */
void iscsi_session_logout(struct iscsi_session *s);

/** Next initiator task tag (never the reserved value) */
uint32_t iscsi_session_next_itt(struct iscsi_session *s);

/** Record why the connection failed; returns @p rc */
int iscsi_session_error(struct iscsi_session *s, int rc, const char *fmt, ...)
	__printf(3, 4);

#endif
