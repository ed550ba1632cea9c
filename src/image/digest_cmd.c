/** @file Digest commands: `sha256sum` and `md5sum` of images, printed as `sha256sum` prints them. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/script.h>
#include <mbedtls/md5.h>
#include <mbedtls/sha256.h>

/** A digest: its size and how to compute it */
struct digest {
	const char *cmd;            /**< command name */
	unsigned int len;           /**< digest length in bytes */
	/** Compute the digest of @p len bytes at @p data into @p out; 0 or nonzero */
	int (*compute)(const void *data, size_t len, unsigned char *out);
};

/** SHA-256 of @p len bytes at @p data */
static int digest_sha256(const void *data, size_t len, unsigned char *out)
{
	return mbedtls_sha256(data, len, out, 0);
}

/** MD5 of @p len bytes at @p data */
static int digest_md5(const void *data, size_t len, unsigned char *out)
{
	return mbedtls_md5(data, len, out);
}

/** The two digests */
static const struct digest digest_sha256_def = { "sha256sum", 32, digest_sha256 };
static const struct digest digest_md5_def = { "md5sum", 16, digest_md5 };

/** Print "HEX  NAME" for each image named in @p argv; 0 or -ENOENT */
static int digest_run(const struct digest *d, const struct command *cmd,
		      int argc, char **argv)
{
	unsigned char out[32];
	int rc = 0;

	if (argc < 2)
		return command_usage(cmd);
	for (int a = 1; a < argc; a++) {
		struct image *image = image_find(argv[a]);

		if (!image) {
			printf("%s%s: %s: no such image\n", script_where(),
			       d->cmd, argv[a]);
			rc = -ENOENT;
			continue;
		}
		if (d->compute(image->data, image->len, out) != 0) {
			printf("%s%s: %s: digest failed\n", script_where(),
			       d->cmd, argv[a]);
			rc = -EIO;
			continue;
		}
		for (unsigned int i = 0; i < d->len; i++)
			printf("%02x", out[i]);
		printf("  %s\n", image->name);
	}
	return rc;
}

static const struct command digest_sha256_cmd;
static const struct command digest_md5_cmd;

/** `sha256sum NAME...` */
static int digest_sha256_exec(int argc, char **argv)
{
	return digest_run(&digest_sha256_def, &digest_sha256_cmd, argc, argv);
}

/** `md5sum NAME...` */
static int digest_md5_exec(int argc, char **argv)
{
	return digest_run(&digest_md5_def, &digest_md5_cmd, argc, argv);
}

/** The `sha256sum` command */
static const struct command digest_sha256_cmd = {
	.name = "sha256sum",
	.usage = "name...",
	.exec = digest_sha256_exec,
};
COMMAND(digest_sha256_cmd);

/** The `md5sum` command */
static const struct command digest_md5_cmd = {
	.name = "md5sum",
	.usage = "name...",
	.exec = digest_md5_exec,
};
COMMAND(digest_md5_cmd);
