/** @file Name lookups through lwIP's resolver, one at a time, waited for by stepping the poll loop. */
#include <stdio.h>
#include <lwpxe/console.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/poll.h>
#include <lwpxe/time.h>
#include "lwip/dns.h"
#include "lwip/ip_addr.h"

/** How long a lookup may take, in ms (lwIP retries within this) */
#define DNS_RESOLVE_MS 15000

/** The lookup in progress (lwIP may call back for an older one, late) */
static struct {
	unsigned int generation;    /**< lookup the callback belongs to */
	int done;                   /**< the callback came */
	int found;                  /**< an address was found */
	ip_addr_t addr;             /**< the address */
} dns_lookup;

/** lwIP's callback: record the answer if it is for the current lookup */
static void dns_found(const char *name, const ip_addr_t *addr, void *arg)
{
	(void)name;
	if ((uintptr_t)arg != dns_lookup.generation)
		return;
	dns_lookup.done = 1;
	dns_lookup.found = addr != NULL;
	if (addr)
		dns_lookup.addr = *addr;
}

int dns_resolve(const char *name, uint32_t *addr, char *why, size_t why_len)
{
	uint64_t start = ticks_ms();
	ip_addr_t ip;
	err_t err;

	if (ipaddr_aton(name, &ip)) {
		*addr = ip4_addr_get_u32(ip_2_ip4(&ip));
		return 0;
	}
	dns_lookup.generation++;
	dns_lookup.done = 0;
	err = dns_gethostbyname(name, &ip, dns_found,
				(void *)(uintptr_t)dns_lookup.generation);
	if (err == ERR_INPROGRESS) {
		while (!dns_lookup.done && ticks_ms() - start < DNS_RESOLVE_MS) {
			if (console_cancelled())
				return -ECANCELED;
			step_idle();
		}
		err = dns_lookup.found ? ERR_OK : ERR_VAL;
		ip = dns_lookup.addr;
	}
	if (err != ERR_OK) {
		snprintf(why, why_len, "cannot resolve %s: no answer", name);
		return -ENOENT;
	}
	*addr = ip4_addr_get_u32(ip_2_ip4(&ip));
	return 0;
}
