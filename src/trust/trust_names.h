/** @file Naming certificates in messages (src/trust/names.c). */
#ifndef TRUST_NAMES_H
#define TRUST_NAMES_H

#include <stddef.h>
#include <mbedtls/x509_crt.h>

/** The CN, else the O, of @p dn into @p buf ("?" if neither) */
void trust_dn_name(const mbedtls_x509_name *dn, char *buf, size_t len);

/** @p t as "YYYY-MM-DD" into @p buf */
void trust_date(const mbedtls_x509_time *t, char *buf, size_t len);

/** The names @p crt is valid for (its CN, then its DNS and IPv4 subjectAltNames but the CN again) as "a, b" into @p buf */
void trust_host_names(const mbedtls_x509_crt *crt, char *buf, size_t len);

#endif
