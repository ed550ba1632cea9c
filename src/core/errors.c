/** @file Error codes as words. */
#include <stdio.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>

/** One error code and its words */
struct error_text {
	int code;            /**< positive code */
	const char *text;    /**< what it means */
};

/** Every code in errors.h */
static const struct error_text error_texts[] = {
	{ 0, "No error" },
	{ EPERM, "Operation not permitted" },
	{ ENOENT, "No such file or directory" },
	{ EIO, "Input/output error" },
	{ E2BIG, "Argument list too long" },
	{ ENOEXEC, "Exec format error" },
	{ EBADF, "Bad file descriptor" },
	{ EAGAIN, "Resource temporarily unavailable" },
	{ ENOMEM, "Out of memory" },
	{ EACCES, "Permission denied" },
	{ EFAULT, "Bad address" },
	{ EBUSY, "Device or resource busy" },
	{ EEXIST, "File exists" },
	{ ENODEV, "No such device" },
	{ EINVAL, "Invalid argument" },
	{ ENOSPC, "No space left on device" },
	{ EROFS, "Read-only device" },
	{ ERANGE, "Result out of range" },
	{ ENAMETOOLONG, "Name too long" },
	{ ENOSYS, "Function not implemented" },
	{ ENOTSUP, "Operation not supported" },
	{ EPROTO, "Protocol error" },
	{ EBADMSG, "Bad message" },
	{ EMSGSIZE, "Message too long" },
	{ EADDRINUSE, "Address already in use" },
	{ ENETDOWN, "Network is down" },
	{ ENETUNREACH, "Network is unreachable" },
	{ ECONNABORTED, "Connection aborted" },
	{ ECONNRESET, "Connection reset by peer" },
	{ ENOBUFS, "No buffer space available" },
	{ ENOTCONN, "Not connected" },
	{ ETIMEDOUT, "Connection timed out" },
	{ ECONNREFUSED, "Connection refused" },
	{ EHOSTUNREACH, "No route to host" },
	{ EALREADY, "Operation already in progress" },
	{ EINPROGRESS, "Operation in progress" },
	{ ECANCELED, "Operation canceled" },
};

/** Words describing error code @p rc (negative or positive) */
const char *errmsg(int rc)
{
	static char unknown[24];
	unsigned int code = rc < 0 ? 0u - (unsigned int)rc : (unsigned int)rc;

	for (unsigned int i = 0; i < ARRAY_SIZE(error_texts); i++) {
		if ((unsigned int)error_texts[i].code == code)
			return error_texts[i].text;
	}
	snprintf(unknown, sizeof(unknown), "error %u", code);
	return unknown;
}
