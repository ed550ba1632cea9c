#!/bin/sh
# Build the files the UEFI network image test serves over HTTP, into
# OUTDIR: Debian's kernel (package linux-image-amd64) as vmlinuz; a busybox
# initramfs initrd.img whose /init prints the kernel's command line and
# the SHA-256 of /payload.bin (in initrd.img) and of /extra.bin (in a
# second, uncompressed cpio archive extra.cpio, which reaches Linux only
# if both initrds are handed over), then powers off; a standalone GRUB
# grubx64.efi (grub-efi-amd64-bin) whose embedded config prints a marker
# and exits back to its caller; bootaa64.efi, the same file with an ARM64
# machine type; hello.txt, not an executable; disk.img, a disk image (MBR,
# FAT) holding disk.bin; test.iso, a GRUB CD image (grub-mkrescue) whose
# grub.cfg hashes disk.bin (found on whichever disk holds it) and its own
# iso.bin, then returns; nocat.iso and biosonly.iso, CD images without a
# boot catalogue and with only a BIOS boot image.  OUTDIR/sums gets the
# SHA-256 of payload.bin, extra.bin, disk.bin and iso.bin, OUTDIR/kernel
# the kernel version.
#
# usage: tests/qemu/mk-efi-netimg.sh OUTDIR
set -eu

out=$1
tmp=$(mktemp -d "${out%/}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

ver=$(dpkg-query -W -f='${Depends}' linux-image-amd64 |
	sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
vmlinuz=/boot/vmlinuz-$ver
busybox=$(dpkg -L busybox-static | grep '/bin/busybox$' | head -1)
for f in "$vmlinuz" "$busybox"; do
	[ -r "$f" ] || { echo "mk-efi-netimg: missing $f" >&2; exit 1; }
done
mkdir -p "$tmp/www"
cp "$vmlinuz" "$tmp/www/vmlinuz"

# --- GRUB: print a marker and return to lwpxe ---
cat > "$tmp/grub.cfg" <<'CFG'
echo lwpxe-netimg-grub-started
exit
CFG
grub-mkimage -O x86_64-efi -o "$tmp/www/grubx64.efi" -p / \
	-c "$tmp/grub.cfg" echo minicmd
# the same file for ARM64: COFF Machine (after "PE\0\0" at e_lfanew) = 0xaa64
cp "$tmp/www/grubx64.efi" "$tmp/www/bootaa64.efi"
lfanew=$(od -An -tu4 -j60 -N4 "$tmp/www/grubx64.efi" | tr -d ' ')
printf '\144\252' | dd of="$tmp/www/bootaa64.efi" bs=1 seek=$((lfanew + 4)) \
	conv=notrunc status=none
echo "not a program" > "$tmp/www/hello.txt"

# --- SAN over HTTP: a disk image, a GRUB CD image, CD images UEFI cannot boot ---
# disk.img: an MBR with one FAT partition holding disk.bin (1 MiB, random)
head -c 1048576 /dev/urandom > "$tmp/disk.bin"
mkfs.fat -C -n LWPXEDISK "$tmp/part.img" 3072 >/dev/null
mcopy -i "$tmp/part.img" "$tmp/disk.bin" ::/disk.bin
truncate -s 4M "$tmp/www/disk.img"
echo "start=2048, type=0c" | sfdisk --quiet --label dos "$tmp/www/disk.img"
dd if="$tmp/part.img" of="$tmp/www/disk.img" bs=1M seek=1 conv=notrunc status=none
# test.iso (grub-mkrescue: El Torito with a BIOS and a UEFI image): its
# GRUB hashes iso.bin (on the CD), finds disk.bin on the hooked disk,
# hashes it (from there, so the line fits GRUB's 80 columns) and returns
# to lwpxe
mkdir -p "$tmp/iso/boot/grub"
head -c 1048576 /dev/urandom > "$tmp/iso/iso.bin"
cat > "$tmp/iso/boot/grub/grub.cfg" <<'CFG'
echo lwpxe-netimg-iso-grub-started root=$root
search --no-floppy --file --set=disk /disk.bin
echo lwpxe-netimg-iso-disk=$disk
sha256sum /iso.bin
set root=$disk
sha256sum /disk.bin
echo lwpxe-netimg-iso-grub-done
exit
CFG
grub-mkrescue -o "$tmp/www/test.iso" "$tmp/iso" >/dev/null 2>&1 ||
	{ echo "mk-efi-netimg: grub-mkrescue failed" >&2; exit 1; }
# nocat.iso: ISO 9660 without a boot catalogue; biosonly.iso: El Torito
# with only a BIOS (no-emulation) image
mkdir -p "$tmp/plain/boot"
echo "not bootable" > "$tmp/plain/readme.txt"
head -c 2048 /dev/zero > "$tmp/plain/boot/bios.img"
xorriso -as mkisofs -quiet -o "$tmp/www/nocat.iso" "$tmp/plain" 2>/dev/null
xorriso -as mkisofs -quiet -o "$tmp/www/biosonly.iso" -b boot/bios.img \
	-no-emul-boot "$tmp/plain" 2>/dev/null

# --- the initramfs and a second initrd ---
root=$tmp/initramfs
mkdir -p "$root/bin" "$root/dev" "$root/proc"
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
head -c 1048576 /dev/urandom > "$root/payload.bin"
cat > "$root/init" <<'INIT'
#!/bin/busybox sh
# lwpxe UEFI network image test: what reached the kernel from lwpxe.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs dev /dev
exec < /dev/console > /dev/console 2>&1
mount -t proc proc /proc
echo "lwpxe-netimg-linux-started $(uname -r)"
echo "lwpxe-netimg-cmdline $(cat /proc/cmdline)"
echo "lwpxe-netimg-payload $(sha256sum /payload.bin | cut -d' ' -f1)"
echo "lwpxe-netimg-extra $(sha256sum /extra.bin 2>&1 | cut -d' ' -f1)"
echo lwpxe-netimg-linux-done
poweroff -f
INIT
chmod 755 "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
	gzip -1 > "$tmp/www/initrd.img"
mkdir "$tmp/extra"
head -c 77777 /dev/urandom > "$tmp/extra/extra.bin"     # not a multiple of 4
(cd "$tmp/extra" && echo extra.bin | cpio -o -H newc --quiet -R 0:0) \
	> "$tmp/www/extra.cpio"

{
	echo "payload $(sha256sum "$root/payload.bin" | cut -d' ' -f1)"
	echo "extra $(sha256sum "$tmp/extra/extra.bin" | cut -d' ' -f1)"
	echo "disk $(sha256sum "$tmp/disk.bin" | cut -d' ' -f1)"
	echo "iso $(sha256sum "$tmp/iso/iso.bin" | cut -d' ' -f1)"
} > "$tmp/www/sums"
echo "$ver" > "$tmp/www/kernel"
rm -rf "$out"
mv "$tmp/www" "$out"
