#!/bin/sh
# BIOS bad input: each way the seed scenario can fail ends with one line
# naming the cause, then INT 18h hands the machine back to SeaBIOS, which
# tries the next boot device (here none: "No bootable device").  The image
# (tests/qemu/bios_bad.ipxe, booted with qemu -kernel and no debug-exit
# option) runs dhcp and sanboots the boot file QEMU's DHCP hands out.
# SeaBIOS's giving up shows in its debug log (bios_lib.sh).
#
# usage: tests/qemu/test_bios_bad.sh IMAGE.lkrn
#   KEEP_TMP=1  keep the scratch folder (serial logs) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

need_root="qemu: the BIOS bad-input test"

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

image=$1
limit=120                       # seconds for one boot (DHCP gives up first)
iqn=iqn.2024-01.org.lwpxe:bad-input-target

need_files "$image"

base="-kernel $image"

# user_net BOOTFILE: a user network whose DHCP hands out BOOTFILE.
user_net() {
	echo "-netdev user,id=n0,bootfile=$1 -device e1000,netdev=n0,romfile="
}

# expect_cause WHAT PATTERN: the serial log has a line matching PATTERN
# (grep -x), and after it SeaBIOS moved on to its next boot device.
expect_cause() {
	if log_lines | grep -qx "$2"; then
		pass "$1: one line naming the cause"
	else
		fail "$1" "no line matching '$2'"
	fi
	if [ "$rc" = 125 ] && log_lines | grep -qx 'lwpxe: exit status [0-9]*: INT 18h: next boot device'; then
		pass "$1: INT 18h, SeaBIOS tries the next boot device"
	else
		fail "$1" "no fall-through to SeaBIOS (QEMU status $rc)"
	fi
}

# case NAME WHAT PATTERN QEMU-ARGS...: boot, then expect_cause.
case_() {
	cs_name=$1 cs_what=$2 cs_pat=$3
	shift 3
	f=$failed
	boot "$cs_name" $base "$@"
	expect_cause "$cs_what" "$cs_pat"
	[ "$failed" = "$f" ] || show
}

host_tgtd_need
dd if=/dev/zero of="$tmp/blank.img" bs=1M count=8 status=none
host_tgt_target 1 "$iqn" "$tmp/blank.img" 1

case_ no-nic "no NIC" 'bios_bad.ipxe:2: dhcp: no network interfaces'
case_ no-dhcp "DHCP without an answer" 'bios_bad.ipxe:2: DHCP on net0: no .*' \
	-netdev socket,id=n0,listen=127.0.0.1:0 -device e1000,netdev=n0,romfile=
# no link: QEMU starts paused, the NIC's link goes down, then it runs
mkfifo "$tmp/mon.in" "$tmp/mon.out"
cat "$tmp/mon.out" > /dev/null &
printf 'set_link n0 off\ncont\n' > "$tmp/mon.in" &
case_ no-link "no link" 'bios_bad.ipxe:2: DHCP on net0: no link after .*' -S \
	-chardev pipe,id=mon,path="$tmp/mon" -mon chardev=mon \
	$(user_net "iscsi:10.0.2.2::$port:1:$iqn")
case_ refused "refused target" 'iSCSI 10\.0\.2\.2:3261: connection refused' \
	$(user_net "iscsi:10.0.2.2::3261::$iqn")
# nobody on the subnet answers for 10.0.2.77 (not even ARP)
case_ unreachable "unreachable target" 'iSCSI 10\.0\.2\.77:3260: connection timed out' \
	$(user_net "iscsi:10.0.2.77::3260::$iqn")
case_ no-lun "a LUN that does not exist" 'iSCSI 10\.0\.2\.2:[0-9]* LUN 7: .*logical unit not supported' \
	$(user_net "iscsi:10.0.2.2::$port:7:$iqn")
case_ blank-lu "an LU without a boot sector" 'sanboot: drive 0x80 has no boot sector (no 55AA signature)' \
	$(user_net "iscsi:10.0.2.2::$port:1:$iqn")

qemu_summary
