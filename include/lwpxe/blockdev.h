/** @file Block devices: what a SAN protocol (iSCSI) offers the SAN layer. */
#ifndef LWPXE_BLOCKDEV_H
#define LWPXE_BLOCKDEV_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>

struct blockdev;
struct nic;

/** One read or write of whole blocks, completed asynchronously */
struct block_request {
	uint64_t lba;              /**< first block */
	uint32_t count;            /**< number of blocks */
	void *buf;                 /**< caller's buffer: count * block_size bytes */
	int write;                 /**< nonzero to write buf to the device */
	int done;                  /**< set nonzero by the device when finished */
	int rc;                    /**< 0 or -error once done */
	/** Called by the device when done (may be NULL) */
	void (*complete)(struct block_request *req);
	void *ctx;                 /**< for the submitter */
	struct block_request *next; /**< for the device's queues */
};

/** How a SAN device describes itself to the iBFT builder */
struct san_description {
	uint8_t target_ip[16];     /**< target address (IPv4 mapped: ::ffff:a.b.c.d) */
	uint16_t port;             /**< target TCP port */
	uint8_t lun[8];            /**< SAM LUN as sent on the wire */
	char target_name[224];     /**< target IQN */
	char initiator_name[224];  /**< initiator IQN used in the login */
	char chap_name[128];       /**< CHAP user name used, "" if none */
	char chap_secret[128];     /**< CHAP secret used, "" if none */
	char rchap_name[128];      /**< mutual CHAP name used, "" if none */
	char rchap_secret[128];    /**< mutual CHAP secret used, "" if none */
	struct nic *nic;           /**< NIC the session runs over */
};

/** What a block device provides */
struct blockdev_operations {
	/** Queue a request; completion is signalled through req->done (perhaps before this returns); 0 or -error */
	int (*submit)(struct blockdev *dev, struct block_request *req);
	/** Describe the device for the iBFT; 0 or -ENOTSUP (NULL: never described) */
	int (*describe)(struct blockdev *dev, struct san_description *desc);
	/** Close the device, failing any queued requests with -ECANCELED */
	void (*close)(struct blockdev *dev);
};

/** A block device (one iSCSI LU, one file on a web server) */
struct blockdev {
	const struct blockdev_operations *op;  /**< the protocol */
	uint64_t blocks;                      /**< capacity in blocks */
	uint32_t block_size;                  /**< bytes per block */
	uint32_t max_blocks;                  /**< largest count one request may ask */
	int read_only;                        /**< nonzero: writes are refused */
	char name[64];                        /**< for messages ("iSCSI 10.0.2.2:3260 LUN 0") */
	void *priv;                           /**< protocol private data */
};

/** A SAN protocol, chosen by URI scheme */
struct san_protocol {
	const char *scheme;        /**< URI scheme ("iscsi", "http") */
	const char *phase;         /**< what the boot timeline calls opening ("login", "connect") */
	/** Connect to @p uri and read its capacity; 0 or -error (message printed) */
	int (*open)(const char *uri, struct blockdev **dev);
};

/** Register a SAN protocol */
#define SAN_PROTOCOL(object) TABLE_ENTRY(san_protocols, object)
TABLE_DECLARE(san_protocols);

#endif
