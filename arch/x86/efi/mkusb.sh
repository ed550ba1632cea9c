#!/bin/sh
# Make a USB stick / disk image that UEFI firmware boots: an MBR with one
# EFI system partition (type 0xEF) at 1 MiB, FAT, holding the image as
# EFI/BOOT/BOOTX64.EFI (the removable-media boot path on x86_64).
#
# usage: arch/x86/efi/mkusb.sh OUTPUT.usb IMAGE.efi
set -eu

out=$1
efi=$2
start=2048                      # partition start, in 512-byte sectors
part_kib=$(( ( $(wc -c < "$efi") / 1024 + 1024 ) / 1024 * 1024 + 1024 ))
sectors=$((part_kib * 2))
tmp=$out.tmp
part=$out.part

# Write the 32-bit number $1 little-endian as octal escapes for printf.
le32() {
	printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8 & 255)) \
		$(($1 >> 16 & 255)) $(($1 >> 24 & 255))
}

rm -f "$part" "$tmp"
mkfs.fat -C -h "$start" -n LWPXE "$part" "$part_kib" >/dev/null
mmd -i "$part" ::/EFI ::/EFI/BOOT
mcopy -i "$part" "$efi" ::/EFI/BOOT/BOOTX64.EFI

# Sector 0: the partition entry at 446 (active, CHS fields saturated so
# the LBA fields rule) and the 0x55AA signature; then the partition.
dd if=/dev/zero of="$tmp" bs=512 count="$start" status=none
# shellcheck disable=SC2059
printf "\\200\\376\\377\\377\\357\\376\\377\\377$(le32 $start)$(le32 $sectors)" |
	dd of="$tmp" bs=1 seek=446 conv=notrunc status=none
printf '\125\252' | dd of="$tmp" bs=1 seek=510 conv=notrunc status=none
cat "$part" >> "$tmp"
rm -f "$part"
mv "$tmp" "$out"
