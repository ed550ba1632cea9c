#!/bin/sh
# Make a BIOS-bootable LU from a UEFI one (an MBR disk whose FAT partition
# starts at 1 MiB, as tests/qemu/mklu-efi.sh and mklu-efi-linux.sh make):
# Debian's i386-pc GRUB goes into the MBR (boot.img's code; the disk
# signature and partition table stay) and into the gap before the
# partition (core.img from LBA 1, where boot.img looks for it), so GRUB
# reads everything else through INT 13h.  core.img carries its config:
# the serial console on COM1, then CONFIG if given, else the sanboot LU's
# (tests/qemu/mklu-efi.sh): markers, the SHA-256 of the 32 MiB big.bin as
# read through the firmware's disk (the benchmark times it), halt.  The
# disk still boots under OVMF too.  OUTPUT.sha256 (and OUTPUT.kernel, OUTPUT.loaded) are
# copied from beside the UEFI LU.  core.img has the modules biosdisk,
# part_msdos, fat, serial, terminal, echo, ls, hashsum (SHA-256), linux,
# boot and halt, for CONFIG too.
#
# usage: tests/qemu/mklu-bios.sh EFI-LU.img OUTPUT.img [CONFIG]
set -eu

src=$1
out=$2
cfg=${3:-}
grubdir=/usr/lib/grub/i386-pc
gap_sectors=2047                # LBA 1 up to the partition at 1 MiB

for f in "$src" "$src.sha256" "$grubdir/boot.img" "$grubdir/moddep.lst" $cfg; do
	[ -r "$f" ] || { echo "mklu-bios: missing $f" >&2; exit 1; }
done
start=$(sfdisk --dump "$src" | sed -n 's/.*start= *\([0-9]*\),.*/\1/p' | head -1)
[ "$start" = $((gap_sectors + 1)) ] ||
	{ echo "mklu-bios: $src: partition 1 starts at LBA ${start:-?}, not 2048" >&2; exit 1; }

tmp=$(mktemp -d "${out}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

printf 'serial --unit=0 --speed=115200\nterminal_input serial\nterminal_output serial\n' \
	> "$tmp/grub.cfg"
if [ -n "$cfg" ]; then
	cat "$cfg" >> "$tmp/grub.cfg"
else
	cat >> "$tmp/grub.cfg" <<'CFG'
echo lwpxe-grub-started
echo lwpxe-grub-root=$root
echo lwpxe-grub-hash-begin
hashsum --hash sha256 ($root)/big.bin
echo lwpxe-grub-hash-end
halt
CFG
fi
# the prefix's "(,msdos1)" makes $root partition 1 of the boot drive
grub-mkimage -O i386-pc -o "$tmp/core.img" -p '(,msdos1)/boot/grub' \
	-c "$tmp/grub.cfg" biosdisk part_msdos fat serial terminal echo ls \
	hashsum gcry_sha256 linux boot halt
size=$(wc -c < "$tmp/core.img")
if [ $(( (size + 511) / 512 )) -gt $gap_sectors ]; then
	echo "mklu-bios: core.img is $size bytes: more than the $gap_sectors sectors before the partition" >&2
	exit 1
fi

cp "$src" "$tmp/disk.img"
# boot.img's code only: bytes 440-511 (disk signature, partitions, 55AA) stay
dd if="$grubdir/boot.img" of="$tmp/disk.img" bs=440 count=1 conv=notrunc status=none
dd if="$tmp/core.img" of="$tmp/disk.img" bs=512 seek=1 conv=notrunc status=none
cp "$src.sha256" "$out.sha256"
[ ! -r "$src.kernel" ] || cp "$src.kernel" "$out.kernel"
[ ! -r "$src.loaded" ] || cp "$src.loaded" "$out.loaded"
mv "$tmp/disk.img" "$out"
