/** @file Well-known settings: names, default types and DHCP options. */
#include <ctype.h>
#include <string.h>
#include <lwpxe/settings.h>

/** DHCP option number of an encapsulated option ("175.190") */
#define DEFS_ENCAP(outer, inner) (((outer) << 8) | (inner))

/** Define and register one well-known setting that only holds stored values */
#define DEFS_SETTING(ident, sname, stype, stag, sdesc)                   \
	SETTING_DEFINE(defs_##ident, sname, stype, stag, sdesc, NULL)

DEFS_SETTING(ip, "ip", ipv4, 50, "IPv4 address");
DEFS_SETTING(netmask, "netmask", ipv4, 1, "Subnet mask");
DEFS_SETTING(gateway, "gateway", ipv4, 3, "Default gateway");
DEFS_SETTING(dns, "dns", ipv4, 6, "DNS server");
DEFS_SETTING(hostname, "hostname", string, 12, "Host name");
DEFS_SETTING(domain, "domain", string, 15, "DNS domain");
DEFS_SETTING(root_path, "root-path", string, 17, "SAN root path");
DEFS_SETTING(vendor_encap, "vendor-encap", hex, 43,
	     "Vendor-specific information (DHCP option 43)");
DEFS_SETTING(lease_time, "lease-time", uint32, 51, "DHCP lease time (seconds)");
DEFS_SETTING(dhcp_server, "dhcp-server", ipv4, 54, "DHCP server");
DEFS_SETTING(vendor_class, "vendor-class", string, 60, "DHCP vendor class");
DEFS_SETTING(next_server, "next-server", ipv4, 0, "TFTP server");
DEFS_SETTING(tftp_server, "tftp-server", string, 66, "TFTP server name");
DEFS_SETTING(filename, "filename", string, 67, "Boot filename");
DEFS_SETTING(user_class, "user-class", string, 77, "DHCP user class");
DEFS_SETTING(initiator_iqn, "initiator-iqn", string, 203,
	     "iSCSI initiator name");
DEFS_SETTING(ibft_mac, "ibft-mac", mac, 0,
	     "MAC the iBFT names for the boot NIC (default: the NIC's)");
DEFS_SETTING(keep_san, "keep-san", int8, DEFS_ENCAP(175, 8),
	     "Preserve SAN connection");
DEFS_SETTING(skip_san_boot, "skip-san-boot", int8, DEFS_ENCAP(175, 9),
	     "Do not boot from SAN device");
DEFS_SETTING(username, "username", string, DEFS_ENCAP(175, 190), "User name");
DEFS_SETTING(password, "password", string, DEFS_ENCAP(175, 191), "Password");
DEFS_SETTING(reverse_username, "reverse-username", string,
	     DEFS_ENCAP(175, 192), "Reverse user name");
DEFS_SETTING(reverse_password, "reverse-password", string,
	     DEFS_ENCAP(175, 193), "Reverse password");
DEFS_SETTING(mac, "mac", hex, 0, "MAC address");
DEFS_SETTING(busid, "busid", hex, 0, "Bus ID");
DEFS_SETTING(san_retries, "san-retries", uint8, 0, "SAN retry count");
DEFS_SETTING(dhcp_timeout, "dhcp-timeout", uint16, 0,
	     "DHCP timeout (seconds)");

/**
 * Parse a DHCP option number ("17", "175.190")
 *
 * @v name      text
 * @v tag       receives the option number
 * @ret ok      nonzero if @p name is a number of one or two parts
 */
static int defs_parse_tag(const char *name, unsigned int *tag)
{
	unsigned int value = 0;
	unsigned int part = 0;
	int digits = 0;
	int parts = 1;

	for (const char *p = name;; p++) {
		if (isdigit((unsigned char)*p)) {
			part = part * 10 + (unsigned int)(*p - '0');
			if (++digits > 3 || part > 255)
				return 0;
		} else if ((*p == '.' || *p == '\0') && digits) {
			value = (value << 8) | part;
			if (*p == '\0')
				break;
			if (++parts > 2)
				return 0;
			part = 0;
			digits = 0;
		} else {
			return 0;
		}
	}
	*tag = value;
	return 1;
}

/** Find a well-known setting by DHCP option number; NULL if none */
const struct setting_def *setting_def_find_tag(unsigned int tag)
{
	const struct setting_def *def;

	if (!tag)
		return NULL;
	TABLE_FOREACH(setting_defs, const struct setting_def *, def) {
		if (def->tag == tag)
			return def;
	}
	return NULL;
}

/** Find a well-known setting by name or option number ("17", "175.190") */
const struct setting_def *setting_def_find(const char *name)
{
	const struct setting_def *def;
	unsigned int tag;

	if (!name)
		return NULL;
	if (defs_parse_tag(name, &tag))
		return setting_def_find_tag(tag);
	TABLE_FOREACH(setting_defs, const struct setting_def *, def) {
		if (strcmp(def->name, name) == 0)
			return def;
	}
	return NULL;
}
