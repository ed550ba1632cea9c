/** @file The core's entry: banner, then the start-up script. */
#include <stdio.h>
#include <lwpxe/platform.h>
#include <lwpxe/script.h>

/** Version shown in the banner */
#define LWPXE_VERSION "0.1"

int lwpxe_main(const char *name, const char *script, unsigned long len)
{
	printf("lwpxe %s (%s) -- network boot firmware on lwIP\n",
	       LWPXE_VERSION, platform_name);
	return script_exit_status(script_run(name, script, len));
}
