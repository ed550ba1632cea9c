/** @file Error codes: negative integers that print as words. */
#ifndef LWPXE_ERRORS_H
#define LWPXE_ERRORS_H

#include <stdint.h>

/*
 * Every function that can fail returns 0 or a positive count on success
 * and one of these, negated, on failure.  errmsg() turns them into words.
 * (The numbers match Linux errno so hosted unit tests can share them.)
 */
#define EPERM 1            /**< operation not permitted */
#define ENOENT 2           /**< no such file, setting or label */
#define EIO 5              /**< input/output error */
#define E2BIG 7            /**< argument list or value too long */
#define ENOEXEC 8          /**< not an executable image */
#define EBADF 9            /**< bad file descriptor */
#define EAGAIN 11          /**< try again */
#define ENOMEM 12          /**< out of memory */
#define EACCES 13          /**< permission denied (authentication) */
#define EFAULT 14          /**< bad address */
#define EBUSY 16           /**< device or resource busy */
#define EEXIST 17          /**< already exists */
#define ENODEV 19          /**< no such device */
#define EINVAL 22          /**< invalid argument */
#define ENOSPC 28          /**< no space left */
#define EROFS 30           /**< read-only device */
#define ERANGE 34          /**< result out of range */
#define ENAMETOOLONG 36    /**< name too long */
#define ENOSYS 38          /**< function not implemented */
#define ENOTSUP 95         /**< operation not supported */
#define EPROTO 71          /**< protocol error */
#define EBADMSG 74         /**< malformed message */
#define EMSGSIZE 90        /**< message too long */
#define EADDRINUSE 98      /**< address in use */
#define ENETDOWN 100       /**< network is down (no link) */
#define ENETUNREACH 101    /**< network unreachable */
#define ECONNABORTED 103   /**< connection aborted */
#define ECONNRESET 104     /**< connection reset by peer */
#define ENOBUFS 105        /**< no buffer space */
#define ENOTCONN 107       /**< not connected */
#define ETIMEDOUT 110      /**< timed out */
#define ECONNREFUSED 111   /**< connection refused */
#define EHOSTUNREACH 113   /**< no route to host */
#define EALREADY 114       /**< operation already in progress */
#define EINPROGRESS 115    /**< operation in progress */
#define ECANCELED 125      /**< cancelled by the user */

/** Words describing error code @p rc (negative or positive) */
const char *errmsg(int rc);

/**
 * iPXE's number for error code @p rc (negative or positive), as scripts
 * see it in ${errno}: iPXE's POSIX number in bits 30-24 and the PXE 2.1
 * status in bits 7-0, as iPXE's errno.h encodes them.  Bits 23-8 (in
 * iPXE the source file and call site) are 0, unless the failure was
 * noted with errno_at() since errno_site_clear().  An unknown code is
 * 0x00000001 (PXENV_STATUS_FAILURE).
 */
uint32_t errno_ipxe(int rc);

/** Failures whose whole iPXE number (its source file and site too) scripts compare ${errno} with */
enum errno_site {
	ERRNO_HTTP_404 = 1,     /**< HTTP 404 (iPXE's httpcore.c: 0x2d0c613b) */
	ERRNO_TFTP_NOT_FOUND,   /**< TFTP ERROR 1 (iPXE's tftp.c: 0x2d12603b) */
	ERRNO_TFTP_TIMEOUT,     /**< a TFTP server silent (iPXE's tftp.c: 0x4c126035) */
};

/** Note that failure @p rc happened at @p site, for errno_ipxe(); returns @p rc */
int errno_at(int rc, enum errno_site site);

/** Forget the failure noted by errno_at() (a command starts) */
void errno_site_clear(void);

#endif
