#!/bin/sh
# UEFI smoke test: boot a USB image under QEMU + OVMF (TCG, no KVM) with an
# e1000 NIC that carries QEMU's iPXE option ROM (so the firmware has a
# driver bound to it); the embedded script (tests/qemu/efi_smoke.ipxe)
# runs dhcp against QEMU's user network, echoes the address, the SMBIOS
# names, ${memsize}, a cpuid check and ${cpuid/3.0x80000001}; `shim` is
# skipped in one line (OVMF's Secure Boot is off: ${secureboot} is 0); a menu with a
# separator and a --default item is drawn on the UEFI console (copied to
# the serial line) and `choose --timeout` takes the default when its
# countdown ends; a second menu is driven by keys typed on the serial line
# (Down, Down, Enter, which OVMF's terminal turns into key strokes).  Then
# the machine is switched off through ResetSystem:
# `reboot` on a CPU with RDRAND (CPU=max), `poweroff` on QEMU's default
# one, so the two runs of `make check` cover both; QEMU runs with
# -no-reboot and its QMP SHUTDOWN event says which it was (guest-reset,
# guest-shutdown).  Checks the serial log and the event.
#
# usage: tests/qemu/test_efi_smoke.sh IMAGE.usb
#   EFI_DISK=ide   attach the image as an IDE/SATA disk instead of usb-storage
#   CPU=max        QEMU's "max" CPU (RDRAND seeds the generator) instead of
#                  its default qemu64 (no RDRAND, no EFI RNG: the timing jitter)
#   KEEP_TMP=1     keep the scratch folder (serial log) for a look
set -eu
# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"

image=$1
limit=120                       # seconds for the whole boot

if [ "${CPU:-}" = max ]; then
	cpu="-cpu max" seed=RDRAND power=reboot reason=guest-reset
else
	cpu='' seed="CPU timing jitter (TSC/PIT)" power=poweroff reason=guest-shutdown
fi

qemu_need "$image"
qmp_listen smoke
printf '\033[B\033[B\r' > "$tmp/keys"
# shellcheck disable=SC2086
SERIAL_IN=$tmp/keys SERIAL_AFTER='lwpxe key menu' qemu_boot smoke "$image" "$limit" $cpu -no-reboot $qmp_args \
	-netdev user,id=n0 -device e1000,netdev=n0

if log_lines | grep -q '^lwpxe .* (efi) -- network boot firmware on lwIP$'; then
	pass "banner on the serial console"
else
	fail "banner on the serial console" "no 'lwpxe ... (efi)' line"
fi
check_seed "$seed"
if log_lines | grep -qx 'lwpxe-efi-ip=10.0.2.15'; then
	pass "dhcp: net0/ip is 10.0.2.15"
else
	fail "dhcp" "no line 'lwpxe-efi-ip=10.0.2.15'"
fi
check_machine "settings" 'Standard PC (Q35 + ICH9, 2009)' "$qemu_mem"
expect_line "shim: skipped in one line with Secure Boot off" \
	'efi_smoke.ipxe:7: shim: http://10.0.2.2/shimx64.efi skipped: UEFI Secure Boot is off, no shim is needed'
expect_line "shim: the script goes on; \${secureboot} is 0" 'lwpxe-shim=went-on secureboot=0'
# The menu on the UEFI console, as OVMF's terminal copies it to the serial
# line: title, separator and both items, the default (Second) on the red
# highlight background (ESC [41m), First on the blue one, the countdown.
esc=$(printf '\033')
if grep -q 'lwpxe smoke menu' "$log" && grep -q 'Boot choices' "$log" &&
   grep -q "$esc\\[44m First entry" "$log" &&
   grep -q "$esc\\[41m Second entry" "$log" &&
   grep -q '"Second entry" in 1 s' "$log"; then
	pass "menu: drawn on the UEFI console, the default highlighted, the countdown shown"
else
	fail "menu on the UEFI console" "title, separator, items, highlight or countdown not on the serial line"
fi
if log_lines | grep -q 'lwpxe-chosen=second$'; then
	pass "choose --timeout: the default item taken when the countdown ends"
else
	fail "choose --timeout" "no 'lwpxe-chosen=second'"
fi
if grep -q "$esc\\[41m Three" "$log" && log_lines | grep -q 'lwpxe-key-chosen=three$'; then
	pass "menu driven by keys on the serial line: Down, Down highlights Three, Enter chooses it"
else
	fail "menu driven by keys" "Three not highlighted, or no 'lwpxe-key-chosen=three'"
fi
got=$(qmp_shutdown_reason smoke)
if log_lines | grep -qx "lwpxe-power=$power" && [ "$got" = "$reason" ] &&
   ! log_lines | grep -q 'lwpxe-power-returned'; then
	pass "$power: ResetSystem ended the machine (QMP SHUTDOWN, reason $got)"
else
	fail "$power: ResetSystem" "no 'lwpxe-power=$power', or QMP's SHUTDOWN reason is '${got:-none}', not $reason"
fi
echo "qemu: boot to $power took $((elapsed_ms / 1000)) s (TCG)"
[ "$failed" = 0 ] || qemu_show_log smoke
qemu_summary
