/** @file SNTP (RFC 4330): setting the clock from a time server. */
#ifndef LWPXE_NTP_H
#define LWPXE_NTP_H

#include <stddef.h>
#include <stdint.h>

/** Size of an NTP packet without extensions or authenticator */
#define NTP_PACKET_LEN 48

/** Offsets of the originate and transmit timestamps in a packet */
#define NTP_OFF_ORIGINATE 24
#define NTP_OFF_TRANSMIT 40

/**
 * Check a server's reply to our request and read its transmit time
 *
 * @v pkt       the UDP payload
 * @v len       its length
 * @v origin    the transmit timestamp we sent (8 bytes), which the
 *              reply must echo as its originate timestamp
 * @v secs      receives the server's time in seconds since 1970-01-01 UTC
 * @v ms        receives the milliseconds past @p secs
 * @v why       on failure, receives one line's cause ("not a server reply")
 * @ret rc      0, or -EPROTO for a reply to reject
 */
int ntp_parse_reply(const uint8_t *pkt, size_t len, const uint8_t origin[8],
		    int64_t *secs, unsigned int *ms, char *why, size_t why_len);

/**
 * Set the clock (time_set()) from SNTP server @p server (a name or an
 * address), waiting for the answer by stepping the poll loop
 *
 * @v why       on failure, receives one line's cause
 * @ret rc      0, -ETIMEDOUT, -EPROTO, -ENOENT (name) or -ECANCELED
 */
int ntp_sync(const char *server, char *why, size_t why_len);

#endif
