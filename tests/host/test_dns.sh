#!/bin/sh
# DNS host tests: bin-x86_64-linux/lwpxe resolves names through lwIP's
# resolver against dnsmasq in the network namespace: the server from DHCP
# option 6, `set dns` overriding it, a CNAME chain, the search domain
# (option 15), `nslookup`, a tftp:// URI with a host name, and one line each
# for no such name, no DNS server and a server that never answers.
. "$(dirname "$0")/lib.sh"

ns_setup
root=$TMP/tftp
mkdir -p "$root"
head -c 3000 /dev/urandom > "$root/a.bin"
head -c 5000 /dev/urandom > "$root/b.bin"
chmod 755 "$TMP" "$root"
chmod 644 "$root"/*



# 1. A lease without option 6 (dnsmasq's DNS is off: --port=0).
start_dnsmasq
run_lwpxe nodns '#!ipxe
dhcp
isset ${dns} && echo lwpxe-has-dns || echo lwpxe-no-dns
nslookup x boot.lwpxe.test || echo lwpxe-nodns-branch' --net tap0
out=$TMP/nodns.out
expect "no option 6: no dns setting" "$out" "lwpxe-no-dns"
expect_branch "no DNS server: one line, then the || branch" "$out" \
	"nodns.ipxe:4: nslookup: cannot resolve boot.lwpxe.test: no DNS server" \
	lwpxe-nodns-branch
stop_dnsmasq
rm -f "$TMP/dnsmasq.log"

# 2. dnsmasq serves DNS (authoritative for lwpxe.test: --local gives
# NXDOMAIN for names it does not know), DHCP with option 6 and 15, TFTP.
# A second dnsmasq on 10.99.0.2 (a local address, reached through tap0)
# knows only other.lwpxe.test, for `set dns`.
DNS_PORT=53 start_dnsmasq --enable-tftp --tftp-root="$root" \
	--domain=lwpxe.test --local=/lwpxe.test/ --except-interface=lo \
	--host-record=boot.lwpxe.test,10.99.0.1 \
	--host-record=short.lwpxe.test,10.99.0.5 --log-queries \
	--cname=alias.lwpxe.test,boot.lwpxe.test \
	--cname=alias2.lwpxe.test,alias.lwpxe.test
in_ns ip addr add 10.99.0.2/32 dev lo
in_ns dnsmasq --keep-in-foreground --no-resolv --no-hosts --port=53 \
	--listen-address=10.99.0.2 --bind-interfaces --local=/lwpxe.test/ \
	--host-record=other.lwpxe.test,10.99.0.42 \
	--log-queries --log-facility="$TMP/dnsmasq2.log" &
host_pids="$host_pids $!"
wait_for_line "$TMP/dnsmasq2.log" "started" ||
	fail "second dnsmasq" "did not start" "$TMP/dnsmasq2.log"

run_lwpxe names '#!ipxe
dhcp
echo lwpxe-dns=${dns} lwpxe-domain=${domain}
nslookup a boot.lwpxe.test && echo lwpxe-a=${a}
nslookup c alias2.lwpxe.test && echo lwpxe-c=${c}
nslookup s short && echo lwpxe-s=${s}
nslookup n nosuch.lwpxe.test || echo lwpxe-nxdomain-branch
nslookup n2 nosuch || echo lwpxe-search-nxdomain-branch
imgfetch tftp://boot.lwpxe.test/a.bin
imgfetch tftp://boot/b.bin
sha256sum a.bin b.bin
imgfetch tftp://nosuch.lwpxe.test/a.bin || echo lwpxe-tftp-branch
nslookup o other.lwpxe.test || echo lwpxe-other-unknown
set dns 10.99.0.2
nslookup o other.lwpxe.test && echo lwpxe-o=${o}
set dns 10.99.0.77
nslookup q quiet.lwpxe.test || echo lwpxe-silent-branch
echo lwpxe-done' --net tap0
out=$TMP/names.out

[ "$status" = 0 ] && pass "names: exit status 0" || fail "names: exit status $status" "" "$out"
expect "option 6 and 15 from the lease" "$out" "lwpxe-dns=10.99.0.1 lwpxe-domain=lwpxe.test"
expect "nslookup: a name via the server from DHCP" "$out" "lwpxe-a=10.99.0.1"
expect "nslookup: a CNAME chain (alias2 -> alias -> boot)" "$out" "lwpxe-c=10.99.0.1"
expect "search domain: short is tried as short.lwpxe.test" "$out" "lwpxe-s=10.99.0.5"
if grep -q 'query\[A\] short\.lwpxe\.test from 10\.99\.0\.' "$TMP/dnsmasq.log" &&
	! grep -q 'query\[A\] short from' "$TMP/dnsmasq.log"; then
	pass "search domain: the server was asked for short.lwpxe.test only"
else
	fail "search domain" "dnsmasq's log does not show one query for short.lwpxe.test" "$TMP/dnsmasq.log"
fi
expect_branch "NXDOMAIN: one line, then the || branch" "$out" \
	"names.ipxe:7: nslookup: cannot resolve nosuch.lwpxe.test: no such name or no address (answer from 10.99.0.1)" \
	lwpxe-nxdomain-branch
expect_branch "search domain: a failing short name says both forms" "$out" \
	"names.ipxe:8: nslookup: cannot resolve nosuch (as nosuch.lwpxe.test and as written): no such name or no address (answer from 10.99.0.1)" \
	lwpxe-search-nxdomain-branch
for f in a.bin b.bin; do
	expect "tftp:// with a host name: $f as on the server" "$out" \
		"$(sha256sum "$root/$f" | cut -d' ' -f1)  $f"
done
expect_branch "tftp:// with an unknown name: one line naming it" "$out" \
	"names.ipxe:12: imgfetch: tftp://nosuch.lwpxe.test/a.bin: cannot resolve nosuch.lwpxe.test: no such name or no address (answer from 10.99.0.1)" \
	lwpxe-tftp-branch
expect "the DHCP server does not know other.lwpxe.test" "$out" "lwpxe-other-unknown"
expect "set dns: the next lookup asks 10.99.0.2" "$out" "lwpxe-o=10.99.0.42"
expect_branch "silent server: one line, then the || branch" "$out" \
	"names.ipxe:17: nslookup: cannot resolve quiet.lwpxe.test: no usable answer from 10.99.0.77" \
	lwpxe-silent-branch
expect "the script ran to its end" "$out" "lwpxe-done"

host_summary
