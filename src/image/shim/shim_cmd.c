/** @file The `shim` command: iPXE's UEFI Secure Boot shim, through which EFI programs the firmware refuses start; skipped where no shim is needed. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/platform.h>
#include <lwpxe/script.h>

/** Option ids */
enum {
	SHIM_OPT_TIMEOUT = 1,
	SHIM_OPT_REQUIRE_LOADER, /**< no unlock: what the shim starts must verify the next stage */
	SHIM_OPT_IPXE,           /**< iPXE's other flags, accepted (see shim_exec) */
};

/** Options of `shim` */
static const struct cmd_option shim_opts[] = {
	{ .name = "timeout", .short_name = 't', .has_arg = 1,
	  .id = SHIM_OPT_TIMEOUT },
	{ .name = "require-loader", .short_name = 'l',
	  .id = SHIM_OPT_REQUIRE_LOADER },
	{ .name = "allow-pxe", .short_name = 'p', .id = SHIM_OPT_IPXE },
	{ .name = "allow-sbat", .short_name = 's', .id = SHIM_OPT_IPXE },
};

static const struct command shim_cmd;

/** Make the image named @p name, else the one fetched from it, the shim with IMAGE_SHIM_* @p flags; 0 or -error (said) */
static int shim_use(const char *name, unsigned int flags)
{
	struct image *image = image_find(name);
	char who[96];
	int rc;

	snprintf(who, sizeof(who), "%sshim", script_where());
	if (!image) {
		rc = image_fetch(who, name, NULL, &image);
		if (rc < 0)
			return rc;
		image_register(image);
	}
	image_set_shim(image, flags);
	printf("%s: %s: EFI programs the firmware refuses (UEFI Secure Boot) "
	       "will start through it\n", who, image->name);
	return 0;
}

/**
 * `shim [--timeout MS] [URI|IMAGE]`: as in iPXE, the shim is only
 * fetched when UEFI Secure Boot is in force; elsewhere (BIOS, Linux,
 * Secure Boot off) the command says so in one line and succeeds, so
 * scripts written for shim-booting distributions go on to `boot`.
 * Without an operand it forgets the shim.  As in iPXE, a program the
 * shim starts may leave boot services without verifying a next stage
 * itself (the shim is unlocked) unless --require-loader; --allow-pxe
 * and --allow-sbat are accepted: lwpxe offers the shim no PXE base code
 * and leaves SBAT to it.
 */
static int shim_exec(int argc, char **argv)
{
	unsigned int flags = 0;
	int optind = 1;
	char *arg;
	int id, rc;

	while ((id = parse_options(&shim_cmd, shim_opts, ARRAY_SIZE(shim_opts),
				   argc, argv, &optind, &arg)) > 0) {
		if (id == SHIM_OPT_TIMEOUT &&
		    image_parse_timeout(shim_cmd.name, arg) < 0)
			return -EINVAL;
		if (id == SHIM_OPT_REQUIRE_LOADER)
			flags |= IMAGE_SHIM_REQUIRE_LOADER;
	}
	if (id < 0)
		return id;
	if (optind < argc - 1)
		return command_usage(&shim_cmd);
	if (optind == argc) {
		image_set_shim(NULL, 0);
		return 0;
	}
	rc = platform_secure_boot();
	if (rc < 0) {
		printf("%sshim: %s skipped: not supported on this platform "
		       "(only UEFI Secure Boot uses a shim)\n", script_where(),
		       argv[optind]);
		return 0;
	}
	if (rc == 0) {
		printf("%sshim: %s skipped: UEFI Secure Boot is off, no shim "
		       "is needed\n", script_where(), argv[optind]);
		return 0;
	}
	return shim_use(argv[optind], flags);
}

/** The `shim` command */
static const struct command shim_cmd = {
	.name = "shim",
	.usage = "[--timeout MS] [--require-loader] [--allow-pxe] "
		 "[--allow-sbat] [uri|image]",
	.exec = shim_exec,
};
COMMAND(shim_cmd);
