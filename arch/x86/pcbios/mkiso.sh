#!/bin/sh
# Make a bootable CD image (El Torito, ISO 9660) of a BIOS .lkrn, as iPXE
# does: Debian's ISOLINUX (no-emulation boot, the loader that copes with
# the most El Torito BIOSes) boots IMAGE.lkrn through the Linux boot
# protocol with COMMAND-LINE.  ISOLINUX's isohybrid MBR makes the same
# file bootable when written to a USB stick; unlike isohybrid's default
# the image is not padded to a whole MiB, only to 16 KiB.
#
# usage: mkiso.sh IMAGE.lkrn OUT.iso [COMMAND-LINE]
set -eu

lkrn=$1 out=$2 cmdline=${3:-}
isolinux=/usr/lib/ISOLINUX                      # Debian's isolinux
modules=/usr/lib/syslinux/modules/bios          # Debian's syslinux-common
tree=$out.tree

die() {
	echo "mkiso: $*" >&2
	rm -rf "$tree" "$out.tmp" "$out.log"
	exit 1
}

for f in "$isolinux/isolinux.bin" "$isolinux/isohdpfx.bin" \
	 "$modules/ldlinux.c32"; do
	[ -r "$f" ] || die "$f missing: apt-get install isolinux syslinux-common"
done
[ -r "$lkrn" ] || die "$lkrn: no such file"

rm -rf "$tree" && mkdir -p "$tree/isolinux"
cp "$isolinux/isolinux.bin" "$modules/ldlinux.c32" "$tree/isolinux/"
cp "$lkrn" "$tree/ipxe.lkrn"
cat > "$tree/isolinux/isolinux.cfg" <<EOF
DEFAULT lwpxe
PROMPT 0
LABEL lwpxe
  LINUX /ipxe.lkrn
  APPEND $cmdline
EOF
xorriso -as mkisofs -quiet -o "$out.tmp" -V LWPXE -J -r \
	-b isolinux/isolinux.bin -c isolinux/boot.cat \
	-no-emul-boot -boot-load-size 4 -boot-info-table \
	-isohybrid-mbr "$isolinux/isohdpfx.bin" -partition_cyl_align off -no-pad \
	"$tree" 2> "$out.log" ||
	die "xorriso failed: $(grep -v '^xorriso .* : RockRidge' "$out.log")"
rm -f "$out.log"
rm -rf "$tree"
# whole 16 KiB: SeaBIOS reads a small USB disk only then (see mkusb.sh)
size=$(wc -c < "$out.tmp")
truncate -s $(( (size + 16383) / 16384 * 16384 )) "$out.tmp"
mv "$out.tmp" "$out"
