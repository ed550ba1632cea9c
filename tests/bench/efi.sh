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
#   KEEP_TMP=1     keep the scratch folder (serial logs, tgtd log)
set -eu

need_root="bench: the UEFI benchmark"

. "$(dirname "$0")/../qemu/lib.sh"

ours=$1
theirs=$2
san_lu=$3
linux_lu=$4
limit=${BENCH_LIMIT:-600}
iqn_san=iqn.2024-01.org.lwpxe:bench-sanboot
iqn_linux=iqn.2024-01.org.lwpxe:bench-linux
big_mb=33.554432                # the hashed file: 32 MiB in MB (10^6 bytes)
bad=0

# Where the serial log of the last boot can be read, for a failure line.
where() {
	[ -n "${KEEP_TMP:-}" ] && echo "log $log" || echo "KEEP_TMP=1 keeps the log"
}

# The markers the serial log shows so far, one word each (cfg, ok, begin,
# hash, linux, returned), from one pass over the log.
markers() {
	log_lines 2>/dev/null | awk '
		/Configuring \(net0 /                    { cfg = 1 }
		/Configuring \(net0 .*\)[. ]*ok/          { ok = 1 }
		/^lwpxe-grub-hash-begin$/                { begin = 1 }
		length($1) == 64 && $1 ~ /^[0-9a-f]+$/   { hash = 1 }
		/Linux version /                         { linux = 1 }
		/^BdsDxe: loading /                      { loads++ }
		/^BdsDxe: failed/                        { failed = 1 }
		END {
			printf "%s%s%s%s%s%s\n", cfg ? " cfg" : "", ok ? " ok" : "",
				begin ? " begin" : "", hash ? " hash" : "",
				linux ? " linux" : "",
				(loads > 1 || failed) ? " returned" : ""
		}'
}

# mark VAR WORD: set VAR to $t if unset and WORD is among $seen.
mark() {
	eval "[ -n \"\$$1\" ]" && return 0
	case " $seen " in *" $2 "*) eval "$1=\$t" ;; esac
	return 0
}

# note_all: record the first time each marker is seen.
note_all() {
	seen=$(markers)
	mark t_cfg cfg
	mark t_ok ok
	mark t_begin begin
	mark t_hash hash
	mark t_linux linux
}

# boot NAME IMAGE UNTIL NETDEV: boot IMAGE (USB) with the user network
# NETDEV until the marker UNTIL (hash or linux) shows, the firmware moves
# on after the image, QEMU exits or $limit seconds pass.  Polls the serial
# log every 20 ms; sets t_cfg t_ok t_begin t_hash t_linux (ms since the
# epoch, empty if never seen), $start (power-on) and $end.
boot() {
	b_name=$1 b_image=$2 b_until=$3 b_netdev=$4
	log=$tmp/$b_name.log
	: > "$log"
	cp $ovmf/OVMF_VARS.fd "$tmp/$b_name.vars.fd"
	cp "$b_image" "$tmp/$b_name.usb"    # QEMU locks the image; boot a copy
	t_cfg='' t_ok='' t_begin='' t_hash='' t_linux=''
	start=$(now_ms)
	qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 1024 -no-reboot \
		-nodefaults -no-user-config -display none -serial "file:$log" \
		-drive if=pflash,format=raw,readonly=on,file=$ovmf/OVMF_CODE.fd \
		-drive if=pflash,format=raw,file="$tmp/$b_name.vars.fd" \
		-device qemu-xhci \
		-drive if=none,id=stick,format=raw,file="$tmp/$b_name.usb" \
		-device usb-storage,drive=stick,bootindex=0 \
		-netdev "user,id=n0,$b_netdev" -device e1000,netdev=n0,romfile= \
		2> "$tmp/$b_name.err" &
	qemu_pid=$!
	while kill -0 "$qemu_pid" 2>/dev/null; do
		t=$(now_ms)
		note_all
		case " $seen " in *" $b_until "*|*" returned "*) break ;; esac
		[ $(( (t - start) / 1000 )) -ge "$limit" ] && break
		sleep 0.02
	done
	end=$(now_ms)
	# the last lines may have come just before QEMU exited (GRUB's halt)
	t=$end
	note_all
	kill -9 "$qemu_pid" 2>/dev/null || true
	wait "$qemu_pid" 2>/dev/null || true
	qemu_pid=
}

# why UNTIL: one phrase saying how far a boot that did not reach UNTIL got.
why() {
	if [ -z "$t_cfg" ]; then
		w="no 'Configuring (net0' line"
	elif [ -z "$t_ok" ]; then
		w="DHCP did not finish"
	elif [ "$1" = hash ] && [ -z "$t_begin" ]; then
		w="GRUB did not start hashing"
	elif [ "$1" = hash ]; then
		w="no hash line from GRUB"
	else
		w="no 'Linux version' line"
	fi
	case " $seen " in
	*" returned "*) w="$w; the image returned to the firmware" ;;
	*) [ $(( (end - start) / 1000 )) -ge "$limit" ] && w="$w within $limit s" ;;
	esac
	last=$(log_lines | grep -v '^[[:space:]]*$' | tail -1 | cut -c1-100)
	echo "$w (last serial line: '$last'; $(where))"
}

# ms A B: B - A in ms, or empty if either is missing.
ms() {
	[ -n "$1" ] && [ -n "$2" ] && echo $(($2 - $1)) || true
}

# run WHO IMAGE NETDEV-SAN NETDEV-LINUX: both boots of one firmware; sets
# WHO_dhcp (ms), WHO_rate (MB/s) and WHO_linux (ms), empty where a boot
# failed, and counts failed boots in $bad.
run() {
	r_who=$1
	boot "$r_who-sanboot" "$2" hash "$3"
	r_dhcp=$(ms "$t_cfg" "$t_ok")
	r_rate=
	r_got=$(log_lines | grep -o '^[0-9a-f]\{64\}' | head -1 || true)
	if [ -z "$t_hash" ] || [ -z "$t_begin" ]; then
		echo "bench: $r_who: sanboot LU boot failed: $(why hash)"
		bad=$((bad + 1))
	elif [ "$r_got" != "$want_sha" ]; then
		echo "bench: $r_who: GRUB's SHA-256 of big.bin is $r_got, want $want_sha (a wrong read; $(where))"
		bad=$((bad + 1))
	elif [ "$t_hash" -gt "$t_begin" ]; then
		r_rate=$(echo "$big_mb $t_begin $t_hash" |
			awk '{ printf "%.2f", $1 * 1000 / ($3 - $2) }')
	fi
	boot "$r_who-linux" "$2" linux "$4"
	[ -n "$r_dhcp" ] || r_dhcp=$(ms "$t_cfg" "$t_ok")
	r_linux=
	if [ -z "$t_linux" ]; then
		echo "bench: $r_who: linux LU boot failed: $(why linux)"
		bad=$((bad + 1))
	elif ! log_lines | grep -q "Linux version $want_kernel "; then
		echo "bench: $r_who: linux LU boot started another kernel than $want_kernel ($(where))"
		bad=$((bad + 1))
	else
		r_linux=$(ms "$start" "$t_linux")
	fi
	eval "${r_who}_dhcp=\$r_dhcp ${r_who}_rate=\$r_rate ${r_who}_linux=\$r_linux"
}

# show VALUE UNIT: VALUE and UNIT, or "-" if there is no value.
show() {
	[ -n "$1" ] && echo "$1 $2" || echo "-"
}

# ratio A B: A / B to two decimals, or "-" if either is missing or zero.
ratio() {
	if [ -n "$1" ] && [ -n "$2" ]; then
		echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "-" }'
	else
		echo "-"
	fi
}

for f in "$ours" "$theirs" "$san_lu" "$san_lu.sha256" "$linux_lu" \
	 "$linux_lu.kernel" $ovmf/OVMF_CODE.fd $ovmf/OVMF_VARS.fd; do
	[ -r "$f" ] || { echo "bench: missing $f"; exit 1; }
done
want_sha=$(cat "$san_lu.sha256")
want_kernel=$(cat "$linux_lu.kernel")
cp "$san_lu" "$tmp/san-lu.img"      # the target may write; keep the build's LUs
cp "$linux_lu" "$tmp/linux-lu.img"

if ! host_tgtd_start; then
	echo "bench: tgtd did not start: $(tail -1 "$tmp/tgtd.log")"
	exit 1
fi
host_tgt_target 1 "$iqn_san" "$tmp/san-lu.img"
host_tgt_target 2 "$iqn_linux" "$tmp/linux-lu.img"
uri_san="iscsi:10.0.2.2::$port:1:$iqn_san"
uri_linux="iscsi:10.0.2.2::$port:1:$iqn_linux"

# Debian's iPXE: autoboot DHCPs and chains the boot file from QEMU's TFTP.
for lu in san linux; do
	mkdir -p "$tmp/tftp-$lu"
	eval "uri=\$uri_$lu"
	printf '#!ipxe\nsanboot %s\n' "$uri" > "$tmp/tftp-$lu/boot.ipxe"
done

run ours "$ours" "bootfile=$uri_san" "bootfile=$uri_linux"
run theirs "$theirs" "tftp=$tmp/tftp-san,bootfile=boot.ipxe" \
	"tftp=$tmp/tftp-linux,bootfile=boot.ipxe"

echo "BENCH UEFI sanboot under QEMU (TCG) + OVMF, e1000, tgtd on the host:"
echo "                      lwpxe        Debian iPXE  ratio"
printf '  %-19s %-12s %-12s %s\n' "DHCP" "$(show "$ours_dhcp" ms)" \
	"$(show "$theirs_dhcp" ms)" "$(ratio "$theirs_dhcp" "$ours_dhcp") (theirs/ours, bigger is better)"
printf '  %-19s %-12s %-12s %s\n' "sanboot read" "$(show "$ours_rate" MB/s)" \
	"$(show "$theirs_rate" MB/s)" "$(ratio "$ours_rate" "$theirs_rate") (ours/theirs, goal >= 2.5)"
printf '  %-19s %-12s %-12s %s\n' "power-on -> Linux" "$(show "$ours_linux" ms)" \
	"$(show "$theirs_linux" ms)" "$(ratio "$theirs_linux" "$ours_linux") (theirs/ours, bigger is better)"
echo "  (read: GRUB hashing a 32 MiB file, SHA-256 checked; DHCP: 'Configuring' to 'ok';"
echo "   DHCP figures from the sanboot LU boot)"
[ "$bad" = 0 ] || { echo "bench: $bad UEFI boot(s) failed"; exit 1; }
