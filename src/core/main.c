/** @file The core's entry: banner, random seed, built-in settings, then the start-up script. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/console.h>
#include <lwpxe/platform.h>
#include <lwpxe/random.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include <lwpxe/timeline.h>
#include <lwpxe/version.h>

/** Store ${platform}, ${buildarch} and ${version} for scripts that test them */
static void lwpxe_builtin_settings(void)
{
	struct settings *builtin = settings_new_block(NULL, "builtin");
	const char *arch = sizeof(void *) == 8 ? "x86_64" : "i386";

	if (!builtin)
		return;
	settings_store(builtin, "platform", &setting_type_string,
		       platform_name, strlen(platform_name));
	settings_store(builtin, "buildarch", &setting_type_string, arch,
		       strlen(arch));
	settings_store(builtin, "version", &setting_type_string,
		       LWPXE_VERSION, strlen(LWPXE_VERSION));
}

/** Offer Ctrl-B for platform_shell_prompt_ms; nonzero if it was pressed */
static int lwpxe_shell_wanted(void)
{
	uint64_t start = ticks_ms();
	int key;

	if (!platform_shell_prompt_ms)
		return 0;
	printf("Press Ctrl-B for the lwpxe command line...");
	do {
		key = getkey(10);
		if (key == CTRL('B')) {
			printf("\n");
			return 1;
		}
	} while (ticks_ms() - start < platform_shell_prompt_ms);
	printf("\n");
	return 0;
}

int lwpxe_main(const char *name, const char *script, unsigned long len)
{
	timeline_start("lwpxe " LWPXE_VERSION);
	printf("lwpxe %s (%s) -- network boot firmware on lwIP\n",
	       LWPXE_VERSION, platform_name);
	if (random_seed() != 0)
		return 1;        /* no DHCP xid, TCP port or iSCSI ISID without it */
	lwpxe_builtin_settings();
	if (lwpxe_shell_wanted())
		return script_exit_status(shell());
	return script_exit_status(script_run(name, script, len));
}
