/** @file EFI status codes as lwpxe error codes. */
#include <lwpxe/errors.h>
#include "efi_arch.h"

int efi_rc(EFI_STATUS status)
{
	switch (status) {
	case EFI_SUCCESS: return 0;
	case EFI_INVALID_PARAMETER: return -EINVAL;
	case EFI_UNSUPPORTED: return -ENOTSUP;
	case EFI_BAD_BUFFER_SIZE:
	case EFI_BUFFER_TOO_SMALL: return -EMSGSIZE;
	case EFI_NOT_READY: return -EAGAIN;
	case EFI_OUT_OF_RESOURCES: return -ENOMEM;
	case EFI_NOT_FOUND: return -ENOENT;
	case EFI_ACCESS_DENIED:
	case EFI_SECURITY_VIOLATION: return -EACCES;
	case EFI_NO_MEDIA: return -ENETDOWN;
	case EFI_TIMEOUT: return -ETIMEDOUT;
	case EFI_NOT_STARTED: return -ENOTCONN;
	case EFI_ALREADY_STARTED: return -EALREADY;
	case EFI_ABORTED: return -ECANCELED;
	case EFI_NO_MAPPING: return -EFAULT;
	default: return -EIO;
	}
}
