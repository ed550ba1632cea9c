/** @file What lwIP asks of the system: the millisecond clock, random numbers and TCP ISNs. */
#include <lwpxe/random.h>
#include <lwpxe/time.h>
#include "lwip/sys.h"
#include "lwip_hooks.h"

/**
 * Milliseconds since an arbitrary start, for lwIP's timers
 *
 * @ret ms      current time (wraps after 49 days, which lwIP handles)
 */
u32_t sys_now(void)
{
	return (u32_t)ticks_ms();
}

/** TCP source ports start at 0xc000 plus these bits of a random number */
#define LWIPGLUE_PORT_BITS 0x3fffu

/**
 * A random number for lwIP (LWIP_RAND)
 *
 * Never one whose low 14 bits are all ones (drawn again: the others stay
 * equally likely).  lwIP starts its TCP source ports at 0xc000 plus those
 * bits, and tcp_new_port() steps from 0xffff to port 0 rather than back
 * to 0xc000, which it reports as no port free: a start at 0xffff made the
 * first TCP connection fail with ERR_BUF ("No buffer space available"),
 * about one run in 16,384.
 *
 * @ret r       random number
 */
u32_t lwipglue_rand(void)
{
	u32_t r;

	do
		r = random_u32();
	while ((r & LWIPGLUE_PORT_BITS) == LWIPGLUE_PORT_BITS);
	return r;
}

/**
 * A fresh unpredictable TCP initial sequence number
 *
 * The connection's addresses are not needed: every ISN is drawn from the
 * DRBG, so none can be guessed from earlier ones.
 *
 * @v local_ip  local address (unused)
 * @v local_port local port (unused)
 * @v remote_ip remote address (unused)
 * @v remote_port remote port (unused)
 * @ret isn     initial sequence number
 */
u32_t lwipglue_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		       const ip_addr_t *remote_ip, u16_t remote_port)
{
	(void)local_ip;
	(void)local_port;
	(void)remote_ip;
	(void)remote_port;
	return random_u32();
}
