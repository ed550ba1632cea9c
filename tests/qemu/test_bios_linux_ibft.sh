#!/bin/sh
# BIOS Linux iBFT test, the seed scenario under SeaBIOS: tgtd on the host
# serves an LU (tests/qemu/mklu-bios-linux.sh: GRUB i386-pc in the MBR
# gap, Debian's kernel, the iBFT-printing initramfs) on 127.0.0.1, which
# QEMU's user network shows the guest as 10.0.2.2.  The image's embedded
# script (tests/qemu/bios_linux_ibft.ipxe) runs dhcp, sets initiator-iqn
# and sanboots the URI QEMU's DHCP hands out: our INT 13h makes the LU
# drive 0x80, its boot sector starts GRUB, GRUB reads the kernel and the
# initramfs through INT 13h and boots Linux, whose initramfs prints every
# /sys/firmware/ibft attribute, the SHA-256 of a file GRUB loaded, tries
# DHCP with Linux's own NIC driver and powers off.  Checks the serial log:
# the disks GRUB sees (ours at hd0, the boot disk moved to hd1), each
# iBFT attribute against what the network and the script said, and that
# Linux found the iBFT in base memory (0x80000-0x9FFFF).
#
# usage: tests/qemu/test_bios_linux_ibft.sh IMAGE LU.img
#        (LU.img.sha256 and LU.img.kernel beside it)
#   BOOT=usb       IMAGE is an ipxe.usb, on a usb-storage stick (xHCI); default
#   BOOT=ide       IMAGE is an ipxe.usb, as an IDE disk
#   BOOT=lkrn      IMAGE is an ipxe.lkrn, started by qemu -kernel
#   BOOT=pxe       IMAGE is a .pxe or .kpxe, which the NIC's PXE ROM fetches
#                  from QEMU's TFTP server (the URI then comes as the DHCP
#                  domain name: the file name is the image's)
#   NIC=e1000e     the NIC model (default e1000)
#   BREAK=1        kill tgtd when GRUB starts loading the kernel: check that
#                  the failed reads are one line each, GRUB gets an error
#                  and gives up (the first failed read waits out the iSCSI
#                  reconnects, each later one makes a single attempt:
#                  about 30 s under TCG)
#   KEEP_TMP=1     keep the scratch folder (serial log, tgtd log) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

need_root="qemu: the BIOS Linux iBFT test"

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

image=$1
lu=$2
mode=${BOOT:-usb}
nic=${NIC:-e1000}
limit=600                       # seconds for the whole boot (TCG)
grub_limit=120                  # seconds until GRUB must have started
iqn=iqn.2024-01.org.lwpxe:linux-ibft
initiator=iqn.2024-01.org.lwpxe:linux-ibft-initiator   # bios_linux_ibft.ipxe
lun=1
mac=52:54:00:12:34:56           # QEMU's default for the first NIC
bios_mem=1024
driver=e1000g
case $image in *.kpxe) driver=undi ;; esac

# Stages; stop early when GRUB gives up, when lwpxe ends (it never does
# after a boot) or when GRUB has not started in time (boot's hook).  With
# BREAK=1, kill tgtd as GRUB starts loading the kernel.
qemu_poll() {
	if [ -n "${BREAK:-}" ] && [ -n "$tgtd_pid" ] &&
	   echo "$lines" | grep -qx 'lwpxe-grub-linux-loading'; then
		kill -9 "$tgtd_pid" 2>/dev/null || true
		wait "$tgtd_pid" 2>/dev/null || true
		tgtd_pid=
	fi
	linux_ibft_poll && return 0
	echo "$lines" | grep -q '^lwpxe: exit status' && return 0
	[ -z "$t_grub" ] && [ $(( (t - start) / 1000 )) -ge $grub_limit ]
}

# ibft_place_check: Linux found the iBFT in base memory, 16-byte aligned.
# (drivers/firmware/iscsi_ibft_find.c scans 0x80000-0xFFFFF on a BIOS
# machine and says "iBFT found at 0x%pa.")
ibft_place_check() {
	at=$(log_lines | sed -n 's/.*iBFT found at \(0x[0-9a-f]*\)\..*/\1/p' | head -1)
	if [ -n "$at" ] && [ $((at)) -ge $((0x80000)) ] &&
	   [ $((at)) -lt $((0xa0000)) ] && [ $((at % 16)) = 0 ]; then
		pass "Linux found the iBFT at $at, in base memory (0x80000-0x9FFFF)"
	else
		fail "iBFT in base memory" "Linux says: $(log_lines | grep -i 'ibft' | grep '^\[' | head -2 | tr '\n' ' ')"
	fi
}

# hidden_check: the memory map Linux got through GRUB (INT 15h E820, our
# hook) has lwpxe's firmware and heap (at the top of memory, unpack.c)
# reserved and base memory ending below lwpxe's block (not at the usual
# 0x9FC00).
hidden_check() {
	# lwpxe and its heap sit at the top of memory: a reserved entry of
	# 4 MiB or more between 16 MiB and 4 GiB (SeaBIOS reserves 128 KiB there)
	hc_res=$(log_lines | sed -n 's/.*BIOS-e820: \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] reserved.*/\1 \2/p' |
		while read -r hc_a hc_b; do
			[ $((hc_a)) -ge $((0x1000000)) ] && [ $((hc_b)) -lt $((0xfec00000)) ] &&
				[ $((hc_b - hc_a)) -ge $((0x3fffff)) ] && echo "$hc_a-$hc_b"
		done | head -1)
	if [ -n "$hc_res" ]; then
		pass "Linux's E820 map reserves lwpxe's firmware and heap at the top of memory ($hc_res)"
	else
		fail "E820 hiding" "no reserved entry of 4 MiB or more above 16 MiB: $(log_lines | grep 'BIOS-e820' | tr '\n' ' ')"
	fi
	hc_end=$(log_lines | sed -n 's/.*BIOS-e820: \[mem 0x0000000000000000-\(0x[0-9a-f]*\)\] usable.*/\1/p' | head -1)
	if [ -n "$hc_end" ] && [ $((hc_end)) -lt $((0x9f000)) ]; then
		pass "Linux's usable base memory ends at $hc_end, below lwpxe's block"
	else
		fail "base memory" "Linux's first E820 entry ends at '${hc_end:-?}'"
	fi
}

# break_checks: tgtd died under GRUB's reads: each failed INT 13h read is
# one line, GRUB gets the error and gives up, nothing hangs; after the
# first failed read has waited out the reconnects, GRUB's retries fail at
# once (within 90 s in all: retrying each for san-retries took ~200 s).
break_checks() {
	bc_line=$(log_lines | grep '^int13: drive 0x80: read of [0-9]* blocks at [0-9]* failed: ..*' | head -1)
	if [ -n "$bc_line" ]; then
		pass "SAN read error: '$bc_line' ($(log_lines | grep -c '^int13: ') such lines)"
	else
		fail "SAN read error" "no line 'int13: drive 0x80: read of N blocks at L failed: ...'"
	fi
	if log_lines | grep -q "^error: failure reading sector .* from \`hd0'"; then
		pass "GRUB got a read error from INT 13h"
	else
		fail "GRUB's read error" "no GRUB line 'error: failure reading sector ... from \`hd0''"
	fi
	if log_lines | grep -qx 'lwpxe-grub-linux-failed' &&
		[ $(( (end - start) / 1000 )) -lt 90 ]; then
		pass "GRUB gave up after $(lit_secs "$end") (no hang)"
	elif log_lines | grep -qx 'lwpxe-grub-linux-failed'; then
		fail "GRUB gave up" "only after $(lit_secs "$end"): the later reads waited for reconnects too"
	else
		fail "GRUB gave up" "no 'lwpxe-grub-linux-failed' within $limit s"
	fi
}

need_files "$image" "$lu" "$lu.sha256" "$lu.kernel"
linux_lu_target

# How the image starts, and the disks GRUB should see besides the LU.
net="-netdev user,id=n0,bootfile=$uri -device $nic,netdev=n0,romfile="
disks='(hd0) (hd0,msdos1) (hd1) (hd1,msdos1)'
case $mode in
usb)
	cp "$image" "$tmp/boot.img"     # QEMU locks the image; boot a copy
	how="-device qemu-xhci -drive if=none,id=stick,format=raw,file=$tmp/boot.img
	     -device usb-storage,drive=stick,bootindex=0" ;;
ide)
	cp "$image" "$tmp/boot.img"
	how="-drive file=$tmp/boot.img,format=raw,if=ide" ;;
lkrn)
	how="-kernel $image -append debug-exit=0x501"
	disks='(hd0) (hd0,msdos1)' ;;
pxe)
	mkdir -p "$tmp/tftp"
	cp "$image" "$tmp/tftp/"
	how="-boot n"
	net="-netdev user,id=n0,tftp=$tmp/tftp,bootfile=$(basename "$image"),domainname=$uri
	     -device $nic,netdev=n0"
	disks='(hd0) (hd0,msdos1)' ;;
*)
	echo "qemu: BOOT=$mode: not usb, ide, lkrn or pxe"
	echo "qemu: 0 passed, 1 failed"
	exit 1 ;;
esac

t_grub='' t_booting='' t_linux='' t_init='' t_done=''
boot "linux-$mode" -no-reboot $how $net
[ -r "$log" ] || { echo "qemu: the serial log $log vanished"; echo "qemu: 0 passed, 1 failed"; exit 1; }

linux_ibft_nic_checks "$driver on "
got=$(log_lines | sed -n 's/^lwpxe-grub-disks=//p' | head -1 | sed 's/ *$//')
if [ "$got" = "$disks" ]; then
	pass "GRUB's disks: $got"
else
	fail "GRUB's disks" "'${got:-no lwpxe-grub-disks line}', want '$disks'"
fi
if [ -n "${BREAK:-}" ]; then
	break_checks
else
	linux_ibft_checks
	ibft_place_check
	hidden_check
fi

linux_ibft_times "$mode, $nic, $driver"
linux_ibft_failure_log "$tmp/linux-$mode.err"
qemu_summary
