/** @file A fake platform for hosted unit tests: real clock, captured console, scripted keys. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <lwpxe/command.h>
#include <lwpxe/console.h>
#include <lwpxe/cpu.h>
#include <lwpxe/errors.h>
#include <lwpxe/heap.h>
#include <lwpxe/ibft.h>
#include <lwpxe/image.h>
#include <lwpxe/san.h>
#include <lwpxe/platform.h>
#include <lwpxe/entropy.h>
#include <lwpxe/time.h>
#include "platform_stub.h"

const char platform_name[] = "unit-test";
const unsigned int platform_client_arch = 0;
const unsigned int platform_shell_prompt_ms = 0;

static char stub_out[65536];
static size_t stub_out_len;
static const char *stub_keys;
/** Nonzero to keep console output off standard output (screen-drawing tests) */
static int stub_quiet;

/** Monotonic microseconds from the host clock */
uint64_t time_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/** Wall-clock seconds from the host clock */
int64_t time_wallclock(void)
{
	return (int64_t)time(NULL);
}

/** No power-on to count from */
uint64_t time_since_power_on_us(void)
{
	return 0;
}

/** Rest a little, as the firmware would */
void time_idle(uint64_t max_us)
{
	usleep(max_us > 1000 ? 1000 : (useconds_t)max_us);
}

/** Fill @p buf with @p len bytes from the host kernel; 0 or -EIO */
static int stub_getrandom_fill(void *buf, size_t len)
{
	return getrandom(buf, len, 0) == (ssize_t)len ? 0 : -EIO;
}

/** The host kernel's generator */
static const struct entropy_source stub_getrandom_entropy = {
	.name = "getrandom()",
	.fill = stub_getrandom_fill,
};

const struct entropy_source *const platform_entropy_sources[] = {
	&stub_getrandom_entropy,
	NULL,
};

/** The heap tests give the heap their own regions; there is no more */
int heap_platform_more(size_t need)
{
	(void)need;
	return -ENOMEM;
}

/** End the test program */
void platform_exit(int status)
{
	exit(status);
}

/** A reboot the tests can see: -ENOTSUP (nothing restarts) */
int platform_reboot(int warm)
{
	(void)warm;
	return -ENOTSUP;
}

/** A power-off the tests can see: -ENOTSUP */
int platform_poweroff(void)
{
	return -ENOTSUP;
}

/** A fixed memory size: 512 MiB */
uint64_t platform_memsize(void)
{
	return 512ull << 20;
}

/** The SMBIOS table stub_smbios_set() gave, if any */
static const void *stub_smbios_table;
static size_t stub_smbios_len;

void stub_smbios_set(const void *table, size_t len)
{
	stub_smbios_table = table;
	stub_smbios_len = len;
}

/** The table stub_smbios_set() gave; -ENOENT if none */
int platform_smbios(const void **table, size_t *len)
{
	if (!stub_smbios_table)
		return -ENOENT;
	*table = stub_smbios_table;
	*len = stub_smbios_len;
	return 0;
}

/** What platform_secure_boot() says: a platform without UEFI Secure Boot unless a test says otherwise */
static int stub_secure_boot = -ENOTSUP;

void stub_secure_boot_set(int state)
{
	stub_secure_boot = state;
}

/** The state stub_secure_boot_set() gave */
int platform_secure_boot(void)
{
	return stub_secure_boot;
}

/** No CPUID in the tests: the commands must cope with a CPU without it */
__attribute__((weak)) int cpu_cpuid(uint32_t leaf, uint32_t subleaf,
				    uint32_t regs[4])
{
	(void)leaf;
	(void)subleaf;
	(void)regs;
	return -ENOTSUP;
}

/** No CRC32C instruction in the tests (test_crc32c links the x86 one) */
__attribute__((weak)) int cpu_crc32c(uint32_t *reg, const void *data,
				     size_t len)
{
	(void)reg;
	(void)data;
	(void)len;
	return -ENOTSUP;
}

/** Keep the iBFT in memory only (tests that check placement define their own) */
__attribute__((weak)) int ibft_install(const void *table, size_t len)
{
	return 0;
}

/** Hand-over to a boot loader: nothing to hand over to (tests may define their own) */
__attribute__((weak)) int san_platform_boot(struct san_drive *drive,
					    const char *filename)
{
	return 0;
}

/** Expose a hooked drive to firmware: there is none (tests may define their own) */
__attribute__((weak)) int san_platform_hook(struct san_drive *drive)
{
	return 0;
}

/** Withdraw a hooked drive from firmware: nothing to do */
__attribute__((weak)) void san_platform_unhook(struct san_drive *drive)
{
}

/** Start an image: there is no firmware to start it (tests may define their own) */
__attribute__((weak)) int image_platform_chain(struct san_drive *drive,
					       const char *path)
{
	return -ENOTSUP;
}

/** Capture one byte of console output and show it on standard output */
static void stub_putchar(int c)
{
	char ch = (char)c;

	if (stub_out_len < sizeof(stub_out) - 1) {
		stub_out[stub_out_len++] = ch;
		stub_out[stub_out_len] = '\0';
	}
	if (!stub_quiet && write(STDOUT_FILENO, &ch, 1) < 0)
		return;
}

/** Nonzero while scripted keys remain */
static int stub_iskey(void)
{
	return stub_keys && *stub_keys;
}

/** Next scripted key, or -1 when none remain */
static int stub_getchar(void)
{
	return stub_iskey() ? (unsigned char)*stub_keys++ : -1;
}

static const struct console_driver stub_console = {
	.name = "stub",
	.putchar = stub_putchar,
	.iskey = stub_iskey,
	.getchar = stub_getchar,
};
CONSOLE(stub_console);

const char *stub_console_output(void)
{
	return stub_out;
}

unsigned int stub_console_lines(void)
{
	unsigned int n = 0;

	for (const char *p = stub_out; *p; p++)
		n += *p == '\n';
	return n;
}

void stub_console_reset(void)
{
	stub_out_len = 0;
	stub_out[0] = '\0';
}

void stub_console_quiet(int quiet)
{
	stub_quiet = quiet;
}

void stub_console_input(const char *keys)
{
	stub_keys = keys;
}

int stub_run(char **words)
{
	const struct command *cmd = command_find(words[0]);
	int argc = 0;

	if (!cmd)
		return -ENOENT;
	while (words[argc])
		argc++;
	stub_console_reset();
	return cmd->exec(argc, words);
}
