/** @file The BIOS images carry no TLS (net/tls is not in PCBIOS_FEATURES): https:// is refused in words. */
#include <stdio.h>
#include <lwpxe/tls.h>

/** No TLS here: every https:// connection fails, with the cause in words */
struct altcp_pcb *tls_client_new(const char *server, char *why,
				 size_t why_len)
{
	(void)server;
	snprintf(why, why_len, "this image has no HTTPS (HTTP only)");
	return NULL;
}
