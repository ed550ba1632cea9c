/** @file The trust store: root certificates, the client certificate, and verifying certificate chains and signed images. */
#ifndef LWPXE_TRUST_H
#define LWPXE_TRUST_H

#include <stddef.h>
#include <stdint.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

/**
 * The trusted roots (built in with TRUST=, default Debian's
 * ca-certificates, plus those trust_add() added), parsed on first use
 *
 * @ret roots   the chain of roots; NULL if there are none
 */
mbedtls_x509_crt *trust_roots(void);

/** Number of roots in trust_roots() */
unsigned int trust_root_count(void);

/**
 * Add roots from @p len bytes of PEM or DER certificates (Linux: --trust)
 *
 * @v why       on failure, receives one line's cause
 * @ret count   number of certificates added, or -EINVAL if none parsed
 */
int trust_add(const void *data, size_t len, char *why, size_t why_len);

/** The client certificate (and its chain) built in with CERT=; NULL if none */
mbedtls_x509_crt *trust_client_cert(void);

/** The client's private key built in with PRIVKEY=; NULL if none */
mbedtls_pk_context *trust_client_key(void);

/**
 * Replace the client certificate and key with those in @p cert (PEM or
 * DER, the leaf first, then its chain) and @p key (PEM or DER,
 * unencrypted) (Linux: --cert and --key)
 *
 * @v why       on failure, receives one line's cause
 * @ret rc      0, or -EINVAL (then there is no client certificate)
 */
int trust_set_client(const void *cert, size_t cert_len, const void *key,
		     size_t key_len, char *why, size_t why_len);

/**
 * Verify certificate @p chain (leaf first, then intermediates) against
 * the roots and the clock (time_now())
 *
 * @v name      the host name the leaf must carry (CN or subjectAltName); NULL: not checked
 * @v why       on failure, receives one line's cause: "not trusted (issuer
 *              CN=...)", "expired on 2024-01-01 (CN=...)", "not valid
 *              before ...", "name mismatch: ... (certificate names: ...)"
 * @ret rc      0, -EACCES if not trusted or out of date, -EPERM on a name mismatch
 */
int trust_verify(mbedtls_x509_crt *chain, const char *name, char *why,
		 size_t why_len);

/**
 * Describe mbedTLS verification @p flags for @p crt in one line into
 * @p why (what trust_verify() says; for a TLS layer whose handshake
 * verified the chain)
 */
void trust_describe(uint32_t flags, const mbedtls_x509_crt *crt,
		    const char *name, char *why, size_t why_len);

/** The common name of @p crt's subject, else its organization, else "?" into @p buf */
void trust_cert_name(const mbedtls_x509_crt *crt, char *buf, size_t len);

/**
 * Check detached CMS/PKCS#7 signature @p sig over @p len bytes at @p data:
 * its signer must chain to the roots and, if @p signer is not NULL,
 * carry that common name
 *
 * @v why       on failure, receives one line's cause ("bad signature
 *              (digest mismatch)", "signer CN=x not trusted (issuer ...)",
 *              "wrong signer: x (not y)", "malformed signature file: ...")
 * @ret rc      0, -EBADMSG (malformed), -EACCES (bad or untrusted), -EPERM (wrong signer)
 */
int trust_verify_signature(const void *data, size_t len, const void *sig,
			   size_t sig_len, const char *signer, char *why,
			   size_t why_len);

#endif
