/** @file A boot ROM's DHCPACK as the lease: settings and lwIP addresses, no DHCP exchange. */
#include <limits.h>
#include <string.h>
#include <lwpxe/dhcp.h>
#include <lwpxe/dhcpopts.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/settings.h>
#include "lwip/dns.h"
#include "lwip/netif.h"

/* The BOOTP message (RFC 951, RFC 2131): offsets of the fields read here */
#define ACK_OP 0                  /**< u8: 2 = BOOTREPLY */
#define ACK_HTYPE 1               /**< u8: 1 = Ethernet */
#define ACK_HLEN 2                /**< u8: 6 */
#define ACK_YIADDR 16             /**< our address */
#define ACK_SIADDR 20             /**< next server */
#define ACK_CHADDR 28             /**< our MAC */
#define ACK_SNAME 44              /**< server host name */
#define ACK_SNAME_LEN 64          /**< its room */
#define ACK_FILE 108              /**< boot file name */
#define ACK_FILE_LEN 128          /**< its room */
#define ACK_COOKIE 236            /**< 99.130.83.99 */
#define ACK_OPTIONS 240           /**< the options */

#define ACK_BOOTREPLY 2
#define ACK_HTYPE_ETHERNET 1
#define ACK_DHCPACK 5             /**< option 53 value of a DHCPACK */

/* Options lwIP's client reads itself (the rest are stored as they come) */
#define ACK_OPT_NETMASK 1
#define ACK_OPT_ROUTER 3
#define ACK_OPT_DNS 6
#define ACK_OPT_LEASE 51
#define ACK_OPT_OVERLOAD 52
#define ACK_OPT_MSG_TYPE 53
#define ACK_OPT_SERVER_ID 54
#define ACK_OPT_T1 58
#define ACK_OPT_T2 59

/** Option 52 bits: the file field, the sname field holds options */
#define ACK_OVERLOAD_FILE 0x01
#define ACK_OVERLOAD_SNAME 0x02

/** What a DHCPACK says, as lwIP's client would have taken it */
struct dhcp_ack {
	uint8_t ip[4];                      /**< yiaddr */
	uint8_t netmask[4];                 /**< option 1, else classful */
	uint8_t gateway[4];                 /**< first router of option 3, or 0 */
	uint8_t dns[DNS_MAX_SERVERS][4];    /**< option 6, or 0 */
	uint8_t server[4];                  /**< option 54, or 0 */
	uint8_t next_server[4];             /**< siaddr */
	uint8_t lease[4];                   /**< option 51 */
	int have_netmask;                   /**< option 1 was there */
	int have_lease;                     /**< option 51 was there */
	int have_bootfile;                  /**< option 67 was there */
	unsigned int overload;              /**< option 52: fields holding options */
	int overload_read;                  /**< option 52 may no longer change */
	int msg_type;                       /**< option 53, 0 if absent */
	const uint8_t *file;                /**< the file field */
	const uint8_t *sname;               /**< the sname field */
	const uint8_t *opts;                /**< the options */
	size_t opts_len;                    /**< their length */
};

/** Nonzero if option @p tag is one lwIP's client consumes */
static int dhcp_ack_is_lwip_option(unsigned int tag)
{
	switch (tag) {
	case ACK_OPT_NETMASK:
	case ACK_OPT_ROUTER:
	case ACK_OPT_DNS:
	case ACK_OPT_LEASE:
	case ACK_OPT_OVERLOAD:
	case ACK_OPT_MSG_TYPE:
	case ACK_OPT_SERVER_ID:
	case ACK_OPT_T1:
	case ACK_OPT_T2:
		return 1;
	default:
		return 0;
	}
}

/** Copy the first 4-byte address of an option value if it has one */
static void dhcp_ack_addr(uint8_t out[4], const uint8_t *data, size_t len)
{
	if (len >= 4)
		memcpy(out, data, 4);
}

/** dhcpopt_fn: take the options lwIP reads into the struct dhcp_ack @p ctx */
static int dhcp_ack_take(unsigned int tag, const uint8_t *data, size_t len,
			 void *ctx)
{
	struct dhcp_ack *ack = ctx;

	switch (tag) {
	case ACK_OPT_NETMASK:
		ack->have_netmask = len >= 4;
		dhcp_ack_addr(ack->netmask, data, len);
		break;
	case ACK_OPT_ROUTER:
		dhcp_ack_addr(ack->gateway, data, len);
		break;
	case ACK_OPT_DNS:
		for (size_t i = 0; i < DNS_MAX_SERVERS && 4 * i + 4 <= len; i++)
			memcpy(ack->dns[i], data + 4 * i, 4);
		break;
	case ACK_OPT_LEASE:
		ack->have_lease = len == 4;
		dhcp_ack_addr(ack->lease, data, len);
		break;
	case ACK_OPT_OVERLOAD:
		/* only the options field may say where more options are */
		if (!ack->overload_read)
			ack->overload = len >= 1 ? data[0] : 0;
		break;
	case ACK_OPT_MSG_TYPE:
		ack->msg_type = len >= 1 ? data[0] : 0;
		break;
	case ACK_OPT_SERVER_ID:
		dhcp_ack_addr(ack->server, data, len);
		break;
	case DHCPOPT_BOOTFILE:
		ack->have_bootfile = 1;
		break;
	}
	return 0;
}

/** The classful netmask of @p ip, for a lease without option 1 (as lwIP does) */
static void dhcp_ack_classful(uint8_t mask[4], const uint8_t ip[4])
{
	unsigned int ones = ip[0] < 128 ? 1 : ip[0] < 192 ? 2 : 3;

	memset(mask, 0, 4);
	memset(mask, 255, ones);
}

/**
 * Walk the options option 52 put in the file and sname fields (in that
 * order, after the options field, RFC 2131 4.1)
 *
 * @ret rc      0, -EBADMSG, or what @p fn returned
 */
static int dhcp_ack_walk_overload(const struct dhcp_ack *ack, dhcpopt_fn fn,
				  void *ctx)
{
	int rc = 0;

	if (ack->overload & ACK_OVERLOAD_FILE)
		rc = dhcpopt_walk(ack->file, ACK_FILE_LEN, fn, ctx);
	if (rc == 0 && (ack->overload & ACK_OVERLOAD_SNAME))
		rc = dhcpopt_walk(ack->sname, ACK_SNAME_LEN, fn, ctx);
	return rc;
}

/**
 * Length of the options field @p opts of @p len bytes: up to its END, or
 * all of it when the options run whole to the end and the last byte is PAD
 * (iPXE as a PXE ROM keeps its DHCPACK so: no END, zeros to the end of the
 * buffer); -EBADMSG otherwise, so bytes after a packet without END are not
 * read as options
 */
static int dhcp_ack_opts_len(const uint8_t *opts, size_t len)
{
	int end = dhcpopt_end(opts, len);

	if (end >= 0)
		return end;
	if (len && len <= INT_MAX && opts[len - 1] == DHCPOPT_PAD &&
	    dhcpopt_walk(opts, len, NULL, NULL) == 0)
		return (int)len;
	return -EBADMSG;
}

/**
 * Read a DHCPACK for @p nic
 *
 * @v nic       the NIC it must be addressed to
 * @v msg       message
 * @v len       its length
 * @v ack       filled in
 * @ret rc      0, or -EBADMSG if it is not a usable DHCPACK for @p nic
 */
static int dhcp_ack_parse(const struct nic *nic, const uint8_t *msg,
			  size_t len, struct dhcp_ack *ack)
{
	static const uint8_t cookie[4] = { 99, 130, 83, 99 };
	static const uint8_t zero[4];
	int end;

	memset(ack, 0, sizeof(*ack));
	if (len < ACK_OPTIONS || msg[ACK_OP] != ACK_BOOTREPLY ||
	    msg[ACK_HTYPE] != ACK_HTYPE_ETHERNET || msg[ACK_HLEN] != 6 ||
	    memcmp(&msg[ACK_CHADDR], nic->mac, 6) != 0 ||
	    memcmp(&msg[ACK_COOKIE], cookie, 4) != 0 ||
	    memcmp(&msg[ACK_YIADDR], zero, 4) == 0)
		return -EBADMSG;
	end = dhcp_ack_opts_len(&msg[ACK_OPTIONS], len - ACK_OPTIONS);
	if (end < 0)
		return -EBADMSG;
	ack->opts = &msg[ACK_OPTIONS];
	ack->opts_len = (size_t)end;
	ack->file = &msg[ACK_FILE];
	ack->sname = &msg[ACK_SNAME];
	if (dhcpopt_walk(ack->opts, ack->opts_len, dhcp_ack_take, ack) < 0)
		return -EBADMSG;
	ack->overload_read = 1;
	if (dhcp_ack_walk_overload(ack, dhcp_ack_take, ack) < 0)
		return -EBADMSG;
	/* a PXE ROM may keep a plain BOOTP reply: no option 53 is fine */
	if (ack->msg_type && ack->msg_type != ACK_DHCPACK)
		return -EBADMSG;
	memcpy(ack->ip, &msg[ACK_YIADDR], 4);
	memcpy(ack->next_server, &msg[ACK_SIADDR], 4);
	if (!ack->have_netmask)
		dhcp_ack_classful(ack->netmask, ack->ip);
	return 0;
}

/** Store an IPv4 address setting unless it is 0.0.0.0 */
static int dhcp_ack_store_ipv4(struct settings *block, const char *name,
			       const uint8_t addr[4])
{
	static const uint8_t zero[4];

	if (memcmp(addr, zero, 4) == 0)
		return 0;
	return settings_store(block, name, &setting_type_ipv4, addr, 4);
}

/** Length of the file field's name (NUL-terminated, or filling all 128 bytes) */
static size_t dhcp_ack_file_len(const struct dhcp_ack *ack)
{
	const uint8_t *nul = memchr(ack->file, '\0', ACK_FILE_LEN);

	return nul ? (size_t)(nul - ack->file) : ACK_FILE_LEN;
}

/** dhcpopt_fn: store option @p tag in block @p ctx unless lwIP's client reads it */
static int dhcp_ack_store_option(unsigned int tag, const uint8_t *data,
				 size_t len, void *ctx)
{
	/* as in the live client: malformed encapsulations are dropped */
	if (dhcp_ack_is_lwip_option(tag) || dhcpopt_check(tag, data, len) < 0)
		return 0;
	return dhcpopt_store(ctx, tag, data, len);
}

/**
 * Fill "netN.dhcp" from @p ack, replacing an older lease: the same
 * settings the live client stores
 *
 * @ret rc      0 or -error
 */
static int dhcp_ack_store(const struct nic *nic, const struct dhcp_ack *ack)
{
	struct settings *parent = settings_find_block(nic->name);
	struct settings *block;
	int rc;

	if (!parent)
		parent = settings_new_block(NULL, nic->name);
	block = parent ? settings_new_block(parent, "dhcp") : NULL;
	if (!block)
		return -ENOMEM;
	rc = dhcp_ack_store_ipv4(block, "ip", ack->ip);
	if (rc == 0)
		rc = dhcp_ack_store_ipv4(block, "netmask", ack->netmask);
	if (rc == 0)
		rc = dhcp_ack_store_ipv4(block, "gateway", ack->gateway);
	if (rc == 0)
		rc = dhcpopt_store_dns(block, ack->dns[0], DNS_MAX_SERVERS);
	if (rc == 0)
		rc = dhcp_ack_store_ipv4(block, "dhcp-server", ack->server);
	if (rc == 0 && ack->have_lease)
		rc = settings_store(block, "lease-time", &setting_type_uint32,
				    ack->lease, sizeof(ack->lease));
	if (rc == 0)
		rc = dhcp_ack_store_ipv4(block, "next-server", ack->next_server);
	if (rc == 0)
		rc = dhcpopt_walk(ack->opts, ack->opts_len,
				  dhcp_ack_store_option, block);
	if (rc == 0)
		rc = dhcp_ack_walk_overload(ack, dhcp_ack_store_option, block);
	/* option 67 (stored above) wins over the file field */
	if (rc == 0 && !ack->have_bootfile &&
	    !(ack->overload & ACK_OVERLOAD_FILE) &&
	    ack->file[0])
		rc = settings_store(block, "filename", &setting_type_string,
				    ack->file, dhcp_ack_file_len(ack));
	return rc;
}

/** Give lwIP the lease's address, netmask, gateway and DNS servers */
static void dhcp_ack_apply(struct netif *netif, const struct dhcp_ack *ack)
{
	ip4_addr_t ip, netmask, gateway;
	ip_addr_t dns;

	memcpy(&ip.addr, ack->ip, 4);
	memcpy(&netmask.addr, ack->netmask, 4);
	memcpy(&gateway.addr, ack->gateway, 4);
	netif_set_addr(netif, &ip, &netmask, &gateway);
	for (u8_t i = 0; i < DNS_MAX_SERVERS; i++) {
		ip4_addr_t server;

		memcpy(&server.addr, ack->dns[i], 4);
		if (ip4_addr_isany(&server))
			continue;
		ip_addr_copy_from_ip4(dns, server);
		dns_setserver(i, &dns);
	}
	/* the default route, unless another interface already has an address */
	if (!netif_default || ip4_addr_isany(netif_ip4_addr(netif_default)))
		netif_set_default(netif);
}

int dhcp_apply_ack(struct nic *nic, const void *msg, size_t len)
{
	struct netif *netif = netdev_netif(nic);
	struct dhcp_ack ack;
	int rc;

	if (!netif)
		return -ENODEV;
	rc = dhcp_ack_parse(nic, msg, len, &ack);
	if (rc < 0)
		return rc;
	rc = dhcp_ack_store(nic, &ack);
	if (rc < 0)
		return rc;
	dhcp_ack_apply(netif, &ack);
	return 0;
}
