#!/bin/sh
# UEFI network image test: nginx on the host serves the folder
# tests/qemu/mk-efi-netimg.sh builds on 127.0.0.1, which QEMU's user
# network shows the guest as 10.0.2.2; QEMU's DHCP names the folder's URI
# in the BOOTP file field.  OVMF boots our USB image; its embedded script
# (tests/qemu/efi_netimg.ipxe) chains a text file and an ARM64 program
# (each refused in one line, the script goes on through `||`), chains a
# standalone GRUB over HTTP (it starts from memory, prints a marker and
# returns), sanboots two CD images UEFI cannot boot (no boot catalogue;
# only a BIOS image: one line each, then `||`), hooks a disk image and
# sanboots a GRUB CD image (grub-mkrescue) over HTTP: OVMF finds the El
# Torito UEFI image on our 2048-byte BlockIo and starts its
# \EFI\BOOT\BOOTX64.EFI, and GRUB prints the SHA-256 of a file on the CD
# and of one on the hooked disk (512-byte blocks) and returns; then it
# chains https.ipxe (written here: the HTTPS folder's URI), fetches the
# kernel and initrds (the second over HTTPS: nginx's certificate for
# 10.0.2.2 is signed by the test CA the image was built to trust, TRUST=),
# chains a probe program (tests/qemu/efi_probe.c) that prints its load
# options, the MAC and URI nodes of its device path, the image file
# system's listing and the CRC32 (gnu-efi prints it in capitals) of a file
# read through it, and returns EFI_ABORTED as asked; then `boot` starts
# Debian's kernel through its EFI stub: the initramfs prints /proc/cmdline
# and the SHA-256 of a file from each initrd, and powers off.
#
# usage: tests/qemu/test_efi_netimg.sh IMAGE.usb WWW-DIR PKI-DIR
#   (PKI-DIR: tests/qemu/mk-qemu-pki.sh's server.pem and server.key)
#   KEEP_TMP=1     keep the scratch folder (serial log, nginx logs)
set -eu

. "$(dirname "$0")/lib.sh"

image=$1
www=$(cd "$2" && pwd)
pki=$(cd "$3" && pwd)
limit=400                       # seconds for the whole run (TCG)
qemu_mem=1024
args="console=ttyS0,115200 panic=-1 rdinit=/init lwpxe.test=netimg"   # efi_netimg.ipxe

# Stop as soon as the firmware could not seed its random generator.
qemu_poll() {
	echo "$lines" | grep -q '^random: no entropy source'
}

# expect_grub_sum NAME PATH: the CD's GRUB printed the SHA-256 of /NAME.bin
# (as PATH) as mk-efi-netimg.sh computed it.
expect_grub_sum() {
	expect_line "GRUB from the CD image read /$1.bin" \
		"$(sed -n "s/^$1 //p" "$www/sums")  $2"
}

# expect_sum NAME: the initramfs printed NAME's SHA-256 as mk-efi-netimg.sh computed it.
expect_sum() {
	es_want=$(sed -n "s/^$1 //p" "$www/sums")
	es_got=$(log_lines | sed -n "s/.*lwpxe-netimg-$1 //p" | head -1)
	if [ "$es_got" = "$es_want" ]; then
		pass "SHA-256 of /$1.bin in Linux matches"
	else
		fail "SHA-256 of /$1.bin" "Linux printed '${es_got:-nothing}', want $es_want"
	fi
}

qemu_need "$image" "$www/vmlinuz" "$www/initrd.img" "$www/extra.cpio" \
	"$www/grubx64.efi" "$www/probe.efi" "$www/sums" "$www/kernel" \
	"$www/test.iso" "$www/disk.img" "$www/nocat.iso" "$www/biosonly.iso" \
	"$pki/server.pem" "$pki/server.key"
want_kernel=$(cat "$www/kernel")
host_nginx_need "$www" "location = /https.ipxe { alias $tmp/https.ipxe; }" "$pki"
printf '#!ipxe\nset https https://10.0.2.2:%s/\n' "$sport" > "$tmp/https.ipxe"
qemu_boot netimg "$image" "$limit" -no-reboot \
	-netdev user,id=n0,bootfile="http://10.0.2.2:$port/" \
	-device e1000,netdev=n0,romfile=

expect_line "a text file is refused in one line" \
	'efi_netimg.ipxe:[0-9]*: chain: hello.txt: not an image efi can start (it starts: .*)'
expect_line "... and the script goes on" 'lwpxe-netimg-text-refused'
expect_line "an ARM64 program is refused in one line" \
	'efi_netimg.ipxe:[0-9]*: chain: bootaa64.efi: built for ARM64 (PE machine 0xaa64), not x86_64'
expect_line "... and the script goes on" 'lwpxe-netimg-arm64-refused'
expect_line "GRUB started from memory over HTTP" 'lwpxe-netimg-grub-started'
expect_line "GRUB returned success, the script goes on" 'lwpxe-netimg-grub-returned'
expect_line "a CD image without a boot catalogue is refused in one line" \
	"efi_netimg.ipxe:[0-9]*: sanboot: drive 0x80 (http://10.0.2.2:$port/nocat.iso): no El Torito boot record in sector 17 (no boot catalogue)"
expect_line "... and the script goes on" 'lwpxe-netimg-nocat-refused'
expect_line "a CD image with only a BIOS boot image is refused in one line" \
	"efi_netimg.ipxe:[0-9]*: sanboot: drive 0x80 (http://10.0.2.2:$port/biosonly.iso): its El Torito boot catalogue has no UEFI boot image (only images for other platforms, such as BIOS)"
expect_line "... and the script goes on" 'lwpxe-netimg-biosonly-refused'
expect_line "the disk image is hooked with 512-byte blocks" \
	"Registered SAN drive 0x80: http://10.0.2.2:$port/disk.img, read-only (8192 blocks of 512 bytes)"
expect_line "the CD image is hooked with 2048-byte blocks" \
	"Registered SAN drive 0x81: http://10.0.2.2:$port/test.iso, read-only ([0-9]* blocks of 2048 bytes)"
expect_line "OVMF found the El Torito UEFI image; its BOOTX64.EFI starts" \
	'Booting \\EFI\\BOOT\\BOOTX64.EFI from SAN drive 0x81 (El Torito boot image [0-9]*)'
expect_line "GRUB from the CD image runs its grub.cfg from the CD" \
	'lwpxe-netimg-iso-grub-started root=cd[0-9]*'
expect_line "... and finds the hooked disk image's file system" \
	'lwpxe-netimg-iso-disk=hd[0-9]*,msdos1'
expect_grub_sum iso '/iso.bin'
expect_grub_sum disk '/disk.bin'
expect_line "GRUB returned to lwpxe, the script goes on" 'lwpxe-netimg-iso-returned'
expect_line "the CD image's GRUB finished" 'lwpxe-netimg-iso-grub-done'
if awk '$4 == "/extra.cpio" && $5 == 200' "$tmp/nginx-https.log" 2>/dev/null | grep -q .; then
	pass "extra.cpio came over HTTPS (nginx's HTTPS log)"
else
	fail "extra.cpio over HTTPS" "not in nginx's HTTPS log: $(cat "$tmp/nginx-https.log" 2>/dev/null)"
fi
expect_line "the probe's load options: its name and arguments (UCS-2)" \
	'probe-options probe.efi fail on request'
expect_line "... their size, the NUL included" 'probe-options-size 52'
expect_line "the probe's device path has the NIC's MAC node" \
	'probe-mac 52:54:00:12:34:56'
expect_line "... and a URI node with its URI" \
	"probe-uri http://10.0.2.2:$port/probe.efi"
for f in vmlinuz initrd.img extra.cpio; do
	expect_line "the file system lists $f" \
		"probe-dir $f $(stat -c %s "$www/$f")"
done
crc=$(python3 -c 'import sys, zlib; print("%08X" % zlib.crc32(open(sys.argv[1], "rb").read()))' \
	"$www/extra.cpio")
for f in '\\extra.cpio' EXTRA.CPIO; do
	expect_line "the probe read $f through the file system" \
		"probe-crc32 $f $crc $(stat -c %s "$www/extra.cpio")"
done
if [ "$(log_lines | grep -cx 'probe-seek ok')" = 2 ]; then
	pass "SetPosition/GetPosition: the bytes at 1001 read again"
else
	fail "SetPosition" "$(log_lines | grep '^probe-seek' | tr '\n' ' ')"
fi
expect_line "the probe's failure is one line naming the EFI status" \
	'efi_netimg.ipxe:[0-9]*: chain: probe.efi: returned EFI_ABORTED (0x8000000000000015)'
expect_line "... and the script goes on" 'lwpxe-netimg-probe-failed'
expect_line "imgstat: the kernel is an EFI program" \
	'vmlinuz: [0-9]* bytes \[EFI\] \[selected\] .*'
expect_line "Linux's EFI stub took the initrd from our LoadFile2" \
	'.*Loaded initrd from LINUX_EFI_INITRD_MEDIA_GUID device path.*'
if log_lines | grep -q "lwpxe-netimg-linux-started $want_kernel"; then
	pass "Linux $want_kernel ran the initramfs's /init"
else
	fail "the initramfs's /init runs" "no 'lwpxe-netimg-linux-started $want_kernel' line"
fi
# iPXE's load options: the image name, then its command line
expect_line "the kernel's command line arrived" \
	".*lwpxe-netimg-cmdline vmlinuz $args"
expect_sum payload
expect_sum extra
expect_line "the initramfs finished" '.*lwpxe-netimg-linux-done'
if log_lines | grep -q '^lwpxe-netimg-boot-returned'; then
	fail "boot" "the kernel returned to lwpxe"
fi
echo "qemu: netimg run took $((elapsed_ms / 1000)) s (TCG); nginx served:"
awk '{print "    " $3 " " $4 " " $5}' "$tmp/nginx-access.log" 2>/dev/null || true
awk '{print "    https " $3 " " $4 " " $5}' "$tmp/nginx-https.log" 2>/dev/null || true
if [ "$failed" != 0 ]; then
	qemu_show_log netimg
fi
qemu_summary
