#!/bin/sh
# iSCSI host tests: bin-x86_64-linux/lwpxe against a real tgtd in a network
# namespace: plain, CHAP and mutual CHAP logins, a wrong secret, a target
# that never answers the login, reading a whole LU, tgtd killed and
# restarted mid-read, multipath, the iBFT file, a refused LUN 0, and tgtd
# killed for good mid-read.
. "$(dirname "$0")/lib.sh"

IQN=iqn.2026-11.org.lwpxe
LU=$TMP/lu.img
LU_MB=${LU_MB:-256}

ns_setup
# DNS on too, so a root-path may name the target by host name.
DNS_PORT=53 start_dnsmasq --address=/target.lwpxe.test/10.99.0.1
head -c $((LU_MB * 1048576)) /dev/urandom > "$LU"
LU_SHA=$(sha256sum "$LU" | cut -d' ' -f1)
start_tgtd
tgt_target 1 "$IQN:plain" "$LU"
tgt_target 2 "$IQN:chap" "$LU"
tgt_chap 2 alice alicesecret123
tgt_target 3 "$IQN:mutual" "$LU"
tgt_chap 3 bob bobsecret12345
tgt_chap 3 target3 targetsecret99 outgoing

ROOT=iscsi:10.99.0.1:::1

# 1. Plain login; the whole LU read back has the file's SHA-256.
run_lwpxe plain "#!ipxe
dhcp
echo mac=\${net0/mac}
sanhook $ROOT:$IQN:plain
sanread" --net "$NET" --ibft-out "$TMP/ibft.bin"
expect "plain: whole LU read, same SHA-256" "$TMP/plain.out" "sha256 $LU_SHA"
grep -q "^read $((LU_MB * 1048576)) bytes in" "$TMP/plain.out" &&
	pass "plain: read covers the whole LU" ||
	fail "plain: read size" "no 'read N bytes' line" "$TMP/plain.out"
rate=$(sed -n 's/^read .*(\(.*\) MB\/s)$/\1/p' "$TMP/plain.out")
echo "FIGURE iscsi: sequential read of $LU_MB MiB over TAP: $rate MB/s"

# 2. The iBFT written by --ibft-out is what Linux would accept, and names
# the NIC by the address its driver read.
mac=$(sed -n 's/^mac=//p' "$TMP/plain.out")
if python3 "$top/tests/host/check_ibft.py" "$TMP/ibft.bin" "$IQN:plain" \
	10.99.0.1 3260 1 "$mac" > "$TMP/ibft.check" 2>&1; then
	pass "ibft: --ibft-out table checks out (signature, checksum, lengths, target, NIC MAC $mac)"
else
	fail "ibft: --ibft-out table" "check failed" "$TMP/ibft.check"
fi

# ibft-mac replaces the boot NIC's address in the table.
run_lwpxe ibftmac "#!ipxe
dhcp
set ibft-mac 02:00:5e:10:20:30
sanhook $ROOT:$IQN:plain" --net "$NET" --ibft-out "$TMP/ibftmac.bin"
if python3 "$top/tests/host/check_ibft.py" "$TMP/ibftmac.bin" "$IQN:plain" \
	10.99.0.1 3260 1 02:00:5e:10:20:30 > "$TMP/ibftmac.check" 2>&1; then
	pass "ibft: ibft-mac names the boot NIC in the table"
else
	fail "ibft: ibft-mac" "check failed" "$TMP/ibftmac.check"
fi

# 3. The server named by DNS (lwIP's resolver, server from DHCP option 6);
# sanboot ends with the boot timeline's line, `timeline` lists the phases.
run_lwpxe dnsname "#!ipxe
dhcp
sanhook iscsi:target.lwpxe.test:::1:$IQN:plain
sanread --count 4096
sanboot
timeline" --net "$NET"
head -c $((4096 * 512)) "$LU" | sha256sum | cut -d' ' -f1 > "$TMP/first2m.sha"
expect "dns: root-path with a host name" "$TMP/dnsname.out" "sha256 $(cat "$TMP/first2m.sha")"
grep -qx 'timeline: dhcp [0-9]* ms, dns [0-9]* ms, login [0-9]* ms, first read [0-9]* ms, handover to the SAN drive (a Linux process only describes it) at [0-9]*\.[0-9][0-9] s' "$TMP/dnsname.out" &&
	pass "timeline: sanboot's line sums DHCP, DNS, login and first read" ||
	fail "timeline: sanboot's line" "no line with each phase" "$TMP/dnsname.out"
expect "sanboot: warns that illumos misreads LUN 1" "$TMP/dnsname.out" \
	"ibft: illumos: reads target 0's LUN 0001-0000-... as 256 (the first two bytes as a host-order 16-bit number): only LUN 0 boots there"
tl_phases=$(sed -n '/^timeline, seconds since lwpxe started:$/,$ s/^ *[0-9]*\.[0-9]\{3\}  \([a-z ]*[a-z]\) *[0-9]* ms  \(.*\)$/\1=\2/p' "$TMP/dnsname.out" | tr '\n' '|')
case $tl_phases in
"start=lwpxe "*"|dhcp=net0|dns=target.lwpxe.test|login=iscsi:target.lwpxe.test:::1:$IQN:plain|first read=iscsi:target.lwpxe.test:::1:$IQN:plain|handover=the SAN drive (a Linux process only describes it)|")
	pass "timeline: the command lists start, each phase and the hand-over in order" ;;
*)
	fail "timeline: the command's list" "got '$tl_phases'" "$TMP/dnsname.out" ;;
esac
run_lwpxe nodns "#!ipxe
dhcp
sanhook iscsi:nosuch.lwpxe.test:::1:$IQN:plain" --net "$NET"
if [ "$status" != 0 ] && [ "$status" -lt 124 ] && grep -q '^iSCSI: cannot resolve nosuch\.lwpxe\.test: no such name or no address (answer from 10\.99\.0\.1)$' "$TMP/nodns.out"; then
	pass "dns: an unknown host name gives one line naming it"
else
	fail "dns: unknown host name" "status $status" "$TMP/nodns.out"
fi

# An nForce chip illumos has no driver for (MCP67, on the model): sanboot
# says so before booting (once, in the run without NIC=).
if [ -z "${NIC:-}" ]; then
	run_lwpxe mcp67 "#!ipxe
dhcp
sanboot $ROOT:$IQN:plain" --net nge/0x054c:tap0
	expect "sanboot: warns that illumos has no driver for an MCP67" "$TMP/mcp67.out" \
		"ibft: illumos: no driver for NIC 0 (nge MCP67, PCI 00:03.0): it will not find the boot NIC"
fi

# 4. CHAP and mutual CHAP.
run_lwpxe chap "#!ipxe
dhcp
set username alice
set password alicesecret123
sanhook $ROOT:$IQN:chap
sanread --count 2048" --net "$NET"
grep -q '^sha256 ' "$TMP/chap.out" && [ "$status" = 0 ] &&
	pass "chap: login and read" || fail "chap: login and read" "status $status" "$TMP/chap.out"

run_lwpxe mutual "#!ipxe
dhcp
set username bob
set password bobsecret12345
set reverse-username target3
set reverse-password targetsecret99
sanhook $ROOT:$IQN:mutual
sanread --count 2048" --net "$NET"
grep -q '^sha256 ' "$TMP/mutual.out" && [ "$status" = 0 ] &&
	pass "mutual chap: login and read" || fail "mutual chap: login and read" "status $status" "$TMP/mutual.out"

# 5. A wrong secret: one line naming authentication, non-zero, no hang.
t0=$(date +%s)
run_lwpxe wrong "#!ipxe
dhcp
set username alice
set password wrongsecret999
sanhook $ROOT:$IQN:chap" --net "$NET"
t1=$(date +%s)
if [ "$status" != 0 ] && [ "$status" -lt 124 ] && [ $((t1 - t0)) -lt 30 ] &&
	grep -q 'iSCSI login to 10.99.0.1:3260 failed: authentication failure' "$TMP/wrong.out"; then
	pass "wrong secret: one line naming authentication failure"
else
	fail "wrong secret" "status $status after $((t1 - t0)) s" "$TMP/wrong.out"
fi

# 6. A mutual-CHAP target that answers with the wrong secret is refused.
run_lwpxe badtarget "#!ipxe
dhcp
set username bob
set password bobsecret12345
set reverse-username target3
set reverse-password notthesecret1
sanhook $ROOT:$IQN:mutual" --net "$NET"
if [ "$status" != 0 ] && [ "$status" -lt 124 ] && grep -q 'authentication' "$TMP/badtarget.out"; then
	pass "mutual chap: a target with the wrong secret is refused"
else
	fail "mutual chap: wrong target secret" "status $status" "$TMP/badtarget.out"
fi

# 7. Bad input: a bad root-path, a target that does not exist.
run_lwpxe badpath "#!ipxe
dhcp
sanhook iscsi:10.99.0.1::port::$IQN:plain" --net "$NET"
[ "$status" != 0 ] && grep -q 'bad port' "$TMP/badpath.out" &&
	pass "bad root-path: names the bad field" || fail "bad root-path" "status $status" "$TMP/badpath.out"
run_lwpxe notarget "#!ipxe
dhcp
sanhook $ROOT:$IQN:nosuchtarget" --net "$NET"
[ "$status" != 0 ] && [ "$status" -lt 124 ] && grep -q 'iSCSI login to 10.99.0.1:3260 failed: ' "$TMP/notarget.out" &&
	pass "missing target: login failure in words" || fail "missing target" "status $status" "$TMP/notarget.out"

# A target that takes the connection and never answers the login: one
# line after 10 s, then the || branch.
start_responder silent_target.py 3262 silent-target
run_lwpxe silent "#!ipxe
dhcp
sanhook iscsi:10.99.0.1::3262:1:$IQN:plain || echo silent-branch" --net "$NET"
expect_branch "silent target: one line after 10 s, then ||" "$TMP/silent.out" \
	"iSCSI 10.99.0.1:3262: no login response within 10 s" \
	"silent-branch"

# 8. Multipath: the first portal is dead (nothing listens on 3261).
run_lwpxe multipath "#!ipxe
dhcp
sanhook iscsi:10.99.0.1::3261:1:$IQN:plain $ROOT:$IQN:plain
sanread --count 4096" --net "$NET"
expect "multipath: first portal dead, read through the second" "$TMP/multipath.out" \
	"sha256 $(cat "$TMP/first2m.sha")"

# read_then_kill NAME DELAY SCRIPT-TEXT: run lwpxe on the script in the
# background ($reader) and kill tgtd DELAY s after the drive is hooked.
read_then_kill() {
	printf '%s\n' "$3" > "$TMP/$1.ipxe"
	timeout 120 ip netns exec "$NS" "$LWPXE" --net "$NET" --script "$TMP/$1.ipxe" \
		< /dev/null > "$TMP/$1.out" 2>&1 &
	reader=$!
	for _ in $(seq 1200); do
		grep -q 'Registered SAN drive' "$TMP/$1.out" && break
		sleep 0.05
	done
	sleep "$2"
	kill_tgtd
}

# 9. tgtd killed and restarted in the middle of a read: same SHA-256.
read_then_kill restart 0.3 "#!ipxe
dhcp
sanhook $ROOT:$IQN:plain
sanread"
sleep 1
start_tgtd
tgt_target 1 "$IQN:plain" "$LU"
status=0
wait "$reader" || status=$?
if [ "$status" = 0 ] && grep -qxF "sha256 $LU_SHA" "$TMP/restart.out" &&
	grep -q 'reconnect' "$TMP/restart.out"; then
	pass "tgtd restarted mid-read: read completes with the same SHA-256"
else
	fail "tgtd restarted mid-read" "status $status" "$TMP/restart.out"
fi
# The restarted target's Unit Attention is re-issued by the iSCSI layer,
# not a path failure for the SAN layer to reopen the device over.
if grep -q -e '^san: .* failed' -e 'failed: Unit attention' "$TMP/restart.out"; then
	fail "tgtd restarted mid-read: unit attention is not a failure" \
		"a failure line" "$TMP/restart.out"
else
	pass "tgtd restarted mid-read: unit attention is not a failure"
fi

# 10. LUN 0 (tgtd's controller) is refused; its connection is closed
# quietly and nothing of it reconnects while LUN 1 is hooked and read.
# (Four times: the target's hang-up after the logout races our close.)
LUN0="sanhook iscsi:10.99.0.1::::$IQN:plain || echo lun0 refused"
run_lwpxe lun0 "#!ipxe
dhcp
$LUN0
$LUN0
$LUN0
$LUN0
sanhook $ROOT:$IQN:plain
sanread --count 2048" --net "$NET"
if [ "$status" = 0 ] && [ "$(grep -c 'LUN 0: not a disk' "$TMP/lun0.out")" = 4 ] &&
	[ "$(grep -cxF 'lun0 refused' "$TMP/lun0.out")" = 4 ] &&
	grep -q '^sha256 ' "$TMP/lun0.out" &&
	! grep -q -e 'reconnect' -e 'connection closed' "$TMP/lun0.out"; then
	pass "refused LUN 0: closed quietly, LUN 1 then works"
else
	fail "refused LUN 0" "status $status" "$TMP/lun0.out"
fi

# 11. tgtd killed for good mid-read: after san-retries reconnects the read
# ends, quickly, with one line naming the target and the cause.  The read
# that follows (a boot loader retrying) gets one attempt, not san-retries
# more: one more line, no more "reconnecting".
read_then_kill dead 0.1 "#!ipxe
dhcp
set san-retries 2
sanhook $ROOT:$IQN:plain
sanread || sanread --count 8"
t0=$(date +%s)
status=0
wait "$reader" || status=$?
t1=$(date +%s)
# Besides progress ("reconnecting (n/2)"), exactly two lines: the failures.
grep -v -e '^random: seeded from ' -e '^lwpxe ' -e '^Configuring ' -e '^Registered SAN drive' \
	-e '^iSCSI 10\.99\.0\.1:3260: .*; reconnecting ([12]/2)$' \
	"$TMP/dead.out" > "$TMP/dead.rest" || true
if [ "$status" != 0 ] && [ "$status" -lt 124 ] && [ $((t1 - t0)) -lt 10 ] &&
	[ "$(grep -c 'reconnecting ([12]/2)$' "$TMP/dead.out")" = 2 ] &&
	[ "$(wc -l < "$TMP/dead.rest")" = 2 ] &&
	[ "$(grep -c "^$TMP/dead.ipxe:5: sanread: drive 0x80 ($ROOT:$IQN:plain): read failed at block [0-9]*: Connection refused$" \
		"$TMP/dead.rest")" = 2 ]; then
	pass "tgtd gone for good: one line after san-retries reconnects, one more for the next read, without retries ($((t1 - t0)) s)"
else
	fail "tgtd gone for good" "status $status after $((t1 - t0)) s" "$TMP/dead.out"
fi

host_summary
