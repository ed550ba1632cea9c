/** @file What every platform provides to the core beyond time, console and entropy. */
#ifndef LWPXE_PLATFORM_H
#define LWPXE_PLATFORM_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>

/** Platform: end the program with @p status (Linux: the process exit code) */
void platform_exit(int status) __noreturn;

/**
 * Platform: restart the machine (@p warm: a warm restart, skipping the
 * firmware's memory test where it offers one).  Returns only if it could
 * not: -error.  Linux: the process exits with PLATFORM_EXIT_REBOOT or
 * PLATFORM_EXIT_WARM_REBOOT.
 */
int platform_reboot(int warm);

/**
 * Platform: switch the machine off.  Returns only if it could not:
 * -error.  Linux: the process exits with PLATFORM_EXIT_POWEROFF.
 */
int platform_poweroff(void);

/** Exit status of the Linux build after `poweroff` */
#define PLATFORM_EXIT_POWEROFF 200
/** Exit status of the Linux build after `reboot` */
#define PLATFORM_EXIT_REBOOT 201
/** Exit status of the Linux build after `reboot --warm` */
#define PLATFORM_EXIT_WARM_REBOOT 202

/** Platform: bytes of RAM the machine has (the process's, on Linux); 0 if unknown */
uint64_t platform_memsize(void);

/**
 * Platform: the SMBIOS structure table, as the firmware or OS gives it
 *
 * @v table     receives its address (valid until the program ends)
 * @v len       receives its length in bytes
 * @ret rc      0, or -ENOENT if the machine has none
 */
int platform_smbios(const void **table, size_t *len);

/**
 * Platform: whether UEFI Secure Boot is in force (the firmware's
 * SecureBoot variable is 1)
 *
 * @ret rc      1 if it is, 0 if not, -ENOTSUP on a platform without it
 *              (BIOS, Linux)
 */
int platform_secure_boot(void);

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
