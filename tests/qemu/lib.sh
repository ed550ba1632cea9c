# Helpers shared by the QEMU tests and the UEFI benchmark (sourced, POSIX
# sh): a scratch folder, PASS/FAIL counting, the serial log, one boot of a
# USB image under QEMU + OVMF (TCG, no KVM) until our image returns to the
# firmware, a tgtd on the host serving iSCSI targets and an nginx serving
# files over HTTP.
#
# After sourcing: $tmp is the scratch folder (kept with KEEP_TMP=1), $log
# the serial log of the last qemu_boot.  EFI_DISK=ide attaches the image as
# an IDE/SATA disk instead of a usb-storage stick.  Cleanup (QEMU and tgtd
# killed outright, nginx stopped, the scratch folder removed) runs on EXIT; INT and TERM
# clean up, then exit 1.

# A script that needs root (for tgtd) sets need_root to what it is ("qemu:
# the sanboot test") before sourcing: it is re-run through sudo when that
# works without a password, else it stops with one line.
if [ -n "${need_root:-}" ] && [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		exec sudo -n "$0" "$@"
	fi
	echo "$need_root needs root (or sudo) for tgtd" >&2
	exit 1
fi

ovmf=/usr/share/OVMF
ovmf_code=$ovmf/OVMF_CODE.fd    # qemu_boot's firmware and the variables it copies
ovmf_vars=$ovmf/OVMF_VARS.fd
qemu_machine=q35                # its -machine (q35,smm=on for Secure Boot)
tmp=$(mktemp -d /tmp/lwpxe-qemu.XXXXXX)
log=$tmp/serial.log
qemu_pid=
tgtd_pid=
nginx_pid=
qmp_pid=
qemu_mem=512                    # MiB of guest memory for qemu_boot
qemu_poll_s=0.5                 # seconds between looks at the serial log
passed=0
failed=0

# Stop QEMU, tgtd and nginx and remove the scratch folder (idempotent).
qemu_cleanup() {
	for qc_pid in $qemu_pid $tgtd_pid $qmp_pid; do
		kill -9 "$qc_pid" 2>/dev/null || true
		wait "$qc_pid" 2>/dev/null || true
	done
	# nginx's master stops its worker on TERM (not on KILL)
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
	[ -n "$nginx_pid" ] && wait "$nginx_pid" 2>/dev/null || true
	qemu_pid='' tgtd_pid='' nginx_pid='' qmp_pid=''
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
}
trap qemu_cleanup EXIT
trap 'qemu_cleanup; exit 1' INT TERM

# pass WHAT: count and print a passed check.
pass() {
	passed=$((passed + 1))
	echo "PASS $1"
}

# fail WHAT WHY: count and print a failed check.
fail() {
	failed=$((failed + 1))
	echo "FAIL $1: $2"
}

# console_lines (tests/console.sh; the scripts that source this file are
# all in tests/qemu and tests/bench)
# shellcheck source=tests/console.sh
. "$(dirname "$0")/../console.sh"

# The serial log as lines (without CR and the firmware's screen escapes).
log_lines() {
	console_lines "$log"
}

# Milliseconds since the epoch.
now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# need_files FILE...: end the test as failed unless every FILE is readable.
need_files() {
	for nf_file in "$@"; do
		[ -r "$nf_file" ] && continue
		echo "qemu: missing $nf_file"
		echo "qemu: 0 passed, 1 failed"
		exit 1
	done
}

# qemu_need FILE...: need_files, and OVMF's firmware for qemu_boot.
qemu_need() {
	need_files "$@" "$ovmf_code" "$ovmf_vars"
}

# qemu_poll: called at each look at the serial log during qemu_boot, and
# once after it, with $lines (the log so far) and $t (ms since the epoch);
# stops the boot if it succeeds.  Tests may redefine it.
qemu_poll() {
	return 1
}

# type_paced FILE FIFO LOG: write FILE's bytes into FIFO one at a time, each
# once LOG has grown since the one before (the firmware echoed it), or 10 s
# passed: keys typed faster than a person can would overflow SeaBIOS's
# 16-byte buffer of serial key strokes when it forwards them (sercon).
# ESC and the '[' after it go on at once: a cursor key's sequence is sent
# whole, as a terminal sends it (nothing echoes its first bytes).
type_paced() {
	exec 3> "$2"
	tp_prev=
	od -An -v -tx1 "$1" | tr -s ' ' '\n' | grep -v '^$' | while read -r tp_hex; do
		tp_size=$(wc -c < "$3")
		printf "\\$(printf %03o "0x$tp_hex")" >&3
		tp_n=0
		if [ "$tp_hex" = 1b ] || [ "$tp_prev$tp_hex" = 1b5b ]; then
			tp_n=100
		fi
		tp_prev=$tp_hex
		while [ "$(wc -c < "$3")" = "$tp_size" ] && [ "$tp_n" -lt 100 ]; do
			sleep 0.1
			tp_n=$((tp_n + 1))
		done
	done
	exec 3>&-
}

# serial_to LOG NAME: QEMU's serial arguments in $serial_args: the line
# into LOG and, with SERIAL_IN=FILE, FILE's bytes typed on it (type_paced)
# once LOG shows SERIAL_AFTER (a grep pattern), through the pipes
# $tmp/NAME.in and .out.
serial_to() {
	serial_args="-serial file:$1"
	[ -n "${SERIAL_IN:-}" ] || return 0
	mkfifo "$tmp/$2.in" "$tmp/$2.out"
	cat "$tmp/$2.out" > "$1" &
	(
		until grep -q "${SERIAL_AFTER:-}" "$1"; do
			[ -e "$1" ] || exit 0
			sleep 0.1
		done
		type_paced "$SERIAL_IN" "$tmp/$2.in" "$1"
	) &
	serial_args="-chardev pipe,id=com1,path=$tmp/$2 -serial chardev:com1"
}

# qemu_boot NAME IMAGE LIMIT QEMU-ARGS...: boot IMAGE with the extra
# QEMU-ARGS (the NIC; "-cpu max" for a CPU feature, else QEMU's default
# qemu64, which has no RDRAND), serial into $tmp/NAME.log (then $log; keys
# typed on it with SERIAL_IN, see serial_to), $qemu_mem MiB,
# until QEMU exits, the firmware moves on after our image, qemu_poll stops
# it or LIMIT seconds pass.  Sets $returned (1 if the firmware moved on),
# $start and $end (ms since the epoch) and $elapsed_ms.
qemu_boot() {
	qb_name=$1 qb_image=$2 qb_limit=$3
	shift 3
	log=$tmp/$qb_name.log
	: > "$log"
	cp "$ovmf_vars" "$tmp/$qb_name.vars.fd"
	cp "$qb_image" "$tmp/$qb_name.img"    # QEMU locks the image; boot a copy
	if [ "${EFI_DISK:-usb}" = ide ]; then
		qb_disk="-drive file=$tmp/$qb_name.img,format=raw,if=ide,index=0"
	else
		qb_disk="-device qemu-xhci -drive if=none,id=stick,format=raw,file=$tmp/$qb_name.img
		      -device usb-storage,drive=stick,bootindex=0"
	fi
	serial_to "$log" "$qb_name"
	start=$(now_ms)
	# shellcheck disable=SC2086
	qemu-system-x86_64 -machine "$qemu_machine" -accel tcg -m "$qemu_mem" \
		-nodefaults -no-user-config -display none $serial_args \
		-drive if=pflash,format=raw,readonly=on,file="$ovmf_code" \
		-drive if=pflash,format=raw,file="$tmp/$qb_name.vars.fd" \
		$qb_disk "$@" 2> "$tmp/$qb_name.err" &
	qemu_pid=$!
	returned=
	while kill -0 "$qemu_pid" 2>/dev/null; do
		lines=$(log_lines 2>/dev/null || true)
		t=$(now_ms)
		if echo "$lines" | sed -n '/^lwpxe /,$p' |
		   grep -q '^BdsDxe: \(loading\|failed\)'; then
			returned=1
			break
		fi
		qemu_poll && break
		[ $(( (t - start) / 1000 )) -ge "$qb_limit" ] && break
		sleep "$qemu_poll_s"
	done
	end=$(now_ms)
	elapsed_ms=$((end - start))
	# the last lines may have come just before QEMU exited
	lines=$(log_lines 2>/dev/null || true)
	t=$end
	qemu_poll || true
	kill "$qemu_pid" 2>/dev/null || true
	wait "$qemu_pid" 2>/dev/null || true
	qemu_pid=
}

# expect_line WHAT PATTERN: the serial log has a line matching PATTERN (grep -x).
expect_line() {
	el_line=$(log_lines | grep -x "$2" | head -1)
	if [ -n "$el_line" ]; then
		pass "$1: $el_line"
	else
		fail "$1" "no line matching '$2'"
	fi
}

# expect_then WHAT SCRIPT FLAGS LINE MARKER: the log shows LINE (grep -x,
# FLAGS "" for a pattern or -F for fixed text) after the "SCRIPT:N: " by
# which a script names its line (SCRIPT "-": none taken off), and the line
# right after it is MARKER: a refusal in one line, then the script's branch.
expect_then() {
	et_lines=$(log_lines)
	if [ "$2" != - ]; then
		et_lines=$(echo "$et_lines" | sed "s/^$(echo "$2" | sed 's/\./\\./g'):[0-9]*: //")
	fi
	# shellcheck disable=SC2086  # FLAGS is empty or one option
	if echo "$et_lines" | grep -A1 -x $3 -- "$4" | tail -1 | grep -qxF -- "$5"; then
		pass "$1"
	else
		fail "$1" "no line '$4' then $5"
	fi
}

# check_seed SOURCE: the firmware's start-up line says SOURCE seeded the
# random generator.
check_seed() {
	cs_line=$(log_lines | grep '^random: ' | head -1)
	if [ "$cs_line" = "random: seeded from $1" ]; then
		pass "$cs_line"
	else
		fail "random seeded from $1" "${cs_line:-no 'random: ' line}"
	fi
}

# Nonzero unless our image returned to the firmware, and with success.
qemu_returned_ok() {
	[ -n "$returned" ] &&
	! log_lines | grep -q '^BdsDxe: failed to start Boot.*QEMU.*\(HARDDISK\|HARDDRIVE\)'
}

# qemu_return_why LIMIT: why qemu_returned_ok failed, for a FAIL line.
qemu_return_why() {
	if [ -n "$returned" ]; then
		echo "our image returned an error to the firmware"
	else
		echo "no return within $1 s"
	fi
}

# qemu_show_log NAME: print the serial log and QEMU's errors of boot NAME.
qemu_show_log() {
	echo "qemu: serial log ($1):"
	tr -d '\r' < "$tmp/$1.log" | sed 's/\x1b\[[0-9;=?]*[A-Za-z]//g' |
		grep -v '^$' | sed 's/^/    | /' | head -80
	echo
	sed 's/^/    qemu: /' "$tmp/$1.err"
}
# check_machine WHAT PRODUCT MEM: the smoke scripts' settings lines: SMBIOS
# names QEMU and PRODUCT, ${memsize} is within MEM MiB and above 3/4 of it
# (the firmware keeps some), and `cpuid --ext 29` and ${cpuid/3.0x80000001}
# see long mode (QEMU's default CPU is a 64-bit one).
check_machine() {
	cm_line=$(log_lines | sed -n "s|^lwpxe-smbios=QEMU/$2 memsize=\([0-9]*\)\$|\1|p" | head -1)
	if [ -n "$cm_line" ] && [ "$cm_line" -le "$3" ] && [ "$cm_line" -gt $(($3 * 3 / 4)) ]; then
		pass "$1: \${manufacturer}/\${product} from SMBIOS, \${memsize} $cm_line MiB of $3"
	else
		fail "$1: SMBIOS and memsize" "no line 'lwpxe-smbios=QEMU/$2 memsize=N' with N in ($(($3 * 3 / 4)), $3]"
	fi
	if log_lines | grep -qx 'lwpxe-cpuid-lm=yes'; then
		pass "$1: cpuid --ext 29 (long mode)"
	else
		fail "$1: cpuid --ext 29" "no line 'lwpxe-cpuid-lm=yes'"
	fi
	# EDX of leaf 0x80000001 as 8 hex digits, bit 29 (long mode) set
	if log_lines | grep -qx 'lwpxe-cpuid-edx=[0-9a-f]*[2367abef][0-9a-f]\{7\}'; then
		pass "$1: \${cpuid/3.0x80000001} has the long mode bit"
	else
		fail "$1: \${cpuid/3.0x80000001}" "no line 'lwpxe-cpuid-edx=' with bit 29 set"
	fi
}

# qmp_listen NAME: start logging the QMP events of the next QEMU into
# $tmp/NAME.events (tests/qemu/qmp_events.py, which ends when QEMU does);
# sets $qmp_args, the QEMU arguments that open its QMP socket.
qmp_listen() {
	rm -f "$tmp/$1.qmp"
	: > "$tmp/$1.events"
	python3 "$(dirname "$0")/qmp_events.py" "$tmp/$1.qmp" "$tmp/$1.events" &
	qmp_pid=$!
	qmp_args="-qmp unix:$tmp/$1.qmp,server=on,wait=off"
}

# qmp_shutdown_reason NAME: the reason of the SHUTDOWN event QMP logged
# for boot NAME ("guest-shutdown" for a power-off, "guest-reset" for a
# reset under -no-reboot); empty if QEMU did not shut down.
qmp_shutdown_reason() {
	wait "$qmp_pid" 2>/dev/null || true
	qmp_pid=
	sed -n 's/.*"event": "SHUTDOWN".*"reason": "\([a-z-]*\)".*/\1/p' \
		"$tmp/$1.events" | head -1
}

# Print the totals; succeed only if nothing failed.
qemu_summary() {
	echo "qemu: $passed passed, $failed failed"
	[ "$failed" = 0 ]
}

# free_port [FROM]: a TCP port on 127.0.0.1 nobody listens on, FROM or above.
free_port() {
	fp_port=${1:-$(( $$ % 10000 + 30000 ))}
	while [ -n "$(ss -Hltn "sport = :$fp_port" 2>/dev/null)" ]; do
		fp_port=$((fp_port + 1))
	done
	echo "$fp_port"
}

# host_nginx_need ROOT [DIRECTIVES [PKI]]: nginx (Debian's nginx-light) on
# the host serving ROOT on 127.0.0.1:$port (a free port; the guest reaches
# it as 10.0.2.2:$port) with DIRECTIVES in its server block, and with PKI
# (a folder holding server.pem and server.key) over HTTPS on $sport too
# (access log $tmp/nginx-https.log: nginx-conf.sh's "timed" fields, then
# the TLS version and cipher suite); its logs in $tmp; waits until it
# answers, else ends the test as failed with its errors.
host_nginx_need() {
	port=$(free_port)
	hn_https=
	if [ -n "${3:-}" ]; then
		sport=$(free_port $((port + 1)))
		hn_https="log_format tls '\$connection \$connection_requests \$request_method \$uri \$status \$request_time \$ssl_protocol \$ssl_cipher';
		server { listen 127.0.0.1:$sport ssl; root $1;
		ssl_certificate $3/server.pem; ssl_certificate_key $3/server.key;
		access_log $tmp/nginx-https.log tls; }"
	fi
	sh "$(dirname "$0")/../nginx-conf.sh" "$tmp" "127.0.0.1:$port" "$1" \
		"${2:-}" "$hn_https" > "$tmp/nginx.conf"
	nginx -c "$tmp/nginx.conf" > "$tmp/nginx.out" 2>&1 &
	nginx_pid=$!
	for _ in $(seq 600); do
		curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
		sleep 0.1
	done
	echo "qemu: nginx did not start:"
	cat "$tmp/nginx.out" "$tmp/nginx-error.log" 2>/dev/null | sed 's/^/    nginx: /'
	echo "qemu: 0 passed, 1 failed"
	exit 1
}

# shellcheck source=tests/tgtd.sh
. "$(dirname "$0")/../tgtd.sh"

# host_tgtd_start: start tgtd on the host (needs root) with its iSCSI portal
# on 127.0.0.1:$port (a free port) and its control port $TGTD_CTL, log
# in $tmp/tgtd.log.  Nonzero if it does not answer within 60 s.
host_tgtd_start() {
	port=$(free_port)
	mkdir -p /var/run/tgtd
	tgtd -f -C "$TGTD_CTL" --iscsi portal=127.0.0.1:"$port" > "$tmp/tgtd.log" 2>&1 &
	tgtd_pid=$!
	for _ in $(seq 600); do
		tgtd_answers && return 0
		sleep 0.1
	done
	tgtd_answers
}

# host_tgtd_need: host_tgtd_start, or end the test as failed with tgtd's log.
host_tgtd_need() {
	host_tgtd_start && return 0
	echo "qemu: tgtd did not start:"
	sed 's/^/    tgtd: /' "$tmp/tgtd.log"
	echo "qemu: 0 passed, 1 failed"
	exit 1
}

# host_tgt_target TID IQN FILE [LUN]: a target TID named IQN, open to all,
# with FILE as LUN (default 1).
host_tgt_target() {
	tgt --op new --mode target --tid "$1" -T "$2"
	tgt --op new --mode logicalunit --tid "$1" --lun "${4:-1}" -b "$3"
	tgt --op bind --mode target --tid "$1" -I ALL
}

# lu_linux_files LU DIR: copy the Linux LU's kernel and initramfs (vmlinuz,
# initrd.img on its FAT partition at 1 MiB) into DIR.
lu_linux_files() {
	mkdir -p "$2"
	for llf in vmlinuz initrd.img; do
		mcopy -n -i "$1@@1M" "::/$llf" "$2/$llf"
	done
}

# host_tgt_digests TID: target TID asks for CRC32C header and data
# digests; tgtd uses them with every initiator that lists them (lwpxe's
# default offer, "None,CRC32C", does) and none with one that does not.
host_tgt_digests() {
	for htd_key in HeaderDigest DataDigest; do
		tgt --op update --mode target --tid "$1" --name "$htd_key" --value CRC32C
	done
}

# linux_lu_target: what the Linux LU $lu holds ($lu.sha256, $lu.kernel)
# into $want_sha and $want_kernel, a copy of it served as LUN $lun of
# $iqn by a tgtd, and $uri naming it as the guest reaches it.
linux_lu_target() {
	want_sha=$(cat "$lu.sha256")
	want_kernel=$(cat "$lu.kernel")
	cp "$lu" "$tmp/lu.img"          # the target may write; keep the build's LU
	host_tgtd_need
	host_tgt_target 1 "$iqn" "$tmp/lu.img" "$lun"
	uri="iscsi:10.0.2.2::$port:$lun:$iqn"
}

# --- The Linux iBFT scenario, shared by the UEFI and BIOS tests ---------------
# GRUB from the LU prints lwpxe-grub-* markers and boots Linux; the
# initramfs (tests/qemu/mklu-efi-linux.sh) prints lwpxe-linux-* markers,
# every /sys/firmware/ibft attribute as `ibft: PATH = VALUE` and big.bin's
# SHA-256.  The test sets $iqn $initiator $port $lun $mac (what the iBFT
# must say), $want_sha $want_kernel (beside the LU), $nic and $limit.

# check_attr DIR/NAME WANT: the iBFT attribute Linux shows equals WANT.
check_attr() {
	ca_got=$(log_lines | sed -n "s@^ibft: /sys/firmware/ibft/$1 = @@p" | head -1)
	if [ "$ca_got" = "$2" ]; then
		pass "iBFT $1 = $2"
	else
		fail "iBFT $1" "Linux shows '${ca_got:-nothing}', want '$2'"
	fi
}

# t_mark VAR PATTERN: set VAR to $t if unset and $lines has PATTERN (grep -x).
t_mark() {
	eval "[ -n \"\$$1\" ]" && return 0
	echo "$lines" | grep -qx "$2" && eval "$1=\$t"
	return 0
}

# linux_ibft_poll: note in $t_grub $t_booting $t_linux $t_init $t_done when
# each stage starts (clear them before the boot); succeeds (stop the boot)
# only if GRUB gave up.  Called with $lines and $t, as qemu_poll is.
linux_ibft_poll() {
	t_mark t_grub 'lwpxe-grub-started'
	t_mark t_booting 'lwpxe-grub-linux-booting'
	t_mark t_linux '.*Linux version .*'
	t_mark t_init 'lwpxe-linux-started .*'
	t_mark t_done 'lwpxe-linux-done'
	echo "$lines" | grep -qx 'lwpxe-grub-linux-failed'
}

# linux_ibft_nic_checks USING: one NIC, whose ifstat line reads
# "net0: ... using USING..." (driver and location), and the LU registered
# as SAN drive 0x80.
linux_ibft_nic_checks() {
	if log_lines | grep -q "^net0: .* using $1" &&
	   ! log_lines | grep -q '^net1: '; then
		pass "ifstat: $(log_lines | grep -o "^net0: .* using $1.*")"
	else
		fail "ifstat" "no line 'net0: ... using $1...' (or a second NIC): $(log_lines | grep '^net[0-9]: ' | tr '\n' ' ')"
	fi
	if log_lines | grep -q "^Registered SAN drive 0x80: "; then
		pass "LU registered as SAN drive 0x80"
	else
		fail "LU registered" "no 'Registered SAN drive 0x80' line"
	fi
}

# linux_ibft_checks: GRUB started from the LU and loaded Linux, Linux ran
# the initramfs, every iBFT attribute, big.bin's SHA-256, Linux's own DHCP.
linux_ibft_checks() {
	lic_tl=$(log_lines | grep -E '^timeline: dhcp [0-9]+ ms, login [0-9]+ ms, first read [0-9]+ ms, handover to .+ at [0-9]+\.[0-9]{2} s$' | head -1)
	# counted from power-on, the hand-over cannot be at 0
	if [ -n "$lic_tl" ] && ! echo "$lic_tl" | grep -q ' at 0\.00 s$'; then
		pass "sanboot's boot timeline: $lic_tl"
	else
		fail "sanboot's boot timeline" "no 'timeline: dhcp N ms, login N ms, first read N ms, handover to ... at S s' line"
	fi
	if [ -n "$t_grub" ]; then
		pass "GRUB started from the LU ($(log_lines | grep '^lwpxe-grub-root='))"
	else
		fail "GRUB started" "no line 'lwpxe-grub-started'"
	fi
	if [ -n "$t_booting" ]; then
		pass "GRUB loaded the kernel and initramfs through our disk"
	else
		fail "GRUB loaded the kernel" "$(log_lines | grep -A3 '^lwpxe-grub-linux-loading' | tail -3 | tr '\n' ' ')"
	fi
	if log_lines | grep -q "Linux version $want_kernel "; then
		pass "Linux $want_kernel started"
	else
		fail "Linux started" "no 'Linux version $want_kernel' line"
	fi
	# not a whole line: the kernel's messages may share the console line
	if log_lines | grep -q "lwpxe-linux-started $want_kernel"; then
		pass "the initramfs's /init runs"
	else
		fail "the initramfs's /init runs" "no 'lwpxe-linux-started' line"
	fi
	if [ -n "$t_init" ] && ! log_lines | grep -q '^lwpxe-linux-insmod-failed'; then
		pass "iscsi_boot_sysfs, iscsi_ibft, e1000 and e1000e loaded"
	else
		fail "modules loaded" "$(log_lines | grep '^lwpxe-linux-insmod-failed' | tr '\n' ' ')"
	fi
	check_attr initiator/initiator-name "$initiator"
	check_attr ethernet0/ip-addr 10.0.2.15
	check_attr ethernet0/subnet-mask 255.255.255.0
	check_attr ethernet0/prefix-len 24
	check_attr ethernet0/gateway 10.0.2.2
	check_attr ethernet0/primary-dns 10.0.2.3
	check_attr ethernet0/dhcp 10.0.2.2
	check_attr ethernet0/mac "$mac"
	check_attr target0/target-name "$iqn"
	check_attr target0/ip-addr 10.0.2.2
	check_attr target0/port "$port"
	# Linux prints the 8 LUN bytes (SAM format: LUN < 256 in byte 1) each as %x
	check_attr target0/lun "0$(printf %x "$lun")000000"
	check_attr target0/nic-assoc 0
	lic_sha=$(log_lines | sed -n 's/^lwpxe-linux-big-sha256 //p' | head -1)
	if [ "$lic_sha" = "$want_sha" ]; then
		pass "SHA-256 of big.bin (loaded by GRUB in the initramfs) matches"
	else
		fail "SHA-256 of big.bin" "Linux printed '${lic_sha:-nothing}', want $want_sha"
	fi
	if log_lines | grep -qx 'lwpxe-linux-dhcp-ok'; then
		pass "Linux's $nic driver gets a DHCP lease after our hand-over"
	else
		fail "Linux's $nic DHCP" "$(log_lines | grep '^lwpxe-linux-dhcp' || echo 'no result line')"
	fi
	if [ -n "$t_done" ]; then
		pass "the initramfs finished"
	else
		fail "the initramfs finished" "no 'lwpxe-linux-done' within $limit s"
	fi
}

# linux_ibft_times WHAT: the iBFT as Linux shows it, and when each stage
# started (seconds after $start; QEMU gone at $end).
linux_ibft_times() {
	echo "qemu: iBFT as Linux shows it:"
	log_lines | grep '^ibft: /sys/' | sed 's/^/    /'
	log_lines | grep -i 'ibft\|e1000' | grep -v '^ibft: ' | grep '^\[' | sed 's/^/    linux: /' | head -20
	echo "qemu: ($1) GRUB $(lit_secs "$t_grub"), kernel+initramfs loaded $(lit_secs "$t_booting")," \
		"Linux $(lit_secs "$t_linux"), /init $(lit_secs "$t_init"), done $(lit_secs "$t_done")," \
		"QEMU gone $(lit_secs "$end")"
	if [ -n "$t_grub" ] && [ -n "$t_booting" ] && [ "$t_booting" -gt "$t_grub" ]; then
		echo "qemu: GRUB loaded kernel + initramfs in $((t_booting - t_grub)) ms (TCG)"
	fi
}

# lit_secs MS: MS (since the epoch) as seconds after $start, or "-".
lit_secs() {
	if [ -n "$1" ]; then echo "$(( ($1 - start) / 1000 )) s"; else echo "-"; fi
}

# linux_ibft_failure_log ERRFILE: after a failure, the serial log's last
# lines and QEMU's errors from ERRFILE.
linux_ibft_failure_log() {
	[ "$failed" != 0 ] || return 0
	echo "qemu: serial log:"
	log_lines | grep -v '^$' | sed 's/^/    | /' | tail -80
	echo
	sed 's/^/    qemu: /' "$1"
}
