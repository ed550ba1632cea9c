/** @file DHCP retransmission: RFC 2131's randomised exponential back-off and its bound. */
#include <stdint.h>
#include <lwpxe/dhcp.h>
#include <lwpxe/settings.h>

unsigned long dhcp_backoff_ms(unsigned int sent, uint32_t rnd)
{
	unsigned int shift = sent > 1 ? sent - 1 : 0;
	unsigned long base;

	if (shift > DHCP_BACKOFF_MAX_SHIFT)
		shift = DHCP_BACKOFF_MAX_SHIFT;
	base = DHCP_BACKOFF_FIRST_MS << shift;
	/* uniform in [-1 s, +1 s], as RFC 2131 section 4.1 says */
	return base - DHCP_BACKOFF_JITTER_MS +
	       rnd % (2 * DHCP_BACKOFF_JITTER_MS + 1);
}

unsigned long dhcp_timeout_ms(void)
{
	uint8_t raw[4];
	int n = settings_fetch("dhcp-timeout", raw, sizeof(raw), NULL);
	unsigned long s = 0;

	if (n <= 0 || n > (int)sizeof(raw))
		return DHCP_TIMEOUT_MS;
	for (int i = 0; i < n; i++)
		s = s << 8 | raw[i];
	return s ? s * 1000 : DHCP_TIMEOUT_MS;
}
