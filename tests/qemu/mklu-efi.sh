#!/bin/sh
# Build the LU for the UEFI sanboot test: an MBR disk with one EFI system
# partition (FAT) holding Debian's GRUB as EFI/BOOT/BOOTX64.EFI and a 32 MiB
# random file big.bin.  GRUB's embedded config prints a marker, its root,
# the disks it sees, the ACPI tables (the iBFT must be among them), the SHA-256 of big.bin as
# read through the firmware's disk, then powers off.  OUTPUT.sha256 gets
# the file's SHA-256 as computed here.
#
# usage: tests/qemu/mklu-efi.sh OUTPUT.img
set -eu

out=$1
big_mib=32
part_mib=40                     # big.bin, GRUB (~1 MiB) and FAT overhead
tmp=$(mktemp -d "${out}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

cat > "$tmp/grub.cfg" <<'CFG'
echo lwpxe-grub-started
echo lwpxe-grub-root=$root
echo lwpxe-grub-disks-begin
ls
echo lwpxe-grub-disks-end
lsacpi
echo lwpxe-grub-hash-begin
hashsum --hash sha256 ($root)/big.bin
echo lwpxe-grub-hash-end
halt
CFG
grub-mkimage -O x86_64-efi -o "$tmp/BOOTX64.EFI" -p /EFI/BOOT \
	-c "$tmp/grub.cfg" part_msdos part_gpt fat echo hashsum gcry_sha256 \
	lsacpi ls halt

head -c "$((big_mib << 20))" /dev/urandom > "$tmp/big.bin"
sha256sum "$tmp/big.bin" | cut -d' ' -f1 > "$tmp/sha256"

mkfs.fat -C -n LWPXELU "$tmp/part.img" "$((part_mib * 1024))" >/dev/null
mmd -i "$tmp/part.img" ::/EFI ::/EFI/BOOT
mcopy -i "$tmp/part.img" "$tmp/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$tmp/part.img" "$tmp/big.bin" ::/big.bin

# 1 MiB for the MBR and alignment, then the partition (type EF, active).
truncate -s "$(((part_mib + 1) << 20))" "$tmp/disk.img"
echo "start=2048, type=ef, bootable" |
	sfdisk --quiet --label dos "$tmp/disk.img"
dd if="$tmp/part.img" of="$tmp/disk.img" bs=1M seek=1 conv=notrunc status=none
mv "$tmp/sha256" "$out.sha256"
mv "$tmp/disk.img" "$out"
