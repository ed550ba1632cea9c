/** @file Printing an iBFT the way an OS reads it (what `ibft` shows). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/ibft.h>

/** Room for the longest address text */
#define IBFT_ADDR_TEXT 48

/** Nonzero if @p ip is IPv4-mapped (::ffff:a.b.c.d) */
static int ibft_is_mapped(const uint8_t ip[16])
{
	static const uint8_t prefix[12] = { [10] = 0xff, [11] = 0xff };

	return memcmp(ip, prefix, sizeof(prefix)) == 0;
}

/** Address @p ip as text ("10.0.2.2", IPv6 as eight hex groups, "-" if unset) */
static const char *ibft_addr_text(const uint8_t ip[16], char *buf)
{
	static const uint8_t zero[16];

	if (memcmp(ip, zero, 16) == 0 ||
	    (ibft_is_mapped(ip) && memcmp(ip + 12, zero, 4) == 0)) {
		snprintf(buf, IBFT_ADDR_TEXT, "-");
	} else if (ibft_is_mapped(ip)) {
		snprintf(buf, IBFT_ADDR_TEXT, "%u.%u.%u.%u", ip[12], ip[13],
			 ip[14], ip[15]);
	} else {
		size_t n = 0;

		for (int i = 0; i < 16; i += 2)
			n += (size_t)snprintf(buf + n, IBFT_ADDR_TEXT - n,
					      "%s%x", i ? ":" : "",
					      ip[i] << 8 | ip[i + 1]);
	}
	return buf;
}

/** Flags as words */
static const char *ibft_flags_text(uint8_t flags)
{
	switch (flags & (IBFT_FL_VALID | IBFT_FL_BOOT_SELECTED)) {
	case IBFT_FL_VALID | IBFT_FL_BOOT_SELECTED: return "valid, boot selected";
	case IBFT_FL_VALID: return "valid";
	case IBFT_FL_BOOT_SELECTED: return "boot selected but not valid";
	default: return "not valid";
	}
}

/** Origin as words */
static const char *ibft_origin_text(uint8_t origin)
{
	switch (origin) {
	case IBFT_ORIGIN_MANUAL: return "manual";
	case IBFT_ORIGIN_DHCP: return "DHCP";
	default: return "other";
	}
}

/** Print NIC @p i */
static void ibft_print_nic(unsigned int i, const struct ibft_nic_info *n)
{
	char a[IBFT_ADDR_TEXT];
	char b[IBFT_ADDR_TEXT];
	const uint8_t *m = n->mac;

	printf("NIC %u (index %u, %s):\n", i, n->index,
	       ibft_flags_text(n->flags));
	printf("  Local IP:    %s/%u (origin %u, %s)\n",
	       ibft_addr_text(n->ip, a), n->prefix, n->origin,
	       ibft_origin_text(n->origin));
	printf("  Gateway:     %s\n", ibft_addr_text(n->gateway, a));
	printf("  DNS:         %s, %s\n", ibft_addr_text(n->dns[0], a),
	       ibft_addr_text(n->dns[1], b));
	printf("  DHCP server: %s\n", ibft_addr_text(n->dhcp_server, a));
	printf("  MAC:         %02x:%02x:%02x:%02x:%02x:%02x\n",
	       m[0], m[1], m[2], m[3], m[4], m[5]);
	printf("  PCI:         %02x:%02x.%x\n", n->busdevfn >> 8,
	       (n->busdevfn >> 3) & 0x1f, n->busdevfn & 7);
	printf("  VLAN:        %u\n", n->vlan);
	printf("  Hostname:    %s\n", n->hostname[0] ? n->hostname : "-");
}

/** Print the CHAP line of target @p g (secrets as lengths only) */
static void ibft_print_chap(const struct ibft_target_info *g)
{
	if (g->chap_type == IBFT_CHAP_NONE) {
		printf("  CHAP:        none\n");
		return;
	}
	printf("  CHAP:        %s, name \"%s\", secret %zu bytes",
	       g->chap_type == IBFT_CHAP_MUTUAL ? "mutual" : "one-way",
	       g->chap_name, strlen(g->chap_secret));
	if (g->chap_type == IBFT_CHAP_MUTUAL)
		printf("; reverse name \"%s\", secret %zu bytes",
		       g->rchap_name, strlen(g->rchap_secret));
	printf("\n");
}

/** Print target @p i */
static void ibft_print_target(unsigned int i, const struct ibft_target_info *g)
{
	char a[IBFT_ADDR_TEXT];
	const uint8_t *l = g->lun;

	printf("Target %u (index %u, %s):\n", i, g->index,
	       ibft_flags_text(g->flags));
	printf("  Name:        %s\n", g->name[0] ? g->name : "-");
	printf("  IP:          %s\n", ibft_addr_text(g->ip, a));
	printf("  Port:        %u\n", g->port);
	printf("  LUN:         %02x%02x-%02x%02x-%02x%02x-%02x%02x\n",
	       l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]);
	printf("  NIC:         %u\n", g->nic);
	ibft_print_chap(g);
}

/** Print one OS's verdict */
static void ibft_print_verdict(const char *os, int rc, const char *why)
{
	printf("%-8s %s%s\n", os, rc == 0 ? "accepts" : "rejects: ",
	       rc == 0 ? "" : why);
}

void ibft_print(const void *table, size_t len)
{
	struct ibft_info *info = malloc(sizeof(*info));
	char why[96];
	int rc;

	if (!info) {
		printf("ibft: out of memory\n");
		return;
	}
	rc = ibft_decode(table, len, info);
	printf("iBFT: %u bytes, revision %u, OEM \"%s\" \"%s\", checksum %s\n",
	       (unsigned int)info->length, info->revision, info->oem_id,
	       info->oem_table_id, info->checksum_ok ? "ok" : "BAD");
	if (rc < 0)
		printf("ibft: a structure lies outside the table\n");
	if (info->initiator_present)
		printf("Initiator (%s): %s\n",
		       ibft_flags_text(info->initiator_flags),
		       info->initiator_name[0] ? info->initiator_name : "-");
	for (unsigned int i = 0; i < IBFT_MAX_NICS; i++) {
		if (info->nic[i].present)
			ibft_print_nic(i, &info->nic[i]);
	}
	for (unsigned int i = 0; i < IBFT_MAX_TARGETS; i++) {
		if (info->target[i].present)
			ibft_print_target(i, &info->target[i]);
	}
	rc = ibft_check_linux(table, len, why, sizeof(why));
	ibft_print_verdict("Linux:", rc, why);
	rc = ibft_check_illumos(table, len, why, sizeof(why));
	ibft_print_verdict("illumos:", rc, why);
	ibft_warnings(info);
	free(info);
}
