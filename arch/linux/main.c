/** @file Entry point of the Linux-process build: options, memory, NICs, then the core. */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <lwpxe/errors.h>
#include <lwpxe/heap.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/platform.h>
#include <lwpxe/trust.h>
#include "linux.h"
#include "linux_api.h"

/** Size of the heap reserved from the kernel (committed only when touched) */
#define LINUX_HEAP_SIZE (1024UL << 20)

/** Largest file accepted by --script and --trust */
#define LINUX_FILE_MAX (1UL << 20)

const char platform_name[] = "linux";
const unsigned int platform_client_arch = 0;
const unsigned int platform_shell_prompt_ms = 0;

int platform_secure_boot(void)
{
	return -ENOTSUP;
}

void platform_exit(int status)
{
	/* close every NIC (a TAP's offloads go with it), then the sources quiesce their devices */
	netdev_close_all();
	nic_remove_all();
	linux_console_fini();
	linux_syscall(LINUX_SYS_exit_group, status, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

/** Print usage and exit with @p status */
static void __noreturn linux_usage(int status)
{
	printf("usage: lwpxe [--net IFNAME]... [--script FILE] [--ibft-out FILE] [--trust FILE.pem]...\n"
	       "             [--cert FILE.pem --key FILE.key]\n"
	       "  --net IFNAME     use the existing TAP interface IFNAME as the next NIC (net0, net1...)\n"
	       "  --net DRIVER[/DEVICE]:IFNAME  a device model on IFNAME, run by the real driver\n"
	       "                   (nge:tap0, nge/0x0066:tap0, e1000g:tap0; numbered after the plain ones)\n"
	       "  --script FILE    run FILE instead of the embedded script\n"
	       "  --ibft-out FILE  write the iBFT to FILE each time it is built\n"
	       "  --trust FILE     trust the root certificates in FILE (PEM or DER) too\n"
	       "  --cert FILE      the TLS client certificate (and chain) in FILE, with\n"
	       "  --key FILE       its unencrypted private key (instead of CERT=/PRIVKEY=)\n");
	platform_exit(status);
}

/** Give the heap a large anonymous mapping */
static void linux_heap_init(void)
{
	long base = linux_syscall(LINUX_SYS_mmap, 0, LINUX_HEAP_SIZE,
				  LINUX_PROT_READ | LINUX_PROT_WRITE,
				  LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS |
				  LINUX_MAP_NORESERVE, -1, 0);

	if (base < 0 && base > -4096) {
		linux_syscall(LINUX_SYS_write, 2,
			      (long)"lwpxe: cannot map the heap\n", 27, 0, 0, 0);
		linux_syscall(LINUX_SYS_exit_group, 1, 0, 0, 0, 0, 0);
	}
	/* 2 MiB pages where the kernel has them: a 256 MiB image then costs
	 * 128 page faults instead of 65536 (a hint; failure changes nothing) */
	linux_syscall(LINUX_SYS_madvise, base, LINUX_HEAP_SIZE,
		      LINUX_MADV_HUGEPAGE, 0, 0, 0);
	heap_add((void *)base, LINUX_HEAP_SIZE);
}

/** Heap: the whole mapping was given at start-up; there is no more */
int heap_platform_more(size_t need)
{
	(void)need;
	return -ENOMEM;
}

/** Read file @p path (named by @p option) into a heap buffer; NULL after printing why */
static char *linux_load_file(const char *option, const char *path,
			     unsigned long *len)
{
	char *buf = malloc(LINUX_FILE_MAX);
	unsigned long got = 0;
	long n;
	int fd;

	if (!buf) {
		printf("lwpxe: %s %s: %s\n", option, path, errmsg(-ENOMEM));
		return NULL;
	}
	fd = linux_open(path, LINUX_O_RDONLY | LINUX_O_CLOEXEC);
	if (fd < 0) {
		printf("lwpxe: %s %s: %s\n", option, path, errmsg(fd));
		free(buf);
		return NULL;
	}
	while ((n = linux_read(fd, buf + got, LINUX_FILE_MAX - got)) > 0)
		got += (unsigned long)n;
	linux_close(fd);
	if (n < 0 || got == LINUX_FILE_MAX) {
		printf("lwpxe: %s %s: %s\n", option, path,
		       n < 0 ? errmsg((int)n) : "larger than 1 MiB");
		free(buf);
		return NULL;
	}
	*len = got;
	return buf;
}

/** Add the roots in @p path to the trust store; exits after one line if it holds none */
static void linux_trust(const char *path)
{
	unsigned long len;
	char *data = linux_load_file("--trust", path, &len);
	char why[96];

	if (!data)
		platform_exit(1);
	if (trust_add(data, len, why, sizeof(why)) < 0) {
		printf("lwpxe: --trust %s: %s\n", path, why);
		platform_exit(1);
	}
	free(data);
}

/** Use the client certificate in @p cert_path and the key in @p key_path; exits after one line if they do not do */
static void linux_client_cert(const char *cert_path, const char *key_path)
{
	unsigned long cert_len, key_len;
	char *cert, *key;
	char why[96];

	if (!cert_path || !key_path) {
		printf("lwpxe: --cert and --key go together\n");
		platform_exit(2);
	}
	cert = linux_load_file("--cert", cert_path, &cert_len);
	key = cert ? linux_load_file("--key", key_path, &key_len) : NULL;
	if (!key)
		platform_exit(1);
	if (trust_set_client(cert, cert_len, key, key_len, why,
			     sizeof(why)) < 0) {
		printf("lwpxe: --cert %s --key %s: %s\n", cert_path, key_path,
		       why);
		platform_exit(1);
	}
	free(cert);
	free(key);
}

/** Called from _start with the initial stack pointer */
void __noreturn linux_start(long *sp);

void linux_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	const char *script_path = NULL;
	const char *cert_path = NULL, *key_path = NULL;
	const struct embedded_image *image = &embedded_images[0];
	const char *name = image->name;
	const char *script = image->data;
	unsigned long len = image->len;

	linux_heap_init();
	linux_console_init();

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			linux_usage(0);
		if (i + 1 >= argc) {
			printf("lwpxe: %s: missing argument or unknown option\n",
			       argv[i]);
			linux_usage(2);
		}
		if (strcmp(argv[i], "--net") == 0) {
			if (linux_net_add(argv[++i]) != 0) {
				printf("lwpxe: --net %s: more than 16 "
				       "interfaces\n", argv[i]);
				platform_exit(2);
			}
		} else if (strcmp(argv[i], "--script") == 0) {
			script_path = argv[++i];
		} else if (strcmp(argv[i], "--trust") == 0) {
			linux_trust(argv[++i]);
		} else if (strcmp(argv[i], "--cert") == 0) {
			cert_path = argv[++i];
		} else if (strcmp(argv[i], "--key") == 0) {
			key_path = argv[++i];
		} else if (strcmp(argv[i], "--ibft-out") == 0) {
			linux_ibft_output(argv[++i]);
		} else {
			printf("lwpxe: %s: unknown option\n", argv[i]);
			linux_usage(2);
		}
	}

	if (cert_path || key_path)
		linux_client_cert(cert_path, key_path);
	/* every --net interface must be there: a missing one ends the run */
	if (nic_probe_all() != 0)
		platform_exit(1);
	if (script_path) {
		script = linux_load_file("--script", script_path, &len);
		if (!script)
			platform_exit(1);
		name = script_path;
	}

	platform_exit(lwpxe_main(name, script, len));
}
