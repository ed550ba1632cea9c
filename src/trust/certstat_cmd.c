/** @file The `certstat` command: the trust store, one root a line. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/trust.h>
#include <mbedtls/sha256.h>
#include "trust_names.h"

static const struct command certstat_command;

/** Print "NAME  sha256:PREFIX  until DATE" for @p crt */
static void certstat_show(const mbedtls_x509_crt *crt)
{
	unsigned char digest[32];
	char name[96], until[16];

	trust_cert_name(crt, name, sizeof(name));
	trust_date(&crt->valid_to, until, sizeof(until));
	mbedtls_sha256(crt->raw.p, crt->raw.len, digest, 0);
	printf("%s  sha256:", name);
	for (unsigned int i = 0; i < 8; i++)
		printf("%02x", digest[i]);
	printf("  until %s\n", until);
}

/** `certstat`: list the trusted roots, the client certificate and key */
static int certstat_exec(int argc, char **argv)
{
	const mbedtls_x509_crt *crt;

	(void)argv;
	if (argc > 1)
		return command_usage(&certstat_command);
	for (crt = trust_roots(); crt && crt->raw.p; crt = crt->next)
		certstat_show(crt);
	printf("%u trusted roots\n", trust_root_count());
	for (crt = trust_client_cert(); crt && crt->raw.p; crt = crt->next) {
		printf("client: ");
		certstat_show(crt);
	}
	if (trust_client_key())
		printf("client key: %s\n", mbedtls_pk_get_name(trust_client_key()));
	return 0;
}

/** The `certstat` command */
static const struct command certstat_command = {
	.name = "certstat",
	.usage = "",
	.exec = certstat_exec,
};
COMMAND(certstat_command);
