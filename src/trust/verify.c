/** @file Verifying certificate chains against the trust store and the clock, with one line's cause on failure. */
#include <stdio.h>
#include <lwpxe/errors.h>
#include <lwpxe/time.h>
#include <lwpxe/trust.h>
#include "trust_names.h"

/** The certificate mbedTLS found the first problem with, and what it was */
struct trust_problem {
	const mbedtls_x509_crt *crt;    /**< the certificate, NULL if none */
	uint32_t flags;                 /**< its MBEDTLS_X509_BADCERT_ flags */
};

/** " (the clock is not set: use ntp)" if time_now() is unknown, else "" */
static const char *trust_clock_note(void)
{
	return time_now() < 0 ? " (the clock is not set: use ntp)" : "";
}

void trust_describe(uint32_t flags, const mbedtls_x509_crt *crt,
		    const char *name, char *why, size_t why_len)
{
	char subject[96], other[96], names[160];

	trust_cert_name(crt, subject, sizeof(subject));
	if (flags & MBEDTLS_X509_BADCERT_EXPIRED) {
		trust_date(&crt->valid_to, other, sizeof(other));
		snprintf(why, why_len, "certificate %s expired on %s%s",
			 subject, other, trust_clock_note());
	} else if (flags & MBEDTLS_X509_BADCERT_FUTURE) {
		trust_date(&crt->valid_from, other, sizeof(other));
		snprintf(why, why_len, "certificate %s not valid before %s%s",
			 subject, other, trust_clock_note());
	} else if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) {
		trust_host_names(crt, names, sizeof(names));
		snprintf(why, why_len, "name mismatch: %s is not in the "
			 "certificate's names (%s)", name ? name : "?", names);
	} else if (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) {
		trust_dn_name(&crt->issuer, other, sizeof(other));
		snprintf(why, why_len, "certificate %s not trusted (issuer %s "
			 "is not in the trust store)", subject, other);
	} else {
		snprintf(why, why_len, "certificate %s not accepted (%s%s%s)",
			 subject,
			 flags & MBEDTLS_X509_BADCERT_BAD_MD ? "weak digest" : "",
			 flags & MBEDTLS_X509_BADCERT_BAD_KEY ? " weak key" : "",
			 flags & ~(MBEDTLS_X509_BADCERT_BAD_MD |
				   MBEDTLS_X509_BADCERT_BAD_KEY) ? " invalid" : "");
	}
}

/** mbedTLS's per-certificate callback: keep the problem nearest the root */
static int trust_vrfy(void *ctx, mbedtls_x509_crt *crt, int depth,
		      uint32_t *flags)
{
	struct trust_problem *p = ctx;

	(void)depth;
	if (*flags && !p->crt) {
		p->crt = crt;
		p->flags = *flags;
	}
	return 0;
}

int trust_verify(mbedtls_x509_crt *chain, const char *name, char *why,
		 size_t why_len)
{
	struct trust_problem problem = { NULL, 0 };
	mbedtls_x509_crt *roots = trust_roots();
	mbedtls_x509_crt none;
	uint32_t flags = 0;
	int rc;

	mbedtls_x509_crt_init(&none);
	rc = mbedtls_x509_crt_verify(chain, roots ? roots : &none, NULL, name,
				     &flags, trust_vrfy, &problem);
	if (rc == 0)
		return 0;
	if (!problem.crt) {
		problem.crt = chain;
		problem.flags = flags;
	}
	trust_describe(problem.flags, problem.crt, name, why, why_len);
	return problem.flags == MBEDTLS_X509_BADCERT_CN_MISMATCH ? -EPERM : -EACCES;
}
