/** @file A fake NIC for unit tests: a receive queue, a transmit hook, and frame-building helpers. */
#ifndef FAKE_NIC_H
#define FAKE_NIC_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/nic.h>

/** Offsets in a frame: Ethernet, IPv4 (no options), UDP, UDP payload */
#define FAKE_IP_OFS 14
#define FAKE_UDP_OFS (FAKE_IP_OFS + 20)
#define FAKE_DATA_OFS (FAKE_UDP_OFS + 8)

/** Largest frame the receive queue holds */
#define FAKE_FRAME_MAX 1600

/**
 * Register @p nic with MAC @p mac under driver name @p driver; frames it
 * sends go to @p transmit (NULL: dropped), polling delivers the queue
 *
 * @ret rc      what nic_register() returned
 */
int fake_nic_register(struct nic *nic, const uint8_t *mac, const char *driver,
		      int (*transmit)(struct nic *nic, const void *frame,
				      size_t len));

/**
 * fake_nic_register() and open @p nic with the static address
 * 10.0.2.15/24 and gateway 10.0.2.2, as lwIP's default interface
 *
 * @ret rc      0, or what registering or opening returned
 */
int fake_nic_open_static(struct nic *nic, const uint8_t *mac,
			 const char *driver,
			 int (*transmit)(struct nic *nic, const void *frame,
					 size_t len));

/** Have each poll call @p hook after delivering the queue (NULL: none) */
void fake_nic_set_poll_hook(void (*hook)(struct nic *nic));

/** A frame buffer (FAKE_FRAME_MAX bytes, zeroed) for the next queued frame */
uint8_t *fake_nic_rx_frame(void);

/** Queue the frame fake_nic_rx_frame() gave, @p len bytes long */
void fake_nic_rx_commit(size_t len);

/** Drop every frame still queued */
void fake_nic_rx_reset(void);

/** Big-endian 16-bit store */
void fake_put16(uint8_t *p, unsigned int v);

/** IPv4 header checksum of @p len bytes */
unsigned int fake_ip_checksum(const uint8_t *p, size_t len);

/**
 * Write the Ethernet, IPv4 and UDP headers of a frame of @p len bytes
 * (UDP checksum 0, TTL 64) in front of its payload at FAKE_DATA_OFS
 */
void fake_udp_headers(uint8_t *f, size_t len, const uint8_t *dst_mac,
		      const uint8_t *src_mac, const uint8_t *src_ip,
		      const uint8_t *dst_ip, unsigned int sport,
		      unsigned int dport);

/** Queue the answer to ARP request @p req (a frame sent): the address asked for is at @p mac */
void fake_arp_reply(const uint8_t *req, const uint8_t *mac);

#endif
