/** @file EFI status codes: as lwpxe error codes, and by name. */
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

const char *efi_status_name(EFI_STATUS status)
{
	static const char *const errors[] = {
		[1] = "EFI_LOAD_ERROR", "EFI_INVALID_PARAMETER",
		"EFI_UNSUPPORTED", "EFI_BAD_BUFFER_SIZE", "EFI_BUFFER_TOO_SMALL",
		"EFI_NOT_READY", "EFI_DEVICE_ERROR", "EFI_WRITE_PROTECTED",
		"EFI_OUT_OF_RESOURCES", "EFI_VOLUME_CORRUPTED",
		"EFI_VOLUME_FULL", "EFI_NO_MEDIA", "EFI_MEDIA_CHANGED",
		"EFI_NOT_FOUND", "EFI_ACCESS_DENIED", "EFI_NO_RESPONSE",
		"EFI_NO_MAPPING", "EFI_TIMEOUT", "EFI_NOT_STARTED",
		"EFI_ALREADY_STARTED", "EFI_ABORTED", "EFI_ICMP_ERROR",
		"EFI_TFTP_ERROR", "EFI_PROTOCOL_ERROR",
		"EFI_INCOMPATIBLE_VERSION", "EFI_SECURITY_VIOLATION",
		"EFI_CRC_ERROR", "EFI_END_OF_MEDIA", [31] = "EFI_END_OF_FILE",
		"EFI_INVALID_LANGUAGE", "EFI_COMPROMISED_DATA",
		"EFI_IP_ADDRESS_CONFLICT", "EFI_HTTP_ERROR",
	};
	UINTN code = status & ~EFI_ERROR_MASK;

	if (status == EFI_SUCCESS)
		return "EFI_SUCCESS";
	if (!EFI_ERROR(status) || code >= ARRAY_SIZE(errors))
		return NULL;
	return errors[code];
}
