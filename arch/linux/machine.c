/** @file The machine as a Linux process sees it: reboot and power-off as exit statuses, memory size, SMBIOS from sysfs. */
#include <stdlib.h>
#include <lwpxe/errors.h>
#include <lwpxe/platform.h>
#include "linux_api.h"

/** Where the kernel shows the firmware's SMBIOS structure table */
#define LINUX_DMI_TABLE "/sys/firmware/dmi/tables/DMI"

/** Largest SMBIOS table read (3.x tables say up to 4 GiB; real ones are a few KiB) */
#define LINUX_DMI_MAX (1UL << 20)

/** struct sysinfo of the kernel, as far as platform_memsize() reads it */
struct linux_sysinfo {
	long uptime;                /**< seconds since boot */
	unsigned long loads[3];     /**< load averages */
	unsigned long totalram;     /**< total RAM in units of @c mem_unit */
	unsigned long freeram;      /**< free RAM */
	unsigned long sharedram;    /**< shared RAM */
	unsigned long bufferram;    /**< buffers */
	unsigned long totalswap;    /**< swap size */
	unsigned long freeswap;     /**< free swap */
	unsigned short procs;       /**< processes */
	unsigned short pad;         /**< padding */
	unsigned long totalhigh;    /**< high memory */
	unsigned long freehigh;     /**< free high memory */
	unsigned int mem_unit;      /**< bytes per unit */
	char reserved[8];           /**< room the kernel may fill */
};

int platform_reboot(int warm)
{
	platform_exit(warm ? PLATFORM_EXIT_WARM_REBOOT : PLATFORM_EXIT_REBOOT);
}

int platform_poweroff(void)
{
	platform_exit(PLATFORM_EXIT_POWEROFF);
}

uint64_t platform_memsize(void)
{
	struct linux_sysinfo info;

	if (linux_syscall(LINUX_SYS_sysinfo, (long)&info, 0, 0, 0, 0, 0) < 0)
		return 0;
	return (uint64_t)info.totalram * (info.mem_unit ? info.mem_unit : 1);
}

/** The table read from sysfs (read once), its length, and whether it was tried */
static void *linux_dmi;
static size_t linux_dmi_len;
static int linux_dmi_tried;

/** Read LINUX_DMI_TABLE once into the heap; 0 or -ENOENT */
static int linux_dmi_load(void)
{
	long n = 0;
	int fd;

	linux_dmi_tried = 1;
	fd = linux_open(LINUX_DMI_TABLE, LINUX_O_RDONLY | LINUX_O_CLOEXEC);
	if (fd < 0)
		return -ENOENT;
	linux_dmi = malloc(LINUX_DMI_MAX);
	while (linux_dmi && linux_dmi_len < LINUX_DMI_MAX &&
	       (n = linux_read(fd, (char *)linux_dmi + linux_dmi_len,
			       LINUX_DMI_MAX - linux_dmi_len)) > 0)
		linux_dmi_len += (size_t)n;
	linux_close(fd);
	if (!linux_dmi || n < 0 || !linux_dmi_len) {
		free(linux_dmi);
		linux_dmi = NULL;
		return -ENOENT;
	}
	return 0;
}

int platform_smbios(const void **table, size_t *len)
{
	if (!linux_dmi_tried)
		linux_dmi_load();
	if (!linux_dmi)
		return -ENOENT;
	*table = linux_dmi;
	*len = linux_dmi_len;
	return 0;
}
