#!/bin/sh
# UEFI sanboot test: tgtd on the host serves an LU (tests/qemu/mklu-efi.sh)
# on 127.0.0.1, which QEMU's user network shows the guest as 10.0.2.2.
# OVMF boots our USB image; its embedded script (tests/qemu/efi_sanboot.ipxe)
# runs dhcp and sanboots the URI QEMU's DHCP hands out as the boot file.
# GRUB starts from the LU through our BlockIo handle, lists the ACPI tables
# (our iBFT among them), prints the SHA-256 of a 32 MiB file read through
# our disk, and powers off.  Checks the serial log.  The target asks for
# CRC32C digests, so every PDU carries them (the CRC by table: QEMU's
# default CPU has no SSE4.2).
#
# With MODE=chain the image's script (tests/qemu/efi_chain.ipxe) instead
# sanhooks the URI and starts GRUB with `chain /EFI/BOOT/BOOTX64.EFI`,
# after a missing path and a network URI that must each fail with one line.
#
# usage: tests/qemu/test_efi_sanboot.sh IMAGE.usb LU.img   (LU.img.sha256 beside it)
#   KEEP_TMP=1     keep the scratch folder (serial log, tgtd log) for a look
#   MODE=chain     the chain scenario (default: sanboot)
set -eu

need_root="qemu: the sanboot test"

. "$(dirname "$0")/lib.sh"

image=$1
lu=$2
limit=300                       # seconds for the whole boot
mode=${MODE:-sanboot}
iqn=iqn.2024-01.org.lwpxe:sanboot
qemu_poll_s=0.1

# Note when GRUB starts and starts hashing (qemu_boot's hook).
qemu_poll() {
	[ -z "$t_grub" ] && echo "$lines" | grep -qx 'lwpxe-grub-started' && t_grub=$t
	[ -z "$t_begin" ] && echo "$lines" | grep -qx 'lwpxe-grub-hash-begin' && t_begin=$t
	[ -z "$t_hash" ] && echo "$lines" | grep -q '^[0-9a-f]\{64\}' && t_hash=$t
	return 1
}

qemu_need "$image" "$lu" "$lu.sha256"
want=$(cat "$lu.sha256")
cp "$lu" "$tmp/lu.img"          # the target may write; keep the build's LU

host_tgtd_need
host_tgt_target 1 "$iqn" "$tmp/lu.img"
host_tgt_digests 1              # GRUB's reads go with iSCSI digests

uri="iscsi:10.0.2.2::$port:1:$iqn"
# Wait for GRUB to power off (QEMU exits), the firmware to move on after
# our image, or the limit; note when GRUB starts and starts hashing.
t_grub='' t_begin='' t_hash=''
qemu_boot "$mode" "$image" "$limit" \
	-netdev user,id=n0,bootfile="$uri" -device e1000,netdev=n0
[ -r "$log" ] || { echo "qemu: the serial log $log vanished"; echo "qemu: 0 passed, 1 failed"; exit 1; }

if log_lines | grep -q '^lwpxe .* (efi) -- network boot firmware on lwIP$'; then
	pass "banner on the serial console"
else
	fail "banner on the serial console" "no 'lwpxe ... (efi)' line"
fi
if log_lines | grep -q "^Registered SAN drive 0x80: "; then
	pass "LU registered as SAN drive 0x80"
else
	fail "LU registered" "no 'Registered SAN drive 0x80' line"
fi
if [ "$mode" = chain ]; then
	# one line each, then the script's || branch
	expect_then "chain of a missing path fails with one line" - -F \
		'chain: /EFI/BOOT/MISSING.EFI: not found on drive 0x80' lwpxe-chain-missing-refused
	# the command's own refusals name the script line first
	expect_then "chain of an unsupported scheme (ftp://) is refused with one line" \
		efi_chain.ipxe '' \
		'chain: ftp://10\.0\.2\.2/BOOTX64\.EFI: ftp:// is not supported (supported: .*)' \
		lwpxe-chain-uri-refused
	if ! log_lines | grep -q '^lwpxe-chain-returned'; then
		pass "chain did not return while GRUB ran"
	else
		fail "chain did not return" "the script went on after chain"
	fi
else
	if log_lines | grep -qx 'efi_sanboot.ipxe:[0-9]*: sanboot: drive 0x80 (iscsi:.*): no file system on it holds /EFI/BOOT/MISSING.EFI' &&
	   log_lines | grep -qx 'lwpxe-missing-file-refused'; then
		pass "sanboot --filename of a missing file fails with one line"
	else
		fail "sanboot --filename of a missing file" "no 'no file system on it holds' line"
	fi
	if log_lines | grep -qxF 'Booting \EFI\BOOT\BOOTX64.EFI from SAN drive 0x80 (partition 1)'; then
		pass "BOOTX64.EFI loaded from the LU's FAT partition"
	else
		fail "BOOTX64.EFI loaded" "no 'Booting \\EFI\\BOOT\\BOOTX64.EFI' line"
	fi
fi
if [ -n "$t_grub" ]; then
	pass "GRUB started from the LU ($(log_lines | grep '^lwpxe-grub-root='))"
else
	fail "GRUB started" "no line 'lwpxe-grub-started'"
fi
# the USB stick and one LU: the drive hooked and unhooked first is gone
disks=$(log_lines | sed -n '/^lwpxe-grub-disks-begin$/,/^lwpxe-grub-disks-end$/p' |
	grep -o '([a-z0-9,]*)' | tr '\n' ' ')
if [ "$disks" = "(hd0) (hd0,msdos1) (hd1) (hd1,msdos1) " ]; then
	pass "GRUB sees the stick and one LU disk (after sanhook/sanunhook of another with sanboot)"
else
	fail "GRUB sees one LU disk" "its disks: '$disks'"
fi
if log_lines | grep -q '^iBFT .*(valid)'; then
	pass "iBFT in the ACPI tables GRUB sees"
else
	fail "iBFT in the ACPI tables" "lsacpi shows no valid iBFT"
fi
got=$(log_lines | grep -o '^[0-9a-f]\{64\}' | head -1)
if [ "$got" = "$want" ]; then
	pass "SHA-256 of big.bin read through our disk matches"
else
	fail "SHA-256 of big.bin" "GRUB printed '${got:-nothing}', want $want"
fi
# the one expected failure is the missing file's (none with chain)
want_nb=1
[ "$mode" = chain ] && want_nb=0
if ! log_lines | grep -q '^san:' &&
   [ "$(log_lines | grep -c '^efi_sanboot.ipxe:[0-9]*: sanboot: ')" = "$want_nb" ]; then
	pass "no other SAN errors"
else
	fail "no other SAN errors" "$(log_lines | grep '^san:\|^efi_sanboot.ipxe:[0-9]*: sanboot: ' | tail -1)"
fi

log_lines | grep '^net0: .* using ' | sed 's/^/qemu: /'
echo "qemu: power-on to GRUB's power-off took $(( (end - start) / 1000 )) s (TCG)"
# GRUB powers off right after the hash: QEMU's exit may be what we see
[ -z "$t_hash" ] && [ -n "$got" ] && t_hash=$end
if [ -n "$t_begin" ] && [ -n "$t_hash" ] && [ "$t_hash" -gt "$t_begin" ]; then
	ms=$((t_hash - t_begin))
	echo "qemu: GRUB read 32 MiB in $ms ms: $(( 32 * 1024 * 1000 / ms )) KiB/s (TCG)"
fi
if [ "$failed" != 0 ]; then
	echo "qemu: serial log:"
	log_lines | grep -v '^$' | sed 's/^/    | /' | tail -60
	echo
	sed 's/^/    qemu: /' "$tmp/$mode.err"
fi
qemu_summary
