/** @file SMBIOS entry points and structure tables, read from untrusted bytes. */
#include <string.h>
#include <lwpxe/byteorder.h>
#include <lwpxe/errors.h>
#include <lwpxe/smbios.h>

/** Length of a 2.x entry point ("_SM_") and of its "_DMI_" part */
#define SMBIOS2_EP_LEN 0x1f
/** Offset of the "_DMI_" intermediate entry point in a 2.x one */
#define SMBIOS2_DMI_OFF 0x10
/** Length of the "_DMI_" part the second checksum covers */
#define SMBIOS2_DMI_LEN 0x0f
/** Length of a 3.x entry point ("_SM3_") */
#define SMBIOS3_EP_LEN 0x18
/** Type of the end-of-table structure */
#define SMBIOS_TYPE_END 127

/** Nonzero if the @p len bytes at @p p sum to 0 modulo 256 */
static int smbios_sum_ok(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	while (len--)
		sum = (uint8_t)(sum + *p++);
	return sum == 0;
}

int smbios_entry_parse(const void *ep, size_t len, uint64_t *addr,
		       size_t *table_len)
{
	const uint8_t *p = ep;

	if (len >= SMBIOS3_EP_LEN && memcmp(p, "_SM3_", 5) == 0) {
		if (p[6] < SMBIOS3_EP_LEN || p[6] > len ||
		    !smbios_sum_ok(p, p[6]))
			return -ENOENT;
		*table_len = get_le32(p + 0x0c);
		*addr = (uint64_t)get_le32(p + 0x10) |
			(uint64_t)get_le32(p + 0x14) << 32;
		return 0;
	}
	if (len >= SMBIOS2_EP_LEN && memcmp(p, "_SM_", 4) == 0) {
		if (p[5] < SMBIOS2_EP_LEN || p[5] > len ||
		    !smbios_sum_ok(p, p[5]) ||
		    memcmp(p + SMBIOS2_DMI_OFF, "_DMI_", 5) != 0 ||
		    !smbios_sum_ok(p + SMBIOS2_DMI_OFF, SMBIOS2_DMI_LEN))
			return -ENOENT;
		*table_len = get_le16(p + 0x16);
		*addr = get_le32(p + 0x18);
		return 0;
	}
	return -ENOENT;
}

/**
 * Length of the string set starting at @p p, up to and including its
 * double NUL (a set without strings is two NULs too)
 *
 * @v avail     bytes readable at @p p
 * @ret len     its length, or 0 if it does not end within @p avail
 */
static size_t smbios_strings_len(const uint8_t *p, size_t avail)
{
	for (size_t i = 0; i + 1 < avail; i++) {
		if (p[i] == 0 && p[i + 1] == 0)
			return i + 2;
	}
	return 0;
}

int smbios_find(const void *table, size_t len, unsigned int type,
		unsigned int instance, struct smbios_structure *found)
{
	const uint8_t *p = table;
	size_t off = 0;

	while (len - off >= 4) {
		size_t flen = p[off + 1];
		size_t slen;

		if (flen < 4 || flen > len - off)
			break;
		slen = smbios_strings_len(p + off + flen, len - off - flen);
		if (!slen)
			break;
		if (p[off] == type && instance-- == 0) {
			found->data = p + off;
			found->len = flen;
			found->strings = (const char *)(p + off + flen);
			found->strings_len = slen;
			return 0;
		}
		if (p[off] == SMBIOS_TYPE_END)
			break;
		off += flen + slen;
	}
	return -ENOENT;
}

int smbios_string(const struct smbios_structure *s, unsigned int index,
		  const char **text, size_t *text_len)
{
	size_t off = 0;

	if (!index)
		return -ENOENT;
	/* the set ends in two NULs: every string in it is NUL-terminated */
	while (off + 1 < s->strings_len && s->strings[off]) {
		size_t n = strlen(s->strings + off);

		if (--index == 0) {
			*text = s->strings + off;
			*text_len = n;
			return 0;
		}
		off += n + 1;
	}
	return -ENOENT;
}
