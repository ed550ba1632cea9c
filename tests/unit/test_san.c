/** @file Unit tests for the SAN layer (src/san/) against a fake in-memory block device. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mbedtls/sha256.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include <lwpxe/poll.h>
#include <lwpxe/san.h>
#include <lwpxe/settings.h>
#include "fake_nic.h"
#include "platform_stub.h"

/** The fake disk: 4096 blocks of 512 bytes */
#define DISK_BLOCKS 4096
#define BLOCK 512
/** Largest request the fake device accepts */
#define FAKE_MAX_BLOCKS 16

static uint8_t disk[DISK_BLOCKS * BLOCK];

/** A fake device: requests complete a few per poll, in a shuffled order */
struct fake_dev {
	struct blockdev dev;                 /**< what the SAN layer sees */
	struct block_request *queue[64];     /**< requests waiting */
	unsigned int queued;                 /**< how many */
	int fail;                            /**< nonzero: fail everything */
	int fail_after;                      /**< fail after this many completions (0: never) */
	unsigned int completed;              /**< completions so far */
};

/** Behaviour and observations across the fake devices */
static struct {
	struct fake_dev *open[4];   /**< devices currently open */
	unsigned int max_inflight;  /**< most requests queued at once */
	unsigned int submits;       /**< requests submitted */
	int flaky_fail_after;       /**< completions before fake:flaky breaks */
	int flaky_opens_left;       /**< opens of fake:flaky that still work */
	unsigned int rng;           /**< shuffle state */
} fake;

/** Table handed to ibft_install() last (NULL: withdrawn) */
static uint8_t installed[4096];
static size_t installed_len;
static unsigned int installs;
/** Calls of san_platform_boot() */
static unsigned int boots;

/** Capture the table instead of placing it */
int ibft_install(const void *table, size_t len)
{
	installs++;
	installed_len = len;
	if (len)
		memcpy(installed, table, len);
	return 0;
}

/** Pretend to boot: count the call, return as the Linux platform does */
int san_platform_boot(struct san_drive *drive, const char *filename)
{
	(void)filename;
	boots++;
	printf("boot %#x\n", drive->number);
	return 0;
}

/** Next pseudo-random number */
static unsigned int rnd(void)
{
	fake.rng = fake.rng * 1103515245u + 12345u;
	return fake.rng >> 16;
}

/** Finish request @p req of @p f */
static void fake_finish(struct fake_dev *f, struct block_request *req, int rc)
{
	if (rc == 0 && req->write)
		memcpy(disk + req->lba * BLOCK, req->buf, req->count * BLOCK);
	else if (rc == 0)
		memcpy(req->buf, disk + req->lba * BLOCK, req->count * BLOCK);
	req->rc = rc;
	req->done = 1;
	f->completed++;
	if (req->complete)
		req->complete(req);
}

/** Complete up to three queued requests of @p f, picked at random */
static void fake_service(struct fake_dev *f)
{
	for (int n = 0; n < 3 && f->queued; n++) {
		unsigned int i = rnd() % f->queued;
		struct block_request *req = f->queue[i];

		f->queue[i] = f->queue[--f->queued];
		if (f->fail_after && f->completed >= (unsigned int)f->fail_after)
			f->fail = 1;
		fake_finish(f, req, f->fail ? -ECONNRESET : 0);
	}
}

/** Poller: service every open fake device */
static void fake_poll(void)
{
	for (unsigned int i = 0; i < 4; i++) {
		if (fake.open[i])
			fake_service(fake.open[i]);
	}
}

static const struct poller fake_poller = { .name = "fake", .poll = fake_poll };
POLLER(fake_poller);

/** Queue a request */
static int fake_submit(struct blockdev *dev, struct block_request *req)
{
	struct fake_dev *f = dev->priv;

	assert_true(req->count >= 1 && req->count <= FAKE_MAX_BLOCKS);
	assert_true(req->lba + req->count <= DISK_BLOCKS);
	if (f->fail)
		return -ECONNRESET;
	assert_true(f->queued < 64);
	f->queue[f->queued++] = req;
	fake.submits++;
	if (f->queued > fake.max_inflight)
		fake.max_inflight = f->queued;
	return 0;
}

/** Describe the fake target */
static int fake_describe(struct blockdev *dev, struct san_description *d)
{
	static const uint8_t ip[4] = { 10, 0, 2, 2 };

	ibft_map_ipv4(d->target_ip, ip);
	d->port = 3260;
	d->lun[1] = 2;
	snprintf(d->target_name, sizeof(d->target_name), "iqn.2024-01.test:%s",
		 dev->name);
	strcpy(d->initiator_name, "iqn.2024-01.test:initiator");
	return 0;
}

/** Close: cancel what is queued */
static void fake_close(struct blockdev *dev)
{
	struct fake_dev *f = dev->priv;

	while (f->queued)
		fake_finish(f, f->queue[--f->queued], -ECANCELED);
	for (unsigned int i = 0; i < 4; i++) {
		if (fake.open[i] == f)
			fake.open[i] = NULL;
	}
	free(f);
}

static const struct blockdev_operations fake_ops = {
	.submit = fake_submit,
	.describe = fake_describe,
	.close = fake_close,
};

/** Open "fake:good", "fake:flaky", "fake:dead" or "fake:small" */
static int fake_open(const char *uri, struct blockdev **dev)
{
	const char *what = uri + strlen("fake:");
	struct fake_dev *f;

	if (strcmp(what, "dead") == 0 ||
	    (strcmp(what, "flaky") == 0 && fake.flaky_opens_left-- <= 0)) {
		printf("fake: %s: %s\n", what, errmsg(-ECONNREFUSED));
		return -ECONNREFUSED;
	}
	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->dev.op = &fake_ops;
	f->dev.blocks = strcmp(what, "small") == 0 ? 100 : DISK_BLOCKS;
	f->dev.block_size = BLOCK;
	f->dev.max_blocks = FAKE_MAX_BLOCKS;
	snprintf(f->dev.name, sizeof(f->dev.name), "%s", what);
	f->dev.priv = f;
	if (strcmp(what, "flaky") == 0)
		f->fail_after = fake.flaky_fail_after;
	for (unsigned int i = 0; i < 4; i++) {
		if (!fake.open[i]) {
			fake.open[i] = f;
			break;
		}
	}
	*dev = &f->dev;
	return 0;
}

static const struct san_protocol fake_protocol = {
	.scheme = "fake",
	.open = fake_open,
};
SAN_PROTOCOL(fake_protocol);

/** The synchronous device: how it behaves and what it saw */
static struct {
	unsigned int submits;       /**< requests submitted */
	uint64_t fail_lba;          /**< requests reaching this block fail (0: none) */
} sync_dev;

/**
 * Complete a request inside submit, as the HTTP disk does: reads from
 * the disk, writes refused
 */
static int sync_submit(struct blockdev *dev, struct block_request *req)
{
	(void)dev;
	sync_dev.submits++;
	if (req->write)
		req->rc = -EROFS;
	else if (sync_dev.fail_lba &&
		 req->lba + req->count > sync_dev.fail_lba)
		req->rc = -ECONNRESET;
	else
		req->rc = 0;
	if (req->rc == 0)
		memcpy(req->buf, disk + req->lba * BLOCK, req->count * BLOCK);
	req->done = 1;
	if (req->complete)
		req->complete(req);
	return 0;
}

/** Close the synchronous device */
static void sync_close(struct blockdev *dev)
{
	free(dev);
}

/** A read-only device that cannot describe itself (no describe) */
static const struct blockdev_operations sync_ops = {
	.submit = sync_submit,
	.close = sync_close,
};

/** Open "sync:" as a read-only synchronous device over the disk */
static int sync_open(const char *uri, struct blockdev **dev)
{
	struct blockdev *d = calloc(1, sizeof(*d));

	(void)uri;
	assert_non_null(d);
	d->op = &sync_ops;
	d->blocks = DISK_BLOCKS;
	d->block_size = BLOCK;
	d->max_blocks = FAKE_MAX_BLOCKS;
	d->read_only = 1;
	strcpy(d->name, "sync, read-only");
	*dev = d;
	return 0;
}

static const struct san_protocol sync_protocol = {
	.scheme = "sync",
	.open = sync_open,
};
SAN_PROTOCOL(sync_protocol);

/** Unhook everything, reset the fake and the disk */
static int setup(void **state)
{
	(void)state;
	while (san_drives())
		san_unhook(san_drives()->number);
	memset(&fake, 0, sizeof(fake));
	memset(&sync_dev, 0, sizeof(sync_dev));
	fake.rng = 12345;
	fake.flaky_opens_left = 1;
	for (size_t i = 0; i < sizeof(disk); i++)
		disk[i] = (uint8_t)(i * 7 + (i >> 9) * 13 + (i >> 13));
	installs = boots = 0;
	installed_len = 0;
	stub_console_reset();
	return 0;
}

/** Hook one URI */
static int hook1(const char *uri, int drive, unsigned int flags)
{
	const char *uris[] = { uri };

	return san_hook(uris, 1, drive, flags);
}

/** Hooking numbers drives from 0x80; a taken number is refused; unhook forgets */
static void test_hook_unhook(void **state)
{
	struct san_drive *d;

	(void)state;
	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, 0), 0x80);
	assert_string_equal(stub_console_output(),
			    "Registered SAN drive 0x80: good (4096 blocks of 512 bytes)\n");
	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, 0), 0x81);
	stub_console_reset();
	assert_int_equal(hook1("fake:good", 0x80, 0), -EADDRINUSE);
	assert_string_equal(stub_console_output(),
			    "san: drive 0x80 is already hooked (sanunhook --drive 0x80 first)\n");
	d = san_find(0x80);
	assert_non_null(d);
	assert_int_equal(d->blocks, DISK_BLOCKS);
	assert_int_equal(d->block_size, BLOCK);
	assert_int_equal(d->max_blocks, FAKE_MAX_BLOCKS);
	assert_int_equal(d->next->number, 0x81);
	assert_int_equal(san_unhook(0x81), 0);
	assert_null(san_find(0x81));
	assert_int_equal(san_unhook(0x81), -ENODEV);
	assert_int_equal(san_unhook(0x80), 0);
	assert_null(san_drives());
	assert_null(fake.open[0]);
	assert_null(fake.open[1]);
}

/** A URI nobody handles is refused with one line naming drive, URI and scheme */
static void test_bad_scheme(void **state)
{
	char *cmd[] = { "sanhook", "--drive", "0x81", "nosuch://host/disk", NULL };
	char *noscheme[] = { "sanhook", "just-a-name", NULL };
	char *baddrive[] = { "sanhook", "--drive", "0x100", "fake:good", NULL };

	(void)state;
	assert_int_equal(stub_run(cmd), -ENOTSUP);
	assert_string_equal(stub_console_output(),
			    "san: drive 0x81: nosuch://host/disk: unknown URI scheme \"nosuch\"\n");
	assert_int_equal(stub_run(noscheme), -ENOTSUP);
	assert_string_equal(stub_console_output(),
			    "san: drive 0x80: \"just-a-name\" is not a URI (no scheme)\n");
	assert_int_equal(stub_run(baddrive), -EINVAL);
	assert_string_equal(stub_console_output(),
			    "sanhook: \"0x100\" is not a drive number (0x00-0xff)\n");
	assert_null(san_drives());
}

/** A large read is split into device-sized requests, several in flight */
static void test_read_pipelined(void **state)
{
	static uint8_t buf[1024 * BLOCK];
	struct san_drive *d;

	(void)state;
	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, 0), 0x80);
	d = san_find(0x80);
	assert_int_equal(san_read(d, 1000, 1024, buf), 0);
	assert_memory_equal(buf, disk + 1000 * BLOCK, sizeof(buf));
	assert_int_equal(fake.submits, 1024 / FAKE_MAX_BLOCKS);
	assert_true(fake.max_inflight > 1);
	assert_true(fake.max_inflight <= SAN_INFLIGHT);
	assert_int_equal(san_read(d, DISK_BLOCKS - 1, 2, buf), -ERANGE);
	assert_int_equal(san_read(d, DISK_BLOCKS - 1, 1, buf), 0);
	assert_memory_equal(buf, disk + (DISK_BLOCKS - 1) * BLOCK, BLOCK);
}

/** Small sequential reads come from the read-ahead window; data always matches */
static void test_readahead(void **state)
{
	static uint8_t buf[64 * BLOCK];
	struct san_drive *d;
	uint64_t lba = 0;

	(void)state;
	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, 0), 0x80);
	d = san_find(0x80);

	/* a boot loader reading one block at a time */
	for (unsigned int i = 0; i < 512; i++) {
		assert_int_equal(san_read(d, i, 1, buf), 0);
		assert_memory_equal(buf, disk + i * BLOCK, BLOCK);
	}
	assert_true(d->stats.cache_hits >= 510);
	assert_true(fake.submits <= 2 * (SAN_RA_BYTES / BLOCK) / FAKE_MAX_BLOCKS);

	/* runs of sequential reads with random jumps and sizes */
	for (unsigned int i = 0; i < 3000; i++) {
		uint32_t count = 1 + rnd() % 64;

		if (rnd() % 8 == 0)
			lba = rnd() % DISK_BLOCKS;
		if (lba + count > DISK_BLOCKS)
			lba = DISK_BLOCKS - count;
		memset(buf, 0, sizeof(buf));
		assert_int_equal(san_read(d, lba, count, buf), 0);
		assert_memory_equal(buf, disk + lba * BLOCK, count * BLOCK);
		lba += count;
	}
}

/** A write updates the disk and what read-ahead returns afterwards */
static void test_write_invalidates(void **state)
{
	static uint8_t buf[4 * BLOCK];
	struct san_drive *d;

	(void)state;
	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, 0), 0x80);
	d = san_find(0x80);
	assert_int_equal(san_read(d, 0, 1, buf), 0);    /* fills the window */
	memset(buf, 0x5a, sizeof(buf));
	assert_int_equal(san_write(d, 10, 4, buf), 0);
	assert_int_equal(disk[10 * BLOCK], 0x5a);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(san_read(d, 9, 4, buf), 0);
	assert_memory_equal(buf, disk + 9 * BLOCK, sizeof(buf));
	assert_int_equal(buf[BLOCK], 0x5a);
}

/** With the first path dead, the second is used */
static void test_multipath_open(void **state)
{
	const char *uris[] = { "fake:dead", "fake:good" };
	struct san_drive *d;

	(void)state;
	assert_int_equal(san_hook(uris, 2, SAN_DRIVE_AUTO, 0), 0x80);
	d = san_find(0x80);
	assert_int_equal(d->active, 1);
	assert_string_equal(san_uri(d), "fake:good");
	assert_int_equal(d->path[0].rc, -ECONNREFUSED);

	/* all paths dead */
	stub_console_reset();
	uris[1] = "fake:dead";
	assert_int_equal(san_hook(uris, 2, SAN_DRIVE_AUTO, 0), -ECONNREFUSED);
	assert_non_null(strstr(stub_console_output(),
			       "san: drive 0x81: none of the 2 paths could be opened (Connection refused)\n"));
	assert_null(san_find(0x81));
}

/** SHA-256 of blocks of the fake disk, as hex */
static void disk_sha256(uint64_t lba, uint64_t count, char *hex)
{
	unsigned char hash[32];

	assert_int_equal(mbedtls_sha256(disk + lba * BLOCK, count * BLOCK, hash,
					0), 0);
	for (int i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", hash[i]);
}

/** `sanread` prints the SHA-256 of the bytes it read and the rate */
static void test_sanread(void **state)
{
	char *all[] = { "sanread", NULL };
	char *part[] = { "sanread", "--start", "100", "--count", "0x123", NULL };
	char *beyond[] = { "sanread", "--start", "4000", "--count", "97", NULL };
	char *none[] = { "sanread", "--drive", "0x82", NULL };
	char *nodigest[] = { "sanread", "--no-digest", "--count", "8", NULL };
	char want[128] = "sha256 ";

	(void)state;
	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, 0), 0x80);
	assert_int_equal(stub_run(all), 0);
	disk_sha256(0, DISK_BLOCKS, want + 7);
	strcat(want, "\nread 2097152 bytes in ");
	assert_memory_equal(stub_console_output(), want, strlen(want));
	assert_non_null(strstr(stub_console_output(), " MB/s)\n"));
	assert_true(fake.max_inflight > 1);

	assert_int_equal(stub_run(part), 0);
	disk_sha256(100, 0x123, want + 7);
	strcpy(want + 71, "\nread 148992 bytes in ");
	assert_memory_equal(stub_console_output(), want, strlen(want));

	assert_int_equal(stub_run(nodigest), 0);
	assert_memory_equal(stub_console_output(), "read 4096 bytes in ", 19);

	assert_int_equal(stub_run(beyond), -ERANGE);
	assert_string_equal(stub_console_output(),
			    "sanread: drive 0x80: blocks 4000+97 lie beyond the end (4096 blocks)\n");
	assert_int_equal(stub_run(none), -ENODEV);
	assert_string_equal(stub_console_output(),
			    "sanread: drive 0x82 is not hooked\n");
}

/** A path that breaks mid-read fails over; the data is still right */
static void test_failover_mid_io(void **state)
{
	const char *uris[] = { "fake:flaky", "fake:good" };
	char *cmd[] = { "sanread", NULL };
	char want[128] = "sha256 ";
	struct san_drive *d;

	(void)state;
	fake.flaky_fail_after = 20;
	assert_int_equal(san_hook(uris, 2, SAN_DRIVE_AUTO, 0), 0x80);
	d = san_find(0x80);
	assert_int_equal(d->active, 0);
	assert_int_equal(stub_run(cmd), 0);
	assert_non_null(strstr(stub_console_output(),
			       "san: drive 0x80: fake:flaky failed: Connection reset by peer; trying the next path\n"
			       "san: drive 0x80: now using fake:good\n"));
	disk_sha256(0, DISK_BLOCKS, want + 7);
	assert_non_null(strstr(stub_console_output(), want));
	assert_int_equal(d->active, 1);
	assert_int_equal(d->stats.failovers, 1);
	/* the iBFT now describes the path in use */
	assert_non_null(memmem(installed, installed_len, "iqn.2024-01.test:good",
			       21));
}

/**
 * A lone path that fails is not reopened (the device has retried on its
 * own): the read ends with one line naming drive, URI and cause
 */
static void test_lone_path_fails(void **state)
{
	char *cmd[] = { "sanread", NULL };
	static uint8_t buf[BLOCK];
	const char *out;
	struct san_drive *d;

	(void)state;
	fake.flaky_fail_after = 10;
	fake.flaky_opens_left = 2;
	assert_int_equal(hook1("fake:flaky", SAN_DRIVE_AUTO, 0), 0x80);
	d = san_find(0x80);
	assert_int_equal(stub_run(cmd), -ECONNRESET);
	out = stub_console_output();
	assert_true(strncmp(out, "sanread: drive 0x80 (fake:flaky): read failed at block ",
			    55) == 0);
	assert_non_null(strstr(out, ": Connection reset by peer\n"));
	assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);
	assert_int_equal(fake.flaky_opens_left, 1);
	assert_int_equal(d->active, 0);
	assert_int_equal(d->stats.failovers, 0);
	/* later I/O goes to the same device and fails cleanly again */
	assert_int_equal(san_read(d, 3000, 1, buf), -ECONNRESET);
}

/** When no path is left, the read fails with one line naming drive and URI */
static void test_all_paths_fail(void **state)
{
	const char *uris[] = { "fake:flaky", "fake:dead" };
	char *cmd[] = { "sanread", NULL };
	static uint8_t buf[BLOCK];
	struct san_drive *d;

	(void)state;
	fake.flaky_fail_after = 10;
	assert_int_equal(san_hook(uris, 2, SAN_DRIVE_AUTO, 0), 0x80);
	d = san_find(0x80);
	assert_int_equal(stub_run(cmd), -ECONNREFUSED);
	assert_non_null(strstr(stub_console_output(),
			       "san: drive 0x80: no path works any more (Connection refused)\n"
			       "sanread: drive 0x80 (fake:flaky): read failed at block "));
	assert_non_null(strstr(stub_console_output(), ": Connection refused\n"));
	assert_int_equal(d->active, -1);
	/* later I/O tries to reconnect, and fails cleanly again */
	assert_int_equal(san_read(d, 3000, 1, buf), -ECONNREFUSED);
}

/** A path to a different disk is not accepted on failover */
static void test_failover_other_disk(void **state)
{
	const char *uris[] = { "fake:flaky", "fake:small" };
	static uint8_t buf[64 * BLOCK];
	struct san_drive *d;

	(void)state;
	fake.flaky_fail_after = 2;
	assert_int_equal(san_hook(uris, 2, SAN_DRIVE_AUTO, 0), 0x80);
	d = san_find(0x80);
	stub_console_reset();
	assert_true(san_read(d, 500, 64, buf) < 0);
	assert_non_null(strstr(stub_console_output(),
			       "san: drive 0x80: fake:small is not the same disk (100 blocks of 512 bytes)\n"));
}

/** The iBFT follows hooking: settings of net0 plus the target's description */
static void test_ibft_published(void **state)
{
	static struct ibft_info info;
	static const uint8_t ip[4] = { 10, 0, 2, 15 };
	static const uint8_t mask[4] = { 255, 255, 255, 0 };
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	static const uint8_t dns[8] = { 10, 0, 2, 3, 10, 0, 2, 4 };
	struct settings *net0 = settings_new_block(NULL, "net0");
	struct settings *dhcp = settings_new_block(net0, "dhcp");
	char *ibft[] = { "ibft", NULL };

	(void)state;
	assert_non_null(dhcp);
	assert_int_equal(settings_store(dhcp, "ip", NULL, ip, 4), 0);
	assert_int_equal(settings_store(dhcp, "netmask", NULL, mask, 4), 0);
	assert_int_equal(settings_store(net0, "mac", NULL, mac, 6), 0);
	assert_int_equal(settings_store_text("net0.dhcp/gateway", "10.0.2.2"), 0);
	assert_int_equal(settings_store_text("net0.dhcp/hostname", "box"), 0);
	assert_int_equal(settings_store(dhcp, "dns", NULL, dns, 8), 0);
	assert_int_equal(settings_store_text("net0.dhcp/dhcp-server", "10.0.2.1"),
			 0);

	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, SAN_NO_DESCRIBE),
			 0x80);
	assert_int_equal(installs, 0);
	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, 0), 0x81);
	assert_int_equal(installs, 1);
	assert_int_equal(ibft_check_linux(installed, installed_len, NULL, 0), 0);
	assert_int_equal(ibft_check_illumos(installed, installed_len, NULL, 0),
			 0);
	assert_int_equal(ibft_decode(installed, installed_len, &info), 0);
	assert_string_equal(info.initiator_name, "iqn.2024-01.test:initiator");
	assert_memory_equal(info.nic[0].ip + 12, ip, 4);
	assert_int_equal(info.nic[0].prefix, 24);
	assert_int_equal(info.nic[0].origin, IBFT_ORIGIN_DHCP);
	assert_int_equal(info.nic[0].gateway[15], 2);
	assert_memory_equal(info.nic[0].mac, mac, 6);
	assert_string_equal(info.nic[0].hostname, "box");
	assert_memory_equal(info.nic[0].dns[0] + 12, dns, 4);
	assert_memory_equal(info.nic[0].dns[1] + 12, dns + 4, 4);
	assert_int_equal(info.nic[0].dns[1][10], 0xff);
	assert_int_equal(info.nic[0].dhcp_server[15], 1);
	assert_int_equal(info.target[0].flags, 3);
	assert_int_equal(info.target[0].port, 3260);
	assert_int_equal(info.target[0].lun[1], 2);
	assert_string_equal(info.target[0].name, "iqn.2024-01.test:good");
	assert_false(info.target[1].present);

	assert_int_equal(stub_run(ibft), 0);
	assert_non_null(strstr(stub_console_output(), "  Local IP:    10.0.2.15/24 (origin 3, DHCP)\n"));
	assert_non_null(strstr(stub_console_output(), "illumos: accepts\n"));

	/* unhooking the described drive withdraws the table */
	assert_int_equal(san_unhook(0x81), 0);
	assert_int_equal(installed_len, 0);
	assert_int_equal(stub_run(ibft), -ENOENT);
	settings_free_block(net0);
}

/** `sanboot` hooks, boots and unhooks unless --keep; without URI it boots the hooked drive */
static void test_sanboot(void **state)
{
	char *boot[] = { "sanboot", "fake:good", NULL };
	char *keep[] = { "sanboot", "--keep", "--drive", "0x81", "fake:good", NULL };
	char *hooked[] = { "sanboot", "--drive", "0x81", NULL };
	char *missing[] = { "sanboot", NULL };
	char *unhook[] = { "sanunhook", "--drive", "0x81", NULL };
	char *unhook_again[] = { "sanunhook", "--drive", "0x81", NULL };

	(void)state;
	assert_int_equal(stub_run(boot), 0);
	assert_int_equal(boots, 1);
	assert_null(san_find(0x80));
	assert_int_equal(stub_run(keep), 0);
	assert_int_equal(boots, 2);
	assert_non_null(san_find(0x81));
	assert_int_equal(stub_run(hooked), 0);
	/* the iBFT's warnings come before the boot (the fake target is LUN 2) */
	assert_string_equal(stub_console_output(),
			    "ibft: illumos: reads target 0's LUN 0002-0000-... as 512 "
			    "(the first two bytes as a host-order 16-bit number): "
			    "only LUN 0 boots there\nboot 0x81\n");
	assert_non_null(san_find(0x81));
	assert_int_equal(stub_run(missing), -ENODEV);
	assert_string_equal(stub_console_output(),
			    "sanboot: drive 0x80 is not hooked (give a URI or use sanhook)\n");
	assert_int_equal(stub_run(unhook), 0);
	assert_null(san_find(0x81));
	assert_int_equal(stub_run(unhook_again), -ENODEV);
	assert_string_equal(stub_console_output(),
			    "sanunhook: drive 0x81 is not hooked\n");
}

/**
 * A read-only device without describe (an HTTP disk): hooked with a line
 * saying it is not in the iBFT, no table installed, reads work,
 * writes are refused with one line and never reach the device
 */
static void test_readonly_undescribed(void **state)
{
	static uint8_t buf[64 * BLOCK];
	char *ibft[] = { "ibft", NULL };
	struct san_drive *d;

	(void)state;
	assert_int_equal(hook1("sync:", SAN_DRIVE_AUTO, 0), 0x80);
	assert_string_equal(stub_console_output(),
			    "Registered SAN drive 0x80: sync, read-only (4096 blocks of 512 bytes)\n"
			    "san: drive 0x80: not in the iBFT (not an iSCSI target)\n");
	assert_int_equal(installs, 0);
	assert_int_equal(stub_run(ibft), -ENOENT);
	assert_string_equal(stub_console_output(),
			    "ibft: no table installed (no iSCSI drive to describe)\n");
	d = san_find(0x80);
	assert_int_equal(san_read(d, 100, 64, buf), 0);
	assert_memory_equal(buf, disk + 100 * BLOCK, sizeof(buf));
	stub_console_reset();
	sync_dev.submits = 0;
	assert_int_equal(san_write(d, 7, 2, buf), -EROFS);
	assert_string_equal(stub_console_output(),
			    "san: drive 0x80 (sync:): read-only, write of 2 blocks at 7 refused\n");
	assert_int_equal(sync_dev.submits, 0);
	/* --no-describe: no line about the iBFT */
	stub_console_reset();
	assert_int_equal(hook1("sync:", SAN_DRIVE_AUTO, SAN_NO_DESCRIBE), 0x81);
	assert_null(strstr(stub_console_output(), "iBFT"));
}

/** A device failing inside submit: the engine sends nothing after the failure */
static void test_sync_failure_stops(void **state)
{
	static uint8_t buf[1024 * BLOCK];
	struct san_drive *d;

	(void)state;
	assert_int_equal(hook1("sync:", SAN_DRIVE_AUTO, SAN_NO_DESCRIBE), 0x80);
	d = san_find(0x80);
	assert_int_equal(san_read(d, 0, 1024, buf), 0);
	assert_memory_equal(buf, disk, sizeof(buf));
	assert_int_equal(sync_dev.submits, 1024 / FAKE_MAX_BLOCKS);
	sync_dev.submits = 0;
	sync_dev.fail_lba = 5 * FAKE_MAX_BLOCKS + 1;
	assert_int_equal(san_read(d, 0, 1024, buf), -ECONNRESET);
	assert_int_equal(sync_dev.submits, 6);
}

/** The SAN protocols by scheme: iscsi, http and https each registered once */
static void test_scheme_table(void **state)
{
	static const char *const want[] = { "iscsi", "http", "https" };
	const struct san_protocol *proto;

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		unsigned int n = 0;

		TABLE_FOREACH(san_protocols, const struct san_protocol *, proto) {
			if (strcmp(proto->scheme, want[i]) == 0) {
				assert_non_null(proto->open);
				n++;
			}
		}
		assert_int_equal(n, 1);
	}
}

/**
 * The iBFT's NIC is the registered NIC's typed description: its PCI
 * bus:dev.fn and MAC, as the `ibft` command shows them (registers net0,
 * so it runs last)
 */
static void test_ibft_nic_location(void **state)
{
	static const uint8_t mac[6] = { 0x00, 0x1b, 0x21, 0x0a, 0x0b, 0x0c };
	static struct ibft_info info;
	static struct nic nic;
	char *ibft[] = { "ibft", NULL };

	(void)state;
	device_set_pci(&nic.desc, 0, 0x02, 0x1f, 3, 0x10de, 0x0057);
	assert_int_equal(fake_nic_register(&nic, mac, "test", NULL), 0);
	assert_int_equal(hook1("fake:good", SAN_DRIVE_AUTO, 0), 0x80);
	assert_int_equal(ibft_decode(installed, installed_len, &info), 0);
	assert_int_equal(info.nic[0].busdevfn, 0x02 << 8 | 0x1f << 3 | 3);
	assert_memory_equal(info.nic[0].mac, mac, 6);
	assert_int_equal(stub_run(ibft), 0);
	assert_non_null(strstr(stub_console_output(),
			       "  PCI:         02:1f.3\n"));
	assert_int_equal(san_unhook(0x80), 0);
}

/** Run the SAN tests */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_hook_unhook, setup),
		cmocka_unit_test_setup(test_bad_scheme, setup),
		cmocka_unit_test_setup(test_read_pipelined, setup),
		cmocka_unit_test_setup(test_readahead, setup),
		cmocka_unit_test_setup(test_write_invalidates, setup),
		cmocka_unit_test_setup(test_multipath_open, setup),
		cmocka_unit_test_setup(test_sanread, setup),
		cmocka_unit_test_setup(test_failover_mid_io, setup),
		cmocka_unit_test_setup(test_lone_path_fails, setup),
		cmocka_unit_test_setup(test_all_paths_fail, setup),
		cmocka_unit_test_setup(test_failover_other_disk, setup),
		cmocka_unit_test_setup(test_ibft_published, setup),
		cmocka_unit_test_setup(test_sanboot, setup),
		cmocka_unit_test_setup(test_readonly_undescribed, setup),
		cmocka_unit_test_setup(test_sync_failure_stops, setup),
		cmocka_unit_test_setup(test_scheme_table, setup),
		cmocka_unit_test_setup(test_ibft_nic_location, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
