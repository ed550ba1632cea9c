#!/bin/sh
# Make a BIOS disk / USB stick image: the MBR (mbr.S), then the .lkrn file
# padded to whole sectors, then one sector with the kernel command line
# (NUL-padded; empty for none), zeros up to a whole MiB.  Partition 1
# covers the .lkrn and the command-line sector; the MBR reads its start
# and the header's sizes.
#
# usage: mkusb.sh MBR.bin IMAGE.lkrn OUT.usb [COMMAND-LINE]
set -eu

mbr=$1 lkrn=$2 out=$3 cmdline=${4:-}

die() {
	echo "mkusb: $*" >&2
	rm -f "$out.tmp"
	exit 1
}

# le32 N: N as 4 little-endian bytes, for printf.
le32() {
	printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8 & 255)) \
		$(($1 >> 16 & 255)) $(($1 >> 24 & 255))
}

[ "$(wc -c < "$mbr")" = 512 ] || die "$mbr: not one 512-byte sector"
size=$(wc -c < "$lkrn")
[ "$size" -gt 512 ] || die "$lkrn: too small for a Linux kernel image"
[ ${#cmdline} -lt 512 ] || die "command line longer than 511 bytes"
sectors=$(( (size + 511) / 512 + 1 ))

cp "$mbr" "$out.tmp"
# partition 1's size (the MBR has it start at LBA 1)
# shellcheck disable=SC2059  # the format is made of escapes on purpose
printf "$(le32 "$sectors")" |
	dd of="$out.tmp" bs=1 seek=$((0x1ca)) conv=notrunc status=none
cat "$lkrn" >> "$out.tmp"
printf '%s' "$cmdline" |
	dd of="$out.tmp" bs=512 seek="$sectors" conv=notrunc status=none
# pad to whole MiB: SeaBIOS gives a disk under 16 * 63 sectors 0 cylinders
# and then cannot read its boot sector ("could not read the boot disk")
mib=$(( (sectors + 1 + 2047) / 2048 ))
truncate -s $((mib * 1048576)) "$out.tmp"
mv "$out.tmp" "$out"
