/** @file What the booting OS will make of an iBFT: per-OS warnings for `ibft` and `sanboot`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/ibft.h>
#include <lwpxe/nic.h>

/** OS names, in enum nic_os order */
static const char *const ibft_os_names[NIC_OS_COUNT] = { "Linux", "illumos" };

/** The registered NIC table NIC @p n describes: by PCI location, else by MAC; NULL if none */
static struct nic *ibft_warn_find_nic(const struct ibft_nic_info *n)
{
	struct nic *nic;

	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++) {
		int bdf = device_pci_busdevfn(&nic->desc);

		if (n->busdevfn ? bdf == n->busdevfn :
		    memcmp(nic->mac, n->mac, 6) == 0)
			return nic;
	}
	return NULL;
}

/** Warn for each OS whose driver will not report table NIC @p i's MAC (or has no driver for it) */
static void ibft_warn_nic(unsigned int i, const struct ibft_nic_info *n)
{
	const struct nic *nic = ibft_warn_find_nic(n);
	char where[24];

	if (!nic)
		return;
	device_text(&nic->desc, where, sizeof(where));
	for (unsigned int os = 0; os < NIC_OS_COUNT; os++) {
		const struct nic_os_view *v = &nic->os[os];
		const char *chip = nic->chip ? nic->chip : "?";
		const uint8_t *m = v->mac, *t = n->mac;

		if (!v->driver)
			continue;
		if (!v->driver[0]) {
			printf("ibft: %s: no driver for NIC %u (%s %s, %s): it "
			       "will not find the boot NIC\n", ibft_os_names[os],
			       i, nic->driver, chip, where);
		} else if (memcmp(m, t, 6) != 0) {
			printf("ibft: %s: its %s driver reads %02x:%02x:%02x:%02x:"
			       "%02x:%02x on NIC %u (%s, %s), the table says "
			       "%02x:%02x:%02x:%02x:%02x:%02x: it will not find "
			       "the boot NIC (ibft-mac sets the table's)\n",
			       ibft_os_names[os], v->driver, m[0], m[1], m[2],
			       m[3], m[4], m[5], i, chip, where, t[0],
			       t[1], t[2], t[3], t[4], t[5]);
		}
	}
}

/** Warn when illumos will read target @p i's LUN as something else (it takes the first two bytes as a host-order 16-bit number) */
static void ibft_warn_lun(unsigned int i, const struct ibft_target_info *g)
{
	static const uint8_t zero[8];
	unsigned int as_read = g->lun[0] | g->lun[1] << 8;

	if (memcmp(g->lun, zero, 8) == 0)
		return;
	printf("ibft: illumos: reads target %u's LUN %02x%02x-%02x%02x-... as "
	       "%u (the first two bytes as a host-order 16-bit number): only "
	       "LUN 0 boots there\n", i, g->lun[0], g->lun[1], g->lun[2],
	       g->lun[3], as_read);
}

/** Nonzero if @p a and @p b (IPv4-mapped) share the first @p prefix bits */
static int ibft_same_subnet(const uint8_t *a, const uint8_t *b, unsigned int prefix)
{
	uint32_t x = (uint32_t)a[12] << 24 | a[13] << 16 | a[14] << 8 | a[15];
	uint32_t y = (uint32_t)b[12] << 24 | b[13] << 16 | b[14] << 8 | b[15];
	uint32_t mask = prefix == 0 ? 0 : prefix >= 32 ? 0xffffffffu :
		~(0xffffffffu >> prefix);

	return ((x ^ y) & mask) == 0;
}

/** Nonzero if @p ip is an IPv4-mapped address other than 0.0.0.0 */
static int ibft_is_v4(const uint8_t *ip)
{
	static const uint8_t prefix[12] = { [10] = 0xff, [11] = 0xff };
	static const uint8_t zero[4];

	return memcmp(ip, prefix, 12) == 0 && memcmp(ip + 12, zero, 4) != 0;
}

/** Warn when target @p i cannot be reached with its NIC's own address, prefix and gateway */
static void ibft_warn_route(unsigned int i, const struct ibft_target_info *g,
			    const struct ibft_nic_info *n)
{
	const uint8_t *t = g->ip + 12, *a = n->ip + 12, *w = n->gateway + 12;

	if (!ibft_is_v4(g->ip) || !ibft_is_v4(n->ip) ||
	    ibft_same_subnet(g->ip, n->ip, n->prefix))
		return;
	if (!ibft_is_v4(n->gateway))
		printf("ibft: Linux, illumos: target %u (%u.%u.%u.%u) is outside "
		       "NIC %u's %u.%u.%u.%u/%u and the table has no gateway: "
		       "the OS cannot reach it\n", i, t[0], t[1], t[2], t[3],
		       g->nic, a[0], a[1], a[2], a[3], n->prefix);
	else if (!ibft_same_subnet(n->gateway, n->ip, n->prefix))
		printf("ibft: Linux, illumos: target %u (%u.%u.%u.%u) is behind "
		       "gateway %u.%u.%u.%u, outside NIC %u's %u.%u.%u.%u/%u: "
		       "the OS cannot reach it\n", i, t[0], t[1], t[2], t[3],
		       w[0], w[1], w[2], w[3], g->nic, a[0], a[1], a[2], a[3],
		       n->prefix);
}

void ibft_warnings(const struct ibft_info *info)
{
	for (unsigned int i = 0; i < IBFT_MAX_NICS; i++) {
		if (info->nic[i].present)
			ibft_warn_nic(i, &info->nic[i]);
	}
	for (unsigned int i = 0; i < IBFT_MAX_TARGETS; i++) {
		const struct ibft_target_info *g = &info->target[i];

		if (!g->present)
			continue;
		ibft_warn_lun(i, g);
		if (g->nic < IBFT_MAX_NICS && info->nic[g->nic].present)
			ibft_warn_route(i, g, &info->nic[g->nic]);
	}
}

void ibft_warn(const void *table, size_t len)
{
	struct ibft_info *info = malloc(sizeof(*info));
	char why[96];

	if (!info) {
		printf("ibft: out of memory\n");
		return;
	}
	if (ibft_check_linux(table, len, why, sizeof(why)) < 0)
		printf("ibft: Linux will reject the table: %s\n", why);
	if (ibft_check_illumos(table, len, why, sizeof(why)) < 0)
		printf("ibft: illumos will reject the table: %s\n", why);
	if (ibft_decode(table, len, info) == 0)
		ibft_warnings(info);
	free(info);
}

/** sanboot's check of the table */
static const struct ibft_checker ibft_warn_checker = {
	.check = ibft_warn,
};
IBFT_CHECKER(ibft_warn_checker);
