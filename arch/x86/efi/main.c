/** @file Entry point of the UEFI images: firmware handles, watchdog, memory, time, NICs, then the core. */
#include <stdio.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include <lwpxe/platform.h>
#include "efi_arch.h"

EFI_HANDLE efi_image;
EFI_SYSTEM_TABLE *efi_systab;
EFI_BOOT_SERVICES *efi_bs;

const char platform_name[] = "efi";
const unsigned int platform_client_arch = 7;
const unsigned int platform_shell_prompt_ms = 0;

void platform_exit(int status)
{
	if (status)
		printf("lwpxe: exit status %d: back to the firmware's boot manager (next boot option)\n",
		       status);
	/* close every NIC, then the sources give the firmware its devices back */
	netdev_close_all();
	nic_remove_all();
	efi_console_flush();
	efi_heap_fini();
	efi_bs->Exit(efi_image, status == 0 ? EFI_SUCCESS : EFI_ABORTED, 0,
		     NULL);
	for (;;)
		__asm__ volatile("hlt");
}

/** Called by gnu-efi's crt0 (System V ABI) after relocating the image */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	const struct embedded_image *script = &embedded_images[0];

	efi_image = image;
	efi_systab = systab;
	efi_bs = systab->BootServices;
	/* the boot manager arms a 5-minute watchdog; we may run longer */
	efi_bs->SetWatchdogTimer(0, 0, 0, NULL);
	if (efi_heap_init() != 0) {
		printf("lwpxe: no memory for the heap\n");
		efi_console_flush();
		return EFI_OUT_OF_RESOURCES;
	}
	efi_time_init();
	nic_probe_all();
	platform_exit(lwpxe_main(script->name, script->data, script->len));
}
