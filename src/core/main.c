/** @file The core's entry: banner, built-in settings, then the start-up script. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/platform.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>

/** Version shown in the banner and in ${version} */
#define LWPXE_VERSION "0.1"

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

int lwpxe_main(const char *name, const char *script, unsigned long len)
{
	printf("lwpxe %s (%s) -- network boot firmware on lwIP\n",
	       LWPXE_VERSION, platform_name);
	lwpxe_builtin_settings();
	return script_exit_status(script_run(name, script, len));
}
