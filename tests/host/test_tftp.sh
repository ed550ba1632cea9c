#!/bin/sh
# TFTP and image host tests: bin-x86_64-linux/lwpxe on a TAP interface in a
# network namespace fetches files from dnsmasq's TFTP server with
# imgfetch/kernel (lwIP's TFTP client), by URI and by a name relative to
# next-server; checks sizes and SHA-256 (imgstat, sha256sum), a script run
# by chain, and one line each for a missing file, a silent server, an
# unsupported scheme and an image the platform cannot start.
. "$(dirname "$0")/lib.sh"

ns_setup
root=$TMP/tftp
mkdir -p "$root"
head -c 100000 /dev/urandom > "$root/small.bin"       # ends in a short block
head -c 10240 /dev/urandom > "$root/exact.bin"        # 20 full blocks, then an empty one
head -c 4194304 /dev/urandom > "$root/big.bin"
printf '#!ipxe\necho chained-script-ran ${net0/ip}\nimgstat big.bin\n' > "$root/boot.ipxe"
# dnsmasq reads the files as nobody
chmod 755 "$TMP" "$root"
chmod 644 "$root"/*
start_dnsmasq --enable-tftp --tftp-root="$root" --dhcp-boot=small.bin,,10.99.0.1

# strip: OUT without the scratch folder in script names ("fetch.ipxe:8: ...").
strip() {
	sed "s|^$TMP/||" "$1"
}

sha() {
	sha256sum "$root/$1" | cut -d' ' -f1
}

run_lwpxe fetch '#!ipxe
dhcp
imgfetch tftp://10.99.0.1/small.bin
imgfetch exact.bin
kernel tftp://10.99.0.1/big.bin console=ttyS0 quiet
imgstat
sha256sum small.bin exact.bin big.bin
imgfetch tftp://10.99.0.1/missing.bin || echo lwpxe-missing-refused
imgfetch ftp://10.99.0.1/small.bin || echo lwpxe-http-refused
imgfree small.bin
imgstat small.bin || echo lwpxe-small-freed
chain tftp://10.99.0.1/boot.ipxe
boot || echo lwpxe-boot-refused
echo lwpxe-done' --net tap0
out=$TMP/fetch.out

[ "$status" = 0 ] && pass "fetch: exit status 0" || fail "fetch: exit status $status" "" "$out"
expect "imgstat: small.bin, 100000 bytes" "$out" "small.bin: 100000 bytes [unknown format]"
expect "imgstat: exact.bin (next-server + relative name), 10240 bytes" "$out" \
	"exact.bin: 10240 bytes [unknown format]"
expect "imgstat: big.bin selected by kernel, with its command line" "$out" \
	'big.bin: 4194304 bytes [unknown format] [selected] "console=ttyS0 quiet"'
for f in small.bin exact.bin big.bin; do
	expect "sha256sum: $f as on the server" "$out" "$(sha "$f")  $f"
done
grep -q '^tftp://10\.99\.0\.1/exact\.bin: 10240 bytes in [0-9.]* s$' "$out" &&
	pass "relative name resolved against next-server" ||
	fail "relative name" "no 'tftp://10.99.0.1/exact.bin: 10240 bytes in' line" "$out"
if strip "$out" | grep -A1 -xF 'fetch.ipxe:8: imgfetch: tftp://10.99.0.1/missing.bin: file not found' |
	tail -1 | grep -qx lwpxe-missing-refused; then
	pass "missing file: one line, then the || branch"
else
	fail "missing file" "no 'imgfetch: tftp://10.99.0.1/missing.bin: file not found' line" "$out"
fi
if strip "$out" | grep -A1 -x 'fetch\.ipxe:9: imgfetch: ftp://10\.99\.0\.1/small\.bin: ftp:// is not supported (supported: .*tftp://.*)' |
	tail -1 | grep -qx lwpxe-http-refused; then
	pass "unsupported scheme: one line"
else
	fail "unsupported scheme" "no 'ftp:// is not supported' line" "$out"
fi
expect "imgfree: small.bin is gone" "$out" "lwpxe-small-freed"
grep -qx 'chained-script-ran 10\.99\.0\.[0-9]*' "$out" &&
	pass "chain: a fetched script runs and expands settings" ||
	fail "chain: a fetched script runs" "no 'chained-script-ran 10.99.0.N' line" "$out"
if strip "$out" | grep -A1 -xF 'fetch.ipxe:13: boot: big.bin: not an image linux can start (it starts: script)' |
	tail -1 | grep -qx lwpxe-boot-refused; then
	pass "boot of an unknown format: one line"
else
	fail "boot of an unknown format" "no 'not an image linux can start' line" "$out"
fi
expect "script ran to the end" "$out" "lwpxe-done"
t=$(sed -n 's|^tftp://10.99.0.1/big.bin: 4194304 bytes in \(.*\) s$|\1|p' "$out")
echo "FIGURE tftp: 4 MiB over TAP in ${t:-?} s (512-byte blocks)"

# A server that never answers: one line after the retries.
run_lwpxe silent '#!ipxe
dhcp
imgfetch tftp://10.99.0.1:6969/small.bin' --net tap0
if [ "$status" != 0 ] && strip "$TMP/silent.out" | grep -qxF 'silent.ipxe:3: imgfetch: tftp://10.99.0.1:6969/small.bin: no answer from 10.99.0.1 after 5 requests (Connection timed out)'; then
	pass "silent server: one line after 5 requests"
else
	fail "silent server" "status $status" "$TMP/silent.out"
fi

# No interface up: no route.
run_lwpxe noroute '#!ipxe
imgfetch tftp://10.99.0.1/small.bin' --net tap0
if [ "$status" != 0 ] && strip "$TMP/noroute.out" | grep -qxF 'noroute.ipxe:2: imgfetch: tftp://10.99.0.1/small.bin: Network is unreachable'; then
	pass "no interface up: one line"
else
	fail "no interface up" "status $status" "$TMP/noroute.out"
fi

host_summary
