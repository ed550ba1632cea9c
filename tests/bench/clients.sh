#!/bin/sh
# Many-clients benchmark: 1, 4 and 16 lwpxe processes at once, each on its
# own TAP on one bridge, get a lease from one dnsmasq (without its ping
# before offering, so the figures are the reads', not dnsmasq's) and read
# a 64 MiB LU from one tgtd (SHA-256 checked).  Prints, for each count,
# the aggregate read rate (all bytes over the time from the first read's
# start to the last one's end) and the slowest client's time from start
# to exit.  Fails only if a run fails.
. "$(dirname "$0")/../host/lib.sh"

IQN=iqn.2026-12.org.lwpxe:clients
LU=$TMP/lu.img
LU_MB=64
MAX=16

ns_setup_bridge "$MAX"
DNSMASQ_IF=br0 start_dnsmasq
head -c $((LU_MB * 1048576)) /dev/urandom > "$LU"
LU_SHA=$(sha256sum "$LU" | cut -d' ' -f1)
start_tgtd
tgt_target 1 "$IQN" "$LU"

echo "BENCH many clients: each DHCP, iSCSI login, $LU_MB MiB read (sanread, SHA-256) over its own TAP, one bridge, one tgtd:"
for n in 1 4 16; do
	LWPXE_TIMEOUT=300 run_clients "$n" "c$n" "#!ipxe
dhcp
sanhook iscsi:10.99.0.1:::1:$IQN
sanread"
	# per client: its end (ms from the start) and its read's seconds
	for i in $(seq 0 $((n - 1))); do
		out=$TMP/c$n.$i.out
		grep -qxF "sha256 $LU_SHA" "$out" ||
			{ echo "bench: client $i of $n failed:"; cat "$out"; exit 1; }
		echo "$(cat "$TMP/c$n.$i.ms") $(sed -n 's/^read [0-9]* bytes in \([0-9.]*\) s .*/\1/p' "$out")"
	done > "$TMP/c$n.times"
	awk -v n="$n" -v mb="$LU_MB" '
		{ end = $1 / 1000; start = end - $2
		  if (NR == 1 || start < first) first = start
		  if (end > last) last = end }
		END { printf "  %2d client%s: aggregate %.1f MB/s, slowest client done after %.1f s\n",
			n, n == 1 ? " " : "s", n * mb * 1.048576 / (last - first), last }' "$TMP/c$n.times"
done
