/** @file The `httprange` command: a file's size and the SHA-256 of one range of it, read with Range requests (checks ranged reads from a script). */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/http.h>
#include <lwpxe/script.h>
#include <mbedtls/sha256.h>

/** Largest range the command reads at once */
#define HTTPRANGE_MAX (16 * 1024 * 1024)

static const struct command httprange_cmd;

/** Read @p argv's number @p text into @p value; 0 or -EINVAL (message printed) */
static int httprange_number(const char *text, unsigned long long *value)
{
	char *end;

	*value = strtoull(text, &end, 0);
	if (*text && !*end)
		return 0;
	printf("%shttprange: \"%s\" is not a number\n", script_where(), text);
	return -EINVAL;
}

/** Print the size of @p uri and the SHA-256 of @p len bytes at @p offset */
static int httprange_run(const char *uri, unsigned long long offset,
			 unsigned long long len)
{
	unsigned char *buf = malloc(len);
	unsigned char sum[32];
	uint64_t size;
	char why[96];
	int rc;

	if (!buf)
		return -ENOMEM;
	why[0] = '\0';
	rc = http_size(uri, &size, why, sizeof(why));
	if (rc == 0)
		rc = http_read_range(uri, offset, buf, len, why, sizeof(why));
	if (rc < 0) {
		printf("%shttprange: %s: %s\n", script_where(), uri,
		       why[0] ? why : errmsg(rc));
	} else {
		mbedtls_sha256(buf, len, sum, 0);
		printf("%s: %llu bytes; bytes %llu-%llu sha256 ", uri,
		       (unsigned long long)size, offset, offset + len - 1);
		for (unsigned int i = 0; i < sizeof(sum); i++)
			printf("%02x", sum[i]);
		printf("\n");
	}
	free(buf);
	return rc;
}

/** `httprange URI OFFSET LENGTH` */
static int httprange_exec(int argc, char **argv)
{
	unsigned long long offset, len;

	if (argc != 4)
		return command_usage(&httprange_cmd);
	if (httprange_number(argv[2], &offset) < 0 ||
	    httprange_number(argv[3], &len) < 0)
		return -EINVAL;
	if (!len || len > HTTPRANGE_MAX) {
		printf("%shttprange: length must be 1 to %u\n", script_where(),
		       HTTPRANGE_MAX);
		return -EINVAL;
	}
	return httprange_run(argv[1], offset, len);
}

/** The `httprange` command */
static const struct command httprange_cmd = {
	.name = "httprange",
	.usage = "uri offset length",
	.exec = httprange_exec,
};
COMMAND(httprange_cmd);
