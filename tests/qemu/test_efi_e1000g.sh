#!/bin/sh
# UEFI e1000g test: our own Intel driver under QEMU + OVMF (TCG, no KVM).
# Boots the USB image once with QEMU's e1000 (82540EM) and once with its
# e1000e (82574L), each with an empty romfile: no option ROM, so no SNP,
# and only our driver can drive the NIC.  A third boot gives the e1000 its
# iPXE option ROM and a boot index, so the firmware binds that driver to
# it first: we must take the NIC over, and give it back without a
# complaint.  The embedded script (tests/qemu/efi_e1000g.ipxe) runs dhcp,
# ifstat, echoes the address and exits 0.  Checks each serial log.
#
# usage: tests/qemu/test_efi_e1000g.sh IMAGE.usb
#   EFI_DISK=ide   attach the image as an IDE/SATA disk instead of usb-storage
#   KEEP_TMP=1     keep the scratch folder (serial logs) for a look
set -eu
# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"

image=$1
limit=120                       # seconds for each boot

# check_nic NAME DEVICE: boot with QEMU NIC DEVICE and check what our driver did.
check_nic() {
	name=$1
	before=$failed
	qemu_boot "$name" "$image" "$limit" -netdev user,id=n0 -device "$2"
	if log_lines | grep -q '^lwpxe .* (efi) -- network boot firmware on lwIP$'; then
		pass "$name: banner on the serial console"
	else
		fail "$name: banner on the serial console" "no 'lwpxe ... (efi)' line"
	fi
	if log_lines | grep -q '^net1: '; then
		fail "$name: ifstat" "a second NIC: $(log_lines | grep '^net1: ')"
	elif log_lines | grep -q '^net0: [0-9a-f:]\{17\} using e1000g on PCI '; then
		pass "$name: ifstat: $(log_lines | grep -o '^net0: .* using e1000g on .*')"
	else
		fail "$name: ifstat" "no line 'net0: ... using e1000g on PCI ...'"
	fi
	if log_lines | grep -qx 'lwpxe-e1000g-ip=10.0.2.15'; then
		pass "$name: dhcp over e1000g: net0/ip is 10.0.2.15"
	else
		fail "$name: dhcp over e1000g" "no line 'lwpxe-e1000g-ip=10.0.2.15'"
	fi
	if ! log_lines | grep -q '^pci: \|^e1000g: \|^net[0-9]*: e1000g: '; then
		pass "$name: no driver errors"
	else
		fail "$name: no driver errors" "$(log_lines | grep '^pci: \|^e1000g: \|^net[0-9]*: e1000g: ' | head -1)"
	fi
	if qemu_returned_ok; then
		pass "$name: exit 0 returned to the firmware with success"
	else
		fail "$name: exit 0 returned to the firmware" "$(qemu_return_why "$limit")"
	fi
	echo "qemu: $name: boot to return took $((elapsed_ms / 1000)) s (TCG)"
	[ "$failed" = "$before" ] || qemu_show_log "$name"
}

qemu_need "$image"
check_nic e1000 e1000,netdev=n0,romfile=
check_nic e1000e e1000e,netdev=n0,romfile=
check_nic e1000-rom e1000,netdev=n0,bootindex=1
qemu_summary
