/** @file lwIP's error codes as ours (lwip_strerr() is empty outside DEBUG builds). */
#ifndef LWPXE_LWIP_ERR_H
#define LWPXE_LWIP_ERR_H

#include "lwip/err.h"

/** lwIP error @p err as a negative lwpxe error code (0 for ERR_OK) */
int lwip_err_rc(err_t err);

#endif
