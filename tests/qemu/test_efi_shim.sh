#!/bin/sh
# UEFI Secure Boot test: OVMF's Secure Boot build (SMM) with Debian's
# "snakeoil" variables (the snakeoil key in PK, KEK and db, Microsoft's
# UEFI CA not there) boots our USB image, whose ipxe.efi is signed with
# the snakeoil key; nginx on the host serves the folder
# tests/qemu/mk-efi-shim.sh builds (QEMU's DHCP names it in the BOOTP
# file field).  The embedded script (tests/qemu/efi_shim.ipxe) prints
# ${secureboot}; without a shim the firmware refuses Debian's signed GRUB
# in one line and the script goes on; `shim` fetches Debian's shim
# (signed with the snakeoil key); a GRUB signed by an unknown key starts
# through the shim, which refuses it, and lwpxe says so in one line and
# goes on; Debian's GRUB starts through the shim, which verifies it with
# the Debian CA built into it: GRUB finds its grub.cfg on the hooked disk
# image, prints a marker with its Secure Boot variables (lockdown=y: it
# saw Secure Boot; shim_lock=y: the shim's protocol was there) and
# returns.  Then iPXE's `kernel` + `shim` + `boot`, with a program the
# shim starts itself (tests/qemu/efi_mokprobe.c, with an .sbat section):
# a copy signed with the snakeoil key, which the firmware starts
# directly, puts a certificate made for the test in the shim's MokList;
# the copy signed with that key goes through the shim, which verifies it
# with MokList, checks its SBAT data and starts it with the arguments
# after its name; it leaves boot services (Debian's shim lets a program
# it started do so without verifying anything itself) and says so on
# COM1.
#
# usage: tests/qemu/test_efi_shim.sh IMAGE.usb WWW-DIR
#   KEEP_TMP=1     keep the scratch folder (serial log, nginx logs)
set -eu
# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"

image=$1
www=$(cd "$2" && pwd)
limit=300                       # seconds for the whole run (TCG, SMM)
script=efi_shim.ipxe
ovmf_code=$ovmf/OVMF_CODE_4M.secboot.fd
ovmf_vars=$ovmf/OVMF_VARS_4M.snakeoil.fd
qemu_machine=q35,smm=on

# Stop once the probe has left boot services (it halts then).
qemu_poll() {
	echo "$lines" | grep -qx 'mokprobe-exitbs-ok'
}

qemu_need "$image" "$www/shimx64.efi" "$www/grubx64.efi" \
	"$www/grubother.efi" "$www/grubcfg.img" "$www/mok.der" \
	"$www/mokenroll.efi" "$www/mokprobe.efi"
host_nginx_need "$www"
# the shim shows its refusal in a box until a key is pressed: Enter
printf '\r' > "$tmp/keys"
SERIAL_IN=$tmp/keys SERIAL_AFTER='Verification failed' qemu_boot shim "$image" "$limit" -no-reboot \
	-global driver=cfi.pflash01,property=secure,value=on \
	-netdev user,id=n0,bootfile="http://10.0.2.2:$port/" \
	-device e1000,netdev=n0,romfile=

expect_line "the firmware started our image, signed with the snakeoil key" \
	'lwpxe .* (efi) -- network boot firmware on lwIP'
expect_line "\${secureboot}: lwpxe sees UEFI Secure Boot on" \
	'lwpxe-shim-secureboot=1'
expect_then "without a shim the firmware refuses Debian's GRUB in one line, the script goes on" \
	"$script" "" \
	'chain: grubx64.efi: the firmware cannot load it: EFI_ACCESS_DENIED (.*)' \
	'lwpxe-shim-noshim-refused'
expect_line "shim: the shim is fetched under Secure Boot" \
	"$script:[0-9]*: shim: shimx64.efi: EFI programs the firmware refuses (UEFI Secure Boot) will start through it"
expect_line "a GRUB signed by an unknown key starts through the shim" \
	"$script:[0-9]*: chain: grubother.efi: the firmware refuses it (UEFI Secure Boot): starting it through the shim shimx64.efi"
# the shim's own box (drawn with escapes, so read from the raw log)
if grep -aq 'Verification failed: (0x1A) Security Violation' "$log"; then
	pass "the shim says it refused GRUB signed by an unknown key: Verification failed: (0x1A) Security Violation"
else
	fail "the shim refuses GRUB signed by an unknown key" "no 'Verification failed: (0x1A) Security Violation' from the shim"
fi
expect_then "... and lwpxe says so in one line, the script goes on" \
	"$script" -F \
	'chain: grubother.efi: refused by the shim shimx64.efi: not signed by a key it trusts' \
	'lwpxe-shim-other-refused'
if log_lines | sed '/^lwpxe-shim-other-refused$/q' | grep -q '^lwpxe-shim-grub-started'; then
	fail "the shim refused the GRUB signed by an unknown key" "GRUB ran"
fi
expect_line "Debian's GRUB starts through the shim" \
	"$script:[0-9]*: chain: grubx64.efi: the firmware refuses it (UEFI Secure Boot): starting it through the shim shimx64.efi"
expect_line "the shim verified Debian's GRUB, which runs its grub.cfg under Secure Boot with the shim's protocol" \
	'lwpxe-shim-grub-started lockdown=y shim_lock=y'
expect_line "GRUB returned through the shim, the script goes on" \
	'lwpxe-shim-grub-returned'
expect_line "the probe signed with the snakeoil key starts directly and fills MokList" \
	'mokprobe-enroll Success'
if log_lines | grep -q 'mokenroll.efi: the firmware refuses it'; then
	fail "a program the firmware accepts starts directly" "mokenroll.efi went through the shim"
fi
expect_line "boot: the probe signed with the MOK key starts through the shim" \
	"$script:[0-9]*: boot: mokprobe.efi: the firmware refuses it (UEFI Secure Boot): starting it through the shim shimx64.efi"
expect_line "... which verified it with MokList and gave it the arguments after its name" \
	'mokprobe-options exitbs'
expect_line "... and it left boot services" 'mokprobe-exitbs-ok'
if log_lines | grep -q '^lwpxe-shim-boot-returned'; then
	fail "boot" "the probe returned to lwpxe"
fi
echo "qemu: Secure Boot run took $((elapsed_ms / 1000)) s (TCG); nginx served:"
awk '{print "    " $3 " " $4 " " $5}' "$tmp/nginx-access.log" 2>/dev/null || true
if [ "$failed" != 0 ]; then
	qemu_show_log shim
fi
qemu_summary
