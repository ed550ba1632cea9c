#!/bin/sh
# Lossy-link host tests: bin-x86_64-linux/lwpxe reads an iSCSI LU from
# tgtd and downloads a file from nginx while the bridge between them drops
# 1 %, 5 % and 20 % of the frames each way at random (set_loss in
# lib.sh), 64 MiB each; tgtd is restarted mid-read under loss; the link
# goes dead for longer than the reconnect budget, then comes back.  Every
# read is checked by SHA-256.  At 20 % loss 64 MiB takes about a minute
# (36 to 86 s measured): the server's TCP spends most of it waiting out
# retransmission timeouts, which double while retransmissions or their
# ACKs keep being lost, now and then past what lwpxe waits for data
# (iSCSI: 20 s, then it reconnects and goes on; HTTP: 10 s, then it asks
# for the rest with a Range request); an HTTP download cut by a dead link
# resumes so too.
#
# The test runs in three parts at once, each with its own namespace,
# servers and LU (`test_lossy.sh PART` runs one): the 20 % iSCSI read, the
# 20 % download, and the rest one after another.
. "$(dirname "$0")/lib.sh"

PARTS="iscsi20 http20 rest"
if [ $# = 0 ]; then
	part_pids=
	for part in $PARTS; do
		sh "$0" "$part" > "$TMP/$part.log" 2>&1 &
		part_pids="$part_pids $!"
	done
	for pid in $part_pids; do
		wait "$pid" || true
	done
	# each part's lines, its counts added to ours (none: it broke, a failure)
	for part in $PARTS; do
		grep -v '^host: [0-9]* passed, [0-9]* failed$' "$TMP/$part.log" || true
		counts=$(sed -n 's/^host: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$TMP/$part.log")
		if [ -n "$counts" ]; then
			host_passed=$((host_passed + ${counts% *}))
			host_failed=$((host_failed + ${counts#* }))
		else
			fail "part $part" "ended without its summary line"
		fi
	done
	host_summary
	exit
fi

IQN=iqn.2026-12.org.lwpxe
MB=1048576
LU=$TMP/lu.img
www=$TMP/www
ROOT=iscsi:10.99.0.1:::1:$IQN:lossy
# addr N: static addressing at 10.99.0.N (no DHCP through the lossy
# link; a run's own address tells its connections from earlier ones').
addr() {
	printf 'ifopen net0\nset net0/ip 10.99.0.%s\nset net0/netmask 255.255.255.0' "$1"
}

ns_setup_bridge 1
mkdir -p "$www"
head -c $((64 * MB)) /dev/urandom > "$LU"
start_tgtd
tgt_target 1 "$IQN:lossy" "$LU"
start_nginx "$www"

# sha_of COUNT: SHA-256 of the LU's first COUNT 512-byte blocks.
sha_of() {
	head -c $(($1 * 512)) "$LU" | sha256sum | cut -d' ' -f1
}

# dropped: frames the loss rules dropped so far, both ways.
dropped() {
	in_ns nft list table bridge lossy | sed -n 's/.*counter packets \([0-9]*\) .*/\1/p' |
		awk '{ n += $1 } END { print n + 0 }'
}

# iscsi_case PCT MIB: at PCT % loss, an iSCSI read of the LU's first MIB
# MiB with the right SHA-256.
iscsi_case() {
	blocks=$(($2 * MB / 512))
	set_loss "$1"
	t0=$(date +%s)
	run_lwpxe "iscsi$1" "#!ipxe
$(addr 77)
sanhook $ROOT
sanread --count $blocks" --net tap0
	t1=$(date +%s)
	if [ "$status" = 0 ] && grep -qxF "sha256 $(sha_of "$blocks")" "$TMP/iscsi$1.out"; then
		pass "iscsi at $1 % loss: $2 MiB read, same SHA-256 ($((t1 - t0)) s, $(dropped) frames dropped)"
	else
		fail "iscsi at $1 % loss" "status $status after $((t1 - t0)) s" "$TMP/iscsi$1.out"
	fi
}

# http_case PCT MIB: at PCT % loss, an HTTP download of the LU's first MIB
# MiB with the right SHA-256.
http_case() {
	set_loss "$1"
	head -c $(($2 * MB)) "$LU" > "$www/part$2.bin"
	t0=$(date +%s)
	run_lwpxe "http$1" "#!ipxe
$(addr 77)
imgfetch --name got http://10.99.0.1/part$2.bin
sha256sum got" --net tap0
	t1=$(date +%s)
	if [ "$status" = 0 ] &&
		grep -qxF "$(sha256sum < "$www/part$2.bin" | cut -d' ' -f1)  got" "$TMP/http$1.out"; then
		pass "http at $1 % loss: $2 MiB download, same SHA-256 ($((t1 - t0)) s, $(dropped) frames dropped)"
	else
		fail "http at $1 % loss" "status $status after $((t1 - t0)) s" "$TMP/http$1.out"
	fi
	rm -f "$www/part$2.bin"
}

# 64 MiB at 20 % loss: about a minute, at worst a few (lwpxe killed
# after 5)
case $1 in
iscsi20)
	LWPXE_TIMEOUT=300
	iscsi_case 20 64
	host_summary
	exit ;;
http20)
	LWPXE_TIMEOUT=300
	http_case 20 64
	host_summary
	exit ;;
rest) ;;
*)
	echo "test_lossy.sh: no part '$1' (parts: $PARTS)" >&2
	exit 2 ;;
esac

iscsi_case 1 64
http_case 1 64
iscsi_case 5 64
http_case 5 64

# tgtd killed and restarted mid-read at 5 % loss, once 16 MiB went over:
# the read completes after a reconnect, same SHA-256.
set_loss 5
start_lwpxe restart "#!ipxe
$(addr 78)
sanhook $ROOT
sanread" --net tap0
if wait_acked 3260 10.99.0.78 $((16 * MB)); then
	kill_tgtd
	start_tgtd
	tgt_target 1 "$IQN:lossy" "$LU"
fi
wait_lwpxe
if [ "$status" = 0 ] && grep -qxF "sha256 $(sha_of $((64 * MB / 512)))" "$TMP/restart.out" &&
	grep -q '^iSCSI 10\.99\.0\.1:3260: .*; reconnecting (1/10)$' "$TMP/restart.out" &&
	grep -qx 'iSCSI 10\.99\.0\.1:3260: reconnected' "$TMP/restart.out"; then
	pass "tgtd restarted mid-read at 5 % loss: reconnected, same SHA-256"
else
	fail "tgtd restarted mid-read at 5 % loss" "status $status" "$TMP/restart.out"
fi

# The link dead (every frame dropped) from 8 MiB into a read for longer
# than the reconnect budget (san-retries 1: 20 s of silence, one
# reconnect of 10 s): the read ends with one line naming the drive, its
# target and the cause; the link back, the next read (a boot loader
# retrying) works, over a new connection.
set_loss 0
t0=$(date +%s)
start_lwpxe down "#!ipxe
$(addr 79)
set san-retries 1
sanhook $ROOT
sanread || sanread" --net tap0
wait_acked 3260 10.99.0.79 $((8 * MB)) && set_loss 100
wait_for_line "$TMP/down.out" 'sanread: .* read failed at block' 60 || true
set_loss 0
wait_lwpxe
t1=$(date +%s)
grep -v -e '^random: seeded from ' -e '^lwpxe ' -e '^Registered SAN drive' -e '^read [0-9]* bytes' \
	"$TMP/down.out" > "$TMP/down.rest" || true
if [ "$status" = 0 ] && [ "$(wc -l < "$TMP/down.rest")" = 4 ] &&
	sed -n 1p "$TMP/down.rest" | grep -qx 'iSCSI 10\.99\.0\.1:3260: no response for 20 s; reconnecting (1/1)' &&
	sed -n 2p "$TMP/down.rest" | grep -qx "$TMP/down\.ipxe:7: sanread: drive 0x80 ($ROOT): read failed at block [0-9]*: Connection timed out" &&
	sed -n 3p "$TMP/down.rest" | grep -qx 'iSCSI 10\.99\.0\.1:3260: reconnected' &&
	sed -n 4p "$TMP/down.rest" | grep -qxF "sha256 $(sha_of $((64 * MB / 512)))"; then
	pass "link dead past the reconnect budget: one line naming target and cause, then the next read recovers ($((t1 - t0)) s)"
else
	fail "link dead past the reconnect budget" "status $status after $((t1 - t0)) s" "$TMP/down.out"
fi

# An HTTP download with the link dead from 8 MiB on for longer than lwpxe
# waits for data (10 s): one line says it asks for the rest, and with the
# link back it gets it (a 206 in nginx's log), same SHA-256.
set_loss 0
head -c $((64 * MB)) "$LU" > "$www/part64.bin"
start_lwpxe httpdown "#!ipxe
$(addr 80)
imgfetch --name got http://10.99.0.1/part64.bin
sha256sum got" --net tap0
wait_acked 80 10.99.0.80 $((8 * MB)) && set_loss 100
wait_for_line "$TMP/httpdown.out" 'asking for the rest' 30 || true
set_loss 0
wait_lwpxe
if [ "$status" = 0 ] && grep -qxF "$(sha256sum < "$LU" | cut -d' ' -f1)  got" "$TMP/httpdown.out" &&
	grep -qx 'http://10\.99\.0\.1/part64\.bin: no data for 10 s after [0-9]* bytes (Connection timed out); asking for the rest from byte [0-9]* (1/5)' \
		"$TMP/httpdown.out" &&
	grep -q ' GET /part64\.bin 206$' "$TMP/nginx-access.log"; then
	pass "http: a download cut by a dead link resumes with a Range request once it is back, same SHA-256"
else
	fail "http: download cut by a dead link" "status $status" "$TMP/httpdown.out"
fi

host_summary
