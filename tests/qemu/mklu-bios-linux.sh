#!/bin/sh
# Build the LU for the BIOS Linux iBFT test from the UEFI one
# (tests/qemu/mklu-efi-linux.sh: Debian's kernel as /vmlinuz and the
# iBFT-printing initramfs as /initrd.img) with tests/qemu/mklu-bios.sh:
# Debian's i386-pc GRUB in the MBR and the gap, configured to print
# markers (with the disks GRUB sees, from `ls`), then boot the kernel with
# `linux` (the 32-bit boot protocol) and the initramfs, both read through
# INT 13h.
#
# usage: tests/qemu/mklu-bios-linux.sh EFI-LU.img OUTPUT.img
set -eu

src=$1
out=$2
[ -r "$src.kernel" ] || { echo "mklu-bios-linux: missing $src.kernel" >&2; exit 1; }

cfg=$(mktemp "${out}.cfg.XXXXXX")
trap 'rm -f "$cfg"' EXIT INT TERM
cat > "$cfg" <<'CFG'
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
"$(dirname "$0")/mklu-bios.sh" "$src" "$out" "$cfg"
