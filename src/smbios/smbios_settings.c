/** @file SMBIOS settings: ${manufacturer}, ${product}, ${serial}, ${uuid}, ${asset}, ${board-serial}, ${smbios/TYPE.OFFSET.LENGTH}. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include <lwpxe/settings.h>
#include <lwpxe/smbios.h>

/** SMBIOS structure types read by the named settings */
enum {
	SMBIOS_SYSTEM = 1,      /**< system information */
	SMBIOS_BOARD = 2,       /**< baseboard information */
	SMBIOS_CHASSIS = 3,     /**< system enclosure */
};

/** Room for a named value read through the scope (a string is at most 255 bytes) */
#define SMBIOS_VALUE_MAX 256

/** Length of a UUID */
#define SMBIOS_UUID_LEN 16

/**
 * Read @p length bytes at @p offset of the first structure of @p type;
 * with @p length 0 the byte there numbers a string, which is read
 *
 * @v buf       receives the bytes (up to @p len)
 * @ret len     full length, or -ENOENT (no table, structure, field or string)
 */
static int smbios_read(unsigned int type, unsigned int offset,
		       unsigned int length, void *buf, size_t len)
{
	struct smbios_structure s;
	const void *table;
	const void *from;
	size_t table_len, n;

	if (platform_smbios(&table, &table_len) < 0 ||
	    smbios_find(table, table_len, type, 0, &s) < 0)
		return -ENOENT;
	if (length == 0) {
		const char *text;

		if (offset >= s.len ||
		    smbios_string(&s, s.data[offset], &text, &n) < 0)
			return -ENOENT;
		from = text;
	} else {
		if (offset >= s.len || length > s.len - offset)
			return -ENOENT;
		from = s.data + offset;
		n = length;
	}
	if (buf)
		memcpy(buf, from, MIN(n, len));
	return (int)n;
}

/**
 * The system UUID (type 1 offset 8) in network byte order: SMBIOS stores
 * its first three fields little-endian (2.6 and later, as every firmware
 * in use does); all 0x00 or all 0xff means it is not set
 */
static int smbios_uuid(char *buf, size_t len)
{
	uint8_t raw[SMBIOS_UUID_LEN];
	int zero = 1, ones = 1;
	int n = smbios_read(SMBIOS_SYSTEM, 8, SMBIOS_UUID_LEN, raw, sizeof(raw));

	if (n != SMBIOS_UUID_LEN || len < SMBIOS_UUID_LEN)
		return -ENOENT;
	for (int i = 0; i < SMBIOS_UUID_LEN; i++) {
		zero &= raw[i] == 0x00;
		ones &= raw[i] == 0xff;
	}
	if (zero || ones)
		return -ENOENT;
	buf[0] = (char)raw[3];
	buf[1] = (char)raw[2];
	buf[2] = (char)raw[1];
	buf[3] = (char)raw[0];
	buf[4] = (char)raw[5];
	buf[5] = (char)raw[4];
	buf[6] = (char)raw[7];
	buf[7] = (char)raw[6];
	memcpy(buf + 8, raw + 8, 8);
	return SMBIOS_UUID_LEN;
}

/** ${manufacturer}: system manufacturer (type 1, string at offset 4) */
static int smbios_manufacturer(char *buf, size_t len)
{
	return smbios_read(SMBIOS_SYSTEM, 4, 0, buf, len);
}

/** ${product}: product name (type 1, string at offset 5) */
static int smbios_product(char *buf, size_t len)
{
	return smbios_read(SMBIOS_SYSTEM, 5, 0, buf, len);
}

/** ${serial}: system serial number (type 1, string at offset 7) */
static int smbios_serial(char *buf, size_t len)
{
	return smbios_read(SMBIOS_SYSTEM, 7, 0, buf, len);
}

/** ${board-serial}: baseboard serial number (type 2, string at offset 7) */
static int smbios_board_serial(char *buf, size_t len)
{
	return smbios_read(SMBIOS_BOARD, 7, 0, buf, len);
}

/** ${asset}: chassis asset tag (type 3, string at offset 8) */
static int smbios_asset(char *buf, size_t len)
{
	return smbios_read(SMBIOS_CHASSIS, 8, 0, buf, len);
}

/** Define and register one SMBIOS setting, computed by smbios_@p ident */
#define SMBIOS_SETTING(ident, sname, stype, stag, sdesc)                  \
	SETTING_DEFINE(smbios_def_##ident, sname, stype, stag, sdesc,    \
		       smbios_##ident)

SMBIOS_SETTING(manufacturer, "manufacturer", string, 0, "Manufacturer");
SMBIOS_SETTING(product, "product", string, 0, "Product name");
SMBIOS_SETTING(serial, "serial", string, 0, "Serial number");
SMBIOS_SETTING(asset, "asset", string, 0, "Asset tag");
SMBIOS_SETTING(board_serial, "board-serial", string, 0,
	       "Base board serial number");
SMBIOS_SETTING(uuid, "uuid", uuid, 97, "UUID");

/** The named settings, also readable as "smbios/NAME" */
static const struct setting_def *const smbios_named[] = {
	&smbios_def_manufacturer, &smbios_def_product, &smbios_def_serial,
	&smbios_def_asset, &smbios_def_board_serial, &smbios_def_uuid,
};

/**
 * Parse one decimal (or 0x hex) number of "TYPE.OFFSET.LENGTH"
 *
 * @v p         where it starts; moved past it
 * @v max       largest value allowed
 * @v value     receives it
 * @ret ok      nonzero if a number in range was there
 */
static int smbios_parse_number(const char **p, unsigned long max,
			       unsigned int *value)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)**p))
		return 0;
	v = strtoul(*p, &end, 0);
	if (end == *p || v > max)
		return 0;
	*p = end;
	*value = (unsigned int)v;
	return 1;
}

/**
 * `smbios/` scope: "TYPE.OFFSET.LENGTH" (LENGTH 0: the string numbered
 * by the byte at OFFSET, as text; else LENGTH raw bytes, shown as hex),
 * or a named SMBIOS setting ("smbios/serial")
 */
static int smbios_scope_fetch(const char *name, void *buf, size_t len,
			      const struct setting_type **type)
{
	unsigned int stype, offset, length;
	const char *p = name;

	for (unsigned int i = 0; i < ARRAY_SIZE(smbios_named); i++) {
		char value[SMBIOS_VALUE_MAX];
		int n;

		if (strcmp(smbios_named[i]->name, name) != 0)
			continue;
		*type = smbios_named[i]->type;
		n = smbios_named[i]->compute(value, sizeof(value));
		if (n > 0 && buf)
			memcpy(buf, value, MIN((size_t)n, len));
		return n;
	}
	if (!smbios_parse_number(&p, 255, &stype) || *p++ != '.' ||
	    !smbios_parse_number(&p, 255, &offset) || *p++ != '.' ||
	    !smbios_parse_number(&p, 255, &length) || *p)
		return -EINVAL;
	*type = length ? &setting_type_hex : &setting_type_string;
	return smbios_read(stype, offset, length, buf, len);
}

/** The `smbios/` scope */
static const struct settings_scope smbios_scope = {
	.name = "smbios",
	.fetch = smbios_scope_fetch,
};
SETTINGS_SCOPE(smbios_scope);
