#!/bin/sh
# NTP host tests: bin-x86_64-linux/lwpxe sets its clock from Debian's chronyd
# (serving its own clock as a stratum-1 server in the namespace) with
# `ntp`, and ${unixtime} then reads within a few seconds of the server's
# clock; a silent server gives one line.  lwpxe's own clock is the host's,
# so chronyd runs on libfaketime's clock, a million seconds ahead: only a clock
# set from the server reads that.  Nothing depends on the date: the check
# compares with the kernel's clock taken around the run (read without any
# LD_PRELOAD, so that a suite run under faketime compares like with like:
# lwpxe reads CLOCK_REALTIME by a system call, chronyd's faketime is an
# offset from that same clock).

# Seconds since the epoch by the kernel's clock.
kernel_now() {
	env -u LD_PRELOAD -u FAKETIME date +%s
}
. "$(dirname "$0")/lib.sh"

ns_setup
start_dnsmasq
cat > "$TMP/chrony.conf" <<CONF
local stratum 1
allow
bindaddress 10.99.0.1
port 123
cmdport 0
pidfile $TMP/chronyd.pid
driftfile $TMP/chrony.drift
CONF
# -x: never touch the host's clock; -d: foreground, log to stderr
ahead=1000000
# (fake_clock inside the namespace, so that only chronyd has libfaketime)
in_ns sh -c '. "$0" && fake_clock "$@"' "$top/tests/fakeclock.sh" "+${ahead}s" \
	chronyd -x -d -u root -f "$TMP/chrony.conf" > "$TMP/chronyd.log" 2>&1 &
host_pids="$host_pids $!"
wait_for_line "$TMP/chronyd.log" "chronyd.*starting" ||
	{ fail "chronyd started" "no start line" "$TMP/chronyd.log"; host_summary; exit 1; }

before=$(kernel_now)
run_lwpxe ntp '#!ipxe
echo lwpxe-own ${unixtime}
dhcp
ntp 10.99.0.1
echo lwpxe-time ${unixtime}' --net tap0
after=$(kernel_now)
own=$(sed -n 's/^lwpxe-own \([0-9]*\)$/\1/p' "$TMP/ntp.out")
t=$(sed -n 's/^lwpxe-time \([0-9]*\)$/\1/p' "$TMP/ntp.out")
if [ -n "$own" ] && [ "$own" -ge $((before - 2)) ] && [ "$own" -le $((after + 2)) ]; then
	pass "\${unixtime} before ntp: the host's clock (CLOCK_REALTIME)"
else
	fail "\${unixtime} before ntp" "$before..$after, got '${own:-}'" "$TMP/ntp.out"
fi
if [ "$status" = 0 ] && [ -n "$t" ] && [ "$t" -ge $((before + ahead - 2)) ] &&
	[ "$t" -le $((after + ahead + 2)) ]; then
	pass "ntp: \${unixtime} within 2 s of the server's clock"
else
	fail "ntp: \${unixtime} near the server's clock" "status $status, $((before + ahead))..$((after + ahead)), got '${t:-}'" "$TMP/ntp.out"
fi

# Nobody at that address answers: one line after 3 requests.
run_lwpxe silent '#!ipxe
dhcp
ntp 10.99.0.2' --net tap0
if [ "$status" != 0 ] && grep -qxF "$TMP/silent.ipxe:3: ntp: 10.99.0.2: no answer after 3 requests (Connection timed out)" "$TMP/silent.out"; then
	pass "ntp: a silent server gives one line"
else
	fail "ntp: silent server" "status $status" "$TMP/silent.out"
fi

# chronyd stopped, not killed outright, so that libfaketime removes its files
chronyd_pid=
for pid in $(ip netns pids "$NS"); do
	[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != chronyd ] || chronyd_pid=$pid
done
[ -n "$chronyd_pid" ] && kill "$chronyd_pid" && wait_until 60 process_gone "$chronyd_pid" ||
	fail "chronyd stops on SIGTERM" "${chronyd_pid:-none} still running after 60 s"
host_summary
