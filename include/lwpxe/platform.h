/** @file What every platform provides to the core beyond time, console and entropy. */
#ifndef LWPXE_PLATFORM_H
#define LWPXE_PLATFORM_H

#include <lwpxe/compiler.h>

/** Platform: end the program with @p status (Linux: the process exit code) */
void platform_exit(int status) __noreturn;

/** Platform name as shown in the banner ("linux", "pcbios", "efi") */
extern const char platform_name[];

/** DHCP client architecture (option 93, RFC 4578): 0 x86 BIOS, 7 x86-64 UEFI */
extern const unsigned int platform_client_arch;

/**
 * How long the banner offers Ctrl-B for the shell before the start-up
 * script runs, in milliseconds (0: no offer)
 */
extern const unsigned int platform_shell_prompt_ms;

/** An embedded script, built in with EMBED= */
struct embedded_image {
	const char *name;      /**< file name it was built from */
	const char *data;      /**< contents */
	unsigned long len;     /**< length in bytes */
};

/** Scripts built in with EMBED= (the first runs at start-up) */
extern const struct embedded_image embedded_images[];
/** Number of entries in embedded_images */
extern const unsigned int embedded_image_count;

/** Run the core: banner, then @p script of @p len bytes; returns exit status */
int lwpxe_main(const char *name, const char *script, unsigned long len);

#endif
