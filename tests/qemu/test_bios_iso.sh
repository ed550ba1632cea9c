#!/bin/sh
# BIOS CD image test: boot an ipxe.iso (arch/x86/pcbios/mkiso.sh: ISOLINUX
# loads the .lkrn, which unpacks itself) under SeaBIOS (TCG, no KVM) from
# an IDE CD-ROM drive (qemu -cdrom), and the same file written to a USB
# stick (isohybrid).  The test image's ISOLINUX command line is
# debug-exit=0x501, so the firmware ends QEMU through isa-debug-exit with
# status (exit status << 1) | 1; its embedded script
# (tests/qemu/bios_smoke.ipxe) runs dhcp through e1000g.
#
# usage: tests/qemu/test_bios_iso.sh IMAGE.iso
#   KEEP_TMP=1  keep the scratch folder (serial logs) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

image=$1
limit=60                        # seconds for one boot

need_files "$image"

# str OFFSET LENGTH: LENGTH bytes of the image at OFFSET, as text.
str() {
	dd if="$image" bs=1 skip=$(($1)) count="$2" status=none
}

# An ISO 9660 volume (sector 16), an El Torito boot record (sector 17), a
# hybrid MBR, and a size SeaBIOS reads as a USB disk (whole 16 KiB).
size=$(wc -c < "$image")
if [ "$(str 0x8001 5)" = CD001 ] &&
   [ "$(str 0x8807 23)" = "EL TORITO SPECIFICATION" ] &&
   [ "$(od -An -tx1 -j 510 -N2 "$image" | tr -d ' ')" = 55aa ] &&
   [ $((size % 16384)) = 0 ]; then
	pass "image: ISO 9660, El Torito boot record, hybrid MBR, $size bytes"
else
	fail "image" "no ISO 9660 / El Torito / MBR signature or not whole 16 KiB ($size bytes)"
fi

net="-netdev user,id=n0 -device e1000,netdev=n0,romfile="
cp "$image" "$tmp/cd.iso"           # QEMU locks the image; boot a copy

f=$failed
boot cdrom -cdrom "$tmp/cd.iso" $net
check_dhcp "CD-ROM (ISOLINUX), e1000"
expect_exit "CD-ROM (ISOLINUX), e1000" 0
[ "$failed" = "$f" ] || show

f=$failed
boot iso-usb -device qemu-xhci \
	-drive if=none,id=stick,format=raw,file="$tmp/cd.iso" \
	-device usb-storage,drive=stick,bootindex=0 $net
check_dhcp "ipxe.iso on a USB stick (isohybrid), e1000"
expect_exit "ipxe.iso on a USB stick (isohybrid), e1000" 0
[ "$failed" = "$f" ] || show

qemu_summary
