#!/bin/sh
# DHCP host tests: bin-x86_64-linux/lwpxe on a TAP interface in a network
# namespace this script makes, against a real dnsmasq (and, for bad input,
# a responder that sends malformed DHCP offers).
. "$(dirname "$0")/lib.sh"

ROOT_PATH="iscsi:10.99.0.1::::iqn.2026-11.org.lwpxe:disk1"
IQN="iqn.2026-11.org.lwpxe:initiator1"

ns_setup
start_dnsmasq --dhcp-option=3,10.99.0.1 --dhcp-option=17,"$ROOT_PATH" \
	--dhcp-option=203,"$IQN" --dhcp-option=12,client1

# 1. A lease, and the options in settings.
run_lwpxe lease '#!ipxe
dhcp
echo ip=${net0/ip}
echo root-path=${root-path}
echo iqn=${initiator-iqn}
echo gateway=${net0/gateway}
echo netmask=${netmask}
echo hostname=${hostname}
echo mac=${net0/mac:hexhyp}' --net "$NET"
if [ "$status" = 0 ]; then pass "lease: exit status 0"; else fail "lease: exit status $status" "" "$TMP/lease.out"; fi
if grep -qE '^ip=10\.99\.0\.(1[0-4][0-9]|150)$' "$TMP/lease.out"; then
	pass "lease: net0/ip in the dnsmasq range"
else
	fail "lease: net0/ip" "no ip=10.99.0.100-150 line" "$TMP/lease.out"
fi
expect "lease: root-path (option 17)" "$TMP/lease.out" "root-path=$ROOT_PATH"
expect "lease: initiator-iqn (option 203)" "$TMP/lease.out" "iqn=$IQN"
expect "lease: gateway (option 3)" "$TMP/lease.out" "gateway=10.99.0.1"
expect "lease: netmask (option 1)" "$TMP/lease.out" "netmask=255.255.255.0"
expect "lease: hostname (option 12)" "$TMP/lease.out" "hostname=client1"
if grep -qE '^mac=([0-9a-f]{2}-){5}[0-9a-f]{2}$' "$TMP/lease.out"; then
	pass "lease: net0/mac:hexhyp"
else
	fail "lease: net0/mac:hexhyp" "no mac=aa-bb-... line" "$TMP/lease.out"
fi

# How long a lease takes: the best of five runs with `dhcp` against the best
# of five without, so process and namespace start-up cancel out.
best_ms() {
	best=
	for _ in 1 2 3 4 5; do
		t0=$(date +%s%N)
		run_lwpxe timing "$1" --net "$NET"
		t1=$(date +%s%N)
		[ "$status" = 0 ] || { echo "FIGURE dhcp: timing run failed"; return; }
		t=$(( (t1 - t0) / 1000 ))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}
with=$(best_ms '#!ipxe
dhcp')
without=$(best_ms '#!ipxe
ifopen')
echo "FIGURE dhcp: lease in $(( (with - without) / 1000 )).$(( (with - without) % 1000 / 100 )) ms (run with dhcp $with us, without $without us, best of 5)"

# 2. What the client sent: vendor class, user class, arch, request list.
grep -q 'vendor class: PXEClient:Arch:00000:UNDI:003016' "$TMP/dnsmasq.log" &&
	pass "request: vendor class PXEClient:Arch" ||
	fail "request: vendor class" "dnsmasq did not log it" "$TMP/dnsmasq.log"
grep -q 'user class: iPXE' "$TMP/dnsmasq.log" &&
	pass "request: user class iPXE" ||
	fail "request: user class" "dnsmasq did not log it" "$TMP/dnsmasq.log"
prl=$(grep 'requested options' "$TMP/dnsmasq.log" | sed 's/.*requested options://' | tr -d '\n' || true)
missing=
for opt in 1 3 6 12 15 17 43 60 66 67 175 203; do
	echo "$prl" | grep -qE "(^|[^0-9])$opt(:|,| |\$)" || missing="$missing $opt"
done
if [ -z "$missing" ]; then pass "request: parameter list has 1,3,6,12,15,17,43,60,66,67,175,203"
else fail "request: parameter list" "missing:$missing" "$TMP/dnsmasq.log"; fi

# 3. Two runs use different DHCP transaction ids (real entropy).
run_lwpxe lease2 '#!ipxe
dhcp' --net "$NET"
# (the xid follows "dnsmasq-dhcp[PID]: "; the time stamp before it is not read)
xids=$(grep -oE 'dnsmasq-dhcp\[[0-9]+\]: [0-9]+ ' "$TMP/dnsmasq.log" | sed 's/.*: //' | sort -u | wc -l)
if [ "$xids" -ge 2 ]; then pass "xid: differs between runs ($xids seen)"
else fail "xid: differs between runs" "only $xids distinct" "$TMP/dnsmasq.log"; fi

# 4. Bad input: a missing TAP interface.
run_lwpxe notap '#!ipxe
echo unreachable' --net nosuch0
if [ "$status" != 0 ] && grep -q "no TAP interface 'nosuch0'" "$TMP/notap.out" &&
	! grep -q unreachable "$TMP/notap.out"; then
	pass "bad input: missing TAP interface"
else
	fail "bad input: missing TAP interface" "status $status" "$TMP/notap.out"
fi

# 5. Bad input: a script error names the line; unknown command.
run_lwpxe syntax '#!ipxe
echo first
nosuchcommand arg
echo not reached' --net "$NET"
if [ "$status" != 0 ] && grep -q 'nosuchcommand' "$TMP/syntax.out" &&
	grep -q ':3' "$TMP/syntax.out" && ! grep -q 'not reached' "$TMP/syntax.out"; then
	pass "bad input: unknown command stops the script with its line number"
else
	fail "bad input: unknown command" "status $status" "$TMP/syntax.out"
fi

# 6. exit N sets the process status.
run_lwpxe exit7 '#!ipxe
exit 7' --net "$NET"
[ "$status" = 7 ] && pass "exit 7: process status 7" || fail "exit 7" "status $status" "$TMP/exit7.out"

# 7. Bad input: no DHCP server answers.  dhcp-timeout bounds the wait;
# the DISCOVER sent again after RFC 2131's first back-off (4 s +- 1 s)
# is said in a line.
stop_dnsmasq
run_lwpxe nooffer '#!ipxe
set dhcp-timeout 6
dhcp' --net "$NET"
if [ "$status" != 0 ] && [ "$status" -lt 128 ] &&
	grep -q '^DHCP on net0: no offer yet; DISCOVER again (try 2, [345] s so far)$' "$TMP/nooffer.out" &&
	grep -q 'nooffer.ipxe:3: DHCP on net0: no offer after 6 s' "$TMP/nooffer.out"; then
	pass "bad input: no DHCP answer gives one clear line after dhcp-timeout, each retry said"
else
	fail "bad input: no DHCP answer" "status $status" "$TMP/nooffer.out"
fi

# 8. Bad input: malformed offers must not crash the client.
in_ns python3 "$top/tests/host/bad_dhcp.py" tap0 15 > "$TMP/bad_dhcp.log" 2>&1 &
host_pids="$host_pids $!"
wait_for_line "$TMP/bad_dhcp.log" 'bad_dhcp: listening' || fail "bad input: malformed DHCP offers" "the responder did not start" "$TMP/bad_dhcp.log"
run_lwpxe malformed '#!ipxe
dhcp --timeout 10000' --net "$NET"
if [ "$status" != 0 ] && [ "$status" -lt 124 ] && grep -q 'malformed.ipxe:2: DHCP on net0: ' "$TMP/malformed.out"; then
	pass "bad input: malformed DHCP offers give a clear line, no crash"
else
	fail "bad input: malformed DHCP offers" "status $status" "$TMP/malformed.out"
fi

host_summary
