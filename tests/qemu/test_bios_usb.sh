#!/bin/sh
# BIOS disk image test: boot an ipxe.usb (arch/x86/pcbios/mbr.S + the
# .lkrn, made by mkusb.sh) under SeaBIOS (TCG, no KVM) as an IDE disk and
# as a usb-storage stick on an xHCI controller.  Our MBR loads the .lkrn
# like a Linux boot loader; the test image carries the command line
# debug-exit=0x501 in the sector after the kernel, so the firmware ends
# QEMU through isa-debug-exit with status (exit status << 1) | 1.  The
# embedded script (tests/qemu/bios_smoke.ipxe) runs dhcp through e1000g.
# Then a copy whose partition starts beyond the disk's end: the MBR prints
# one line (shown on serial by SeaBIOS's serial console) and INT 18h makes
# SeaBIOS try the next boot device.
#
# IMAGE.usb carries what bin/ipxe.usb does (HTTPS, Debian's CA roots): its
# size must stay within iPXE's all-drivers ipxe.usb (issue 12).
#
# usage: tests/qemu/test_bios_usb.sh IMAGE.usb
#   KEEP_TMP=1  keep the scratch folder (serial logs) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

image=$1
limit=60                        # seconds for one boot

# u32 OFFSET: the little-endian 32-bit value at OFFSET in the image.
u32() {
	od -An -tu4 -j "$1" -N4 "$image" | tr -d ' '
}

need_files "$image"

usb_goal=442368                 # iPXE's all-drivers ipxe.usb
if [ "$(wc -c < "$image")" -le "$usb_goal" ]; then
	pass "ipxe.usb (with HTTPS): $(wc -c < "$image") bytes <= $usb_goal"
else
	fail "ipxe.usb size" "$(wc -c < "$image") bytes > $usb_goal"
fi

# The layout mkusb.sh promises: boot signature, partition 1 from LBA 1
# over the kernel (setup sectors + syssize) and the command-line sector,
# ending on a cylinder of 64 heads x 32 sectors with its CHS end saying so;
# the image a whole number of 32-sector tracks (16 KiB).
setup_sects=$(od -An -tu1 -j $((512 + 0x1f1)) -N1 "$image" | tr -d ' ')
syssize=$(u32 $((512 + 0x1f4)))
want=$((1 + setup_sects + (syssize + 31) / 32 + 1))
sig=$(od -An -tx1 -j 510 -N2 "$image" | tr -d ' ')
psize=$(u32 $((0x1ca)))
cyl=$(( (1 + psize) / 2048 - 1 ))
chs_end=$(od -An -tu1 -j $((0x1c3)) -N3 "$image" | xargs)
size=$(wc -c < "$image")
if [ "$sig" = 55aa ] && [ "$(u32 $((0x1c6)))" = 1 ] &&
   [ "$psize" -ge "$want" ] && [ $(( (1 + psize) % 2048 )) = 0 ] &&
   [ "$chs_end" = "63 $((32 | (cyl >> 2 & 0xc0))) $((cyl & 255))" ] &&
   [ $((size % 16384)) = 0 ] && [ "$size" -lt $(( (want + 1 + 32) * 512 )) ]; then
	pass "image: MBR signature, partition 1 = LBA 1 + $psize sectors (kernel $want), $size bytes"
else
	fail "image" "signature $sig, partition $(u32 $((0x1c6))) + $psize (CHS end $chs_end), want 1 + $want, $size bytes"
fi

net="-netdev user,id=n0 -device e1000,netdev=n0,romfile="
cp "$image" "$tmp/disk.img"         # QEMU locks the image; boot a copy

f=$failed
boot ide -drive file="$tmp/disk.img",format=raw,if=ide $net
check_dhcp "IDE disk, e1000"
expect_exit "IDE disk, e1000" 0
[ "$failed" = "$f" ] || show

f=$failed
boot usb -device qemu-xhci \
	-drive if=none,id=stick,format=raw,file="$tmp/disk.img" \
	-device usb-storage,drive=stick,bootindex=0 $net
check_dhcp "USB stick (xHCI), e1000"
expect_exit "USB stick (xHCI), e1000" 0
[ "$failed" = "$f" ] || show

# Bad disk: partition 1 starts far beyond the end, so reading it fails.
f=$failed
cp "$image" "$tmp/bad.img"
printf '\000\000\000\020' |
	dd of="$tmp/bad.img" bs=1 seek=$((0x1c6)) conv=notrunc status=none
printf '\370\003' > "$tmp/sercon"  # SeaBIOS: INT 10h output to COM1 (0x3f8)
boot bad-disk -fw_cfg name=etc/sercon-port,file="$tmp/sercon" \
	-drive file="$tmp/bad.img",format=raw,if=ide $net
if log_lines | grep -qx 'lwpxe: disk read error'; then
	pass "bad disk: one line naming the cause"
else
	fail "bad disk" "no line 'lwpxe: disk read error'"
fi
if [ "$rc" = 125 ] && log_lines | sed -n '/^lwpxe: disk read error/,$p' |
   grep -q '^Booting from'; then
	pass "bad disk: INT 18h, SeaBIOS tries the next boot device"
else
	fail "bad disk" "SeaBIOS did not move on (QEMU status $rc)"
fi
[ "$failed" = "$f" ] || show

qemu_summary
