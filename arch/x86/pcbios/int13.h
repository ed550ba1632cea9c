/** @file The INT 13h hook of the BIOS platform, as the SAN hand-over (san.c) drives it. */
#ifndef PCBIOS_INT13_H
#define PCBIOS_INT13_H

#include <lwpxe/san.h>

/**
 * Install the INT 13h hook unless it is in place, and set the BIOS hard
 * disk count (40:75) for the SAN drives hooked now, @p drive among them;
 * 0, or -ENOTSUP after one line if @p drive's block size is one INT 13h
 * cannot describe (AH=48h holds it in 16 bits)
 */
int int13_install(const struct san_drive *drive);

/**
 * Drive @p gone is going away (it is still in the SAN list): set the disk
 * count without it, and remove the INT 13h hook if no other drive is left
 * (unless someone hooked INT 13h over us: then ours stays, passing every
 * call on, and one line says so).
 */
void int13_remove(const struct san_drive *gone);

#endif
