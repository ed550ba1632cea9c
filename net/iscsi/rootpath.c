/** @file iSCSI root paths (RFC 4173): iscsi:<server>:<protocol>:<port>:<LUN>:<target>. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include "iscsi_int.h"

/** A field of the root path: start and length within the text */
struct rootpath_field {
	const char *p;   /**< first character */
	size_t len;      /**< length */
};

/**
 * Refuse a root path, naming the bad field
 *
 * @v text      whole root path
 * @v what      field name ("port")
 * @v f         its value
 * @ret rc      -EINVAL
 */
static int rootpath_bad(const char *text, const char *what,
			const struct rootpath_field *f)
{
	printf("iSCSI root-path \"%s\": bad %s \"%.*s\"\n", text, what,
	       (int)f->len, f->p);
	return -EINVAL;
}

/** Refuse a root path with fewer than six fields; returns -EINVAL */
static int rootpath_short(const char *text)
{
	printf("iSCSI root-path \"%s\": too few fields (want "
	       "iscsi:server:protocol:port:LUN:target)\n", text);
	return -EINVAL;
}

/** Nonzero if @p c may appear in a host name or IPv4 address */
static int rootpath_host_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '.' || c == '_';
}

/** Nonzero if @p c may appear in an IPv6 address */
static int rootpath_ipv6_char(char c)
{
	return isxdigit((unsigned char)c) || c == ':' || c == '.';
}

/**
 * Split off the server: "[v6]" or text up to the next colon
 *
 * @v p         text after "iscsi:"
 * @v f         receives the server (without brackets)
 * @v ipv6      receives nonzero for a bracketed server
 * @ret next    the character after the server (':' expected), NULL if bad
 */
static const char *rootpath_server(const char *p, struct rootpath_field *f,
				   int *ipv6)
{
	const char *end;

	*ipv6 = (*p == '[');
	if (*ipv6) {
		end = strchr(p, ']');
		f->p = p + 1;
		f->len = end ? (size_t)(end - p - 1) : strlen(p + 1);
		return end ? end + 1 : NULL;
	}
	end = strchr(p, ':');
	f->p = p;
	f->len = end ? (size_t)(end - p) : strlen(p);
	return end;
}

/** Check and copy the server field; 0 or -EINVAL */
static int rootpath_set_server(const char *text, const struct rootpath_field *f,
			       int ipv6, struct iscsi_rootpath *rp)
{
	int colons = 0;

	if (f->len == 0 || f->len >= sizeof(rp->server))
		return rootpath_bad(text, "server", f);
	for (size_t i = 0; i < f->len; i++) {
		char c = f->p[i];

		if (ipv6 ? !rootpath_ipv6_char(c) : !rootpath_host_char(c))
			return rootpath_bad(text, "server", f);
		colons += (c == ':');
	}
	if (ipv6 && colons < 2)
		return rootpath_bad(text, "server", f);
	memcpy(rp->server, f->p, f->len);
	rp->server[f->len] = '\0';
	rp->ipv6 = ipv6;
	return 0;
}

/** Parse an all-digit decimal field of at most 5 digits; -1 if not */
static long rootpath_decimal(const struct rootpath_field *f)
{
	long v = 0;

	if (f->len == 0 || f->len > 5)
		return -1;
	for (size_t i = 0; i < f->len; i++) {
		if (!isdigit((unsigned char)f->p[i]))
			return -1;
		v = v * 10 + (f->p[i] - '0');
	}
	return v;
}

/**
 * Parse a LUN: up to four dash-separated groups of up to four hex
 * digits, each stored big-endian in two bytes of the SAM LUN
 *
 * @ret ok      nonzero if valid
 */
static int rootpath_lun(const struct rootpath_field *f, uint8_t *lun)
{
	unsigned int level = 0;
	unsigned int value = 0;
	unsigned int digits = 0;

	memset(lun, 0, 8);
	if (f->len == 0)
		return 1;
	for (size_t i = 0; i <= f->len; i++) {
		char c = (i < f->len) ? f->p[i] : '\0';

		if (isxdigit((unsigned char)c)) {
			if (++digits > 4)
				return 0;
			value = value * 16 + (unsigned int)(isdigit((unsigned char)c) ?
				c - '0' : tolower((unsigned char)c) - 'a' + 10);
			continue;
		}
		if ((c != '-' && c != '\0') || !digits || level >= 4)
			return 0;
		lun[level * 2] = (uint8_t)(value >> 8);
		lun[level * 2 + 1] = (uint8_t)value;
		level++;
		value = 0;
		digits = 0;
	}
	return 1;
}

/** Check and copy the target name; 0 or -EINVAL */
static int rootpath_set_target(const char *text, const struct rootpath_field *f,
			       struct iscsi_rootpath *rp)
{
	if (f->len == 0 || f->len >= sizeof(rp->target))
		return rootpath_bad(text, "target name", f);
	for (size_t i = 0; i < f->len; i++) {
		if (!isprint((unsigned char)f->p[i]) || f->p[i] == ' ')
			return rootpath_bad(text, "target name", f);
	}
	memcpy(rp->target, f->p, f->len);
	rp->target[f->len] = '\0';
	return 0;
}

/**
 * Split the three colon-terminated fields after the server
 *
 * @v p         text at the colon after the server
 * @v f         receives protocol, port and LUN
 * @ret rest    the target name, NULL if a colon is missing
 */
static const char *rootpath_split(const char *p, struct rootpath_field *f)
{
	for (int i = 0; i < 3; i++) {
		const char *end;

		if (*p != ':')
			return NULL;
		p++;
		end = strchr(p, ':');
		if (!end)
			return NULL;
		f[i].p = p;
		f[i].len = (size_t)(end - p);
		p = end;
	}
	return (*p == ':') ? p + 1 : NULL;
}

int iscsi_rootpath_parse(const char *text, struct iscsi_rootpath *rp)
{
	static const char scheme[] = "iscsi:";
	struct rootpath_field server, f[3], target;
	const char *p;
	long port;
	int ipv6;
	int rc;

	memset(rp, 0, sizeof(*rp));
	for (size_t i = 0; i < sizeof(scheme) - 1; i++) {
		if (tolower((unsigned char)text[i]) != scheme[i]) {
			printf("iSCSI root-path \"%s\": not an iscsi: URI\n", text);
			return -EINVAL;
		}
	}
	p = rootpath_server(text + sizeof(scheme) - 1, &server, &ipv6);
	if (!p && !ipv6)
		return rootpath_short(text);
	if (!p || *p != ':')
		return rootpath_bad(text, "server", &server);
	rc = rootpath_set_server(text, &server, ipv6, rp);
	if (rc)
		return rc;
	p = rootpath_split(p, f);
	if (!p)
		return rootpath_short(text);
	if (f[0].len && !(f[0].len == 1 && f[0].p[0] == '6'))
		return rootpath_bad(text, "protocol (only 6, TCP)", &f[0]);
	port = f[1].len ? rootpath_decimal(&f[1]) : ISCSI_PORT;
	if (port < 1 || port > 65535)
		return rootpath_bad(text, "port", &f[1]);
	rp->port = (uint16_t)port;
	if (!rootpath_lun(&f[2], rp->lun))
		return rootpath_bad(text, "LUN", &f[2]);
	target.p = p;
	target.len = strlen(p);
	return rootpath_set_target(text, &target, rp);
}

char *iscsi_lun_text(const uint8_t *lun, char *buf, size_t len)
{
	unsigned int levels = 4;

	while (levels > 1 && !lun[levels * 2 - 2] && !lun[levels * 2 - 1])
		levels--;
	buf[0] = '\0';
	for (unsigned int i = 0, pos = 0; i < levels && pos < len; i++) {
		int n = snprintf(buf + pos, len - pos, "%s%x", i ? "-" : "",
				 (unsigned int)(lun[i * 2] << 8 | lun[i * 2 + 1]));

		if (n < 0)
			break;
		pos += (unsigned int)n;
	}
	return buf;
}
