/** @file lwIP's error codes as ours (lwip_strerr() is empty outside DEBUG builds). */
#ifndef LWPXE_LWIP_ERR_H
#define LWPXE_LWIP_ERR_H

#include "lwip/err.h"

/** lwIP error @p err as a negative lwpxe error code (0 for ERR_OK) */
int lwip_err_rc(err_t err);

/** "@p what: cause (lwIP error N)" for lwIP error @p err; valid until the next call */
const char *lwip_err_why(err_t err, const char *what);

#endif
