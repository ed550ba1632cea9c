/** @file Detached CMS/PKCS#7 signatures over images: parsed and checked by mbedTLS, the signer chained to the trust store. */
#define MBEDTLS_ALLOW_PRIVATE_ACCESS    /* the signed data's certificates and signer count */
#include <stdio.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/trust.h>
#include <mbedtls/pkcs7.h>
#include "trust_names.h"

/** Words for a parse failure of the signature file */
static const char *trust_pkcs7_error(int rc)
{
	switch (rc) {
	case MBEDTLS_ERR_PKCS7_FEATURE_UNAVAILABLE:
		return "not CMS signed data";
	case MBEDTLS_ERR_PKCS7_INVALID_CERT:
		return "bad signer certificate";
	case MBEDTLS_ERR_PKCS7_INVALID_SIGNER_INFO:
		return "bad signer info (signed attributes are not supported)";
	case MBEDTLS_ERR_PKCS7_ALLOC_FAILED:
		return "out of memory";
	default:
		return "not DER CMS/PKCS#7";
	}
}

/** Check @p p7's signer certificate: trusted, and named @p signer if given */
static int trust_check_signer(mbedtls_pkcs7 *p7, const char *signer,
			      char *why, size_t why_len)
{
	mbedtls_x509_crt *crt = &p7->signed_data.certs;
	char cause[192], name[96];
	int rc;

	if (p7->signed_data.no_of_certs < 1 || !crt->raw.p) {
		snprintf(why, why_len, "no signer certificate in the signature");
		return -EACCES;
	}
	trust_cert_name(crt, name, sizeof(name));
	rc = trust_verify(crt, NULL, cause, sizeof(cause));
	if (rc < 0) {
		snprintf(why, why_len, "signer %s", cause);
		return rc;
	}
	if (signer && strcmp(signer, name) != 0) {
		snprintf(why, why_len, "wrong signer: %s (not %s)", name, signer);
		return -EPERM;
	}
	return 0;
}

int trust_verify_signature(const void *data, size_t len, const void *sig,
			   size_t sig_len, const char *signer, char *why,
			   size_t why_len)
{
	mbedtls_pkcs7 p7;
	int rc;

	mbedtls_pkcs7_init(&p7);
	rc = mbedtls_pkcs7_parse_der(&p7, sig, sig_len);
	if (rc != MBEDTLS_PKCS7_SIGNED_DATA) {
		snprintf(why, why_len, "malformed signature file: %s",
			 rc < 0 ? trust_pkcs7_error(rc) : "not CMS signed data");
		rc = -EBADMSG;
	} else if (p7.signed_data.no_of_signers < 1) {
		snprintf(why, why_len, "no signature (the file has no signer)");
		rc = -EACCES;
	} else {
		rc = trust_check_signer(&p7, signer, why, why_len);
		if (rc == 0 && mbedtls_pkcs7_signed_data_verify(
				&p7, &p7.signed_data.certs, data, len) != 0) {
			snprintf(why, why_len, "bad signature (digest mismatch)");
			rc = -EACCES;
		}
	}
	mbedtls_pkcs7_free(&p7);
	return rc;
}
