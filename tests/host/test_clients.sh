#!/bin/sh
# Many clients at once: CLIENTS (16) lwpxe processes on as many TAPs
# bridged in one namespace boot against one dnsmasq, with its default
# ping of each address before offering it (about 3 s an address, so a
# room of clients booting together waits on it), and one tgtd: every
# client gets a lease of its own and reads the whole LU right (SHA-256).
. "$(dirname "$0")/lib.sh"

N=${CLIENTS:-16}
IQN=iqn.2026-12.org.lwpxe:many
LU=$TMP/lu.img
LU_MB=16

ns_setup_bridge "$N"
DNSMASQ_IF=br0 DNSMASQ_NO_PING='' start_dnsmasq
head -c $((LU_MB * 1048576)) /dev/urandom > "$LU"
LU_SHA=$(sha256sum "$LU" | cut -d' ' -f1)
start_tgtd
tgt_target 1 "$IQN" "$LU"

LWPXE_TIMEOUT=150 run_clients "$N" boot "#!ipxe
dhcp
echo lease \${net0/ip}
sanhook iscsi:10.99.0.1:::1:$IQN
sanread"

ok=0 read=0 slowest=0 retries=0
: > "$TMP/leases.got"
for i in $(seq 0 $((N - 1))); do
	out=$TMP/boot.$i.out
	[ "$(cat "$TMP/boot.$i.rc")" = 0 ] && ok=$((ok + 1))
	grep -qxF "sha256 $LU_SHA" "$out" && read=$((read + 1))
	sed -n 's/^lease //p' "$out" >> "$TMP/leases.got"
	retries=$((retries + $(grep -c '^DHCP on net0: no offer yet; DISCOVER again' "$out" || true)))
	ms=$(cat "$TMP/boot.$i.ms")
	[ "$ms" -gt "$slowest" ] && slowest=$ms
done
leases=$(grep -c '^10\.99\.0\.1[0-5][0-9]$' "$TMP/leases.got" || true)
distinct=$(sort -u "$TMP/leases.got" | grep -c . || true)
echo "FIGURE clients: $N at once, slowest done after $((slowest / 1000)).$((slowest % 1000 / 100)) s, $retries DISCOVERs sent again in all"
if [ "$ok" = "$N" ] && [ "$leases" = "$N" ] && [ "$distinct" = "$N" ]; then
	pass "$N clients: every one got a lease, all $N distinct"
else
	for i in $(seq 0 $((N - 1))); do
		[ "$(cat "$TMP/boot.$i.rc")" = 0 ] || fail "client $i" "status $(cat "$TMP/boot.$i.rc")" "$TMP/boot.$i.out"
	done
	fail "$N clients: leases" "$ok ended well, $leases leases, $distinct distinct" "$TMP/leases.got"
fi
if [ "$read" = "$N" ]; then
	pass "$N clients: every one read the $LU_MB MiB LU right (SHA-256)"
else
	fail "$N clients: reads" "$read of $N read the LU right"
fi

host_summary
