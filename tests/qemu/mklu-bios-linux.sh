#!/bin/sh
# Build the LU for the BIOS Linux iBFT test from the UEFI one
# (tests/qemu/mklu-efi-linux.sh: an MBR disk whose FAT partition at 1 MiB
# holds Debian's kernel as /vmlinuz and the iBFT-printing initramfs as
# /initrd.img).  Debian's i386-pc GRUB goes into the MBR (boot.img; the
# disk signature and partition table stay) and into the gap before the
# partition (core.img from LBA 1, where boot.img looks for it).  core.img
# carries its config: serial console on COM1, markers (with the disks
# GRUB sees, from `ls`), then Debian's kernel with `linux` (the 32-bit
# boot protocol: `linux16` would load it at 1 MiB, over lwpxe's resident
# core) and the initramfs, both read through INT 13h.  The disk then
# boots under both SeaBIOS and OVMF.  OUTPUT.sha256 and OUTPUT.kernel
# are copied from beside the UEFI LU.
#
# usage: tests/qemu/mklu-bios-linux.sh EFI-LU.img OUTPUT.img
set -eu

src=$1
out=$2
grubdir=/usr/lib/grub/i386-pc
gap_sectors=2047                # LBA 1 up to the partition at 1 MiB

for f in "$src" "$src.sha256" "$src.kernel" "$grubdir/boot.img" \
	 "$grubdir/moddep.lst"; do
	[ -r "$f" ] || { echo "mklu-bios-linux: missing $f" >&2; exit 1; }
done
start=$(sfdisk --dump "$src" | sed -n 's/.*start= *\([0-9]*\),.*/\1/p' | head -1)
[ "$start" = $((gap_sectors + 1)) ] ||
	{ echo "mklu-bios-linux: $src: partition 1 starts at LBA ${start:-?}, not 2048" >&2; exit 1; }

tmp=$(mktemp -d "${out}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

cat > "$tmp/grub.cfg" <<'CFG'
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
echo lwpxe-grub-started
echo lwpxe-grub-root=$root
echo -n lwpxe-grub-disks=
ls
echo lwpxe-grub-linux-loading
linux /vmlinuz console=ttyS0,115200 panic=-1 rdinit=/init
initrd /initrd.img
echo lwpxe-grub-linux-booting
boot
echo lwpxe-grub-linux-failed
halt
CFG
# the prefix's "(,msdos1)" makes $root partition 1 of the boot drive
grub-mkimage -O i386-pc -o "$tmp/core.img" -p '(,msdos1)/boot/grub' \
	-c "$tmp/grub.cfg" biosdisk part_msdos fat serial terminal echo ls \
	linux boot halt
size=$(wc -c < "$tmp/core.img")
if [ $(( (size + 511) / 512 )) -gt $gap_sectors ]; then
	echo "mklu-bios-linux: core.img is $size bytes: more than the $gap_sectors sectors before the partition" >&2
	exit 1
fi

cp "$src" "$tmp/disk.img"
# boot.img's code only: bytes 440-511 (disk signature, partitions, 55AA) stay
dd if="$grubdir/boot.img" of="$tmp/disk.img" bs=440 count=1 conv=notrunc status=none
dd if="$tmp/core.img" of="$tmp/disk.img" bs=512 seek=1 conv=notrunc status=none
cp "$src.sha256" "$out.sha256"
cp "$src.kernel" "$out.kernel"
mv "$tmp/disk.img" "$out"
