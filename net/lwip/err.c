/** @file lwIP's error codes as ours, and in words for a message. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include "lwip_err.h"

int lwip_err_rc(err_t err)
{
	switch (err) {
	case ERR_OK:
		return 0;
	case ERR_MEM:
		return -ENOMEM;
	case ERR_BUF:
		return -ENOBUFS;
	case ERR_TIMEOUT:
		return -ETIMEDOUT;
	case ERR_RTE:
		return -ENETUNREACH;
	case ERR_INPROGRESS:
		return -EINPROGRESS;
	case ERR_WOULDBLOCK:
		return -EAGAIN;
	case ERR_USE:
		return -EADDRINUSE;
	case ERR_ALREADY:
	case ERR_ISCONN:
		return -EALREADY;
	case ERR_CONN:
	case ERR_CLSD:
		return -ENOTCONN;
	case ERR_IF:
		return -ENETDOWN;
	case ERR_ABRT:
		return -ECONNABORTED;
	case ERR_RST:
		return -ECONNRESET;
	default:
		return -EINVAL;
	}
}

const char *lwip_err_why(err_t err, const char *what)
{
	static char why[96];

	snprintf(why, sizeof(why), "%s: %s (lwIP error %d)", what,
		 errmsg(lwip_err_rc(err)), (int)err);
	return why;
}
