#!/bin/sh
# BIOS SAN boot over HTTP: nginx on the host serves the folder
# tests/qemu/mk-bios-sanhttp.sh builds (QEMU's user network shows it to
# the guest as 10.0.2.2).  The image (tests/qemu/bios_sanhttp.ipxe, by
# qemu -kernel) first sanboots an ISO without a boot catalogue and one
# whose boot image needs floppy emulation: one line each naming it and
# the cause, then the script's `||` branch.  Then it
# sanboots the image QEMU's DHCP names in the host name option, once per
# boot: test.iso, a GRUB CD (El Torito, no emulation: GRUB's cdboot finds
# the drive through INT 13h 4Bh and reads the CD in 2048-byte sectors),
# whose config prints the SHA-256 of a file on the CD; and disk.img, the
# BIOS sanboot LU (GRUB in the MBR hashes the 32 MiB big.bin of its FAT
# partition).  GRUB halts QEMU after printing.
#
# usage: tests/qemu/test_bios_sanhttp.sh IMAGE.lkrn WWW-DIR
#   KEEP_TMP=1  keep the scratch folder (serial logs, nginx logs)
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

lkrn=$1
www=$(cd "$2" && pwd)
limit=240                       # seconds for one boot (TCG)

# Stop once GRUB has hashed its file, or lwpxe came back from the boot.
qemu_poll() {
	echo "$lines" | grep -qx 'lwpxe-\(iso\|grub\)-hash-end' ||
		echo "$lines" | grep -qx 'lwpxe-sanhttp-boot-returned'
}

# expect_hash WHAT FILE: GRUB printed the SHA-256 in FILE (hashsum's
# line: the digest, then the file's name).
expect_hash() {
	eh_want=$(cat "$2")
	if log_lines | grep -q "^$eh_want "; then
		pass "$1: $eh_want"
	else
		fail "$1" "no line with SHA-256 $eh_want (GRUB printed: $(log_lines |
			sed -n '/hash-begin/,/hash-end/p' | tr '\n' ' '))"
	fi
}

# sanboot_http NAME: boot with QEMU's DHCP naming image NAME.
sanboot_http() {
	boot "$1" -kernel "$lkrn" -netdev \
		"user,id=n0,bootfile=http://10.0.2.2:$port/,hostname=$1" \
		-device e1000,netdev=n0,romfile=
	expect_line "$1: an ISO without a boot catalogue is refused in one line" \
		"sanboot: drive 0x80 (http://10.0.2.2:$port/nocat.iso): no El Torito boot record in sector 17 (no boot catalogue)"
	expect_line "$1: ... and the script goes on" 'lwpxe-sanhttp-nocat-refused'
	expect_line "$1: floppy emulation is refused in one line" \
		"sanboot: drive 0x80 (http://10.0.2.2:$port/floppy.iso): El Torito 1.44 MB floppy emulation is not supported (only no-emulation boot images)"
	expect_line "$1: ... and the script goes on" 'lwpxe-sanhttp-floppy-refused'
}

need_files "$lkrn" "$www/test.iso" "$www/test.iso.sha256" "$www/nocat.iso" \
	"$www/floppy.iso" \
	"$www/disk.img" "$www/disk.img.sha256"
host_nginx_need "$www"

f=$failed
sanboot_http test.iso
expect_line "test.iso: El Torito boot" \
	'Booting from SAN drive 0x80 (El Torito, 4 sectors at 07c0:0000)'
expect_line "test.iso: GRUB started from the CD" 'lwpxe-iso-grub-started'
expect_line "test.iso: GRUB's root is the boot drive, 0x80" 'lwpxe-iso-root=hd0'
expect_line "test.iso: GRUB lists (cd): INT 13h AX=4B01h named drive 0x80 a CD" \
	'lwpxe-iso-disks .*(cd).*'
expect_hash "test.iso: SHA-256 of /payload.bin read through our INT 13h" \
	"$www/test.iso.sha256"
[ "$failed" = "$f" ] || show

f=$failed
sanboot_http disk.img
expect_line "disk.img: boot sector" 'Booting from SAN drive 0x80'
expect_line "disk.img: GRUB started from the disk" 'lwpxe-grub-started'
expect_line "disk.img: GRUB's root is the FAT partition" 'lwpxe-grub-root=hd0,msdos1'
expect_hash "disk.img: SHA-256 of big.bin read through our INT 13h" \
	"$www/disk.img.sha256"
[ "$failed" = "$f" ] || show

echo "qemu: nginx served (requests: method, file, status):"
awk '{print $3 " " $4 " " $5}' "$tmp/nginx-access.log" 2>/dev/null |
	sort | uniq -c | sed 's/^/    /' || true
qemu_summary
