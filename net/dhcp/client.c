/** @file DHCP client: lwIP's client plus our options in, settings out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/dhcp.h>
#include <lwpxe/dhcpopts.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/platform.h>
#include <lwpxe/poll.h>
#include <lwpxe/random.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include <lwpxe/timeline.h>
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/prot/dhcp.h"
#include "lwip_hooks.h"

/** Room for the options staged from one received message */
#define DHCPC_STAGE_MAX 2048

/** Set to 1 to trace options that are dropped */
#ifdef DEBUG
#define DHCPC_DEBUG 1
#else
#define DHCPC_DEBUG 0
#endif

/** Debug line, compiled (and format-checked) always, printed only when debugging */
#define DHCPC_DBG(...) do { if (DHCPC_DEBUG) printf(__VA_ARGS__); } while (0)

/** Our state for one interface, in a netif client-data slot */
struct dhcpc {
	struct nic *nic;              /**< the NIC */
	int bound;                    /**< nonzero once a lease was committed */
	int commit_rc;                /**< result of storing the lease */
	unsigned int sent;            /**< DISCOVERs seen sent in this run */
	unsigned long stage_frame;    /**< frame the staged options came from */
	size_t stage_len;             /**< bytes used in @c stage */
	uint8_t stage[DHCPC_STAGE_MAX]; /**< options lwIP skipped, as tag/len/value */
};

/** lwIP client-data slot holding struct dhcpc */
static u8_t dhcpc_slot;

/** Nonzero once @c dhcpc_slot is allocated */
static int dhcpc_slot_ready;

/** Our state for @p netif; NULL if DHCP was never configured on it */
static struct dhcpc *dhcpc_get(struct netif *netif)
{
	if (!netif || !dhcpc_slot_ready)
		return NULL;
	return netif_get_client_data(netif, dhcpc_slot);
}

/**
 * Our state for @p netif, created on first use
 *
 * @v netif     interface
 * @v nic       its NIC
 * @ret client  state, or NULL if out of memory
 */
static struct dhcpc *dhcpc_attach(struct netif *netif, struct nic *nic)
{
	struct dhcpc *client;

	if (!dhcpc_slot_ready) {
		dhcpc_slot = netif_alloc_client_data_id();
		dhcpc_slot_ready = 1;
	}
	client = dhcpc_get(netif);
	if (!client) {
		client = calloc(1, sizeof(*client));
		if (!client)
			return NULL;
		client->nic = nic;
		netif_set_client_data(netif, dhcpc_slot, client);
	}
	return client;
}

void dhcpc_append_options(struct netif *netif, struct dhcp *dhcp, u8_t state,
			  struct dhcp_msg *msg, u8_t msg_type, u16_t *len)
{
	uint8_t opts[DHCPOPT_CLIENT_MAX];
	uint8_t uuid[16];
	int have_uuid;
	int n;

	(void)netif;
	(void)dhcp;
	(void)state;
	if (msg_type != DHCP_DISCOVER && msg_type != DHCP_REQUEST &&
	    msg_type != DHCP_INFORM)
		return;
	have_uuid = settings_fetch("uuid", uuid, sizeof(uuid), NULL) ==
		    (int)sizeof(uuid);
	n = dhcpopt_build_client(opts, sizeof(opts), platform_client_arch,
				 have_uuid ? uuid : NULL);
	/* keep one byte for lwIP's END option */
	if (n < 0 || *len + n + 1 > DHCP_OPTIONS_LEN) {
		DHCPC_DBG("dhcp: no room for client options\n");
		return;
	}
	memcpy(&msg->options[*len], opts, (size_t)n);
	*len = (u16_t)(*len + n);
}

void dhcpc_parse_option(struct netif *netif, struct dhcp *dhcp, u8_t state,
			struct dhcp_msg *msg, u8_t msg_type, u8_t option,
			u8_t len, struct pbuf *p, u16_t offset)
{
	struct dhcpc *client = dhcpc_get(netif);
	unsigned long frame = netdev_rx_frames();
	uint8_t *value;

	(void)dhcp;
	(void)state;
	(void)msg;
	(void)msg_type;
	if (!client)
		return;
	if (client->stage_frame != frame) {
		/* a new message: forget what an earlier one carried */
		client->stage_frame = frame;
		client->stage_len = 0;
	}
	if (client->stage_len + 2 + len > sizeof(client->stage)) {
		DHCPC_DBG("dhcp: option %u: no room, ignored\n", option);
		return;
	}
	value = &client->stage[client->stage_len + 2];
	if (pbuf_copy_partial(p, value, len, offset) != len) {
		DHCPC_DBG("dhcp: option %u: truncated, ignored\n", option);
		return;
	}
	if (dhcpopt_check(option, value, len) < 0) {
		DHCPC_DBG("dhcp: option %u: malformed, ignored\n", option);
		return;
	}
	client->stage[client->stage_len] = option;
	client->stage[client->stage_len + 1] = len;
	client->stage_len += 2 + (size_t)len;
}

/**
 * Store an IPv4 address unless it is 0.0.0.0
 *
 * @v block     settings block
 * @v name      setting name
 * @v addr      address
 * @ret rc      0 or -error
 */
static int dhcpc_store_ipv4(struct settings *block, const char *name,
			    const ip4_addr_t *addr)
{
	if (!addr || ip4_addr_isany(addr))
		return 0;
	return settings_store(block, name, &setting_type_ipv4, &addr->addr, 4);
}

/** dhcpopt_fn finding option 67 (the boot file) among the staged options */
static int dhcpc_find_bootfile(unsigned int tag, const uint8_t *data,
			       size_t len, void *ctx)
{
	const uint8_t **found = ctx;

	if (tag == DHCPOPT_BOOTFILE) {
		found[0] = data;
		found[1] = data + len;
	}
	return 0;
}

/**
 * Store the file name: option 67 if the server sent it, else the BOOTP
 * file field
 *
 * @v client    our state (staged options)
 * @v dhcp      lwIP's DHCP state (boot_file_name)
 * @v block     settings block
 * @ret rc      0 or -error
 */
static int dhcpc_store_filename(struct dhcpc *client, struct dhcp *dhcp,
				struct settings *block)
{
	const uint8_t *found[2] = { NULL, NULL };
	const char *name = dhcp->boot_file_name;
	size_t len;

	dhcpopt_walk(client->stage, client->stage_len, dhcpc_find_bootfile,
		     found);
	if (found[0]) {
		name = (const char *)found[0];
		len = (size_t)(found[1] - found[0]);
		if (memchr(name, '\0', len))
			len = strlen(name);
	} else {
		len = strlen(name);   /* lwIP terminates it */
	}
	if (!len)
		return 0;
	return settings_store(block, "filename", &setting_type_string, name,
			      len);
}

/**
 * Store a fresh lease in "netN.dhcp", replacing any older one
 *
 * @v client    our state
 * @v netif     the bound interface
 * @ret rc      0 or -error
 */
static int dhcpc_commit(struct dhcpc *client, struct netif *netif)
{
	struct dhcp *dhcp = netif_dhcp_data(netif);
	struct settings *parent = settings_find_block(client->nic->name);
	struct settings *block;
	uint8_t dns[DNS_MAX_SERVERS][4];
	uint8_t lease[4];
	int rc = 0;

	if (!parent)
		parent = settings_new_block(NULL, client->nic->name);
	block = parent ? settings_new_block(parent, "dhcp") : NULL;
	if (!block)
		return -ENOMEM;
	lease[0] = (uint8_t)(dhcp->offered_t0_lease >> 24);
	lease[1] = (uint8_t)(dhcp->offered_t0_lease >> 16);
	lease[2] = (uint8_t)(dhcp->offered_t0_lease >> 8);
	lease[3] = (uint8_t)dhcp->offered_t0_lease;
	if (rc == 0)
		rc = dhcpc_store_ipv4(block, "ip", netif_ip4_addr(netif));
	if (rc == 0)
		rc = dhcpc_store_ipv4(block, "netmask", netif_ip4_netmask(netif));
	if (rc == 0)
		rc = dhcpc_store_ipv4(block, "gateway", netif_ip4_gw(netif));
	for (u8_t i = 0; i < DNS_MAX_SERVERS; i++)
		memcpy(dns[i], &ip_2_ip4(dns_getserver(i))->addr, 4);
	if (rc == 0)
		rc = dhcpopt_store_dns(block, dns[0], DNS_MAX_SERVERS);
	if (rc == 0)
		rc = dhcpc_store_ipv4(block, "dhcp-server",
				      ip_2_ip4(&dhcp->server_ip_addr));
	if (rc == 0)
		rc = settings_store(block, "lease-time", &setting_type_uint32,
				    lease, sizeof(lease));
	if (rc == 0)
		rc = dhcpc_store_ipv4(block, "next-server",
				      &dhcp->offered_si_addr);
	if (rc == 0)
		rc = dhcpopt_store_all(block, client->stage, client->stage_len);
	/* after the options, so option 67 wins over a same-tag setting */
	if (rc == 0)
		rc = dhcpc_store_filename(client, dhcp, block);
	return rc;
}

/** Make @p netif the default route unless another interface already has an address */
static void dhcpc_set_default(struct netif *netif)
{
	if (!netif_default || ip4_addr_isany(netif_ip4_addr(netif_default)))
		netif_set_default(netif);
}

/**
 * Netif status callback: when lwIP binds a lease, commit it at once
 * (before another frame can replace the staged options)
 *
 * @v netif     interface whose state changed
 */
static void dhcpc_status(struct netif *netif)
{
	struct dhcpc *client = dhcpc_get(netif);

	if (!client || !dhcp_supplied_address(netif) ||
	    ip4_addr_isany(netif_ip4_addr(netif)))
		return;
	if (client->stage_frame != netdev_rx_frames())
		client->stage_len = 0;   /* the ACK carried none of ours */
	client->commit_rc = dhcpc_commit(client, netif);
	dhcpc_set_default(netif);
	client->bound = 1;
}

/**
 * Why no lease came: judged from the link and lwIP's state
 *
 * @v netif     interface
 * @ret rc      -ENETDOWN, -ETIMEDOUT (no offer) or -EPROTO (no ACK)
 */
static int dhcpc_failure(struct netif *netif)
{
	struct dhcp *dhcp = netif_dhcp_data(netif);

	if (!netif_is_link_up(netif))
		return -ENETDOWN;
	if (!dhcp || dhcp->state == DHCP_STATE_SELECTING ||
	    dhcp->state == DHCP_STATE_INIT || dhcp->state == DHCP_STATE_OFF)
		return -ETIMEDOUT;
	return -EPROTO;
}

/**
 * After each DISCOVER lwIP sends, replace its wait with RFC 2131's
 * (dhcp_backoff_ms()) and say each one after the first in a line
 *
 * @v client    our state
 * @v netif     interface
 * @v start     when this run began (ticks_ms())
 */
static void dhcpc_pace(struct dhcpc *client, struct netif *netif,
		       uint64_t start)
{
	struct dhcp *dhcp = netif_dhcp_data(netif);
	unsigned long ms;

	if (!dhcp || dhcp->state != DHCP_STATE_SELECTING ||
	    dhcp->tries == client->sent)
		return;
	client->sent = dhcp->tries;
	ms = dhcp_backoff_ms(client->sent, random_u32());
	dhcp->request_timeout = (dhcp_timeout_t)
		((ms + DHCP_FINE_TIMER_MSECS - 1) / DHCP_FINE_TIMER_MSECS);
	if (client->sent > 1)
		printf("%sDHCP on %s: no offer yet; DISCOVER again (try %u, "
		       "%lu s so far)\n", client->sent == 2 ? "\n" : "",
		       client->nic->name, client->sent,
		       (unsigned long)((ticks_ms() - start + 500) / 1000));
}

/**
 * Step the poll loop until bound, timed out or cancelled
 *
 * @v client    our state
 * @v netif     interface
 * @v timeout_ms how long to wait
 * @ret rc      0 or -error
 */
static int dhcpc_wait(struct dhcpc *client, struct netif *netif,
		      unsigned long timeout_ms)
{
	uint64_t start = ticks_ms();

	while (!client->bound) {
		if (console_cancelled())
			return -ECANCELED;
		if (ticks_ms() - start >= timeout_ms)
			return dhcpc_failure(netif);
		dhcpc_pace(client, netif, start);
		step_idle();
	}
	return client->commit_rc;
}

/**
 * Apply the boot ROM's DHCPACK the NIC carries, once: it is dropped
 * whether or not it could be used
 *
 * @v nic       network card (open)
 * @ret rc      0 if applied; -ENOENT if there is none; or why it was not
 */
static int dhcpc_use_boot_ack(struct nic *nic)
{
	const void *ack = nic->boot_dhcpack;
	size_t len = nic->boot_dhcpack_len;
	int rc;

	if (!ack)
		return -ENOENT;
	nic->boot_dhcpack = NULL;
	nic->boot_dhcpack_len = 0;
	rc = dhcp_apply_ack(nic, ack, len);
	if (rc < 0)
		DHCPC_DBG("dhcp: %s: boot ROM's DHCPACK not used (%s)\n",
			  nic->name, errmsg(rc));
	return rc;
}

/** Configure @p nic by DHCP (see dhcp_configure()) */
static int dhcp_configure_nic(struct nic *nic, unsigned long timeout_ms)
{
	struct netif *netif;
	struct dhcpc *client;
	int rc;

	rc = netdev_open(nic);
	if (rc < 0)
		return rc;
	if (dhcpc_use_boot_ack(nic) == 0)
		return DHCP_CACHED;
	netif = netdev_netif(nic);
	client = dhcpc_attach(netif, nic);
	if (!client)
		return -ENOMEM;
	client->bound = 0;
	client->commit_rc = 0;
	client->sent = 0;
	client->stage_len = 0;
	/* no address until the new lease, so binding always calls us back */
	netif_set_addr(netif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4);
	/* lwIP sets only the servers a lease names: forget an older lease's */
	for (u8_t i = 0; i < DNS_MAX_SERVERS; i++)
		dns_setserver(i, NULL);
	netif_set_status_callback(netif, dhcpc_status);
	if (dhcp_start(netif) != ERR_OK)
		return -ENOMEM;
	rc = dhcpc_wait(client, netif, timeout_ms);
	if (rc < 0 && !client->bound)
		dhcp_stop(netif);
	return rc;
}

int dhcp_configure(struct nic *nic, unsigned long timeout_ms)
{
	uint64_t start = time_us();
	int rc = dhcp_configure_nic(nic, timeout_ms);

	timeline_record("dhcp", start, nic->name);
	return rc;
}
