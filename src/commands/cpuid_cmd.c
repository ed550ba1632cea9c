/** @file The `cpuid` command: test one x86 CPU feature bit, as iPXE's does. */
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/command.h>
#include <lwpxe/cpu.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>

/** The leaf that holds the feature bits (standard and, with --ext, extended) */
#define CPUID_FEATURES 0x00000001u

/** Option ids */
enum {
	CPUID_OPT_EXT = 1,
	CPUID_OPT_ECX,
};

/** Options of `cpuid` */
static const struct cmd_option cpuid_opts[] = {
	{ .name = "ext", .short_name = 'e', .id = CPUID_OPT_EXT },
	{ .name = "ecx", .short_name = 'c', .id = CPUID_OPT_ECX },
};

static const struct command cpuid_cmd;

/**
 * `cpuid [--ext] [--ecx] BIT`: succeed if feature bit BIT of leaf 1 (with
 * --ext 0x80000001) in EDX (with --ecx ECX) is set; fail quietly if it is
 * clear or the CPU has no such leaf, as iPXE does
 */
static int cpuid_exec(int argc, char **argv)
{
	uint32_t leaf = CPUID_FEATURES;
	uint32_t regs[4];
	int reg = 3;
	unsigned long bit;
	int optind = 1;
	char *arg, *end;
	int id;

	while ((id = parse_options(&cpuid_cmd, cpuid_opts,
				   ARRAY_SIZE(cpuid_opts), argc, argv, &optind,
				   &arg)) > 0) {
		if (id == CPUID_OPT_EXT)
			leaf |= CPU_CPUID_EXT;
		else
			reg = 2;
	}
	if (id < 0)
		return id;
	if (optind != argc - 1)
		return command_usage(&cpuid_cmd);
	bit = strtoul(argv[optind], &end, 0);
	if (!*argv[optind] || *end || bit > 31) {
		printf("%scpuid: \"%s\" is not a bit number (0-31)\n",
		       script_where(), argv[optind]);
		return -EINVAL;
	}
	if (cpu_cpuid(leaf, 0, regs) < 0)
		return -ENOTSUP;
	return (regs[reg] >> bit) & 1 ? 0 : -ENOENT;
}

/** The `cpuid` command */
static const struct command cpuid_cmd = {
	.name = "cpuid",
	.usage = "[--ext] [--ecx] bit",
	.exec = cpuid_exec,
};
COMMAND(cpuid_cmd);
