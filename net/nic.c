/** @file The NIC registry: names net0, net1, ... and their settings blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/settings.h>

/** Most NICs we keep */
#define NIC_MAX 16

/** Registered NICs, in registration order */
static struct nic *nic_list[NIC_MAX];

/** Number of registered NICs */
static unsigned int nic_count;

/** NICs named netN so far (the next is net<nic_numbered>) */
static unsigned int nic_numbered;

char *netdev_mac_text(const struct nic *nic, char *buf, size_t len)
{
	const uint8_t *m = nic->mac;

	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
		 m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

/**
 * Create the "netN" settings block holding the NIC's MAC
 *
 * @v nic       registered NIC
 * @ret rc      0 or -error
 */
static int nic_settings_init(struct nic *nic)
{
	struct settings *block = settings_new_block(NULL, nic->name);

	if (!block)
		return -ENOMEM;
	return settings_store(block, "mac", &setting_type_hex, nic->mac,
			      sizeof(nic->mac));
}

int nic_register(struct nic *nic)
{
	int rc;

	if (nic_count >= NIC_MAX)
		return -ENOSPC;
	if (!nic->name[0])
		snprintf(nic->name, sizeof(nic->name), "net%u", nic_numbered++);
	if (!nic->mtu)
		nic->mtu = 1500;
	rc = nic_settings_init(nic);
	if (rc < 0)
		return rc;
	rc = netdev_add(nic);
	if (rc < 0)
		return rc;
	nic_list[nic_count++] = nic;
	return 0;
}

void nic_unregister(struct nic *nic)
{
	struct settings *block = settings_find_block(nic->name);
	unsigned int i = 0;

	while (i < nic_count && nic_list[i] != nic)
		i++;
	if (i == nic_count)
		return;
	netdev_remove(nic);
	if (block)
		settings_free_block(block);
	memmove(&nic_list[i], &nic_list[i + 1],
		(nic_count - i - 1) * sizeof(nic_list[0]));
	nic_count--;
}

struct nic *nic_find(const char *name)
{
	for (unsigned int i = 0; i < nic_count; i++) {
		if (strcmp(nic_list[i]->name, name) == 0)
			return nic_list[i];
	}
	return NULL;
}

struct nic *nic_get(unsigned int index)
{
	return index < nic_count ? nic_list[index] : NULL;
}

int nic_pci_busdevfn(const struct nic *nic)
{
	unsigned long bus, dev, fn;
	char *end;

	if (nic && nic->trunk)
		nic = nic->trunk;       /* a VLAN device sits on its trunk's */
	if (!nic || strncmp(nic->location, "PCI ", 4) != 0)
		return -ENODEV;
	bus = strtoul(nic->location + 4, &end, 16);
	if (*end != ':')
		return -ENODEV;
	dev = strtoul(end + 1, &end, 16);
	if (*end != '.')
		return -ENODEV;
	fn = strtoul(end + 1, &end, 16);
	if (bus > 0xff || dev > 0x1f || fn > 7)
		return -ENODEV;
	return (int)(bus << 8 | dev << 3 | fn);
}
