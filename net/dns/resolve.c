/** @file Name lookups through lwIP's resolver, one at a time, waited for by stepping the poll loop. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/dns.h>
#include <lwpxe/errors.h>
#include <lwpxe/poll.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include <lwpxe/timeline.h>
#include "lwip/dns.h"
#include "lwip/ip_addr.h"

/*
 * What lwIP tells us and what we can conclude from it.  lwIP calls back
 * with no address in two cases: early, when a server answered without a
 * usable A record (an error RCODE such as NXDOMAIN with no backup server
 * left, or an answer section without an A record of 4 bytes); or late,
 * when its retries ran out.  Its retry schedule for one server is one
 * tick of DNS_TMR_INTERVAL, then waits of 1, 2, .. DNS_MAX_RETRIES-1
 * ticks; the first tick may come at once, so a timeout can never come
 * before DNS_EARLIEST_TIMEOUT_MS.  A failure before that was caused by an
 * answer; one after it may have been either, so it is worded to be true
 * either way ("no usable answer").
 */

/** Ticks of lwIP's DNS timer spent on one server before it gives up on it */
#define DNS_TICKS_PER_SERVER (1 + DNS_MAX_RETRIES * (DNS_MAX_RETRIES - 1) / 2)

/** Before this many ms after the query lwIP cannot have timed out */
#define DNS_EARLIEST_TIMEOUT_MS ((DNS_TICKS_PER_SERVER - 1) * DNS_TMR_INTERVAL)

/** Our own bound on a lookup, past lwIP's schedule for every server */
#define DNS_LIMIT_MS ((DNS_TICKS_PER_SERVER * DNS_MAX_SERVERS + 2) * \
		      DNS_TMR_INTERVAL)

/** Longest name we ask for (lwIP's limit, with its NUL) */
#define DNS_NAME_MAX DNS_MAX_NAME_LENGTH

/** Room for the servers as text ("255.255.255.255, " each) */
#define DNS_SERVERS_TEXT (17 * DNS_MAX_SERVERS)

/** The lookup in progress (lwIP may call back for an older one, late) */
static struct {
	unsigned int generation;    /**< lookup the callback belongs to */
	int done;                   /**< the callback came */
	int found;                  /**< an address was found */
	ip_addr_t addr;             /**< the address */
	uint64_t stale_until;       /**< an abandoned query may run until then */
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

/**
 * Give lwIP the servers of the `dns` setting (a `set dns` in the root
 * block wins over DHCP's option 6 in netN.dhcp) and list them as text
 *
 * @v text      receives "10.0.0.1" or "10.0.0.1, 10.0.0.2"
 * @ret count   servers given to lwIP
 */
static unsigned int dns_use_servers(char *text, size_t text_len)
{
	uint8_t raw[4 * DNS_MAX_SERVERS];
	unsigned int count = 0;
	int len = settings_fetch("dns", raw, sizeof(raw), NULL);
	size_t used = 0;

	text[0] = '\0';
	for (int i = 0; i + 4 <= len && i + 4 <= (int)sizeof(raw); i += 4) {
		ip_addr_t server;
		uint32_t u32;

		memcpy(&u32, &raw[i], 4);
		if (u32 == 0)
			continue;
		ip_addr_set_ip4_u32(&server, u32);
		dns_setserver((u8_t)count++, &server);
		used += (size_t)snprintf(text + used, text_len - MIN(used, text_len),
					 "%s%u.%u.%u.%u", used ? ", " : "",
					 raw[i], raw[i + 1], raw[i + 2], raw[i + 3]);
	}
	for (unsigned int i = count; i < DNS_MAX_SERVERS; i++)
		dns_setserver((u8_t)i, NULL);
	return count;
}

/**
 * Ask lwIP for @p fqdn's address and wait
 *
 * @ret rc      0; -ENOENT if a server answered without an address;
 *              -ETIMEDOUT if no usable answer came; -EINVAL if lwIP
 *              refused the name; -ECANCELED on Ctrl-C
 */
static int dns_query(const char *fqdn, uint32_t *addr)
{
	uint64_t start = ticks_ms();
	ip_addr_t ip;
	err_t err;

	dns_lookup.generation++;
	dns_lookup.done = 0;
	err = dns_gethostbyname(fqdn, &ip, dns_found,
				(void *)(uintptr_t)dns_lookup.generation);
	if (err == ERR_INPROGRESS) {
		while (!dns_lookup.done && ticks_ms() - start < DNS_LIMIT_MS) {
			if (console_cancelled()) {
				dns_lookup.stale_until = ticks_ms() + DNS_LIMIT_MS;
				return -ECANCELED;
			}
			step_idle();
		}
		if (!dns_lookup.done || !dns_lookup.found)
			return dns_lookup.done &&
			       ticks_ms() - start < DNS_EARLIEST_TIMEOUT_MS &&
			       start >= dns_lookup.stale_until ?
			       -ENOENT : -ETIMEDOUT;
		ip = dns_lookup.addr;
	} else if (err != ERR_OK) {
		return -EINVAL;
	}
	*addr = ip4_addr_get_u32(ip_2_ip4(&ip));
	return 0;
}

/**
 * The search domain's form of @p name: iPXE's rule, a name without a dot
 * is first tried as NAME.DOMAIN (the `domain` setting, DHCP option 15),
 * then as written; a name with a dot is only tried as written
 *
 * @v qualified receives NAME.DOMAIN
 * @ret ok      nonzero if @p name is to be tried with the domain first
 */
static int dns_qualify(const char *name, char *qualified, size_t len)
{
	char domain[DNS_NAME_MAX];
	int n;

	if (strchr(name, '.') ||
	    settings_fetch_text("domain", domain, sizeof(domain)) <= 0)
		return 0;
	n = snprintf(qualified, len, "%s.%s", name, domain);
	return n > 0 && (size_t)n < len;
}

/** Words for lookup failure @p rc, with the @p servers asked */
static void dns_cause(int rc, const char *servers, char *buf, size_t len)
{
	switch (rc) {
	case -ENOENT:
		snprintf(buf, len, "no such name or no address (answer from %s)",
			 servers);
		break;
	case -ETIMEDOUT:
		snprintf(buf, len, "no usable answer from %s", servers);
		break;
	case -EINVAL:
		snprintf(buf, len, "not a valid host name");
		break;
	default:
		snprintf(buf, len, "%s", errmsg(rc));
		break;
	}
}

/** The IPv4 address of @p name, or one line in @p why saying why not */
int dns_resolve(const char *name, uint32_t *addr, char *why, size_t why_len)
{
	char qualified[DNS_NAME_MAX];
	char servers[DNS_SERVERS_TEXT];
	char cause[96];
	ip_addr_t ip;
	uint64_t start;
	int search;
	int both;
	int rc;

	if (ipaddr_aton(name, &ip)) {
		*addr = ip4_addr_get_u32(ip_2_ip4(&ip));
		return 0;
	}
	if (!*name) {
		snprintf(why, why_len, "no host name");
		return -EINVAL;
	}
	if (dns_use_servers(servers, sizeof(servers)) == 0) {
		snprintf(why, why_len, "cannot resolve %s: no DNS server", name);
		return -ENOENT;
	}
	search = dns_qualify(name, qualified, sizeof(qualified));
	start = time_us();
	rc = dns_query(search ? qualified : name, addr);
	both = search && rc == -ENOENT;
	if (both)
		rc = dns_query(name, addr);
	timeline_record("dns", start, name);
	if (rc == 0)
		return 0;
	dns_cause(rc, servers, cause, sizeof(cause));
	if (search)
		snprintf(why, why_len, "cannot resolve %s (as %s%s): %s", name,
			 qualified, both ? " and as written" : "",
			 cause);
	else
		snprintf(why, why_len, "cannot resolve %s: %s", name, cause);
	return rc;
}
