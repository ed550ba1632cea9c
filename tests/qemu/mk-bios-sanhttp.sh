#!/bin/sh
# Build the folder the BIOS SAN-over-HTTP test serves, into OUTDIR:
# disk.img, the UEFI sanboot LU (tests/qemu/mklu-efi.sh) made BIOS-bootable
# by tests/qemu/mklu-bios.sh (GRUB in the MBR hashes big.bin from its FAT
# partition; disk.img.sha256 beside it); test.iso, a GRUB CD made by grub-mkrescue (El Torito,
# no-emulation) whose grub.cfg prints a marker, its root and the SHA-256
# of the 1 MiB /payload.bin (test.iso.sha256: as computed here), then
# halts; nocat.iso, an ISO 9660 image without a boot catalogue;
# floppy.iso, a CD whose boot image is a 1.44 MB floppy (emulation).
#
# usage: tests/qemu/mk-bios-sanhttp.sh EFI-LU.img OUTDIR
set -eu

lu=$1
out=$2
tmp=$(mktemp -d "${out%/}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir -p "$tmp/www" "$tmp/iso/boot/grub" "$tmp/plain"
"$(dirname "$0")/mklu-bios.sh" "$lu" "$tmp/www/disk.img"

head -c 1048576 /dev/urandom > "$tmp/iso/payload.bin"
cat > "$tmp/iso/boot/grub/grub.cfg" <<'CFG'
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
echo lwpxe-iso-grub-started
echo lwpxe-iso-root=$root
echo -n "lwpxe-iso-disks "
ls
echo lwpxe-iso-hash-begin
hashsum --hash sha256 /payload.bin
echo lwpxe-iso-hash-end
halt
CFG
grub-mkrescue -o "$tmp/www/test.iso" "$tmp/iso" 2> "$tmp/mkrescue.log" ||
	{ cat "$tmp/mkrescue.log" >&2; exit 1; }
sha256sum "$tmp/iso/payload.bin" | cut -d' ' -f1 > "$tmp/www/test.iso.sha256"

echo "no boot catalogue here" > "$tmp/plain/readme.txt"
xorriso -as mkisofs -quiet -o "$tmp/www/nocat.iso" "$tmp/plain"
truncate -s 1474560 "$tmp/plain/floppy.img"
printf '\125\252' | dd of="$tmp/plain/floppy.img" bs=1 seek=510 conv=notrunc status=none
xorriso -as mkisofs -quiet -o "$tmp/www/floppy.iso" -b floppy.img \
	-c boot.cat "$tmp/plain"

rm -rf "$out"
mv "$tmp/www" "$out"
