#!/bin/sh
# Make a BIOS disk / USB stick image: the MBR (mbr.S), then the .lkrn file
# padded to whole sectors, then one sector with the kernel command line
# (NUL-padded; empty for none), zeros up to a multiple of 32 sectors.  The
# MBR reads partition 1's start and the header's sizes.
#
# Geometry.  Partition 1 starts at LBA 1 and ends on a cylinder boundary of
# the 64-head, 32-sector geometry of ZIP drives and isohybrid images (1 MiB
# cylinders), its CHS and LBA fields agreeing, like iPXE's ipxe.usb: BIOSes
# that pick a USB stick's emulation from its partition table see a
# consistent one.  The partition may end beyond the image: on a stick that
# is only unused space.  The image is a whole number of 32-sector tracks
# because QEMU's SCSI disk (usb-storage) reports 2 cylinders of 16 heads
# for a small disk and SeaBIOS takes that geometry only if it divides the
# disk; otherwise it falls back to 63 sectors x 16 heads, 0 cylinders
# under 1008 sectors, and cannot read the boot sector at CHS 0/0/1.
#
# usage: mkusb.sh MBR.bin IMAGE.lkrn OUT.usb [COMMAND-LINE]
set -eu

mbr=$1 lkrn=$2 out=$3 cmdline=${4:-}

heads=64 spt=32                 # partition table geometry
cyl_sectors=$((heads * spt))

die() {
	echo "mkusb: $*" >&2
	rm -f "$out.tmp"
	exit 1
}

# bytes N...: each N as one byte, for printf.
bytes() {
	for b in "$@"; do printf '\\%03o' $((b & 255)); done
}

# le32 N: N as 4 little-endian bytes, for printf.
le32() {
	bytes $(($1)) $(($1 >> 8)) $(($1 >> 16)) $(($1 >> 24))
}

# poke OFFSET FORMAT: write the printf FORMAT's bytes at OFFSET.
poke() {
	# shellcheck disable=SC2059  # the format is made of escapes on purpose
	printf "$2" | dd of="$out.tmp" bs=1 seek=$(($1)) conv=notrunc status=none
}

[ "$(wc -c < "$mbr")" = 512 ] || die "$mbr: not one 512-byte sector"
size=$(wc -c < "$lkrn")
[ "$size" -gt 512 ] || die "$lkrn: too small for a Linux kernel image"
[ ${#cmdline} -lt 512 ] || die "command line longer than 511 bytes"
sectors=$(( (size + 511) / 512 + 1 ))          # the .lkrn and the command line
cylinders=$(( (1 + sectors + cyl_sectors - 1) / cyl_sectors ))
[ "$cylinders" -le 1024 ] || die "$lkrn: too large for a CHS partition table"
last=$((cylinders - 1))

cp "$mbr" "$out.tmp"
cat "$lkrn" >> "$out.tmp"
printf '%s' "$cmdline" |
	dd of="$out.tmp" bs=512 seek="$sectors" conv=notrunc status=none
# partition 1 (entry at 0x1be): CHS end, then its size in sectors from LBA 1
poke 0x1c3 "$(bytes $((heads - 1)) $((spt | (last >> 2 & 0xc0))) "$last")"
poke 0x1ca "$(le32 $((cylinders * cyl_sectors - 1)))"
tracks=$(( (1 + sectors + spt - 1) / spt ))
truncate -s $((tracks * spt * 512)) "$out.tmp"
mv "$out.tmp" "$out"
