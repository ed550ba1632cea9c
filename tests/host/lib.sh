# Shared helpers for host tests: a network namespace with a TAP interface,
# servers started inside it, and cleanup that runs even when a test fails.
# Source this file; it sets NS, TMP and LWPXE.

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
LWPXE=$top/bin-x86_64-linux/lwpxe
NS=lwpxe-test-$$
TMP=$(mktemp -d /tmp/lwpxe-host.XXXXXX)
host_pids=
# NIC=DRIVER[/DEVICE] runs lwpxe's real driver on a device model whose wire
# is the TAP (lwpxe --net nge:tap0); unset, lwpxe drives the TAP itself.
NET=${NIC:+$NIC:}tap0
host_passed=0
host_failed=0
host_summed=

if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		exec sudo -n "$0" "$@"
	fi
	echo "host tests: need root (or sudo) to make a network namespace" >&2
	exit 1
fi

# Stop every server, remove the namespace and the scratch folder; a host
# test (test_*.sh: not the demo or a benchmark, which use this file too)
# that stops before its summary line, by set -e or an exit on the way, is
# one failure more, and says so.
host_cleanup() {
	hc_status=$?
	case $(basename "$0") in
	test_*.sh)
		if [ -z "$host_summed" ]; then
			fail "$(basename "$0") stopped early (exit status $hc_status)" "the lines above say where"
			host_summary || true
		fi ;;
	esac
	for pid in $host_pids; do
		kill -9 "$pid" 2>/dev/null || true
	done
	for pid in $host_pids; do
		wait "$pid" 2>/dev/null || true
	done
	ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
	ip netns del "$NS" 2>/dev/null || true
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"
}
trap host_cleanup EXIT
trap 'exit 1' INT TERM

# Run a command inside the namespace.
in_ns() {
	ip netns exec "$NS" "$@"
}

# Make the namespace with TAP interface tap0 at 10.99.0.1/24, link up.
ns_setup() {
	ip netns add "$NS"
	in_ns ip link set lo up
	in_ns ip tuntap add dev tap0 mode tap
	in_ns ip addr add 10.99.0.1/24 dev tap0
	in_ns ip link set tap0 up
}

# ns_setup_bridge N: the namespace with bridge br0 at 10.99.0.1/24 and TAP
# interfaces tap0 ... tapN-1 in it, links up (N lwpxe clients, or frames
# dropped between the clients and the servers, see set_loss).
ns_setup_bridge() {
	ip netns add "$NS"
	in_ns ip link set lo up
	in_ns ip link add br0 type bridge
	in_ns ip addr add 10.99.0.1/24 dev br0
	in_ns ip link set br0 up
	for i in $(seq 0 $(($1 - 1))); do
		in_ns ip tuntap add dev "tap$i" mode tap
		in_ns ip link set "tap$i" master br0
		in_ns ip link set "tap$i" up
	done
}

# set_loss PCT: from now on drop PCT % of the frames crossing br0 (from
# ns_setup_bridge) in each direction, at random (nftables' numgen: the
# kernel has no netem).  Frames are dropped on the bridge, after the
# namespace's TCP handed them over, so its stack sees a lossy wire, not
# a local drop it would requeue; br0 sends no coalesced segments
# (gso_max_segs 1), so each dropped frame is one wire-sized frame.
# set_loss 0 ends it, set_loss 100 cuts the link.
set_loss() {
	if ! in_ns nft list table bridge lossy >/dev/null 2>&1; then
		in_ns ip link set dev br0 gso_max_segs 1
		in_ns nft add table bridge lossy
		in_ns nft add chain bridge lossy in '{ type filter hook input priority 0; }'
		in_ns nft add chain bridge lossy out '{ type filter hook output priority 0; }'
	fi
	in_ns nft flush chain bridge lossy in
	in_ns nft flush chain bridge lossy out
	case $1 in
	0) ;;
	100)
		in_ns nft add rule bridge lossy in counter drop
		in_ns nft add rule bridge lossy out counter drop ;;
	*)
		in_ns nft add rule bridge lossy in numgen random mod 100 '<' "$1" counter drop
		in_ns nft add rule bridge lossy out numgen random mod 100 '<' "$1" counter drop ;;
	esac
}

# wait_until SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds,
# for up to SECONDS; nonzero if it never does.
wait_until() {
	wu_end=$(( $(date +%s) + $1 ))
	shift
	until "$@"; do
		[ "$(date +%s)" -lt "$wu_end" ] || return 1
		sleep 0.1
	done
}

# wait_for_line FILE PATTERN [SECONDS]: poll until FILE has a line matching
# the grep PATTERN, for up to SECONDS (default 60); nonzero if it never does.
wait_for_line() {
	wait_until "${3:-60}" grep -qs -- "$2" "$1"
}

# process_gone PID: zero once process PID has ended (for wait_until).
process_gone() {
	! kill -0 "$1" 2>/dev/null
}

# Start dnsmasq on tap0 (DNSMASQ_IF) with extra options "$@", without its
# ping before each offer (DNSMASQ_NO_PING set but empty: with it); waits
# until it listens.
start_dnsmasq() {
	# shellcheck disable=SC2086 # DNSMASQ_NO_PING empty: no argument
	ip netns exec "$NS" dnsmasq --keep-in-foreground --no-resolv --no-hosts --port="${DNS_PORT:-0}" \
		--interface="${DNSMASQ_IF:-tap0}" --bind-interfaces ${DNSMASQ_NO_PING---no-ping} \
		--dhcp-range=10.99.0.100,10.99.0.150,255.255.255.0,1h \
		--dhcp-leasefile="$TMP/leases" --pid-file="$TMP/dnsmasq.pid" \
		--log-dhcp --log-facility="$TMP/dnsmasq.log" "$@" &
	DNSMASQ_PID=$!
	host_pids="$host_pids $DNSMASQ_PID"
	wait_for_line "$TMP/dnsmasq.log" "DHCP, IP range" && return 0
	echo "host tests: dnsmasq did not start:" >&2
	cat "$TMP/dnsmasq.log" >&2 || true
	exit 1
}

# start_responder SCRIPT PORT NAME: run the test's own Python server
# tests/host/SCRIPT in the namespace on PORT, its log in $TMP/NAME.log and
# its output in $TMP/NAME.out; waits until it logs "listening".
start_responder() {
	in_ns python3 "$top/tests/host/$1" "$2" "$TMP/$3.log" > "$TMP/$3.out" 2>&1 &
	host_pids="$host_pids $!"
	wait_for_line "$TMP/$3.log" listening && return 0
	echo "host tests: $1 did not start:" >&2
	cat "$TMP/$3.out" >&2
	exit 1
}

# Stop dnsmasq and wait until it is gone.
stop_dnsmasq() {
	kill "$DNSMASQ_PID" 2>/dev/null || true
	wait "$DNSMASQ_PID" 2>/dev/null || true
}

# Run lwpxe in the namespace with a script on standard input... as a file:
# run_lwpxe NAME SCRIPT-TEXT [ARGS...]; output in $TMP/NAME.raw, as a
# terminal shows it (each line from its last carriage return: a progress
# line updated in place leaves its last state) in $TMP/NAME.out, status
# in $status; killed after LWPXE_TIMEOUT seconds (60).
run_lwpxe() {
	name=$1 text=$2
	shift 2
	printf '%s\n' "$text" > "$TMP/$name.ipxe"
	status=0
	timeout "${LWPXE_TIMEOUT:-60}" ip netns exec "$NS" "$LWPXE" "$@" --script "$TMP/$name.ipxe" \
		< /dev/null > "$TMP/$name.raw" 2>&1 || status=$?
	sed 's/.*\r//' "$TMP/$name.raw" > "$TMP/$name.out"
}

# start_lwpxe NAME SCRIPT-TEXT [ARGS...]: as run_lwpxe, in the background
# (its pid in $lwpxe_pid, output in $TMP/NAME.out as it comes, killed
# after LWPXE_TIMEOUT seconds); wait_lwpxe waits for it and sets $status.
start_lwpxe() {
	name=$1
	printf '%s\n' "$2" > "$TMP/$name.ipxe"
	shift 2
	timeout "${LWPXE_TIMEOUT:-60}" ip netns exec "$NS" "$LWPXE" "$@" \
		--script "$TMP/$name.ipxe" < /dev/null > "$TMP/$name.out" 2>&1 &
	lwpxe_pid=$!
}
wait_lwpxe() {
	status=0
	wait "$lwpxe_pid" || status=$?
}

# run_clients N NAME SCRIPT-TEXT: run N lwpxe at once on SCRIPT-TEXT,
# client I on tapI (ns_setup_bridge N), each killed after LWPXE_TIMEOUT
# seconds; client I's output in $TMP/NAME.I.out, its exit status in
# $TMP/NAME.I.rc and the ms from the start of all to its end in
# $TMP/NAME.I.ms.  Returns when all have ended.
run_clients() {
	printf '%s\n' "$3" > "$TMP/$2.ipxe"
	rc_t0=$(date +%s%N)
	rc_pids=
	for i in $(seq 0 $(($1 - 1))); do
		(
			st=0
			timeout "${LWPXE_TIMEOUT:-60}" ip netns exec "$NS" "$LWPXE" --net "tap$i" \
				--script "$TMP/$2.ipxe" < /dev/null > "$TMP/$2.$i.out" 2>&1 || st=$?
			echo "$st" > "$TMP/$2.$i.rc"
			echo $(( ($(date +%s%N) - rc_t0) / 1000000 )) > "$TMP/$2.$i.ms"
		) &
		rc_pids="$rc_pids $!"
	done
	for p in $rc_pids; do
		wait "$p" || true
	done
}

# tcp_acked PORT PEER: bytes the namespace's side of its TCP connections
# on local PORT to address PEER has had acknowledged (ss), summed; 0
# without one.  (A connection an lwpxe left open when it ended counts
# too: give each run its own address.)
tcp_acked() {
	in_ns ss -tinH state established "( sport = :$1 and dst $2 )" |
		grep -o 'bytes_acked:[0-9]*' | cut -d: -f2 | awk '{ n += $1 } END { print n + 0 }'
}

# wait_acked PORT PEER BYTES [SECONDS]: poll until tcp_acked PORT PEER
# reaches BYTES, for up to SECONDS (default 30); nonzero if it never does.
wait_acked() {
	wa_end=$(( $(date +%s) + ${4:-30} ))
	until [ "$(tcp_acked "$1" "$2")" -ge "$3" ]; do
		[ "$(date +%s)" -lt "$wa_end" ] || return 1
		sleep 0.05
	done
}

# run_keys NAME SCRIPT-TEXT KEYS [open]: run lwpxe (no network) on
# SCRIPT-TEXT with the printf(1) format KEYS as its standard input: at end
# of input unless the 4th argument is "open" (then input stays open, as a
# keyboard nobody touches).  Output as written in $TMP/NAME.raw; in
# $TMP/NAME.out every cursor positioning (ESC[row;colH) starts a new line
# and other escape sequences are dropped, so what each screen row and
# each later message said can be matched whole; status in $status.
run_keys() {
	printf '%s\n' "$2" > "$TMP/$1.ipxe"
	rm -f "$TMP/$1.in"
	if [ "${4:-}" = open ]; then
		mkfifo "$TMP/$1.in"
		# read-write open does not block and holds a writer: no end of input
		exec 3<>"$TMP/$1.in"
	else
		exec 3>"$TMP/$1.in"
	fi
	# shellcheck disable=SC2059 # KEYS is a printf format on purpose
	printf "$3" >&3
	status=0
	timeout 60 "$LWPXE" --script "$TMP/$1.ipxe" < "$TMP/$1.in" \
		> "$TMP/$1.raw" 2>&1 || status=$?
	exec 3>&-
	esc=$(printf '\033')
	sed -e "s/$esc\[[0-9;]*H/\n/g" -e "s/$esc\[[0-9;]*[A-Za-z]//g" \
		"$TMP/$1.raw" | sed -e 's/.*\r//' -e 's/ *$//' > "$TMP/$1.out"
}

# pass NAME / fail NAME WHY: count and report one check.
pass() {
	host_passed=$((host_passed + 1))
	echo "PASS $1"
}
fail() {
	host_failed=$((host_failed + 1))
	echo "FAIL $1: $2"
	if [ -n "${3:-}" ] && [ -f "$3" ]; then
		sed 's/^/    | /' "$3"
	fi
}

# expect NAME FILE PATTERN: pass if FILE has a line matching the fixed PATTERN.
expect() {
	if grep -qxF -- "$3" "$2"; then
		pass "$1"
	else
		fail "$1" "no line '$3'" "$2"
	fi
}

# strip OUT: OUT without the scratch folder in script names ("x.ipxe:3: ...").
strip() {
	sed "s|^$TMP/||" "$1"
}

# expect_branch NAME OUT LINE BRANCH: pass if OUT (stripped) has the fixed
# LINE followed by the line BRANCH (what the script's || branch echoes).
expect_branch() {
	if strip "$2" | grep -A1 -xF -- "$3" | tail -1 | grep -qxF -- "$4"; then
		pass "$1"
	else
		fail "$1" "no line '$3' followed by '$4'" "$2"
	fi
}

# Summary line; non-zero exit if anything failed.
host_summary() {
	host_summed=1
	echo "host: $host_passed passed, $host_failed failed"
	[ "$host_failed" = 0 ]
}

# opaque_file FILE BYTES: BYTES random bytes, the first a zero, so that no
# image format takes the file (random bytes pass the zlib header check
# about once in 2,000 files) and imgstat says "[unknown format]".
opaque_file() {
	printf '\0' > "$1"
	head -c $(($2 - 1)) /dev/urandom >> "$1"
}

# --- HTTP server (nginx from Debian's nginx-light) --------------------------

# fake_clock: a command on another clock (tests/fakeclock.sh); mkcert:
# certificates for the HTTPS tests (tests/mkcert.sh)
# shellcheck source=tests/fakeclock.sh
. "$top/tests/fakeclock.sh"
# shellcheck source=tests/mkcert.sh
. "$top/tests/mkcert.sh"
# shellcheck source=tests/console.sh
. "$top/tests/console.sh"

# start_nginx ROOT [DIRECTIVES [HTTP]]: nginx in the namespace on
# 10.99.0.1:80 serving ROOT, with DIRECTIVES added to its server block and
# HTTP (more server blocks) to its http block; its access log
# ($TMP/nginx-access.log) names each request's connection and its number
# on it.  Waits until it answers.
start_nginx() {
	sh "$top/tests/nginx-conf.sh" "$TMP" 10.99.0.1:80 "$1" "${2:-}" "${3:-}" > "$TMP/nginx.conf"
	in_ns nginx -c "$TMP/nginx.conf" > "$TMP/nginx.out" 2>&1 &
	host_pids="$host_pids $!"
	wait_until 60 in_ns curl -s -o /dev/null http://10.99.0.1/ && return 0
	echo "host tests: nginx did not start:" >&2
	cat "$TMP/nginx.out" "$TMP/nginx-error.log" >&2 || true
	exit 1
}

# --- iSCSI target (tgtd from Debian's tgt) ---------------------------------

# shellcheck source=tests/tgtd.sh
. "$top/tests/tgtd.sh"

# Start tgtd in the namespace on 10.99.0.1:3260; waits until it answers.
start_tgtd() {
	mkdir -p /var/run/tgtd
	# ip netns exec execs tgtd, so $! is tgtd itself
	ip netns exec "$NS" tgtd -f -C "$TGTD_CTL" --iscsi portal=10.99.0.1:3260 \
		>> "$TMP/tgtd.log" 2>&1 &
	TGTD_PID=$!
	host_pids="$host_pids $TGTD_PID"
	wait_until 60 tgtd_answers && return 0
	echo "host tests: tgtd did not start:" >&2
	cat "$TMP/tgtd.log" >&2
	exit 1
}

# Kill tgtd without letting it say goodbye to its initiators.
kill_tgtd() {
	kill -9 "$TGTD_PID" 2>/dev/null || true
	wait "$TGTD_PID" 2>/dev/null || true
}

# tgt_target TID IQN FILE: a target with FILE as LUN 1, open to everyone.
tgt_target() {
	tgt --op new --mode target --tid "$1" -T "$2"
	tgt --op new --mode logicalunit --tid "$1" --lun 1 -b "$3"
	tgt --op bind --mode target --tid "$1" -I ALL
}

# tgt_chap TID USER SECRET [outgoing]: require CHAP (or answer mutual CHAP).
tgt_chap() {
	tgt --op new --mode account --user "$2" --password "$3" 2>/dev/null || true
	tgt --op bind --mode account --tid "$1" --user "$2" ${4:+--outgoing}
}
