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
# usage: tests/qemu/test_bios_usb.sh IMAGE.usb
#   KEEP_TMP=1  keep the scratch folder (serial logs) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"

image=$1
limit=60                        # seconds for one boot

# boot NAME QEMU-ARGS...: boot with QEMU-ARGS, serial into $tmp/NAME.log,
# until QEMU exits, the BIOS gives up on every boot device or $limit
# seconds pass; sets $log, $rc (QEMU's exit status, 124 on timeout, 125
# when the BIOS gave up) and $elapsed_ms.
boot() {
	name=$1
	shift
	log=$tmp/$name.log
	: > "$log"
	start=$(now_ms)
	qemu-system-x86_64 -accel tcg -cpu max -m 256 \
		-nodefaults -no-user-config -display none -serial "file:$log" \
		-device isa-debug-exit,iobase=0x501,iosize=2 \
		"$@" 2> "$tmp/$name.err" &
	qemu_pid=$!
	rc=
	while [ -z "$rc" ]; do
		if ! kill -0 "$qemu_pid" 2>/dev/null; then
			rc=0
			wait "$qemu_pid" || rc=$?
			qemu_pid=
		elif log_lines | grep -q '^No bootable device'; then
			rc=125
		elif [ $(( ($(now_ms) - start) / 1000 )) -ge $limit ]; then
			rc=124
		else
			sleep 0.2
		fi
	done
	if [ -n "$qemu_pid" ]; then
		kill "$qemu_pid" 2>/dev/null || true
		wait "$qemu_pid" 2>/dev/null || true
		qemu_pid=
	fi
	elapsed_ms=$(($(now_ms) - start))
	echo "qemu: $name: QEMU exited with $rc after $elapsed_ms ms (TCG)"
}

# expect_exit WHAT STATUS: the firmware ended QEMU with exit status STATUS.
expect_exit() {
	want=$(($2 * 2 + 1))
	if [ "$rc" = "$want" ]; then
		pass "$1: exit status $2 through isa-debug-exit"
	elif [ "$rc" = 124 ]; then
		fail "$1" "QEMU still running after $limit s"
	elif [ "$rc" = 125 ]; then
		fail "$1" "SeaBIOS found no bootable device"
	else
		fail "$1" "QEMU exited with $rc, not $want (exit status $2)"
	fi
}

# show: the last serial log and QEMU's errors, after a failure.
show() {
	log_lines | grep -v '^$' | sed 's/^/    | /' | head -40
	sed 's/^/    qemu: /' "$tmp/$name.err"
}

# check_dhcp WHAT: the banner and the address are in the serial log.
check_dhcp() {
	if log_lines | grep -qx 'lwpxe .* (pcbios) -- network boot firmware on lwIP'; then
		pass "$1: banner on the serial console"
	else
		fail "$1: banner on the serial console" "no 'lwpxe ... (pcbios)' line"
	fi
	if log_lines | grep -qx 'lwpxe-bios-ip=10.0.2.15'; then
		pass "$1: dhcp through e1000g: net0/ip is 10.0.2.15"
	else
		fail "$1: dhcp through e1000g" "no line 'lwpxe-bios-ip=10.0.2.15'"
	fi
}

# u32 OFFSET: the little-endian 32-bit value at OFFSET in the image.
u32() {
	od -An -tu4 -j "$1" -N4 "$image" | tr -d ' '
}

[ -r "$image" ] || { echo "qemu: missing $image"; echo "qemu: 0 passed, 1 failed"; exit 1; }

# The layout mkusb.sh promises: boot signature, partition 1 from LBA 1
# over the kernel (setup sectors + syssize) and the command-line sector.
setup_sects=$(od -An -tu1 -j $((512 + 0x1f1)) -N1 "$image" | tr -d ' ')
syssize=$(u32 $((512 + 0x1f4)))
want=$((1 + setup_sects + (syssize + 31) / 32 + 1))
sig=$(od -An -tx1 -j 510 -N2 "$image" | tr -d ' ')
if [ "$sig" = 55aa ] && [ "$(u32 $((0x1c6)))" = 1 ] &&
   [ "$(u32 $((0x1ca)))" = "$want" ] &&
   [ $(($(wc -c < "$image") % 512)) = 0 ]; then
	pass "image: MBR signature, partition 1 = LBA 1 + $want sectors"
else
	fail "image" "signature $sig, partition $(u32 $((0x1c6))) + $(u32 $((0x1ca))), want 1 + $want"
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
