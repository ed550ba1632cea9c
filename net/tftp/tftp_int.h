/** @file TFTP internals shared by the files of net/tftp/ (and its unit tests): packets, options, the receive window. */
#ifndef LWPXE_TFTP_INT_H
#define LWPXE_TFTP_INT_H

#include <stddef.h>
#include <stdint.h>

/** Well-known TFTP server port */
#define TFTP_PORT 69

/** Opcodes (RFC 1350, RFC 2347) */
enum tftp_opcode {
	TFTP_RRQ = 1,           /**< read request */
	TFTP_DATA = 3,          /**< data block */
	TFTP_ACK = 4,           /**< acknowledgement */
	TFTP_ERROR = 5,         /**< error */
	TFTP_OACK = 6,          /**< option acknowledgement */
};

/** Error codes we send or act on (RFC 1350, RFC 2347) */
enum tftp_error {
	TFTP_EUNDEF = 0,        /**< not defined, see the message */
	TFTP_ENOTFOUND = 1,     /**< file not found */
	TFTP_EACCESS = 2,       /**< access violation */
	TFTP_ENOSPACE = 3,      /**< disk full */
	TFTP_EBADID = 5,        /**< unknown transfer ID */
	TFTP_EOPTION = 8,       /**< option negotiation refused */
};

/** Opcode and block number (or error code) in front of every packet we read */
#define TFTP_HEADER_LEN 4
/** Block size without options (RFC 1350) */
#define TFTP_BLKSIZE_PLAIN 512
/** Smallest and largest block size RFC 2348 allows */
#define TFTP_BLKSIZE_MIN 8
#define TFTP_BLKSIZE_MAX 65464
/** Largest window size RFC 7440 allows */
#define TFTP_WINDOW_MAX 65535

/** Transfer options (RFC 2347): asked for, or as the server agreed */
struct tftp_opts {
	unsigned int blksize;   /**< bytes per block (RFC 2348) */
	unsigned int windowsize; /**< blocks per ACK (RFC 7440) */
	int has_tsize;          /**< tsize asked for, or announced (RFC 2349) */
	size_t tsize;           /**< the file's size the server announced */
};

/** The options of a plain RFC 1350 transfer: 512-byte blocks, one per ACK */
void tftp_opts_plain(struct tftp_opts *o);

/**
 * Build a read request for @p file (octet mode) asking for @p ask's
 * options (blksize, windowsize, tsize 0 if has_tsize); NULL asks none
 *
 * @ret len     bytes written to @p out, 0 if they do not fit in @p room
 */
size_t tftp_build_rrq(uint8_t *out, size_t room, const char *file,
		      const struct tftp_opts *ask);

/** Build an ACK of @p block into @p out (TFTP_HEADER_LEN bytes); its length */
size_t tftp_build_ack(uint8_t *out, unsigned int block);

/**
 * Build an ERROR with @p code and the text @p msg (cut to fit)
 *
 * @ret len     bytes written to @p out (@p room must be at least 6)
 */
size_t tftp_build_error(uint8_t *out, size_t room, unsigned int code,
			const char *msg);

/** The opcode of @p len bytes at @p pkt, 0 if too short for one */
unsigned int tftp_opcode(const uint8_t *pkt, size_t len);

/** The block number (or error code) of a packet at least TFTP_HEADER_LEN long */
unsigned int tftp_block(const uint8_t *pkt);

/**
 * The message of an ERROR packet of @p len bytes: up to its NUL, the end
 * of the packet, a line break or @p max bytes
 *
 * @v msg_len   receives the message's length
 * @ret msg     where it starts in @p pkt
 */
const char *tftp_error_text(const uint8_t *pkt, size_t len, size_t max,
			    size_t *msg_len);

/**
 * Read an OACK of @p len bytes against the options @p asked for: options
 * we did not ask for are skipped, ones the server left out keep their
 * RFC 1350 values (512, 1, no tsize)
 *
 * @v got       receives the agreed options
 * @ret rc      0, or -EPROTO if malformed (a name or value without its
 *              NUL, a value not a decimal number, out of range, or larger
 *              than asked)
 */
int tftp_parse_oack(const uint8_t *pkt, size_t len,
		    const struct tftp_opts *asked, struct tftp_opts *got);

/** What to do with a DATA block (tftp_window_data()) */
enum tftp_verdict {
	TFTP_DROP,              /**< ignore it */
	TFTP_KEEP,              /**< keep its data */
	TFTP_KEEP_ACK,          /**< keep its data, then ACK it */
	TFTP_REACK,             /**< drop it, ACK the last block in order again */
};

/** The receiving side of a transfer: which block comes next, when to ACK */
struct tftp_window {
	unsigned int next;      /**< block number expected next (16 bits, wraps to 0) */
	unsigned int size;      /**< blocks per ACK */
	unsigned int run;       /**< blocks kept since the last ACK */
	int lost;               /**< a gap was seen and re-ACKed; quiet until it fills */
};

/** Start @p w expecting block 1, acknowledging every @p size blocks */
void tftp_window_start(struct tftp_window *w, unsigned int size);

/**
 * What to do with DATA block @p block, @p last if it is the final
 * (short) one; moves @p w on when the block is kept
 */
enum tftp_verdict tftp_window_data(struct tftp_window *w, unsigned int block,
				   int last);

/** The block number to acknowledge: the last one kept in order */
unsigned int tftp_window_acked(const struct tftp_window *w);

#endif
