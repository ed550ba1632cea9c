/** @file The NIC registry: the sources NICs are probed from, names net0, net1, ... and their settings blocks. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
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

char *nic_mac_text(const struct nic *nic, char *buf, size_t len)
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

/** Tell the layers above of newly named @p nic; 0 or the first -error */
static int nic_tell_uppers(struct nic *nic)
{
	const struct nic_upper *upper;
	int rc;

	TABLE_FOREACH(nic_uppers, const struct nic_upper *, upper) {
		rc = upper->add(nic);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/** Tell the layers above that @p nic goes away */
static void nic_tell_uppers_gone(struct nic *nic)
{
	const struct nic_upper *upper;

	TABLE_FOREACH(nic_uppers, const struct nic_upper *, upper)
		upper->remove(nic);
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
	rc = nic_tell_uppers(nic);
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
	nic_tell_uppers_gone(nic);
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

int nic_probe_all(void)
{
	const struct nic_source *source;
	int rc, first = 0;

	for (int firmware = 0; firmware <= 1; firmware++) {
		TABLE_FOREACH(nic_sources, const struct nic_source *, source) {
			if (!source->firmware != !firmware)
				continue;
			rc = source->probe();
			if (rc < 0 && !first)
				first = rc;
		}
	}
	return first;
}

void nic_remove_all(void)
{
	const struct nic_source *source;

	TABLE_FOREACH(nic_sources, const struct nic_source *, source)
		if (source->remove)
			source->remove();
}
