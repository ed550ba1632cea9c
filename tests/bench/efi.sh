#!/bin/sh
# UEFI benchmark: lwpxe against Debian's iPXE (package ipxe, ipxe.efi),
# each booted by OVMF from a USB image under QEMU (TCG) with an e1000 NIC
# and no option ROM (each firmware drives it with its own Intel driver).
# tgtd on the host serves the LUs and nginx a 64 MiB initrd on 127.0.0.1,
# which QEMU's user network shows the guest as 10.0.2.2.  Both firmwares
# run dhcp and chain the boot file QEMU's DHCP names, a script on QEMU's
# TFTP server (lwpxe's embedded script tests/bench/efi_bench.ipxe does
# what Debian's iPXE's autoboot does).
#
# Three kinds of boot per firmware:
#   sanboot LU (tests/qemu/mklu-efi.sh): GRUB hashes a 32 MiB file read
#     through the firmware's SAN disk; the hash must match the file's.
#   linux LU (tests/qemu/mklu-efi-linux.sh): GRUB boots Debian's kernel.
#   HTTP: `initrd` of a 64 MiB file over HTTP between two echoed markers;
#     lwpxe then fetches it again over HTTPS (nginx's certificate is
#     signed by the test CA its bench image trusts) and prints the
#     SHA-256 of each copy, which must match; Debian's iPXE's imgstat
#     must show the size.  BENCH_RUNS (3) such boots each, taken in
#     turns; the best figures are kept.
# Prints for each: DHCP time ("Configuring" line to its "ok"), read
# throughput (GRUB's hash-begin marker to its hash line), power-on to
# "Linux version", the initrd's MB/s over HTTP (and lwpxe's over HTTPS),
# measured twice: between the markers as the host reads them from the serial
# console, and by nginx's request time; and the ratios.  Figures, not a pass/fail test of a goal: fails only if
# a boot fails.
#
# usage: tests/bench/efi.sh OURS.usb THEIRS.usb SANBOOT-LU.img LINUX-LU.img PKI-DIR
#        (SANBOOT-LU.img.sha256 and LINUX-LU.img.kernel beside them;
#        PKI-DIR: tests/qemu/mk-qemu-pki.sh's server.pem and server.key)
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
pki=$(cd "$5" && pwd)
big_mib=64                      # the initrd fetched over HTTP(S)
t_hb='' t_he='' t_sb='' t_se='' # when its downloads start and end (bench_tick)

# OVMF moves on after the image: a second Boot#### loaded, or one failed.
bench_awk='
	/^BdsDxe: loading /                      { if (++loads > 1) mark("returned") }
	/^BdsDxe: failed/                        { mark("returned") }'

# bench_qemu NAME IMAGE NETDEV: OVMF boots IMAGE as a USB stick, 1 GiB, on
# QEMU's default CPU as the tests and the BIOS bench do.  That CPU has no
# AES-NI, so lwpxe offers ChaCha20-Poly1305 first, as on such hardware
# (with -cpu max it took AES-GCM on TCG's emulated AES-NI, there the
# slower one: 18.7 MB/s against 35.5 over HTTPS in one comparison).
bench_qemu() {
	cp $ovmf/OVMF_VARS.fd "$tmp/$1.vars.fd"
	cp "$2" "$tmp/$1.usb"           # QEMU locks the image; boot a copy
	qemu-system-x86_64 -machine q35 -accel tcg -m 1024 -no-reboot \
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

# bench_tick: note when the initrd's downloads start and end.
bench_tick() {
	bench_mark t_hb httpbegin
	bench_mark t_he httpend
	bench_mark t_sb httpsbegin
	bench_mark t_se httpsend
}

# bench_rate BEGIN END: MB/s of the initrd between two marks, or empty.
bench_rate() {
	if [ -n "$1" ] && [ -n "$2" ] && [ "$2" -gt "$1" ]; then
		echo "$big_mb_http $1 $2" | awk '{ printf "%.2f", $1 * 1000 / ($3 - $2) }'
	fi
}

# bench_http_script WHO HTTPS: $tmp/tftp-http-WHO/boot.ipxe, which fetches
# the initrd over HTTP between two markers, then (HTTPS = 1) over HTTPS,
# printing each copy's SHA-256; else imgstat.
bench_http_script() {
	mkdir -p "$tmp/tftp-http-$1"
	{
		printf '#!ipxe\necho lwpxe-bench-httpbegin\n'
		printf 'initrd http://10.0.2.2:%s/big.img\necho lwpxe-bench-httpend\n' "$port"
		if [ "$2" = 1 ]; then
			printf 'sha256sum big.img\nimgfree big.img\necho lwpxe-bench-httpsbegin\n'
			printf 'initrd https://10.0.2.2:%s/big.img\necho lwpxe-bench-httpsend\n' "$sport"
			printf 'sha256sum big.img\n'
		else
			printf 'imgstat\n'
		fi
		printf 'echo lwpxe-bench-done\n'
	} > "$tmp/tftp-http-$1/boot.ipxe"
}

# bench_nginx_rate LOG: MB/s of the initrd's last whole download in LOG
# (nginx-conf.sh's format "timed"), by nginx's request time, or empty.
bench_nginx_rate() {
	awk -v mb="$big_mb_http" '$4 == "/big.img" && $5 == 200 { t = $6 }
		END { if (t > 0) printf "%.2f", mb / t }' "$1" 2>/dev/null || true
}

# bench_http WHO IMAGE: one HTTP boot of one firmware; keeps in WHO_http
# and WHO_https (MB/s between the guest's markers) and WHO_nhttp and
# WHO_nhttps (by nginx's request time) the best of its boots so far
# (bench_best), and counts a failed boot in $bad.
bench_http() {
	case $1 in "${BENCH_ONLY:-}"*) ;; *) return 0 ;; esac
	t_hb='' t_he='' t_sb='' t_se=''
	bench_boot "$1-http" "$2" done "tftp=$tmp/tftp-http-$1,bootfile=boot.ipxe"
	bh_http=$(bench_rate "$t_hb" "$t_he")
	bh_https=$(bench_rate "$t_sb" "$t_se")
	bh_nhttp=$(bench_nginx_rate "$tmp/nginx-timed.log")
	bh_nhttps=
	[ "$1" = ours ] && bh_nhttps=$(bench_nginx_rate "$tmp/nginx-https.log")
	if [ "$1" = ours ]; then
		bh_sums=$(bench_lines | grep -c "^$big_sha " || true)
		bh_want=2
	else
		bh_sums=$(bench_lines | grep -c "$((big_mib << 20)) bytes" || true)
		bh_want=1
	fi
	if [ -z "$bh_http" ] || { [ "$1" = ours ] && [ -z "$bh_https" ]; }; then
		echo "bench: $1: initrd download failed (last console lines: $(bench_last)$(bench_where))"
		bad=$((bad + 1))
	elif [ "$bh_sums" != "$bh_want" ]; then
		echo "bench: $1: the initrd did not arrive whole ($bh_sums of $bh_want SHA-256/size lines; $(bench_where))"
		bad=$((bad + 1))
	else
		bench_best "${1}_http" "$bh_http"
		bench_best "${1}_https" "$bh_https"
		bench_best "${1}_nhttp" "$bh_nhttp"
		bench_best "${1}_nhttps" "$bh_nhttps"
	fi
}

bench_need "$ours" "$theirs" $ovmf/OVMF_CODE.fd $ovmf/OVMF_VARS.fd \
	"$pki/server.pem" "$pki/server.key"
bench_targets "$san_lu" "$linux_lu"
mkdir -p "$tmp/www"
head -c "$((big_mib << 20))" /dev/urandom > "$tmp/www/big.img"
big_sha=$(sha256sum "$tmp/www/big.img" | cut -d' ' -f1)
big_mb_http=$(echo "$big_mib" | awk '{ printf "%.6f", $1 * 1048576 / 1e6 }')
host_nginx_need "$tmp/www" "access_log $tmp/nginx-timed.log timed;" "$pki"
bench_http_script ours 1
bench_http_script theirs 0

# Both chain boot.ipxe from QEMU's TFTP, which sanboots an LU.
bench_run ours "$ours" "tftp=$tmp/tftp-san,bootfile=boot.ipxe" \
	"tftp=$tmp/tftp-linux,bootfile=boot.ipxe"
bench_run theirs "$theirs" "tftp=$tmp/tftp-san,bootfile=boot.ipxe" \
	"tftp=$tmp/tftp-linux,bootfile=boot.ipxe"
ours_http='' ours_https='' ours_nhttp='' ours_nhttps=''
theirs_http='' theirs_https='' theirs_nhttp='' theirs_nhttps=''
for bench_i in $(seq "$runs"); do    # in turns, so that a slow spell of the
	bench_http ours "$ours"          # machine does not fall on one side only
	bench_http theirs "$theirs"
done

bench_table "BENCH UEFI sanboot under QEMU (TCG) + OVMF, e1000, tgtd on the host:" 2.5
echo "BENCH UEFI $big_mib MiB initrd from nginx on the host, same QEMU set-up (best of $runs boots each):"
echo "                      lwpxe        Debian iPXE  ratio"
bench_row "HTTP (guest)" "$ours_http" "$theirs_http" MB/s "(ours/theirs, goal >= 1.5)"
bench_row "HTTP (nginx)" "$ours_nhttp" "$theirs_nhttp" MB/s "(ours/theirs, goal >= 1.5)"
printf '  %-19s %-12s %-12s %s\n' "HTTPS (guest)" "$(bench_show "$ours_https" MB/s)" "" \
	"$(bench_ratio "$ours_https" "$ours_http") (lwpxe HTTPS/HTTP, goal >= 0.5)"
printf '  %-19s %-12s %-12s %s\n' "HTTPS (nginx)" "$(bench_show "$ours_nhttps" MB/s)" "" \
	"$(bench_ratio "$ours_nhttps" "$ours_nhttp") (lwpxe HTTPS/HTTP, goal >= 0.5)"
echo "  (guest: echoed markers around 'initrd URI' as the host reads them from the serial"
echo "   console; nginx: its request time, until the last byte left for the socket;"
echo "   SHA-256 checked for lwpxe, imgstat's size for Debian's iPXE; HTTPS:" \
	"$(awk '$4 == "/big.img" { print $7, $8; exit }' "$tmp/nginx-https.log" 2>/dev/null), as nginx and lwpxe agreed)"
[ "$bad" = 0 ] || { echo "bench: $bad UEFI boot(s) failed"; exit 1; }
