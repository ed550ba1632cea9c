#!/bin/sh
# UEFI smoke test: boot a USB image under QEMU + OVMF (TCG, no KVM) with an
# e1000 NIC whose option ROM gives SNP; the embedded script
# (tests/qemu/efi_smoke.ipxe) runs dhcp against QEMU's user network, echoes
# the address and exits 0.  Checks the serial log.
#
# usage: tests/qemu/test_efi_smoke.sh IMAGE.usb
#   EFI_DISK=ide   attach the image as an IDE/SATA disk instead of usb-storage
#   KEEP_TMP=1     keep the scratch folder (serial log) for a look
set -eu

image=$1
ovmf=/usr/share/OVMF
limit=120                       # seconds for the whole boot
tmp=$(mktemp -d /tmp/lwpxe-qemu.XXXXXX)
log=$tmp/serial.log
qemu_pid=
passed=0
failed=0

# Stop QEMU and remove the scratch folder.
cleanup() {
	[ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null || true
	[ -n "$qemu_pid" ] && wait "$qemu_pid" 2>/dev/null || true
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

pass() {
	passed=$((passed + 1))
	echo "PASS $1"
}
fail() {
	failed=$((failed + 1))
	echo "FAIL $1: $2"
}

# The serial log as lines (without CR and the firmware's screen escapes).
log_lines() {
	tr -d '\r' < "$log" | sed 's/\x1b\[[0-9;=]*[A-Za-z]//g'
}

for f in "$image" $ovmf/OVMF_CODE.fd $ovmf/OVMF_VARS.fd; do
	[ -r "$f" ] || { echo "qemu: missing $f"; echo "qemu: 0 passed, 1 failed"; exit 1; }
done
cp $ovmf/OVMF_VARS.fd "$tmp/vars.fd"
cp "$image" "$tmp/disk.img"     # QEMU locks the image; boot a copy

if [ "${EFI_DISK:-usb}" = ide ]; then
	disk="-drive file=$tmp/disk.img,format=raw,if=ide,index=0"
else
	disk="-device qemu-xhci -drive if=none,id=stick,format=raw,file=$tmp/disk.img
	      -device usb-storage,drive=stick,bootindex=0"
fi

start=$(date +%s)
# shellcheck disable=SC2086
qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 512 \
	-nodefaults -no-user-config -display none -serial "file:$log" \
	-drive if=pflash,format=raw,readonly=on,file=$ovmf/OVMF_CODE.fd \
	-drive if=pflash,format=raw,file="$tmp/vars.fd" \
	$disk -netdev user,id=n0 -device e1000,netdev=n0 2> "$tmp/qemu.err" &
qemu_pid=$!

# Wait until the firmware moves on after our image (it returned) or the limit.
returned=
while kill -0 "$qemu_pid" 2>/dev/null; do
	if log_lines 2>/dev/null | sed -n '/^lwpxe /,$p' |
	   grep -q '^BdsDxe: \(loading\|failed\)'; then
		returned=1
		break
	fi
	[ $(($(date +%s) - start)) -ge $limit ] && break
	sleep 1
done
elapsed=$(($(date +%s) - start))
kill "$qemu_pid" 2>/dev/null || true
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=

if log_lines | grep -q '^lwpxe .* (efi) -- network boot firmware on lwIP$'; then
	pass "banner on the serial console"
else
	fail "banner on the serial console" "no 'lwpxe ... (efi)' line"
fi
if log_lines | grep -qx 'lwpxe-efi-ip=10.0.2.15'; then
	pass "dhcp over SNP: net0/ip is 10.0.2.15"
else
	fail "dhcp over SNP" "no line 'lwpxe-efi-ip=10.0.2.15'"
fi
if [ -n "$returned" ] && ! log_lines | grep -q '^BdsDxe: failed to start Boot.*QEMU.*\(HARDDISK\|HARDDRIVE\)'; then
	pass "exit 0 returned to the firmware with success"
else
	fail "exit 0 returned to the firmware" "no clean return within ${limit} s"
fi
echo "qemu: boot to return took ${elapsed} s (TCG)"
if [ "$failed" != 0 ]; then
	echo "qemu: serial log:"
	log_lines | sed 's/^/    | /' | head -60
	echo
	sed 's/^/    qemu: /' "$tmp/qemu.err"
fi
echo "qemu: $passed passed, $failed failed"
[ "$failed" = 0 ]
