#!/bin/sh
# Build the files the UEFI Secure Boot test serves over HTTP, into OUTDIR:
# shimx64.efi, Debian's shim (package shim-unsigned: the build Microsoft
# signs for shim-signed, with Debian's CA built in) signed with the
# snakeoil key OVMF's test variables trust (Microsoft's UEFI CA is not in
# them); grubx64.efi, Debian's GRUB as Debian signed it (package
# grub-efi-amd64-signed), which the firmware refuses and the shim accepts;
# grubother.efi, the same GRUB with its signature replaced by one from a
# key made here, which both refuse; grubcfg.img, a FAT disk image holding
# /.disk/info (the file by which Debian's GRUB finds its disk when it
# knows none) and /boot/grub/grub.cfg, which prints a marker with GRUB's
# Secure Boot variables and returns to its caller; from PROBE
# (tests/qemu/efi_mokprobe.c), mokenroll.efi signed with the snakeoil key
# (the firmware starts it) and mokprobe.efi signed with a key made here
# (the firmware refuses it, the shim accepts it once the key is in
# MokList), and that key's certificate as mok.der.
#
# usage: tests/qemu/mk-efi-shim.sh OUTDIR PROBE.efi
set -eu

out=$1
probe=$2
here=$(dirname "$0")
tmp=$(mktemp -d "${out%/}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

shim=/usr/lib/shim/shimx64.efi
grub=/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed
for f in "$shim" "$grub"; do
	[ -r "$f" ] || { echo "mk-efi-shim: missing $f" >&2; exit 1; }
done
mkdir -p "$tmp/www"
"$here/sign-snakeoil.sh" "$shim" "$tmp/www/shimx64.efi"
cp "$grub" "$tmp/www/grubx64.efi"

# grubother.efi: Debian's GRUB signed by a key neither the firmware nor
# the shim knows
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=lwpxe test: not trusted/" \
	-days 3650 -keyout "$tmp/other.key" -out "$tmp/other.pem" 2>/dev/null
cp "$grub" "$tmp/unsigned.efi"
sbattach --remove "$tmp/unsigned.efi" 2>/dev/null
sbsign --key "$tmp/other.key" --cert "$tmp/other.pem" \
	--output "$tmp/www/grubother.efi" "$tmp/unsigned.efi" 2>/dev/null

# the probe: as the firmware trusts it, and with a "machine owner" key
"$here/sign-snakeoil.sh" "$probe" "$tmp/www/mokenroll.efi"
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=lwpxe test: MOK/" \
	-days 3650 -keyout "$tmp/mok.key" -out "$tmp/mok.pem" 2>/dev/null
openssl x509 -in "$tmp/mok.pem" -outform DER -out "$tmp/www/mok.der"
sbsign --key "$tmp/mok.key" --cert "$tmp/mok.pem" \
	--output "$tmp/www/mokprobe.efi" "$probe" 2>/dev/null

# grubcfg.img: what Debian's GRUB reads once the shim started it
mkdir -p "$tmp/cfg/.disk" "$tmp/cfg/boot/grub"
echo "lwpxe Secure Boot test" > "$tmp/cfg/.disk/info"
cat > "$tmp/cfg/boot/grub/grub.cfg" <<'CFG'
echo lwpxe-shim-grub-started lockdown=$lockdown shim_lock=$shim_lock
exit
CFG
mkfs.fat -C -n LWPXESHIM "$tmp/www/grubcfg.img" 1024 >/dev/null
mcopy -s -i "$tmp/www/grubcfg.img" "$tmp/cfg/.disk" "$tmp/cfg/boot" ::/

rm -rf "$out"
mv "$tmp/www" "$out"
