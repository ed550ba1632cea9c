/** @file Naming certificates in messages: subject common name, names a certificate is valid for, dates. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/format.h>
#include <lwpxe/trust.h>
#include <mbedtls/asn1.h>
#include <mbedtls/oid.h>
#include "trust_names.h"

/**
 * @p n bytes of certificate text at @p p into @p buf, each byte outside
 * printable ASCII as '?': a certificate's names go into one-line messages
 * on the console, which must not break the line or take escape sequences
 */
static void trust_text(const unsigned char *p, size_t n, char *buf, size_t len)
{
	size_t i;

	if (!len)
		return;
	for (i = 0; i < n && i < len - 1; i++)
		buf[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
	buf[i] = '\0';
}

/** The attribute @p oid of distinguished name @p dn into @p buf; 0, or -1 if absent */
static int trust_dn_attr(const mbedtls_x509_name *dn, const char *oid,
			 size_t oid_len, char *buf, size_t len)
{
	for (; dn; dn = dn->next) {
		if (dn->oid.len == oid_len && memcmp(dn->oid.p, oid, oid_len) == 0) {
			trust_text(dn->val.p, dn->val.len, buf, len);
			return 0;
		}
	}
	return -1;
}

/** The CN, else the O, of @p dn into @p buf ("?" if neither) */
void trust_dn_name(const mbedtls_x509_name *dn, char *buf, size_t len)
{
	if (trust_dn_attr(dn, MBEDTLS_OID_AT_CN, MBEDTLS_OID_SIZE(MBEDTLS_OID_AT_CN),
			  buf, len) < 0 &&
	    trust_dn_attr(dn, MBEDTLS_OID_AT_ORGANIZATION,
			  MBEDTLS_OID_SIZE(MBEDTLS_OID_AT_ORGANIZATION), buf, len) < 0)
		snprintf(buf, len, "?");
}

void trust_cert_name(const mbedtls_x509_crt *crt, char *buf, size_t len)
{
	trust_dn_name(&crt->subject, buf, len);
}

/** @p t as "YYYY-MM-DD" into @p buf */
void trust_date(const mbedtls_x509_time *t, char *buf, size_t len)
{
	snprintf(buf, len, "%04d-%02d-%02d", t->year, t->mon, t->day);
}

/** Subject alternative name @p san as text into @p buf (DNS names and IPv4 addresses); nonzero if it is neither */
static int trust_san_text(const mbedtls_asn1_buf *san, char *buf, size_t len)
{
	if (san->tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2)) {
		trust_text(san->p, san->len, buf, len);
		return 0;
	}
	if (san->tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7) && san->len == 4) {
		snprintf(buf, len, "%u.%u.%u.%u", san->p[0], san->p[1],
			 san->p[2], san->p[3]);
		return 0;
	}
	return -1;
}

/** The names @p crt is valid for (its CN, then its DNS and IPv4 subjectAltNames but the CN again) as "a, b" into @p buf */
void trust_host_names(const mbedtls_x509_crt *crt, char *buf, size_t len)
{
	char cn[128] = "", san[128];
	size_t n = 0;

	buf[0] = '\0';
	if (trust_dn_attr(&crt->subject, MBEDTLS_OID_AT_CN,
			  MBEDTLS_OID_SIZE(MBEDTLS_OID_AT_CN), cn, sizeof(cn)) == 0)
		format_list_add(buf, len, &n, cn, "");
	for (const mbedtls_x509_sequence *s = &crt->subject_alt_names;
	     s && s->buf.p; s = s->next) {
		if (trust_san_text(&s->buf, san, sizeof(san)) != 0 ||
		    strcmp(san, cn) == 0)
			continue;
		if (format_list_add(buf, len, &n, san, "") < 0)
			break;
	}
	if (!n)
		snprintf(buf, len, "none");
}
