#!/bin/sh
# UEFI benchmark: lwpxe against Debian's iPXE (package ipxe, ipxe.efi),
# each booted by OVMF from a USB image under QEMU (TCG) with an e1000 NIC
# and no option ROM (each firmware drives it with its own Intel driver).
# tgtd on the host serves the LUs on 127.0.0.1, which QEMU's user network
# shows the guest as 10.0.2.2.  lwpxe's embedded script
# (tests/bench/efi_bench.ipxe) runs dhcp and sanboots the URI QEMU's DHCP
# hands out as the boot file; Debian's iPXE has no embedded script, so its
# autoboot fetches one from QEMU's TFTP server that sanboots the same URI.
#
# Two boots per firmware:
#   sanboot LU (tests/qemu/mklu-efi.sh): GRUB hashes a 32 MiB file read
#     through the firmware's SAN disk; the hash must match the file's.
#   linux LU (tests/qemu/mklu-efi-linux.sh): GRUB boots Debian's kernel.
# Prints for each: DHCP time ("Configuring" line to its "ok"), read
# throughput (GRUB's hash-begin marker to its hash line), power-on to
# "Linux version", and the ratios.  Figures, not a pass/fail test of a
# goal: fails only if a boot fails.
#
# usage: tests/bench/efi.sh OURS.usb THEIRS.usb SANBOOT-LU.img LINUX-LU.img
#        (SANBOOT-LU.img.sha256 and LINUX-LU.img.kernel beside them)
#   BENCH_LIMIT=S  seconds allowed per boot (default 600)
#   BENCH_ONLY=W   boot only ours or only theirs (W), to look at one side
#   KEEP_TMP=1     keep the scratch folder (serial logs, tgtd log)
set -eu

need_root="bench: the UEFI benchmark"

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/../qemu/lib.sh"
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

ours=$1
theirs=$2
san_lu=$3
linux_lu=$4

# OVMF moves on after the image: a second Boot#### loaded, or one failed.
bench_ret_awk='
	/^BdsDxe: loading /                      { loads++; if (loads > 1) ret = 1 }
	/^BdsDxe: failed/                        { ret = 1 }'

# bench_qemu NAME IMAGE NETDEV: OVMF boots IMAGE as a USB stick, 1 GiB.
bench_qemu() {
	cp $ovmf/OVMF_VARS.fd "$tmp/$1.vars.fd"
	cp "$2" "$tmp/$1.usb"           # QEMU locks the image; boot a copy
	qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 1024 -no-reboot \
		-nodefaults -no-user-config -display none -serial "file:$log" \
		-drive if=pflash,format=raw,readonly=on,file=$ovmf/OVMF_CODE.fd \
		-drive if=pflash,format=raw,file="$tmp/$1.vars.fd" \
		-device qemu-xhci \
		-drive if=none,id=stick,format=raw,file="$tmp/$1.usb" \
		-device usb-storage,drive=stick,bootindex=0 \
		-netdev "user,id=n0,$3" -device e1000,netdev=n0,romfile= \
		2> "$tmp/$1.err" &
	qemu_pid=$!
}

bench_need "$ours" "$theirs" $ovmf/OVMF_CODE.fd $ovmf/OVMF_VARS.fd
bench_targets "$san_lu" "$linux_lu"

# lwpxe gets the URI as the boot file; Debian's iPXE's autoboot chains
# boot.ipxe from QEMU's TFTP, which sanboots it.
bench_run ours "$ours" "bootfile=$uri_san" "bootfile=$uri_linux"
bench_run theirs "$theirs" "tftp=$tmp/tftp-san,bootfile=boot.ipxe" \
	"tftp=$tmp/tftp-linux,bootfile=boot.ipxe"

bench_table "BENCH UEFI sanboot under QEMU (TCG) + OVMF, e1000, tgtd on the host:" 2.5
[ "$bad" = 0 ] || { echo "bench: $bad UEFI boot(s) failed"; exit 1; }
