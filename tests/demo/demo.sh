#!/bin/sh
# make demo: the reference scenario on one machine.  tgtd serves an LU
# (GRUB, Debian's kernel and an initramfs that prints what Linux found in
# the iBFT) and dnsmasq hands out a lease with the root-path and the
# initiator name (options 17 and 203), both in a network namespace on a
# TAP; QEMU boots our USB image (tests/demo/demo.ipxe embedded) on a NIC
# attached to that TAP, so DHCP and iSCSI cross a real link to real
# servers.  The boot is shown as it happens, then a table of when each
# stage was seen (seconds after QEMU started) and lwpxe's own timeline.
#
# usage: tests/demo/demo.sh pcbios|efi IMAGE.usb LU.img
#        (LU.img.kernel and LU.img.loaded beside it)
#   NIC=e1000e     the NIC model (default e1000)
#   FAULT=NAME     break one thing and show the line that names it:
#                  nodhcp (no DHCP server), noroot (a lease without a
#                  root-path), dns (a root-path naming an unknown host),
#                  unreachable (a target address nobody answers for),
#                  refused (nothing listens on the target's port),
#                  notarget (a target name tgtd does not serve), chap (the
#                  target wants CHAP credentials lwpxe was not given),
#                  nolun (LUN 7), noboot (an LU without a boot sector),
#                  nolink (the NIC's cable pulled), ibft (the iBFT names a
#                  NIC MAC Linux will not find: DHCP option 224 sets
#                  ibft-mac, as on a board whose OS driver reads the MAC
#                  another way)
#   DEMO_CHECK=1   no live output; check the table's rows (or the fault's
#                  line) and exit nonzero if one is missing (make check)
# Needs root (a network namespace, tgtd); everything is removed on exit,
# Ctrl-C included.
set -eu

. "$(dirname "$0")/../host/lib.sh"

platform=$1
image=$2
lu=$3
nic=${NIC:-e1000}
fault=${FAULT:-}
limit=600                       # seconds for the whole boot (TCG)
iqn=iqn.2026-12.org.lwpxe:demo
initiator=iqn.2026-12.org.lwpxe:demo-initiator
log=$TMP/serial.log
trap 'host_cleanup; exit 130' INT TERM

for f in "$image" "$lu" "$lu.kernel" "$lu.loaded"; do
	[ -r "$f" ] || { echo "demo: missing $f" >&2; exit 1; }
done
case $platform in
pcbios|efi) ;;
*) echo "demo: PLATFORM=$platform: use pcbios or efi" >&2; exit 2 ;;
esac

# What each fault changes, and the line (grep -E) lwpxe must print for it.
root="iscsi:10.99.0.1:::1:$iqn"
dhcp_server=yes
lu_file=$TMP/lu.img
qemu_extra=
dhcp_extra=
want_next='lwpxe: exit status [0-9]+: .*'    # what follows the cause (grep -E)
case $fault in
'') want= ;;
nodhcp) dhcp_server= want='DHCP on net0: no offer after .*' ;;
noroot) root= want='demo: DHCP gave no root-path \(option 17\): nothing to boot' ;;
dns) root="iscsi:lu.demo.invalid:::1:$iqn" want='iSCSI: cannot resolve lu\.demo\.invalid: .*' ;;
unreachable) root="iscsi:10.99.0.77:::1:$iqn" want='iSCSI 10\.99\.0\.77:3260: connection timed out' ;;
refused) root="iscsi:10.99.0.1::3261:1:$iqn" want='iSCSI 10\.99\.0\.1:3261: connection refused' ;;
notarget) root="iscsi:10.99.0.1:::1:$iqn-missing" want='iSCSI login to 10\.99\.0\.1:3260 failed: .*' ;;
chap) want='iSCSI login to 10\.99\.0\.1:3260 failed: .*' ;;
nolun) root="iscsi:10.99.0.1:::7:$iqn" want='iSCSI 10\.99\.0\.1:3260 LUN 7: .*' ;;
noboot) lu_file=$TMP/blank.img want='sanboot: drive 0x80 has no boot sector .*' ;;
nolink) qemu_extra=nolink want='DHCP on net0: no link after .*' ;;
ibft) dhcp_extra=--dhcp-option-force=224,02:00:00:00:00:01
	want='ibft: Linux: .*the table says 02:00:00:00:00:01: .*'
	want_next="lwpxe-linux-ibft-nic none: .*" ;;
*) echo "demo: FAULT=$fault: unknown (see tests/demo/demo.sh)" >&2; exit 2 ;;
esac

# --- the servers ---------------------------------------------------------------
ns_setup
if [ "$fault" = noboot ]; then
	dd if=/dev/zero of="$lu_file" bs=1M count=8 status=none
else
	cp "$lu" "$lu_file"             # the target may write; keep the build's LU
fi
start_tgtd
tgt_target 1 "$iqn" "$lu_file"
[ "$fault" != chap ] || tgt_chap 1 demo-user demo-secret-123
if [ -n "$dhcp_server" ]; then
	DNS_PORT=53 start_dnsmasq --dhcp-option=6,10.99.0.1 \
		${root:+--dhcp-option=17,"$root"} --dhcp-option=203,"$initiator" \
		$dhcp_extra
fi

# --- the machine -----------------------------------------------------------------
cp "$image" "$TMP/boot.img"             # QEMU locks the image; boot a copy
set -- -accel tcg -m 1024 -nodefaults -no-user-config -display none \
	-no-reboot -serial "file:$log" \
	-netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
	-device "$nic,netdev=n0,romfile=" \
	-device qemu-xhci -drive if=none,id=stick,format=raw,file="$TMP/boot.img" \
	-device usb-storage,drive=stick,bootindex=0
if [ "$platform" = efi ]; then
	cp /usr/share/OVMF/OVMF_VARS.fd "$TMP/vars.fd"
	set -- -machine q35 "$@" \
		-drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd \
		-drive if=pflash,format=raw,file="$TMP/vars.fd"
fi
if [ "$qemu_extra" = nolink ]; then
	# start paused, pull the cable through the monitor, then run
	mkfifo "$TMP/mon.in" "$TMP/mon.out"
	cat "$TMP/mon.out" > /dev/null &
	host_pids="$host_pids $!"
	printf 'set_link n0 off\ncont\n' > "$TMP/mon.in" &
	host_pids="$host_pids $!"
	set -- "$@" -S -chardev pipe,id=mon,path="$TMP/mon" -mon chardev=mon
fi
: > "$log"
start=$(date +%s%N)
in_ns qemu-system-x86_64 "$@" 2> "$TMP/qemu.err" &
qemu_pid=$!
host_pids="$host_pids $qemu_pid"
if [ -z "${DEMO_CHECK:-}" ]; then
	tail -n +1 -f --pid="$qemu_pid" "$log" | console_lines -u &
	host_pids="$host_pids $!"
fi


# mark VAR PATTERN: set VAR to the ms since QEMU started, the first time a
# line matches PATTERN (grep -E)
mark() {
	eval "[ -z \"\${$1:-}\" ]" || return 0
	echo "$lines" | grep -qE "$2" && eval "$1=\$now"
	return 0
}

# marks: read the log into $lines and note the stages seen so far
marks() {
	lines=$(console_lines "$log")
	now=$(( ($(date +%s%N) - start) / 1000000 ))
	mark t_dhcp '^Configuring \(net0 .*\)\.\.\. ok'
	mark t_login '^Registered SAN drive 0x80: '
	mark t_handover '^timeline: .*handover to '
	mark t_grub '^lwpxe-grub-started$'
	mark t_loading '^lwpxe-grub-linux-loading$'
	mark t_loaded '^lwpxe-grub-linux-booting$'
	mark t_linux 'Linux version '
	mark t_ibft '^ibft: /sys/firmware/ibft/target0/target-name = '
	mark t_nic '^lwpxe-linux-ibft-nic '
	mark t_done 'lwpxe-linux-done$'
}

while kill -0 "$qemu_pid" 2>/dev/null; do
	marks
	[ -z "${t_done:-}" ] || break
	# a fault ends where lwpxe says what it does next
	echo "$lines" | grep -qE '^lwpxe: exit status [0-9]+: ' && break
	[ $((now / 1000)) -lt "$limit" ] || break
	sleep 0.2
done
marks                                   # the last lines came as QEMU ended
kill "$qemu_pid" 2>/dev/null || true
wait "$qemu_pid" 2>/dev/null || true

# --- the result ------------------------------------------------------------------
status=0
# secs MS: MS as seconds with one decimal
secs() {
	echo "$1" | awk '{ printf "%.1f s", $1 / 1000 }'
}
# row WHAT MS [NOTE]: one row of the table; a missing time fails the check
row() {
	if [ -n "$2" ]; then
		printf '  %-34s %9s  %s\n' "$1" "$(secs "$2")" "${3:-}"
	else
		printf '  %-34s %9s  %s\n' "$1" "-" "not seen"
		status=1
	fi
}

echo
if [ -n "$fault" ]; then
	cause=$(echo "$lines" | grep -E "^([a-z_.]+:[0-9]+: )?$want\$" | head -1)
	next=$(echo "$lines" | grep -E "^$want_next\$" | head -1)
	echo "demo: FAULT=$fault"
	echo "  cause:     ${cause:-NOT SEEN (want a line matching: $want)}"
	echo "  next step: ${next:-NOT SEEN (want a line matching: $want_next)}"
	[ -n "$cause" ] && [ -n "$next" ] || status=1
else
	loaded=$(cat "$lu.loaded")
	rate=
	if [ -n "${t_loading:-}" ] && [ -n "${t_loaded:-}" ] && [ "$t_loaded" -gt "$t_loading" ]; then
		rate=$(echo "$loaded $t_loading $t_loaded" |
			awk '{ printf "%.1f MB/s", $1 / ($3 - $2) / 1000 }')
	fi
	target=$(echo "$lines" | sed -n 's@^ibft: /sys/firmware/ibft/target0/target-name = @@p' | head -1)
	nic_seen=$(echo "$lines" | sed -n "s/^lwpxe-linux-ibft-nic \(.*\) has the iBFT's MAC .*/\1/p" | head -1)
	echo "demo: $platform, $nic, seconds after QEMU started (as the host saw the serial lines):"
	row "DHCP lease (lwpxe)" "${t_dhcp:-}"
	row "iSCSI login, LU is drive 0x80" "${t_login:-}"
	row "first sector read, hand-over" "${t_handover:-}"
	row "GRUB started from the LU" "${t_grub:-}"
	row "GRUB loaded kernel + initramfs" "${t_loaded:-}" "${rate:+$loaded bytes at $rate through lwpxe}"
	row "Linux started" "${t_linux:-}" "$(cat "$lu.kernel")"
	row "iBFT found by Linux" "${t_ibft:-}" "${target:+target $target}"
	row "iBFT's NIC found by Linux" "${nic_seen:+${t_nic:-}}" "$nic_seen"
	row "initramfs done" "${t_done:-}"
	[ "$target" = "$iqn" ] || status=1
	echo "lwpxe's own: $(echo "$lines" | grep -E '^timeline: ' | head -1 | sed 's/^timeline: //')"
fi
if [ "$status" != 0 ]; then
	echo "demo: something was not seen; QEMU said:"
	sed 's/^/    /' "$TMP/qemu.err"
	[ -z "${DEMO_CHECK:-}" ] || { echo "demo: serial log:"; echo "$lines" | grep -v '^$' | tail -40 | sed 's/^/    | /'; }
fi
exit "$status"
