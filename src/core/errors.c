/** @file Error codes as words. */
#include <stdint.h>
#include <stdio.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>

/** One error code, its words and the number iPXE gives the same error */
struct error_text {
	int code;            /**< positive code */
	const char *text;    /**< what it means */
	uint32_t ipxe;       /**< iPXE's POSIX number << 24 | PXENV_STATUS */
};

/** iPXE's number for POSIX error @p posix whose PXE status is @p pxe */
#define IPXE_ERR(posix, pxe) (((uint32_t)(posix) << 24) | (pxe))

/** Every code in errors.h (iPXE numbers from its errno.h, PXE 2.1 statuses) */
static const struct error_text error_texts[] = {
	{ 0, "No error", 0 },
	{ EPERM, "Operation not permitted", IPXE_ERR(0x41, 0x3c) },
	{ ENOENT, "No such file or directory", IPXE_ERR(0x2d, 0x3b) },
	{ EIO, "Input/output error", IPXE_ERR(0x1d, 0x39) },
	{ E2BIG, "Argument list too long", IPXE_ERR(0x01, 0x02) },
	{ ENOEXEC, "Exec format error", IPXE_ERR(0x2e, 0x01) },
	{ EBADF, "Bad file descriptor", IPXE_ERR(0x08, 0x1a) },
	{ EAGAIN, "Resource temporarily unavailable", IPXE_ERR(0x06, 0x01) },
	{ ENOMEM, "Out of memory", IPXE_ERR(0x31, 0x06) },
	{ EACCES, "Permission denied", IPXE_ERR(0x02, 0x3c) },
	{ EFAULT, "Bad address", IPXE_ERR(0x15, 0x20) },
	{ EBUSY, "Device or resource busy", IPXE_ERR(0x0a, 0x06) },
	{ EEXIST, "File exists", IPXE_ERR(0x14, 0x01) },
	{ ENODEV, "No such device", IPXE_ERR(0x2c, 0x3b) },
	{ EINVAL, "Invalid argument", IPXE_ERR(0x1c, 0x02) },
	{ ENOSPC, "No space left on device", IPXE_ERR(0x34, 0x06) },
	{ EROFS, "Read-only device", IPXE_ERR(0x47, 0x01) },
	{ ERANGE, "Result out of range", IPXE_ERR(0x46, 0x01) },
	{ ENAMETOOLONG, "Name too long", IPXE_ERR(0x25, 0x01) },
	{ ENOSYS, "Function not implemented", IPXE_ERR(0x37, 0x03) },
	{ ENOTSUP, "Operation not supported", IPXE_ERR(0x3c, 0x03) },
	{ EPROTO, "Protocol error", IPXE_ERR(0x43, 0x01) },
	{ EBADMSG, "Bad message", IPXE_ERR(0x09, 0x01) },
	{ EMSGSIZE, "Message too long", IPXE_ERR(0x23, 0x02) },
	{ EADDRINUSE, "Address already in use", IPXE_ERR(0x03, 0x19) },
	{ ENETDOWN, "Network is down", IPXE_ERR(0x26, 0x11) },
	{ ENETUNREACH, "Network is unreachable", IPXE_ERR(0x28, 0x11) },
	{ ECONNABORTED, "Connection aborted", IPXE_ERR(0x0d, 0x39) },
	{ ECONNRESET, "Connection reset by peer", IPXE_ERR(0x0f, 0x39) },
	{ ENOBUFS, "No buffer space available", IPXE_ERR(0x2a, 0x06) },
	{ ENOTCONN, "Not connected", IPXE_ERR(0x38, 0x01) },
	{ ETIMEDOUT, "Connection timed out", IPXE_ERR(0x4c, 0x35) },
	{ ECONNREFUSED, "Connection refused", IPXE_ERR(0x0e, 0x38) },
	{ EHOSTUNREACH, "No route to host", IPXE_ERR(0x17, 0x11) },
	{ EALREADY, "Operation already in progress", IPXE_ERR(0x07, 0x19) },
	{ EINPROGRESS, "Operation in progress", IPXE_ERR(0x1a, 0x01) },
	{ ECANCELED, "Operation canceled", IPXE_ERR(0x0b, 0xa0) },
};

/** The entry of code @p rc (negative or positive); NULL if unknown */
static const struct error_text *error_find(int rc)
{
	unsigned int code = rc < 0 ? 0u - (unsigned int)rc : (unsigned int)rc;

	for (unsigned int i = 0; i < ARRAY_SIZE(error_texts); i++) {
		if ((unsigned int)error_texts[i].code == code)
			return &error_texts[i];
	}
	return NULL;
}

/** Words describing error code @p rc (negative or positive) */
const char *errmsg(int rc)
{
	static char unknown[24];
	const struct error_text *e = error_find(rc);

	if (e)
		return e->text;
	snprintf(unknown, sizeof(unknown), "error %u",
		 rc < 0 ? 0u - (unsigned int)rc : (unsigned int)rc);
	return unknown;
}

/**
 * iPXE's whole numbers of the failures in enum errno_site: POSIX number,
 * its errfile.h number of the file (bits 23-13: file, category) and
 * the site in it (bits 12-8), PXE status
 */
static const uint32_t errno_sites[] = {
	[ERRNO_HTTP_404] = 0x2d0c613b,         /* ENOENT_404, httpcore.c */
	[ERRNO_TFTP_NOT_FOUND] = 0x2d12603b,   /* ENOENT, tftp.c */
	[ERRNO_TFTP_TIMEOUT] = 0x4c126035,     /* ETIMEDOUT, tftp.c */
};

/** The failure errno_at() noted last, and where; 0 if none */
static int errno_noted_rc;
static enum errno_site errno_noted_site;

int errno_at(int rc, enum errno_site site)
{
	errno_noted_rc = rc;
	errno_noted_site = site;
	return rc;
}

void errno_site_clear(void)
{
	errno_noted_rc = 0;
}

/** iPXE's number for error code @p rc (as ${errno} shows it); 0 for 0 */
uint32_t errno_ipxe(int rc)
{
	const struct error_text *e = error_find(rc);

	if (rc && rc == errno_noted_rc)
		return errno_sites[errno_noted_site];
	return e ? e->ipxe : IPXE_ERR(0, 0x01);
}
