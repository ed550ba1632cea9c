/** @file What lwIP asks of the system: the millisecond clock and TCP ISNs. */
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
