#!/bin/sh
# BIOS smoke test: boot an ipxe.lkrn with `qemu -kernel` (SeaBIOS, TCG, no
# KVM).  The embedded script (tests/qemu/bios_smoke.ipxe) runs dhcp
# against QEMU's user network through our own e1000g driver, echoes the
# address and exits 0.  `-append debug-exit=0x501` with QEMU's
# isa-debug-exit device makes the firmware end QEMU with status
# (exit status << 1) | 1, so every boot ends by itself.  The same image
# is then booted by GRUB (i386-pc, from a rescue ISO) with `linux16` (our
# real-mode setup runs) and `linux` (GRUB enters code32_start itself).
#
# usage: tests/qemu/test_bios_lkrn.sh IMAGE.lkrn
#   KEEP_TMP=1  keep the scratch folder (serial logs) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

image=$1
limit=60                        # seconds for one boot

# grub_iso NAME COMMAND: $tmp/NAME.iso, a GRUB rescue CD that loads the
# image with COMMAND (linux or linux16) and the debug-exit option.
grub_iso() {
	mkdir -p "$tmp/$1/boot/grub"
	cp "$image" "$tmp/$1/ipxe.lkrn"
	cat > "$tmp/$1/boot/grub/grub.cfg" <<-EOF
		serial --unit=0 --speed=115200
		terminal_output serial
		set timeout=0
		menuentry lwpxe {
			$2 /ipxe.lkrn debug-exit=0x501
			boot
		}
	EOF
	grub-mkrescue --directory=/usr/lib/grub/i386-pc -o "$tmp/$1.iso" \
		"$tmp/$1" > "$tmp/$1.mkrescue" 2>&1
}

need_files "$image"

kernel="-kernel $image -append debug-exit=0x501"
net="-netdev user,id=n0 -device e1000,netdev=n0,romfile="

for nic in e1000 e1000e; do
	f=$failed
	boot "$nic" max $kernel -netdev user,id=n0 -device "$nic,netdev=n0,romfile="
	check_dhcp "qemu -kernel, $nic"
	expect_exit "qemu -kernel, $nic" 0
	[ "$failed" = "$f" ] || show
done

for cmd in linux16 linux; do
	f=$failed
	if grub_iso "grub-$cmd" "$cmd"; then
		boot "grub-$cmd" max -cdrom "$tmp/grub-$cmd.iso" $net
		check_dhcp "GRUB $cmd, e1000"
		expect_exit "GRUB $cmd, e1000" 0
		[ "$failed" = "$f" ] || show
	else
		fail "GRUB $cmd" "grub-mkrescue failed: $(tail -1 "$tmp/grub-$cmd.mkrescue")"
	fi
done

# Bad input: no NIC at all: one line, then exit 1.  A CPU without RDRAND
# (qemu64) still gets a lease: the seed comes from TSC/PIT jitter.
f=$failed
boot no-nic max $kernel
if log_lines | grep -qx 'bios_smoke.ipxe:2: dhcp: no network interfaces'; then
	pass "no NIC: one line naming the cause"
else
	fail "no NIC" "no line 'bios_smoke.ipxe:2: dhcp: no network interfaces'"
fi
expect_exit "no NIC" 1
[ "$failed" = "$f" ] || show

f=$failed
boot no-rdrand qemu64 $kernel $net
check_dhcp "CPU without RDRAND"
expect_exit "CPU without RDRAND" 0
[ "$failed" = "$f" ] || show

# Memory: the firmware unpacks itself to the top of memory, so a machine
# with 32 MiB runs it; with 16 MiB there is no room above what boot
# loaders use (unpack.c): one line, and it stops.
f=$failed
bios_mem=32
boot mem-32m max $kernel $net
check_dhcp "32 MiB of memory"
expect_exit "32 MiB of memory" 0
[ "$failed" = "$f" ] || show
f=$failed
bios_mem=16 limit=10
boot mem-16m max $kernel $net
bios_mem= limit=60
if log_lines | grep -qx 'lwpxe: cannot unpack the firmware: no usable memory for it above 20 MiB'; then
	pass "16 MiB of memory: one line naming the cause"
else
	fail "16 MiB of memory" "no line 'lwpxe: cannot unpack the firmware: no usable memory for it above 20 MiB'"
fi
[ "$failed" = "$f" ] || show

# A damaged image: bytes in the middle of the compressed firmware
# overwritten.  The decompressor (unpack.c) prints one line on COM1 and
# stops: QEMU keeps running, so this boot waits a shorter limit.
f=$failed
cp "$image" "$tmp/bad.lkrn"
printf 'lwpxe-damage' | dd of="$tmp/bad.lkrn" bs=1 \
	seek=$(($(wc -c < "$image") / 2)) conv=notrunc status=none
limit=10
boot damaged max -kernel "$tmp/bad.lkrn" -append debug-exit=0x501 $net
limit=60
if log_lines | grep -q '^lwpxe: cannot unpack the firmware: ..*'; then
	pass "damaged image: one line ($(log_lines | grep '^lwpxe: cannot unpack'))"
else
	fail "damaged image" "no line 'lwpxe: cannot unpack the firmware: ...'"
fi
if log_lines | grep -q '^lwpxe .* (pcbios)'; then
	fail "damaged image" "the damaged firmware ran"
else
	pass "damaged image: the firmware does not run"
fi
[ "$failed" = "$f" ] || show

# Ctrl-B at the banner opens the command line instead of the script.
f=$failed
printf '\002echo lwpxe-shell-ok\nexit 3\n' > "$tmp/keys"
BIOS_SERIAL_IN=$tmp/keys BIOS_SERIAL_AFTER='Press Ctrl-B' boot ctrl-b max $kernel $net
if log_lines | grep -qx 'lwpxe-shell-ok' && ! log_lines | grep -q 'lwpxe-bios-ip='; then
	pass "Ctrl-B: the command line ran instead of the script"
else
	fail "Ctrl-B" "no 'lwpxe-shell-ok' from the command line, or the script ran"
fi
expect_exit "Ctrl-B" 3
[ "$failed" = "$f" ] || show

qemu_summary
