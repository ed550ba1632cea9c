/** @file El Torito no-emulation boot of a SAN drive on BIOS (cdboot.c), as san.c and int13.c use it. */
#ifndef PCBIOS_CDBOOT_H
#define PCBIOS_CDBOOT_H

#include <stdint.h>
#include <lwpxe/san.h>

/** Bytes of the specification packet INT 13h AH=4Bh fills */
#define CDBOOT_SPEC_LEN 0x13

/**
 * Load the default boot image of CD drive @p drive (2048-byte blocks) at
 * its load segment and start it with DL = the drive number, as a BIOS
 * boots a CD without emulation; returns only if that did not happen or
 * the image returned: -error, after one line naming the drive and why
 */
int cdboot_start(struct san_drive *drive);

/**
 * Fill the El Torito specification packet (CDBOOT_SPEC_LEN bytes at
 * @p out) INT 13h AH=4Bh returns for @p drive; -ENODEV unless @p drive
 * is a CD (2048-byte blocks)
 */
int cdboot_spec_packet(const struct san_drive *drive, uint8_t *out);

#endif
