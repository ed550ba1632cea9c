/** @file DHCP options: walking with checked lengths, our client options, settings. */
#include <stdio.h>
#include <limits.h>
#include <string.h>
#include <lwpxe/dhcpopts.h>
#include <lwpxe/errors.h>
#include <lwpxe/settings.h>

/** Vendor class prefix of a PXE client (the arch is filled in) */
/** Most DNS servers kept from a lease (the resolver uses the first ones) */
#define DHCPOPT_DNS_MAX 4

#define DHCPOPT_PXE_VENDOR_CLASS "PXEClient:Arch:%05u:UNDI:003016"

int dhcpopt_walk(const void *buf, size_t len, dhcpopt_fn fn, void *ctx)
{
	const uint8_t *opt = buf;
	size_t pos = 0;
	int rc;

	while (pos < len) {
		unsigned int tag = opt[pos];
		size_t optlen;

		if (tag == DHCPOPT_END)
			return 0;
		if (tag == DHCPOPT_PAD) {
			pos++;
			continue;
		}
		if (pos + 1 >= len)
			return -EBADMSG;
		optlen = opt[pos + 1];
		if (optlen > len - pos - 2)
			return -EBADMSG;
		if (fn) {
			rc = fn(tag, &opt[pos + 2], optlen, ctx);
			if (rc < 0)
				return rc;
		}
		pos += 2 + optlen;
	}
	return 0;
}

int dhcpopt_end(const void *buf, size_t len)
{
	const uint8_t *opt = buf;
	size_t pos = 0;

	while (pos < len && opt[pos] != DHCPOPT_END) {
		if (opt[pos] == DHCPOPT_PAD)
			pos++;
		else if (pos + 1 < len && opt[pos + 1] <= len - pos - 2)
			pos += 2 + opt[pos + 1];
		else
			return -EBADMSG;
	}
	return pos < len && pos < INT_MAX ? (int)pos + 1 : -EBADMSG;
}

int dhcpopt_is_encapsulated(unsigned int tag)
{
	return tag == DHCPOPT_VENDOR_ENCAP || tag == DHCPOPT_IPXE_ENCAP;
}

int dhcpopt_check(unsigned int tag, const void *data, size_t len)
{
	if (dhcpopt_is_encapsulated(tag))
		return dhcpopt_walk(data, len, NULL, NULL);
	return 0;
}

/**
 * Append one option to a buffer being built
 *
 * @v buf       buffer
 * @v size      size of @p buf
 * @v pos       bytes used so far
 * @v tag       option tag
 * @v data      value
 * @v len       length of the value (at most 255)
 * @ret pos     new bytes used, or -ENOSPC
 */
static int dhcpopt_put(uint8_t *buf, size_t size, int pos, unsigned int tag,
		       const void *data, size_t len)
{
	if (pos < 0)
		return pos;
	if (len > 255 || (size_t)pos + 2 + len > size)
		return -ENOSPC;
	buf[pos] = (uint8_t)tag;
	buf[pos + 1] = (uint8_t)len;
	memcpy(&buf[pos + 2], data, len);
	return pos + 2 + (int)len;
}

int dhcpopt_build_client(void *buf, size_t size, unsigned int arch,
			 const uint8_t *uuid)
{
	static const uint8_t ndi[3] = { 1, 3, 10 };   /* UNDI 3.10 */
	char vendor[40];
	uint8_t arch_be[2] = { (uint8_t)(arch >> 8), (uint8_t)arch };
	uint8_t machine_id[17];
	int pos = 0;

	snprintf(vendor, sizeof(vendor), DHCPOPT_PXE_VENDOR_CLASS, arch & 0xffff);
	pos = dhcpopt_put(buf, size, pos, DHCPOPT_VENDOR_CLASS, vendor,
			  strlen(vendor));
	pos = dhcpopt_put(buf, size, pos, DHCPOPT_USER_CLASS, "iPXE", 4);
	pos = dhcpopt_put(buf, size, pos, DHCPOPT_CLIENT_ARCH, arch_be,
			  sizeof(arch_be));
	pos = dhcpopt_put(buf, size, pos, DHCPOPT_CLIENT_NDI, ndi, sizeof(ndi));
	if (uuid) {
		machine_id[0] = 0;   /* type 0: a UUID follows */
		memcpy(&machine_id[1], uuid, 16);
		pos = dhcpopt_put(buf, size, pos, DHCPOPT_CLIENT_UUID,
				  machine_id, sizeof(machine_id));
	}
	return pos;
}

/**
 * Store one value under the well-known setting for @p tag, else under
 * @p fallback as hex
 *
 * @v block     settings block
 * @v tag       DHCP tag (175.190 as 175 << 8 | 190)
 * @v fallback  name to use when no setting is known for @p tag
 * @v data      value
 * @v len       length of @p data
 * @ret rc      0 or -error
 */
static int dhcpopt_store_tag(struct settings *block, unsigned int tag,
			     const char *fallback, const void *data, size_t len)
{
	const struct setting_def *def = setting_def_find_tag(tag);

	if (!def)
		return settings_store(block, fallback, &setting_type_hex,
				      data, len);
	if (def->type == &setting_type_string) {
		/* some servers send a terminating NUL: keep only the text */
		const char *nul = memchr(data, '\0', len);

		if (nul)
			len = (size_t)(nul - (const char *)data);
	}
	return settings_store(block, def->name, def->type, data, len);
}

/** What a sub-option walk needs: the block and the parent tag */
struct dhcpopt_encap {
	struct settings *block;   /**< where to store */
	unsigned int parent;      /**< 43 or 175 */
};

/** dhcpopt_fn storing one sub-option as "parent.sub" */
static int dhcpopt_store_sub(unsigned int tag, const uint8_t *data,
			     size_t len, void *ctx)
{
	const struct dhcpopt_encap *encap = ctx;
	char name[12];

	snprintf(name, sizeof(name), "%u.%u", encap->parent, tag);
	return dhcpopt_store_tag(encap->block, (encap->parent << 8) | tag,
				 name, data, len);
}

int dhcpopt_store(struct settings *block, unsigned int tag, const void *data,
		  size_t len)
{
	struct dhcpopt_encap encap = { block, tag };
	char name[8];
	int rc;

	if (dhcpopt_is_encapsulated(tag)) {
		/* check everything first so a bad option stores nothing */
		rc = dhcpopt_check(tag, data, len);
		if (rc < 0)
			return rc;
		/* a well-known whole option (43 "vendor-encap") is kept too */
		if (setting_def_find_tag(tag)) {
			snprintf(name, sizeof(name), "%u", tag);
			rc = dhcpopt_store_tag(block, tag, name, data, len);
			if (rc < 0)
				return rc;
		}
		return dhcpopt_walk(data, len, dhcpopt_store_sub, &encap);
	}
	snprintf(name, sizeof(name), "%u", tag);
	return dhcpopt_store_tag(block, tag, name, data, len);
}

/** dhcpopt_fn storing one top-level option */
static int dhcpopt_store_one(unsigned int tag, const uint8_t *data,
			     size_t len, void *ctx)
{
	return dhcpopt_store(ctx, tag, data, len);
}

int dhcpopt_store_dns(struct settings *block, const uint8_t *addrs,
		      size_t count)
{
	static const uint8_t zero[4];
	uint8_t packed[4 * DHCPOPT_DNS_MAX];
	size_t len = 0;

	for (size_t i = 0; i < count && len < sizeof(packed); i++) {
		if (memcmp(&addrs[4 * i], zero, 4) != 0) {
			memcpy(&packed[len], &addrs[4 * i], 4);
			len += 4;
		}
	}
	if (!len)
		return 0;
	return settings_store(block, "dns", &setting_type_ipv4, packed, len);
}

int dhcpopt_store_all(struct settings *block, const void *buf, size_t len)
{
	int rc = dhcpopt_walk(buf, len, NULL, NULL);

	if (rc < 0)
		return rc;
	return dhcpopt_walk(buf, len, dhcpopt_store_one, block);
}
