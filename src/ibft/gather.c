/** @file Collecting iBFT contents from settings and SAN drives, and publishing the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include <lwpxe/nic.h>
#include <lwpxe/san.h>
#include <lwpxe/settings.h>

/** The table installed last (heap), and its length */
static void *ibft_table;
static size_t ibft_table_len;

/**
 * Fetch IPv4 setting "@p nic/@p name" as a mapped address (::ffff:0.0.0.0
 * when unset, which both Linux and illumos read as "none")
 *
 * @v index     which address of a list (DNS servers), 0 for the first
 */
static void ibft_fetch_ip(const char *nic, const char *name,
			  unsigned int index, uint8_t out[16])
{
	uint8_t raw[16] = { 0 };
	char full[48];
	int len;

	snprintf(full, sizeof(full), "%s/%s", nic, name);
	len = settings_fetch(full, raw, sizeof(raw), NULL);
	if (index >= 4 || len < (int)(4 * (index + 1)))
		memset(raw, 0, sizeof(raw));
	ibft_map_ipv4(out, raw + 4 * (index < 4 ? index : 0));
}

/** Prefix length of the netmask of @p nic (0 if unset) */
static uint8_t ibft_fetch_prefix(const char *nic)
{
	uint8_t mask[4] = { 0 };
	char full[48];
	uint8_t prefix = 0;

	snprintf(full, sizeof(full), "%s/netmask", nic);
	if (settings_fetch(full, mask, sizeof(mask), NULL) != 4)
		return 0;
	for (int i = 0; i < 32 && (mask[i / 8] & (0x80 >> (i % 8))); i++)
		prefix++;
	return prefix;
}

/** IBFT_ORIGIN_DHCP if the address of @p nic is the one DHCP gave, else manual */
static uint8_t ibft_fetch_origin(const char *nic)
{
	uint8_t ip[4];
	uint8_t dhcp[4];
	char full[48];

	snprintf(full, sizeof(full), "%s.dhcp/ip", nic);
	if (settings_fetch(full, dhcp, sizeof(dhcp), NULL) != 4)
		return IBFT_ORIGIN_MANUAL;
	snprintf(full, sizeof(full), "%s/ip", nic);
	if (settings_fetch(full, ip, sizeof(ip), NULL) != 4)
		return IBFT_ORIGIN_MANUAL;
	return memcmp(ip, dhcp, 4) == 0 ? IBFT_ORIGIN_DHCP :
					  IBFT_ORIGIN_MANUAL;
}

/** PCI bus:dev.fn of @p nic (0 if not on PCI) */
static uint16_t ibft_busdevfn(const struct nic *nic)
{
	int bdf = nic ? device_pci_busdevfn(&nic->desc) : -ENODEV;

	return bdf < 0 ? 0 : (uint16_t)bdf;
}

/** Fill NIC parameters for NIC @p nic (may be NULL) named @p name */
static void ibft_fill_nic(struct ibft_nic_params *n, const struct nic *nic,
			  const char *name, char *hostname, size_t hostlen)
{
	char full[48];

	memset(n, 0, sizeof(*n));
	ibft_fetch_ip(name, "ip", 0, n->ip);
	n->prefix = ibft_fetch_prefix(name);
	n->origin = ibft_fetch_origin(name);
	ibft_fetch_ip(name, "gateway", 0, n->gateway);
	ibft_fetch_ip(name, "dns", 0, n->dns[0]);
	ibft_fetch_ip(name, "dns", 1, n->dns[1]);
	ibft_fetch_ip(name, "dhcp-server", 0, n->dhcp_server);
	if (nic) {
		memcpy(n->mac, nic->mac, 6);
	} else {
		snprintf(full, sizeof(full), "%s/mac", name);
		if (settings_fetch(full, n->mac, 6, NULL) != 6)
			memset(n->mac, 0, 6);
	}
	n->busdevfn = ibft_busdevfn(nic);
	n->vlan = nic && nic->trunk ? (uint16_t)nic->vlan_tag : 0;
	snprintf(full, sizeof(full), "%s/hostname", name);
	if (settings_fetch_text(full, hostname, hostlen) < 0)
		hostname[0] = '\0';
	n->hostname = hostname;
}

/**
 * Index of the NIC of description @p d in @p st, adding it if new
 *
 * @ret index   0.., or -ENOSPC past IBFT_MAX_NICS
 */
static int ibft_nic_index(struct ibft_state *st, const struct nic **seen,
			  const struct san_description *d)
{
	struct ibft_params *p = &st->params;
	const struct nic *nic = d->nic ? d->nic : nic_get(0);
	unsigned int i;

	for (i = 0; i < p->nics; i++) {
		if (seen[i] == nic)
			return (int)i;
	}
	if (p->nics >= IBFT_MAX_NICS)
		return -ENOSPC;
	seen[i] = nic;
	ibft_fill_nic(&p->nic[i], nic, nic ? nic->name : "net0",
		      st->hostname[i], sizeof(st->hostname[i]));
	p->nics++;
	return (int)i;
}

/** Add drive @p drive as the next target if it can describe itself */
static int ibft_gather_drive(struct ibft_state *st, const struct nic **seen,
			     struct san_drive *drive)
{
	struct ibft_params *p = &st->params;
	struct san_description *d = &st->desc[p->targets];
	struct ibft_target_params *t = &p->target[p->targets];
	uint8_t mac[6];
	int nic;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = san_describe(drive, d);
	if (rc == -ENOTSUP)
		return 0;
	if (rc < 0)
		return rc;
	nic = ibft_nic_index(st, seen, d);
	if (nic < 0)
		return 0;
	t->desc = d;
	t->nic = (unsigned int)nic;
	t->boot = p->targets == 0;
	if (t->boot) {
		p->nic[nic].boot = 1;
		/* for a NIC whose OS driver reads another address than ours */
		if (settings_fetch("ibft-mac", mac, sizeof(mac), NULL) == 6)
			memcpy(p->nic[nic].mac, mac, 6);
	}
	if (!st->initiator[0] && d->initiator_name[0])
		snprintf(st->initiator, sizeof(st->initiator), "%s",
			 d->initiator_name);
	p->targets++;
	return 0;
}

int ibft_gather(struct ibft_state *st)
{
	const struct nic *seen[IBFT_MAX_NICS] = { NULL };
	struct san_drive *drive;
	int rc;

	memset(st, 0, sizeof(*st));
	for (drive = san_drives(); drive; drive = drive->next) {
		if (drive->flags & SAN_NO_DESCRIBE)
			continue;
		if (st->params.targets >= IBFT_MAX_TARGETS) {
			printf("ibft: drive %#x not described (the table holds %u targets)\n",
			       drive->number, IBFT_MAX_TARGETS);
			continue;
		}
		rc = ibft_gather_drive(st, seen, drive);
		if (rc < 0) {
			printf("ibft: drive %#x (%s) cannot describe itself: %s\n",
			       drive->number, san_uri(drive), errmsg(rc));
			return rc;
		}
	}
	if (!st->initiator[0] &&
	    settings_fetch_text("initiator-iqn", st->initiator,
				sizeof(st->initiator)) < 0)
		st->initiator[0] = '\0';
	st->params.initiator_name = st->initiator;
	return (int)st->params.targets;
}

/** Forget the installed table */
static void ibft_forget(void)
{
	free(ibft_table);
	ibft_table = NULL;
	ibft_table_len = 0;
}

/**
 * Build the table for @p st and install it
 *
 * @ret rc      0 or -error (message printed)
 */
static int ibft_publish_state(struct ibft_state *st)
{
	int len = ibft_build(&st->params, NULL, 0);
	void *buf;
	int rc;

	if (len < 0) {
		printf("ibft: cannot build the table: %s\n", errmsg(len));
		return len;
	}
	buf = malloc((size_t)len);
	if (!buf)
		return -ENOMEM;
	ibft_build(&st->params, buf, (size_t)len);
	rc = ibft_install(buf, (size_t)len);
	if (rc < 0) {
		printf("ibft: cannot install the table: %s\n", errmsg(rc));
		free(buf);
		return rc;
	}
	if (len > IBFT_ILLUMOS_MAX)
		printf("ibft: warning: table is %d bytes; illumos reads only %u\n",
		       len, IBFT_ILLUMOS_MAX);
	ibft_forget();
	ibft_table = buf;
	ibft_table_len = (size_t)len;
	return 0;
}

int ibft_publish(void)
{
	struct ibft_state *st = malloc(sizeof(*st));
	int rc;

	if (!st)
		return -ENOMEM;
	rc = ibft_gather(st);
	if (rc > 0) {
		rc = ibft_publish_state(st);
	} else if (rc == 0 && ibft_table) {
		ibft_forget();
		rc = ibft_install(NULL, 0);
	}
	free(st);
	return rc;
}

const void *ibft_current(size_t *len)
{
	*len = ibft_table_len;
	return ibft_table;
}
