/** @file iSCSI device internals: a session on an lwIP TCP connection, as a block device. */
#ifndef LWPXE_ISCSI_DEV_H
#define LWPXE_ISCSI_DEV_H

#include <stdint.h>
#include <lwpxe/blockdev.h>
#include "lwip/ip_addr.h"
#include "iscsi_int.h"

struct tcp_pcb;

/** Where a device's connection stands */
enum iscsi_link {
	ISCSI_LINK_IDLE,          /**< nothing started */
	ISCSI_LINK_CONNECTING,    /**< TCP handshake */
	ISCSI_LINK_LOGIN,         /**< logging in */
	ISCSI_LINK_UP,            /**< full feature phase */
	ISCSI_LINK_WAIT,          /**< waiting to reconnect */
	ISCSI_LINK_FAILED,        /**< gave up; the next request gets one more attempt */
};

/** One iSCSI LU as a block device */
struct iscsi_dev {
	struct iscsi_session s;      /**< protocol state */
	struct iscsi_login login;    /**< login state of the current connection */
	struct blockdev bdev;        /**< what the SAN layer sees */
	ip_addr_t home_addr;         /**< portal from the root path */
	uint16_t home_port;          /**< its port */
	ip_addr_t addr;              /**< portal of the current connection */
	uint16_t port;               /**< its port */
	struct tcp_pcb *pcb;         /**< TCP connection, NULL if none */
	enum iscsi_link state;       /**< connection state */
	int opening;                 /**< first connection: fail, don't retry */
	int lost;                    /**< connection lost, to be handled */
	int lost_in_login;           /**< ... while logging in */
	unsigned int retries;        /**< reconnects allowed (san-retries) */
	unsigned int attempts;       /**< reconnects since the last progress */
	unsigned int redirects;      /**< redirects followed in a row */
	unsigned long progress;      /**< s.completed at the last loss */
	uint64_t deadline;           /**< ms: connect/login timeout or retry time */
	uint64_t login_by;           /**< ms: when the whole login must be done */
	uint64_t last_rx;            /**< ms: when bytes last arrived */
	int closing;                 /**< close() was called in a callback */
	struct nic *nic;             /**< NIC of the last connection */
	struct iscsi_dev *next;      /**< all devices, for the poller */
};

/**
 * Connect and log in (no retries); prints one line on failure
 *
 * @ret rc      0 or -error
 */
int iscsi_link_open(struct iscsi_dev *d);

/** Make sure a connection is being (re)established for queued tasks */
void iscsi_link_kick(struct iscsi_dev *d);

/**
 * Log out, close the connection, fail what is queued with -ECANCELED
 *
 * @ret deferred 0: the caller frees @p d; 1: called from inside a
 *              completion, @p d is freed (free()) once that returns
 */
int iscsi_link_close(struct iscsi_dev *d);

/** Wait for @p task, stepping the poll loop; 0 or -error (-ECANCELED on Ctrl-C) */
int iscsi_link_wait(struct iscsi_dev *d, struct iscsi_task *task);

#endif
