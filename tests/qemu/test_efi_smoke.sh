#!/bin/sh
# UEFI smoke test: boot a USB image under QEMU + OVMF (TCG, no KVM) with an
# e1000 NIC that carries QEMU's iPXE option ROM (so the firmware has a
# driver bound to it); the embedded script (tests/qemu/efi_smoke.ipxe)
# runs dhcp against QEMU's user network, echoes the address, the SMBIOS
# names, ${memsize} and a cpuid check, and exits 0.  Checks the serial log.
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
	cpu="-cpu max" seed=RDRAND
else
	cpu='' seed="CPU timing jitter (TSC/PIT)"
fi

qemu_need "$image"
# shellcheck disable=SC2086
qemu_boot smoke "$image" "$limit" $cpu -netdev user,id=n0 -device e1000,netdev=n0

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
if qemu_returned_ok; then
	pass "exit 0 returned to the firmware with success"
else
	fail "exit 0 returned to the firmware" "$(qemu_return_why "$limit")"
fi
echo "qemu: boot to return took $((elapsed_ms / 1000)) s (TCG)"
[ "$failed" = 0 ] || qemu_show_log smoke
qemu_summary
