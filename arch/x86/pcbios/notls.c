/** @file The BIOS images carry no TLS (net/tls is not in PCBIOS_FEATURES): https:// is refused in words. */
#include <stdio.h>
#include <lwpxe/tls.h>

struct altcp_pcb *tls_client_new(const char *server, char *why,
				 size_t why_len)
{
	snprintf(why, why_len, "https://%s: this image has no HTTPS (HTTP only)",
		 server);
	return NULL;
}
