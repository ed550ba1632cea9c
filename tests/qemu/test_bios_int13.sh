#!/bin/sh
# BIOS INT 13h test: lwpxe sanboots a small LU whose boot sector is
# tests/qemu/int13_probe.S; the probe calls every INT 13h function lwpxe
# serves (00 01 02 03 08 15 41 42 43 44 48, EDD 3.0 with a 64-bit flat
# buffer, an error past the end) on drive 0x80, and 08h on 0x81, and
# prints one line per call, which are checked here.  Booted twice: by
# qemu -kernel (no BIOS disk: 0x81 is nothing) and from an IDE disk (the
# BIOS's disk 0x80 becomes 0x81 and the disk count 2).  The image's
# embedded script is tests/qemu/bios_linux_ibft.ipxe (sanboot of the URI
# QEMU's DHCP hands out); the probe ends QEMU through isa-debug-exit.  The
# target asks for CRC32C digests, so the probe's reads and writes carry
# them (the CRC by table: QEMU's default CPU has no SSE4.2).
#
# usage: tests/qemu/test_bios_int13.sh IPXE.lkrn IPXE.usb PROBE.bin
#   KEEP_TMP=1  keep the scratch folder (serial logs) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

need_root="qemu: the BIOS INT 13h test"

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

lkrn=$1
usb=$2
probe=$3
limit=120                       # seconds for one boot (TCG)
iqn=iqn.2024-01.org.lwpxe:int13-probe
blocks=2048                     # int13_probe.S PROBE_BLOCKS

# expect WHAT PATTERN: a probe line matches PATTERN (grep -x; '.' = any).
expect() {
	if log_lines | grep -qx "int13-probe $2"; then
		pass "$1: $2"
	else
		fail "$1" "want 'int13-probe $2', got '$(log_lines | grep "^int13-probe ${2%% *} " | head -1)'"
	fi
}

# probe_checks WHAT DISKS: the lines of one run with DISKS hard disks in all.
probe_checks() {
	w=$1
	expect "$w: 41h extensions" '41 ax=3000 bx=aa55 cx=000d dx=.... cf=0'
	expect "$w: 15h fixed disk, blocks" "15 ax=03.. bx=.... cx=0000 dx=$(printf %04x $blocks) cf=0"
	expect "$w: 08h geometry, disk count (and 40:75)" "08 ax=0000 bx=000$2 cx=003f dx=fe0$2 cf=0"
	if [ "$2" = 1 ]; then
		expect "$w: 08h on 0x81 (no such disk)" '08n ax=.... bx=.... cx=.... dx=.... cf=1'
	else
		expect "$w: 08h on 0x81 (the BIOS's 0x80)" "08n ax=0000 bx=.... cx=.... dx=..0$2 cf=0"
	fi
	expect "$w: 48h EDD 3.0 table, key, checksum" '48 ax=0000 bx=004a cx=bedd dx=0000 cf=0'
	expect "$w: 48h flags, blocks, block size, host bus" "48p ax=0003 bx=$(printf %04x $blocks) cx=0200 dx=4350 cf=0"
	expect "$w: 48h into a 1Ah-byte buffer" '48s ax=0000 bx=001a cx=.... dx=.... cf=0'
	expect "$w: 42h to a 64-bit flat address" '42f ax=0000 bx=0001 cx=.... dx=0000 cf=0'
	expect "$w: 43h write" '43 ax=0000 bx=0001 cx=.... dx=.... cf=0'
	expect "$w: 42h reads the write back" '42 ax=0000 bx=0001 cx=.... dx=0000 cf=0'
	expect "$w: 44h verify" '44 ax=0000 bx=0001 cx=.... dx=.... cf=0'
	expect "$w: 42h past the end fails" '42e ax=0400 bx=0000 cx=.... dx=.... cf=1'
	expect "$w: 01h status of that" '01 ax=0400 bx=.... cx=.... dx=.... cf=1'
	expect "$w: 03h CHS write" '03 ax=0001 bx=7c00 cx=0001 dx=.... cf=0'
	expect "$w: 02h CHS read back" '02 ax=0001 bx=0000 cx=0001 dx=0000 cf=0'
	expect "$w: 00h clears the status" '01r ax=0000 bx=.... cx=.... dx=.... cf=0'
	if log_lines | grep -qx 'int13-probe-done'; then
		expect_exit "$w: probe done" 0
	else
		fail "$w: probe done" "no 'int13-probe-done' line (QEMU status $rc)"
	fi
}

need_files "$lkrn" "$usb" "$probe"
truncate -s $((blocks * 512)) "$tmp/lu.img"
dd if="$probe" of="$tmp/lu.img" conv=notrunc status=none
host_tgtd_need
host_tgt_target 1 "$iqn" "$tmp/lu.img" 1
host_tgt_digests 1              # the probe's reads and writes with digests
net="-netdev user,id=n0,bootfile=iscsi:10.0.2.2::$port:1:$iqn -device e1000,netdev=n0,romfile="

f=$failed
boot probe-lkrn -kernel "$lkrn" -append debug-exit=0x501 $net
probe_checks "qemu -kernel" 1
[ "$failed" = "$f" ] || show

f=$failed
cp "$usb" "$tmp/disk.img"
boot probe-ide -drive file="$tmp/disk.img",format=raw,if=ide $net
probe_checks "IDE disk" 2
[ "$failed" = "$f" ] || show

qemu_summary
