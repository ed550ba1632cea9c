#!/bin/sh
# Build the LU for the UEFI Linux iBFT test: an MBR disk with one EFI
# system partition (FAT) holding Debian's GRUB as EFI/BOOT/BOOTX64.EFI,
# Debian's kernel (package linux-image-amd64, not the host's running one)
# as /vmlinuz and a small initramfs as /initrd.img.  GRUB's embedded config
# prints a marker and boots the kernel with the initramfs, both read
# through the firmware's disk.  The initramfs (busybox-static, the modules
# iscsi_boot_sysfs + iscsi_ibft and their dependencies, e1000, e1000e, a random
# file big.bin) has an /init that prints every /sys/firmware/ibft
# attribute as `ibft: PATH = VALUE`, which interface has the iBFT NIC's
# MAC (as an OS's iSCSI boot looks it up), the SHA-256 of big.bin (which GRUB
# loaded from the LU), tries a DHCP lease with Linux's own NIC driver,
# and powers off.  OUTPUT.sha256 gets big.bin's SHA-256 as computed here,
# OUTPUT.kernel the kernel's version, OUTPUT.loaded the bytes of kernel and
# initramfs (what GRUB reads to boot Linux).
#
# usage: tests/qemu/mklu-efi-linux.sh OUTPUT.img
set -eu

out=$1
big_mib=8
part_mib=40                     # kernel ~8 MiB, initramfs ~10 MiB, GRUB ~1 MiB
tmp=$(mktemp -d "${out}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# The kernel package's version: linux-image-amd64 depends on exactly one
# linux-image-VERSION package.
ver=$(dpkg-query -W -f='${Depends}' linux-image-amd64 |
	sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
vmlinuz=/boot/vmlinuz-$ver
mods=/lib/modules/$ver
busybox=$(dpkg -L busybox-static | grep '/bin/busybox$' | head -1)
for f in "$vmlinuz" "$mods/modules.dep" "$busybox"; do
	[ -r "$f" ] || { echo "mklu-efi-linux: missing $f" >&2; exit 1; }
done

cat > "$tmp/grub.cfg" <<'CFG'
echo lwpxe-grub-started
echo lwpxe-grub-root=$root
echo lwpxe-grub-linux-loading
linux /vmlinuz console=ttyS0,115200 panic=-1 rdinit=/init
initrd /initrd.img
echo lwpxe-grub-linux-booting
boot
echo lwpxe-grub-linux-failed
halt
CFG
grub-mkimage -O x86_64-efi -o "$tmp/BOOTX64.EFI" -p /EFI/BOOT \
	-c "$tmp/grub.cfg" part_msdos part_gpt fat echo linux boot halt

# --- the initramfs ---
root=$tmp/initramfs
mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/lib/modules"
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"

# mod_path NAME: the module's path relative to $mods (from modules.dep).
mod_path() {
	sed -n "s@^\(kernel/[^:]*/$1\.ko[.a-z]*\):.*@\1@p" "$mods/modules.dep" |
		head -1
}

# mod_deps PATH: the module's dependencies in load order (last listed first).
mod_deps() {
	sed -n "s@^$1:@@p" "$mods/modules.dep" | tr ' ' '\n' | grep . | tac || true
}

# mod_copy PATH: put the module, uncompressed, into the initramfs and
# append its name to the load list.
mod_copy() {
	name=$(basename "$1" | sed 's/\.ko.*$//')
	grep -qx "$name" "$tmp/load" 2>/dev/null && return 0
	case $1 in
	*.ko.xz)  xz -dc "$mods/$1" ;;
	*.ko.zst) zstd -dcq "$mods/$1" ;;
	*.ko.gz)  gzip -dc "$mods/$1" ;;
	*)        cat "$mods/$1" ;;
	esac > "$root/lib/modules/$name.ko"
	echo "$name" >> "$tmp/load"
}

: > "$tmp/load"
for m in iscsi_ibft e1000 e1000e; do
	p=$(mod_path "$m")
	[ -n "$p" ] || { echo "mklu-efi-linux: no module $m in $mods" >&2; exit 1; }
	for d in $(mod_deps "$p"); do
		mod_copy "$d"
	done
	mod_copy "$p"
done
load=$(tr '\n' ' ' < "$tmp/load")

head -c "$((big_mib << 20))" /dev/urandom > "$root/big.bin"
sha256sum "$root/big.bin" | cut -d' ' -f1 > "$tmp/sha256"

cat > "$root/init" <<INIT
#!/bin/busybox sh
# lwpxe Linux iBFT test: print what the kernel found in our iBFT.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs dev /dev
exec < /dev/console > /dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys
echo "lwpxe-linux-started \$(uname -r)"
for m in $load; do
	insmod /lib/modules/\$m.ko || echo "lwpxe-linux-insmod-failed \$m"
done
echo lwpxe-linux-ibft-begin
for d in /sys/firmware/ibft/*/; do
	for f in \$d*; do
		[ -f "\$f" ] && echo "ibft: \$f = \$(cat "\$f" 2>&1)"
	done
done
echo lwpxe-linux-ibft-end
mac=\$(cat /sys/firmware/ibft/ethernet0/mac 2>/dev/null)
nic=
for i in /sys/class/net/*; do
	[ "\$(cat \$i/address)" = "\$mac" ] && nic=\${i##*/}
done
if [ -n "\$nic" ]; then
	echo "lwpxe-linux-ibft-nic \$nic has the iBFT's MAC \$mac"
else
	echo "lwpxe-linux-ibft-nic none: no interface has the iBFT's MAC \${mac:-(none)}"
fi
echo "lwpxe-linux-big-sha256 \$(sha256sum /big.bin | cut -d' ' -f1)"
ip link set eth0 up 2>&1
if udhcpc -i eth0 -n -q -t 5 -T 2 -s /bin/true >/dev/null 2>&1; then
	echo lwpxe-linux-dhcp-ok
else
	echo lwpxe-linux-dhcp-failed
fi
echo lwpxe-linux-done
poweroff -f
INIT
chmod 755 "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
	gzip -1 > "$tmp/initrd.img"

mkfs.fat -C -n LWPXELU "$tmp/part.img" "$((part_mib * 1024))" >/dev/null
mmd -i "$tmp/part.img" ::/EFI ::/EFI/BOOT
mcopy -i "$tmp/part.img" "$tmp/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$tmp/part.img" "$vmlinuz" ::/vmlinuz
mcopy -i "$tmp/part.img" "$tmp/initrd.img" ::/initrd.img

# 1 MiB for the MBR and alignment, then the partition (type EF, active).
truncate -s "$(((part_mib + 1) << 20))" "$tmp/disk.img"
echo "start=2048, type=ef, bootable" |
	sfdisk --quiet --label dos "$tmp/disk.img"
dd if="$tmp/part.img" of="$tmp/disk.img" bs=1M seek=1 conv=notrunc status=none
mv "$tmp/sha256" "$out.sha256"
echo "$ver" > "$out.kernel"
echo $(($(stat -c %s "$vmlinuz") + $(stat -c %s "$tmp/initrd.img"))) > "$out.loaded"
mv "$tmp/disk.img" "$out"
