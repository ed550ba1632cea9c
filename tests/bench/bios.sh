#!/bin/sh
# BIOS benchmark: lwpxe against Debian's iPXE (package ipxe), booted two
# ways under SeaBIOS in QEMU (TCG) with an e1000 NIC:
#   ipxe.lkrn by `qemu -kernel`, the NIC without option ROM (each firmware
#     drives it with its own Intel driver);
#   undionly.kpxe chainloaded by the NIC's PXE ROM (QEMU's, an iPXE) from
#     QEMU's TFTP server, each firmware driving the NIC through the ROM's
#     UNDI.
# tgtd on the host serves the LUs on 127.0.0.1, which QEMU's user network
# shows the guest as 10.0.2.2.  lwpxe's embedded script
# (tests/bench/bios_bench.ipxe) runs dhcp and sanboots the URI QEMU's DHCP
# hands out: as the boot file, or as the domain name where the boot file
# names the .kpxe.  Debian's iPXE has no embedded script: under -kernel
# its autoboot fetches a script from QEMU's TFTP server that sanboots the
# URI; chainloaded, its autoboot fetches the boot file again, which the
# bench has by then replaced with a script that sanboots ${domain}.
#
# Consoles: COM1 carries lwpxe's serial console, GRUB's and Linux's.
# Debian's iPXE writes to the screen only, so for both firmwares SeaBIOS's
# serial console (fw_cfg etc/sercon-port) copies the screen (INT 10h) to
# COM2; the markers are read from both.
#
# Two boots per firmware:
#   sanboot LU (tests/qemu/mklu-bios.sh): GRUB (i386-pc) hashes a 32 MiB
#     file read through the firmware's INT 13h disk; the hash must match.
#   linux LU (tests/qemu/mklu-bios-linux.sh): GRUB boots Debian's kernel.
# Then downloads from nginx on the host (HTTP.lkrn and Debian's
# ipxe.lkrn by qemu -kernel, e1000 without option ROM): QEMU's DHCP names
# a script on nginx as the boot file, which HTTP.lkrn's embedded script
# (`dhcp`, `chain ${filename}`) and Debian's autoboot chain; it fetches a
# 64 MiB file over HTTP between two markers and, for HTTP.lkrn only (it trusts
# the test CA in PKI-DIR), the same file over HTTPS; the rates come from
# when the markers show on the consoles, the best of BENCH_RUNS (3) boots
# each, taken in turns.  Last, each boots Debian's kernel
# and the test initramfs (from the Linux LU) over HTTP with kernel, initrd
# and boot: power-on to "Linux version" and to the initramfs's first line.
#
# Prints for each: DHCP time ("Configuring" line to its "ok"; for the
# .kpxe the chainloaded firmware's, after the ROM's), read
# throughput (GRUB's hash-begin marker to its hash line), power-on to
# "Linux version", the ratios, and the image sizes against the goals and
# Debian's.  Figures, not a pass/fail test of a goal: fails only if a
# boot fails.
#
# usage: tests/bench/bios.sh OURS.lkrn OURS.kpxe SANBOOT-LU.img LINUX-LU.img [BIN
#        [HTTP.lkrn PKI-DIR]]
#        (OURS.kpxe "-": no PXE boots; SANBOOT-LU.img.sha256 and
#        LINUX-LU.img.kernel beside the LUs; BIN
#        holds the ipxe.usb, ipxe.lkrn and undionly.kpxe whose sizes are
#        shown, default bin; without HTTP.lkrn, no downloads; PKI-DIR from
#        tests/qemu/mk-qemu-pki.sh)
#   BENCH_LIMIT=S  seconds allowed per boot (default 300)
#   BENCH_ONLY=W   boot only ours or only theirs (W), to look at one side
#   KEEP_TMP=1     keep the scratch folder (serial logs, tgtd log)
set -eu

need_root="bench: the BIOS benchmark"

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/../qemu/lib.sh"
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

ours=$1
ours_kpxe=$2
san_lu=$3
linux_lu=$4
bin=${5:-bin}
http_lkrn=${6:-}
pki=${7:-}
debian=/usr/lib/ipxe
theirs=$debian/ipxe.lkrn
theirs_kpxe=$debian/undionly.kpxe
usb_goal=442368                 # iPXE's all-drivers ipxe.usb, in bytes
kpxe_goal=102400                # 100 KB
log2=yes                        # a second console: the screen, via COM2
limit=${BENCH_LIMIT:-300}       # seconds per boot (Debian's: about 50 s)

# SeaBIOS moves on after the image: it tries the next boot device, or the
# image says it gave up.  banner2: the second iPXE banner on the screen.
bench_awk='
	/No bootable device|Booting from (Hard Disk|Floppy|DVD)/ { mark("returned") }
	/^lwpxe: exit status /                   { mark("returned") }
	screen && /Open Source Network Boot Firmware/ { if (++banners == 2) mark("banner2") }'

# bench_qemu NAME IMAGE NETDEV: SeaBIOS starts IMAGE, 512 MiB, the screen
# copied to COM2: an .lkrn with qemu -kernel, a .kpxe from the NIC's PXE
# ROM (QEMU's default ROM) as undionly.kpxe from $tmp/NAME.tftp.
bench_qemu() {
	case $2 in
	*.kpxe)
		mkdir -p "$tmp/$1.tftp"
		cp "$2" "$tmp/$1.tftp/undionly.kpxe"
		bq_boot="-boot n"
		bq_net="tftp=$tmp/$1.tftp,bootfile=undionly.kpxe,$3"
		bq_rom= ;;
	*)
		bq_boot="-kernel $2"
		bq_net=$3
		bq_rom=",romfile=" ;;
	esac
	# shellcheck disable=SC2086  # $bq_boot is two words
	qemu-system-x86_64 -accel tcg -m 512 -no-reboot \
		-nodefaults -no-user-config -display none \
		-serial "file:$log" -serial "file:$log2" \
		-fw_cfg name=etc/sercon-port,file="$tmp/sercon-port" \
		$bq_boot -netdev "user,id=n0,$bq_net" \
		-device "e1000,netdev=n0$bq_rom" 2> "$tmp/$1.err" &
	qemu_pid=$!
}

# bench_tick: for Debian's undionly.kpxe, once its banner follows the
# ROM's on the screen (it has been read), replace it on the TFTP server
# with a script that sanboots ${domain}, which its autoboot then fetches.
bench_tick() {
	bt_kpxe=${log%.log}.tftp/undionly.kpxe
	[ -n "$swap" ] && [ ! -e "$bt_kpxe.done" ] || return 0
	case " $seen " in *" banner2 "*) ;; *) return 0 ;; esac
	# shellcheck disable=SC2016  # ${domain} is iPXE's
	printf '#!ipxe\nsanboot ${domain}\n' > "$bt_kpxe.new"
	mv "$bt_kpxe.new" "$bt_kpxe"
	: > "$bt_kpxe.done"
}

# bench_group N: N with a comma every three digits.
bench_group() {
	echo "$1" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta'
}

# bench_size LABEL OURS-FILE THEIRS-BYTES NOTE: one line of the size
# table (bytes, ratio theirs/ours: bigger is better) and NOTE.
bench_size() {
	bs_ours=$(bench_bytes "$2")
	printf '  %-19s %-12s %-12s %s %s\n' "$1" \
		"$(bench_group "${bs_ours:--}")" "$(bench_group "${3:--}")" \
		"$(bench_ratio "$3" "$bs_ours")" "$4"
}

# bench_goal FILE GOAL: whether FILE is within GOAL bytes, in words.
bench_goal() {
	bg_n=$(bench_bytes "$1")
	if [ -z "$bg_n" ]; then
		echo "not built"
	elif [ "$bg_n" -le "$2" ]; then
		echo "within the goal of $(bench_group "$2")"
	else
		echo "over the goal of $(bench_group "$2") by $(bench_group $((bg_n - $2)))"
	fi
}

swap=                           # set: bench_tick replaces Debian's .kpxe
bench_need "$ours" "$theirs" "$theirs_kpxe"
[ "$ours_kpxe" = - ] || bench_need "$ours_kpxe"
bench_targets "$san_lu" "$linux_lu"
printf '\370\002' > "$tmp/sercon-port"  # 0x2f8, COM2, 16-bit little-endian

# lwpxe gets the URI as the boot file; Debian's iPXE's autoboot chains
# boot.ipxe from QEMU's TFTP, which sanboots it.
bench_run ours "$ours" "bootfile=$uri_san" "bootfile=$uri_linux"
bench_run theirs "$theirs" "tftp=$tmp/tftp-san,bootfile=boot.ipxe" \
	"tftp=$tmp/tftp-linux,bootfile=boot.ipxe"

bench_table "BENCH BIOS sanboot under QEMU (TCG) + SeaBIOS, qemu -kernel ipxe.lkrn, e1000, tgtd on the host:" 4

if [ "$ours_kpxe" != - ]; then
	bench_dhcp_nth=2                # the ROM's DHCP comes first
	bench_run ours_pxe "$ours_kpxe" "domainname=$uri_san" "domainname=$uri_linux"
	swap=1
	bench_run theirs_pxe "$theirs_kpxe" "domainname=$uri_san" "domainname=$uri_linux"
	bench_table "BENCH BIOS sanboot, undionly.kpxe chainloaded by the e1000's PXE ROM (iPXE) over TFTP:" 4 \
		ours_pxe theirs_pxe
	echo "  (DHCP: the chainloaded firmware's own, after the ROM's; lwpxe reuses the ROM's DHCPACK)"
fi

# bench_rate MB A B: MB megabytes from time A to time B (ms) in MB/s.
bench_rate() {
	echo "$1 $2 $3" | awk '{ printf "%.2f", $1 * 1000 / ($3 - $2) }'
}

# shellcheck disable=SC2034  # the bf_ values reach WHO_ through eval
# bench_fetch WHO IMAGE UNTIL SCRIPT: boot IMAGE with SCRIPT (on nginx)
# as the boot file until marker UNTIL; keeps in WHO_http and, if UNTIL is
# sdone, WHO_https the best MB/s of its boots so far (bench_best), and
# sets WHO_lines (lwpxe's lines for each download of this boot).
bench_fetch() {
	bf_http='' bf_https='' bf_lines=''
	case $1 in "${BENCH_ONLY:-}"*)
		bench_boot "$1-fetch" "$2" "$3" "bootfile=http://10.0.2.2:$port/$4"
		bf_lines=$(bench_strip "$log" |
			grep -o 'https\?://10\.0\.2\.2:[0-9]*/[a-z]*\.bin: ok, .*' || true)
		if [ -n "$t_hbegin" ] && [ -n "$t_hdone" ]; then
			bf_http=$(bench_rate 67.108864 "$t_hbegin" "$t_hdone")
		else
			echo "bench: $1: the HTTP download did not finish ($(bench_last)$(bench_where))"
			bad=$((bad + 1))
		fi
		if [ "$3" = sdone ] && [ -n "$t_hdone" ] && [ -n "$t_sdone" ]; then
			bf_https=$(bench_rate 67.108864 "$t_hdone" "$t_sdone")
		elif [ "$3" = sdone ]; then
			echo "bench: $1: the HTTPS download did not finish ($(bench_last)$(bench_where))"
			bad=$((bad + 1))
		fi ;;
	esac
	bench_best "${1}_http" "$bf_http"
	bench_best "${1}_https" "$bf_https"
	eval "${1}_lines=\$bf_lines"
}

# shellcheck disable=SC2034  # the bl_ values reach WHO_ through eval
# bench_linux WHO IMAGE: boot IMAGE with linux.ipxe (on nginx) as the boot
# file until the initramfs's first line; sets WHO_hlinux and WHO_hinit (ms
# from power-on to "Linux version" and to the initramfs's init).
bench_linux() {
	bl_linux='' bl_init=''
	case $1 in "${BENCH_ONLY:-}"*)
		bench_boot "$1-linux" "$2" init "bootfile=http://10.0.2.2:$port/linux.ipxe"
		[ -z "$t_linux" ] || bl_linux=$((t_linux - start))
		if [ -n "$t_init" ]; then
			bl_init=$((t_init - start))
		else
			echo "bench: $1: Linux over HTTP did not reach its init ($(bench_last)$(bench_where))"
			bad=$((bad + 1))
		fi ;;
	esac
	eval "${1}_hlinux=\$bl_linux ${1}_hinit=\$bl_init"
}

if [ -n "$http_lkrn" ]; then
	bench_need "$http_lkrn" "$pki/server.pem" "$pki/server.key"
	pki=$(cd "$pki" && pwd)
	mkdir -p "$tmp/www"
	head -c 67108864 /dev/urandom > "$tmp/www/big.bin"
	host_nginx_need "$tmp/www" "" "$pki"
	printf '#!ipxe\necho lwpxe-bench-hbegin\nimgfetch big.bin\necho lwpxe-bench-hdone\nimgfree\n' \
		> "$tmp/www/theirs.ipxe"
	{
		cat "$tmp/www/theirs.ipxe"
		printf 'imgfetch https://10.0.2.2:%s/big.bin\necho lwpxe-bench-sdone\n' "$sport"
	} > "$tmp/www/ours.ipxe"
	ours_http='' ours_https='' theirs_http='' theirs_https=''
	for bench_i in $(seq "$runs"); do       # in turns, as on UEFI
		bench_fetch ours "$http_lkrn" sdone ours.ipxe
		bench_fetch theirs "$theirs" hdone theirs.ipxe
	done
	echo "BENCH BIOS download under QEMU (TCG) + SeaBIOS, qemu -kernel ipxe.lkrn, e1000, nginx on the host (best of $runs boots each):"
	printf '  %-34s %-8s %-8s %s\n' "" ours theirs "ours/theirs"
	printf '  %-34s %-8s %-8s %s\n' "HTTP, 64 MiB (MB/s)" "${ours_http:--}" \
		"${theirs_http:--}" "$(bench_ratio "$ours_http" "$theirs_http")"
	printf '  %-34s %-8s %-8s %s\n' "HTTPS, 64 MiB (MB/s)" "${ours_https:--}" "-" \
		"(ours HTTPS/HTTP: $(bench_ratio "$ours_https" "$ours_http"))"
	echo "  (ours: $http_lkrn, trusting the test CA; its own lines, last boot:)"
	# shellcheck disable=SC2154  # set by bench_fetch through eval
	echo "$ours_lines" | sed 's/^/    /'
	echo "  (HTTPS: ours only; Debian's iPXE does not trust the test CA)"

	lu_linux_files "$linux_lu" "$tmp/www"
	printf '#!ipxe\nkernel vmlinuz %s\ninitrd initrd.img\nboot\n' \
		'console=ttyS0,115200 panic=-1 rdinit=/init' > "$tmp/www/linux.ipxe"
	bench_linux ours "$http_lkrn"
	bench_linux theirs "$theirs"
	echo "BENCH BIOS Linux over HTTP under QEMU (TCG) + SeaBIOS, qemu -kernel ipxe.lkrn, e1000:"
	echo "  (linux.ipxe on nginx: kernel + initrd + boot, Debian's kernel and the test initramfs,"
	echo "   $(bench_group $(( $(bench_bytes "$tmp/www/vmlinuz") + $(bench_bytes "$tmp/www/initrd.img") ))) bytes)"
	echo "                      lwpxe        Debian iPXE  ratio"
	bench_row "power-on -> Linux" "${ours_hlinux:-}" "${theirs_hlinux:-}" ms \
		"(theirs/ours, bigger is better)"
	bench_row "power-on -> init" "${ours_hinit:-}" "${theirs_hinit:-}" ms \
		"(goal: ours <= 10000 ms)"
fi

echo "  image sizes (bytes)"
bench_size "ipxe.usb" "$bin/ipxe.usb" $usb_goal \
	"(iPXE's all-drivers ipxe.usb; ours is $(bench_goal "$bin/ipxe.usb" $usb_goal))"
bench_size "ipxe.lkrn" "$bin/ipxe.lkrn" "$(bench_bytes "$theirs")" \
	"(theirs/ours; Debian's, all drivers)"
bench_size "undionly.kpxe" "$bin/undionly.kpxe" "$(bench_bytes "$debian/undionly.kpxe")" \
	"(theirs/ours; ours is $(bench_goal "$bin/undionly.kpxe" $kpxe_goal))"
[ "$bad" = 0 ] || { echo "bench: $bad BIOS boot(s) failed"; exit 1; }
