/** @file SAN hand-over on Linux: a process cannot give a disk to a boot loader, so `sanboot` stops after describing it. */
#include <stdio.h>
#include <lwpxe/san.h>
#include <lwpxe/timeline.h>

int san_platform_boot(struct san_drive *drive, const char *filename)
{
	timeline_handover("the SAN drive (a Linux process only describes it)");
	printf("sanboot: drive %#x described (%llu blocks of %u bytes); "
	       "a Linux process cannot hand a disk to a boot loader%s%s\n",
	       drive->number, (unsigned long long)drive->blocks,
	       drive->block_size, filename ? ", not starting " : "",
	       filename ? filename : "");
	return 0;
}

int san_platform_hook(struct san_drive *drive)
{
	(void)drive;
	return 0;
}

void san_platform_unhook(struct san_drive *drive)
{
	(void)drive;
}
