/** @file SNTP replies (RFC 4330 section 5): checked and turned into a time. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/ntp.h>

/** Offsets in the packet */
#define NTP_OFF_FLAGS 0         /**< leap indicator, version, mode */
#define NTP_OFF_STRATUM 1

#define NTP_MODE_SERVER 4       /**< mode of a server's reply */
#define NTP_LEAP_ALARM 3        /**< leap indicator: the server is not synchronized */

/** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 */
#define NTP_UNIX_OFFSET 2208988800LL

/** Big-endian 32-bit value at @p p */
static uint32_t ntp_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/** The reply's first failed check in words, NULL if it passes them all */
static const char *ntp_reject(const uint8_t *pkt, size_t len,
			      const uint8_t origin[8])
{
	unsigned int version;

	if (len < NTP_PACKET_LEN)
		return "reply too short";
	version = pkt[NTP_OFF_FLAGS] >> 3 & 7;
	if ((pkt[NTP_OFF_FLAGS] & 7) != NTP_MODE_SERVER)
		return "not a server reply";
	if (version < 3 || version > 4)
		return "unknown NTP version";
	if (pkt[NTP_OFF_STRATUM] == 0)
		return "kiss-o'-death (the server refuses to answer)";
	if (pkt[NTP_OFF_STRATUM] > 15 ||
	    (pkt[NTP_OFF_FLAGS] >> 6) == NTP_LEAP_ALARM)
		return "the server's clock is not synchronized";
	if (memcmp(pkt + NTP_OFF_ORIGINATE, origin, 8) != 0)
		return "reply to another request";
	if (!ntp_get32(pkt + NTP_OFF_TRANSMIT))
		return "no transmit time";
	return NULL;
}

int ntp_parse_reply(const uint8_t *pkt, size_t len, const uint8_t origin[8],
		    int64_t *secs, unsigned int *ms, char *why, size_t why_len)
{
	const char *reject = ntp_reject(pkt, len, origin);
	uint32_t era_secs;

	if (reject) {
		snprintf(why, why_len, "bad reply: %s", reject);
		return -EPROTO;
	}
	era_secs = ntp_get32(pkt + NTP_OFF_TRANSMIT);
	/* RFC 4330 section 3: with the top bit clear, the time is in era 1 (2036-2104) */
	*secs = (int64_t)era_secs - NTP_UNIX_OFFSET +
		(era_secs & 0x80000000U ? 0 : 0x100000000LL);
	*ms = (unsigned int)(((uint64_t)ntp_get32(pkt + NTP_OFF_TRANSMIT + 4) *
			      1000) >> 32);
	return 0;
}
