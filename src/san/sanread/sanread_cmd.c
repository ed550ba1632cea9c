/** @file The `sanread` command: stream blocks of a SAN drive, print SHA-256 and rate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mbedtls/sha256.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/san.h>
#include <lwpxe/time.h>
#include <lwpxe/script.h>

/** Option ids */
enum {
	SANREAD_OPT_DRIVE = 1,
	SANREAD_OPT_START,
	SANREAD_OPT_COUNT,
	SANREAD_OPT_NO_DIGEST,
};

/** Options of `sanread` */
static const struct cmd_option sanread_opts[] = {
	{ .name = "drive", .short_name = 'd', .has_arg = 1,
	  .id = SANREAD_OPT_DRIVE },
	{ .name = "start", .short_name = 's', .has_arg = 1,
	  .id = SANREAD_OPT_START },
	{ .name = "count", .short_name = 'c', .has_arg = 1,
	  .id = SANREAD_OPT_COUNT },
	{ .name = "no-digest", .short_name = 'n', .has_arg = 0,
	  .id = SANREAD_OPT_NO_DIGEST },
};

/** What `sanread` was asked to read */
struct sanread_args {
	unsigned long long drive;  /**< drive number */
	unsigned long long start;  /**< first block */
	unsigned long long count;  /**< blocks, or ~0 for "to the end" */
	int no_digest;             /**< time the read alone, without SHA-256 */
};

/** Hashing state while streaming */
struct sanread_ctx {
	mbedtls_sha256_context sha;    /**< running hash */
	uint64_t bytes;                /**< bytes read so far */
	int digest;                    /**< nonzero to hash what is read */
};

static const struct command sanread_cmd;

/** Parse a whole unsigned number (decimal or 0x hex); 0 if bad */
static int sanread_number(const char *text, unsigned long long *value)
{
	char *end;

	if (!text[0] || text[0] == '-')
		return 0;
	*value = strtoull(text, &end, 0);
	return *end == '\0';
}

/** Parse the options; 0 or -EINVAL (message printed) */
static int sanread_parse(int argc, char **argv, struct sanread_args *a)
{
	static const char *const what[] = { "", "drive", "start", "count" };
	int optind = 1;
	char *arg;
	int id;

	a->drive = SAN_DEFAULT_DRIVE;
	a->start = 0;
	a->count = ~0ULL;
	a->no_digest = 0;
	while ((id = parse_options(&sanread_cmd, sanread_opts,
				   ARRAY_SIZE(sanread_opts), argc, argv,
				   &optind, &arg)) > 0) {
		unsigned long long *v = id == SANREAD_OPT_DRIVE ? &a->drive :
					id == SANREAD_OPT_START ? &a->start :
								  &a->count;

		if (id == SANREAD_OPT_NO_DIGEST) {
			a->no_digest = 1;
			continue;
		}
		if (!sanread_number(arg, v) ||
		    (id == SANREAD_OPT_DRIVE && *v > SAN_MAX_DRIVE)) {
			printf("%ssanread: bad %s \"%s\"\n", script_where(),
			       what[id], arg);
			return -EINVAL;
		}
	}
	if (id < 0)
		return id;
	if (optind != argc)
		return command_usage(&sanread_cmd);
	return 0;
}

/** Count (and unless --no-digest, hash) one streamed chunk */
static int sanread_consume(void *ctx, const void *data, size_t len)
{
	struct sanread_ctx *c = ctx;

	if (c->digest)
		mbedtls_sha256_update(&c->sha, data, len);
	c->bytes += len;
	return 0;
}

/** Print "sha256 <hex>" (unless --no-digest) and "read N bytes in S s (R MB/s)" */
static void sanread_report(struct sanread_ctx *c, uint64_t us)
{
	unsigned char hash[32];
	uint64_t cs = us / 10000;
	uint64_t rate = us ? c->bytes * 10 / us : 0;

	if (c->digest) {
		mbedtls_sha256_finish(&c->sha, hash);
		printf("sha256 ");
		for (unsigned int i = 0; i < sizeof(hash); i++)
			printf("%02x", hash[i]);
		printf("\n");
	}
	printf("read %llu bytes in %llu.%02llu s (%llu.%llu MB/s)\n",
	       (unsigned long long)c->bytes, (unsigned long long)(cs / 100),
	       (unsigned long long)(cs % 100), (unsigned long long)(rate / 10),
	       (unsigned long long)(rate % 10));
}

/** Check the range against @p drive, filling in a default count; 0 or -ERANGE */
static int sanread_range(const struct san_drive *drive, struct sanread_args *a)
{
	if (a->count == ~0ULL && a->start <= drive->blocks)
		a->count = drive->blocks - a->start;
	if (a->start <= drive->blocks && a->count <= drive->blocks - a->start)
		return 0;
	printf("%ssanread: drive %#x: blocks %llu+%llu lie beyond the end (%llu blocks)\n",
	       script_where(), drive->number, a->start, a->count,
	       (unsigned long long)drive->blocks);
	return -ERANGE;
}

/**
 * `sanread [--drive D] [--start LBA] [--count N] [--no-digest]`: read
 * blocks of a hooked drive (all of it by default) through the streaming
 * path and print their SHA-256 and the rate
 */
static int sanread_exec(int argc, char **argv)
{
	struct sanread_args a;
	struct sanread_ctx *c;
	struct san_drive *drive;
	uint64_t t0;
	int rc;

	rc = sanread_parse(argc, argv, &a);
	if (rc < 0)
		return rc;
	drive = san_find((unsigned int)a.drive);
	if (!drive) {
		printf("%ssanread: drive %#x is not hooked\n", script_where(),
		       (unsigned int)a.drive);
		return -ENODEV;
	}
	rc = sanread_range(drive, &a);
	if (rc < 0)
		return rc;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->digest = !a.no_digest;
	mbedtls_sha256_init(&c->sha);
	mbedtls_sha256_starts(&c->sha, 0);
	t0 = time_us();
	rc = san_stream(drive, a.start, a.count, sanread_consume, c);
	if (rc == 0)
		sanread_report(c, time_us() - t0);
	else
		printf("%ssanread: drive %#x (%s): read failed at block %llu: %s\n",
		       script_where(), drive->number, san_uri(drive),
		       a.start + c->bytes / drive->block_size, errmsg(rc));
	mbedtls_sha256_free(&c->sha);
	free(c);
	return rc;
}

/** The `sanread` command */
static const struct command sanread_cmd = {
	.name = "sanread",
	.usage = "[--drive D] [--start LBA] [--count N] [--no-digest]",
	.exec = sanread_exec,
};
COMMAND(sanread_cmd);
