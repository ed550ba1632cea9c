# Helpers shared by the QEMU benchmarks (tests/bench/efi.sh, bios.sh;
# sourced after tests/qemu/lib.sh): tgtd serving the two LUs, one timed
# boot that notes when each marker first shows on the serial console, the
# two boots of one firmware, and the table of figures and ratios.
#
# The platform script defines
#   bench_qemu NAME IMAGE NETDEV  start QEMU in the background booting
#                                 IMAGE with the user network NETDEV, the
#                                 serial console into $log (and the
#                                 screen, copied to a second port, into
#                                 $log2 if log2 is set); set $qemu_pid
# and sets bench_awk: awk rules that call mark("returned") once the
# firmware moved on after the image (the image returned or failed), and
# may mark words of their own (screen is 1 on the screen's console).  It
# may redefine bench_tick, called at each look at the markers of a boot.
#
# Markers (bench_follow's rules, over each console): cfg and ok (the
# "Configuring (net0 ...)... ok" line both firmwares print for DHCP, the
# bench_dhcp_nth'th one on the screen, default the first), begin and hash
# (GRUB's lwpxe-grub-hash-begin line, then its SHA-256 line), linux
# ("Linux version"), returned (bench_awk), and WORD for each line
# "lwpxe-bench-WORD" (a script's own markers: the BIOS download bench's
# hbegin, hdone and sdone, the UEFI one's httpbegin, httpend...).

iqn_san=iqn.2024-01.org.lwpxe:bench-sanboot
iqn_linux=iqn.2024-01.org.lwpxe:bench-linux
big_mb=33.554432                # the hashed file: 32 MiB in MB (10^6 bytes)
limit=${BENCH_LIMIT:-600}       # seconds allowed per boot
runs=${BENCH_RUNS:-3}           # download boots per firmware, taken in turns
bad=0                           # boots that failed
log2=${log2:-}

# bench_strip FILE...: the FILEs as lines, without CRs and screen escapes.
bench_strip() {
	cat "$@" 2>/dev/null | tr -d '\r' | sed 's/\x1b\[[0-9;=?]*[A-Za-z]//g'
}

# The consoles of the last boot as lines ($log, then $log2).
bench_lines() {
	bench_strip "$log" ${log2:+"$log2"}
}

# Where the serial logs of the last boot can be read, for a failure line.
bench_where() {
	[ -n "${KEEP_TMP:-}" ] && echo "log $log${log2:+ and $log2}" ||
		echo "KEEP_TMP=1 keeps the logs"
}

# bench_follow FILE SCREEN: follow the console FILE from its start until
# QEMU ends, printing each marker word the first time its rule matches,
# at once (SCREEN = 1: the DHCP lines are counted in this file).  One awk
# per file: two consoles written at once would split each other's lines.
# A ')' ends a line too, so that "Configuring (net0 MAC)" counts as soon
# as it shows, not when the "... ok" after it ends the line.
bench_follow() {
	tail -F -n +1 --pid="$qemu_pid" "$1" 2>/dev/null | stdbuf -o0 tr ')' '\n' |
	awk -W interactive -v screen="$2" -v nth="${bench_dhcp_nth:-1}" '
		function mark(w) { if (!(w in got)) { got[w] = 1; print w; fflush() } }
		{ gsub(/\r/, ""); gsub(/\033\[[0-9;=?]*[A-Za-z]/, "") }
		screen && /Configuring \(net0 / { dhcp = 1; if (++cfg == nth) mark("cfg"); next }
		screen && dhcp && /^[. ]*ok/     { if (++ok == nth) mark("ok") }
		{ dhcp = 0 }
		/^lwpxe-grub-hash-begin$/                { mark("begin") }
		length($1) == 64 && $1 ~ /^[0-9a-f]+$/   { mark("hash") }
		/Linux version /                         { mark("linux") }
		/^lwpxe-linux-started /                  { mark("init") }
		/^lwpxe-bench-[a-z]+$/                   { mark(substr($0, 13)) }
		'"$bench_awk"
}

# bench_stamp: each word read, with the time it came (ms since the epoch).
bench_stamp() {
	while read -r bs_w; do
		echo "$bs_w $(now_ms)"
	done
}

# bench_mark VAR WORD: set VAR to the time WORD came if unset and WORD is
# among $seen.
bench_mark() {
	eval "[ -n \"\$$1\" ]" && return 0
	case " $seen " in *" $2 "*) eval "$1=\$mark_$2" ;; esac
	return 0
}

# bench_note: read the markers come so far ($marks) into $seen and
# mark_WORD (each one's first time), and record the boot's times.
bench_note() {
	seen=
	while read -r bn_w bn_t; do
		case " $seen " in *" $bn_w "*) continue ;; esac
		seen="$seen $bn_w"
		eval "mark_$bn_w=\$bn_t"
	done < "$marks"
	bench_mark t_cfg cfg
	bench_mark t_ok ok
	bench_mark t_begin begin
	bench_mark t_hash hash
	bench_mark t_linux linux
	bench_mark t_init init
	bench_mark t_hbegin hbegin
	bench_mark t_hdone hdone
	bench_mark t_sdone sdone
}

# bench_tick: called at each look at the markers of a boot, after they
# were noted ($seen); platforms may redefine it.
bench_tick() {
	:
}

# bench_boot NAME IMAGE UNTIL NETDEV: boot IMAGE (bench_qemu) until the
# marker UNTIL (hash, linux, init, hdone or sdone) shows, the firmware moves on
# after the image, QEMU exits or $limit seconds pass.  The consoles are
# followed as QEMU writes them (bench_follow), so each marker's time is
# when its line came, and the look every 100 ms costs QEMU little CPU;
# sets t_cfg t_ok t_begin t_hash t_linux t_init t_hbegin t_hdone t_sdone
# (ms since the epoch, empty if never seen), $start (power-on), $end and
# $qemu_gone (1 if QEMU ended by itself: a power-off, or a reset under
# -no-reboot).
bench_boot() {
	bb_until=$3
	log=$tmp/$1.log
	marks=$tmp/$1.marks
	: > "$log"
	: > "$marks"
	if [ -n "$log2" ]; then
		log2=$tmp/$1.log2
		: > "$log2"
	fi
	t_cfg='' t_ok='' t_begin='' t_hash='' t_linux='' t_init='' t_hbegin=''
	t_hdone='' t_sdone=''
	start=$(now_ms)
	bench_qemu "$1" "$2" "$4"
	{
		if [ -n "$log2" ]; then
			bench_follow "$log" 0 &
			bench_follow "$log2" 1 &
		else
			bench_follow "$log" 1 &
		fi
		wait
	} | bench_stamp > "$marks" &
	bb_follow=$!
	while kill -0 "$qemu_pid" 2>/dev/null; do
		bench_note
		bench_tick
		case " $seen " in *" $bb_until "*|*" returned "*) break ;; esac
		[ $(( ($(now_ms) - start) / 1000 )) -ge "$limit" ] && break
		sleep 0.1
	done
	end=$(now_ms)
	qemu_gone=
	kill -0 "$qemu_pid" 2>/dev/null || qemu_gone=1
	kill -9 "$qemu_pid" 2>/dev/null || true
	wait "$qemu_pid" 2>/dev/null || true
	qemu_pid=
	# tail ends within a second of QEMU; the last lines may have come just
	# before QEMU exited (GRUB's halt)
	wait "$bb_follow" 2>/dev/null || true
	bench_note
}

# bench_last: the last non-empty line of each console, quoted.
bench_last() {
	for bl_f in "$log" ${log2:+"$log2"}; do
		bl_line=$(bench_strip "$bl_f" | tr -d '\b\033' |
			grep -v '^[[:space:]]*$' | tail -1 | cut -c1-100)
		printf "'%s' " "$bl_line"
	done
}

# bench_why UNTIL: one phrase saying how far a boot that did not reach
# UNTIL got.
bench_why() {
	if [ -z "$t_cfg" ]; then
		bw="no 'Configuring (net0' line${bench_dhcp_nth:+ number $bench_dhcp_nth on the screen}"
	elif [ -z "$t_ok" ]; then
		bw="DHCP did not finish"
	elif [ "$1" = hash ] && [ -z "$t_begin" ]; then
		bw="GRUB did not start hashing"
	elif [ "$1" = hash ]; then
		bw="no hash line from GRUB"
	else
		bw="no 'Linux version' line"
	fi
	case " $seen " in
	*" returned "*) bw="$bw; the image returned to the firmware" ;;
	*) if [ -n "$qemu_gone" ]; then
		bw="$bw; QEMU ended after $(( (end - start) / 1000 )) s (a reset or power-off)"
	   elif [ $(( (end - start) / 1000 )) -ge "$limit" ]; then
		bw="$bw within $limit s"
	   fi ;;
	esac
	echo "$bw (last console lines: $(bench_last)$(bench_where))"
}

# bench_ms A B: B - A in ms, or empty if either is missing.
bench_ms() {
	[ -n "$1" ] && [ -n "$2" ] && echo $(($2 - $1)) || true
}

# bench_run WHO IMAGE NETDEV-SAN NETDEV-LINUX: both boots of one firmware;
# sets WHO_dhcp (ms), WHO_rate (MB/s) and WHO_linux (ms), empty where a
# boot failed, and counts failed boots in $bad.  Boots nothing (leaves
# them empty) unless WHO starts with BENCH_ONLY (ours, theirs) if set.
bench_run() {
	br_who=$1
	eval "${br_who}_dhcp='' ${br_who}_rate='' ${br_who}_linux=''"
	case $br_who in "${BENCH_ONLY:-}"*) ;; *) return 0 ;; esac
	bench_boot "$br_who-sanboot" "$2" hash "$3"
	br_dhcp=$(bench_ms "$t_cfg" "$t_ok")
	br_rate=
	br_got=$(bench_lines | grep -o '^[0-9a-f]\{64\}' | head -1 || true)
	if [ -z "$t_hash" ] || [ -z "$t_begin" ]; then
		echo "bench: $br_who: sanboot LU boot failed: $(bench_why hash)"
		bad=$((bad + 1))
	elif [ "$br_got" != "$want_sha" ]; then
		echo "bench: $br_who: GRUB's SHA-256 of big.bin is $br_got, want $want_sha (a wrong read; $(bench_where))"
		bad=$((bad + 1))
	elif [ "$t_hash" -gt "$t_begin" ]; then
		br_rate=$(echo "$big_mb $t_begin $t_hash" |
			awk '{ printf "%.2f", $1 * 1000 / ($3 - $2) }')
	fi
	bench_boot "$br_who-linux" "$2" linux "$4"
	[ -n "$br_dhcp" ] || br_dhcp=$(bench_ms "$t_cfg" "$t_ok")
	br_linux=
	if [ -z "$t_linux" ]; then
		echo "bench: $br_who: linux LU boot failed: $(bench_why linux)"
		bad=$((bad + 1))
	elif ! bench_lines | grep -q "Linux version $want_kernel "; then
		echo "bench: $br_who: linux LU boot started another kernel than $want_kernel ($(bench_where))"
		bad=$((bad + 1))
	else
		br_linux=$(bench_ms "$start" "$t_linux")
	fi
	eval "${br_who}_dhcp=\$br_dhcp ${br_who}_rate=\$br_rate ${br_who}_linux=\$br_linux"
}

# bench_need FILE...: stop unless every FILE is readable.
bench_need() {
	for bn_f in "$@"; do
		[ -r "$bn_f" ] || { echo "bench: missing $bn_f"; exit 1; }
	done
}

# bench_targets SANBOOT-LU LINUX-LU: read what the LUs hold (the .sha256
# and .kernel files beside them), start tgtd with a copy of each as a
# target, set $uri_san and $uri_linux (as the guest reaches them) and make
# $tmp/tftp-san and $tmp/tftp-linux, each with a boot.ipxe that sanboots
# its URI (for Debian's iPXE, whose autoboot chains the DHCP boot file).
bench_targets() {
	bench_need "$1" "$1.sha256" "$2" "$2.kernel"
	want_sha=$(cat "$1.sha256")
	want_kernel=$(cat "$2.kernel")
	cp "$1" "$tmp/san-lu.img"       # the target may write; keep the build's LUs
	cp "$2" "$tmp/linux-lu.img"
	if ! host_tgtd_start; then
		echo "bench: tgtd did not start: $(tail -1 "$tmp/tgtd.log")"
		exit 1
	fi
	host_tgt_target 1 "$iqn_san" "$tmp/san-lu.img"
	host_tgt_target 2 "$iqn_linux" "$tmp/linux-lu.img"
	uri_san="iscsi:10.0.2.2::$port:1:$iqn_san"
	uri_linux="iscsi:10.0.2.2::$port:1:$iqn_linux"
	for bt_lu in san linux; do
		mkdir -p "$tmp/tftp-$bt_lu"
		eval "bt_uri=\$uri_$bt_lu"
		printf '#!ipxe\nsanboot %s\n' "$bt_uri" > "$tmp/tftp-$bt_lu/boot.ipxe"
	done
}

# bench_best VAR VALUE: set VAR to VALUE (MB/s) if VALUE is set and VAR is
# empty or smaller: the download figures keep each firmware's best boot.
bench_best() {
	[ -n "$2" ] || return 0
	eval "bb_was=\${$1:-}"
	if [ -z "$bb_was" ] ||
	   awk -v a="$2" -v b="$bb_was" 'BEGIN { exit !(a + 0 > b + 0) }'; then
		eval "$1=\$2"
	fi
}

# bench_show VALUE UNIT: VALUE and UNIT, or "-" if there is no value.
bench_show() {
	[ -n "$1" ] && echo "$1 $2" || echo "-"
}

# bench_ratio A B: A / B to two decimals, or "-" if either is missing or zero.
bench_ratio() {
	if [ -n "$1" ] && [ -n "$2" ]; then
		echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "-" }'
	else
		echo "-"
	fi
}

# bench_row LABEL OURS THEIRS UNIT NOTE: one line of the table.  The ratio
# is ours/theirs for MB/s (bigger is better), theirs/ours otherwise (times
# and sizes: bigger is better too); NOTE follows it.
bench_row() {
	if [ "$4" = MB/s ]; then
		br_ratio=$(bench_ratio "$2" "$3")
	else
		br_ratio=$(bench_ratio "$3" "$2")
	fi
	printf '  %-19s %-12s %-12s %s\n' "$1" "$(bench_show "$2" "$4")" \
		"$(bench_show "$3" "$4")" "$br_ratio $5"
}

# bench_table TITLE READ-GOAL [OURS THEIRS]: the heading and the DHCP,
# read and Linux rows from OURS_dhcp OURS_rate OURS_linux and THEIRS_*
# (default ours and theirs).
bench_table() {
	eval "bt_o_dhcp=\$${3:-ours}_dhcp bt_o_rate=\$${3:-ours}_rate bt_o_linux=\$${3:-ours}_linux"
	eval "bt_t_dhcp=\$${4:-theirs}_dhcp bt_t_rate=\$${4:-theirs}_rate bt_t_linux=\$${4:-theirs}_linux"
	echo "$1"
	echo "                      lwpxe        Debian iPXE  ratio"
	bench_row "DHCP" "$bt_o_dhcp" "$bt_t_dhcp" ms \
		"(theirs/ours, bigger is better)"
	bench_row "sanboot read" "$bt_o_rate" "$bt_t_rate" MB/s \
		"(ours/theirs, goal >= $2)"
	bench_row "power-on -> Linux" "$bt_o_linux" "$bt_t_linux" ms \
		"(theirs/ours, bigger is better)"
	echo "  (read: GRUB hashing a 32 MiB file, SHA-256 checked; DHCP: 'Configuring' to 'ok';"
	echo "   DHCP figures from the sanboot LU boot)"
}

# bench_bytes FILE: FILE's size in bytes, or empty if it is missing.
bench_bytes() {
	[ -r "$1" ] && wc -c < "$1" | tr -d ' ' || true
}
