#!/bin/sh
# SAN boot over HTTP host tests: bin-x86_64-linux/lwpxe hooks files that
# nginx (Debian's nginx-light) serves as read-only disks read with Range
# requests: a whole disk's and a few ranges' SHA-256, all over one kept
# connection (nginx's log); an ISO 9660 image (xorriso) in 2048-byte
# blocks; a file whose size is not a multiple of 512 (the last block
# padded with zeros); HTTPS (--trust ca.pem); a second path when the first
# refuses; no iBFT for an HTTP disk; one line each for a 404, a server that
# ignores Range (Python's http.server) and nginx stopped mid-read (bounded
# by san-retries, no hang).
. "$(dirname "$0")/lib.sh"

ns_setup
www=$TMP/www
PKI=$TMP/pki
mkdir -p "$www/slow" "$PKI" "$TMP/iso"
head -c 33554432 /dev/urandom > "$www/disk.img"
head -c 1000037 /dev/urandom > "$www/odd.img"
head -c 33554432 /dev/urandom > "$www/slow/stop.img"
head -c 3000000 /dev/urandom > "$TMP/iso/payload.bin"
echo "lwpxe SAN over HTTP" > "$TMP/iso/readme.txt"
xorriso -as mkisofs -quiet -V LWPXE_TEST -o "$www/media.iso" "$TMP/iso" 2>/dev/null
mkcert ca "lwpxe SAN test CA" - rsa:2048
mkcert server "10.99.0.1" ca rsa:2048

# sha FILE: its SHA-256
sha() {
	sha256sum "$1" | cut -d' ' -f1
}
# part_sha FILE OFFSET LENGTH: SHA-256 of LENGTH bytes at OFFSET of FILE,
# zeros past its end (a disk's last partial block)
part_sha() {
	{ tail -c +$(($2 + 1)) "$1" | head -c "$3"; head -c "$3" /dev/zero; } |
		head -c "$3" | sha256sum | cut -d' ' -f1
}
# refused NAME OUT LINE: OUT has LINE, then the || branch's lwpxe-*-refused
refused() {
	if strip "$2" | grep -A1 -xF -- "$3" | tail -1 | grep -q '^lwpxe-.*-refused$'; then
		pass "$1"
	else
		fail "$1" "no line '$3' followed by the || branch" "$2"
	fi
}

start_nginx "$www" "location /slow/ { limit_rate 1m; }" "
	server {
		listen 10.99.0.1:443 ssl;
		root $www;
		access_log $TMP/nginx-tls.log conn;
		ssl_certificate $PKI/server.pem;
		ssl_certificate_key $PKI/server.key;
	}"
in_ns python3 -m http.server --bind 10.99.0.1 --directory "$www" 8081 > "$TMP/pyhttp.log" 2>&1 &
host_pids="$host_pids $!"
for _ in $(seq 600); do
	in_ns curl -s -o /dev/null http://10.99.0.1:8081/ && break
	sleep 0.1
done
start_dnsmasq

# 1. A disk image: the whole disk and ranges, one connection, no iBFT.
run_lwpxe disk '#!ipxe
dhcp
sanhook http://10.99.0.1/disk.img
sanread
sanread --start 0 --count 1
sanread --start 12345 --count 100
sanread --start 65535 --count 1
sanread --start 65535 --count 2 || echo lwpxe-beyond-refused
ibft || echo lwpxe-noibft-refused
echo lwpxe-done' --net tap0 --ibft-out "$TMP/ibft.bin"
out=$TMP/disk.out
img=$www/disk.img
[ "$status" = 0 ] && pass "disk: exit status 0" || fail "disk: exit status $status" "" "$out"
expect "disk: registered read-only, 65536 blocks of 512 bytes" "$out" \
	"Registered SAN drive 0x80: http://10.99.0.1/disk.img, read-only (65536 blocks of 512 bytes)"
expect "disk: whole disk, SHA-256 as the file's" "$out" "sha256 $(sha "$img")"
grep -q '^read 33554432 bytes in' "$out" && pass "disk: sanread covers the whole file" ||
	fail "disk: read size" "no 'read 33554432 bytes' line" "$out"
expect "disk: block 0" "$out" "sha256 $(part_sha "$img" 0 512)"
expect "disk: blocks 12345+100" "$out" "sha256 $(part_sha "$img" $((12345 * 512)) 51200)"
expect "disk: the last block" "$out" "sha256 $(part_sha "$img" $((65535 * 512)) 512)"
refused "disk: beyond the end, one line" "$out" \
	"disk.ipxe:8: sanread: drive 0x80: blocks 65535+2 lie beyond the end (65536 blocks)"
expect "disk: sanhook says the HTTP disk is not in the iBFT" "$out" \
	"san: drive 0x80: not in the iBFT (not an iSCSI target)"
refused "disk: ibft says there is nothing to describe" "$out" \
	"disk.ipxe:9: ibft: no table installed (no iSCSI drive to describe)"
[ ! -e "$TMP/ibft.bin" ] && pass "disk: --ibft-out: no table written" ||
	fail "disk: --ibft-out" "a table was written for an HTTP disk" "$out"
expect "disk: script ran to the end" "$out" "lwpxe-done"
# every request for disk.img (the HEAD and the GETs) on one connection
n=$(awk '$4 == "/disk.img" && $5 == 206' "$TMP/nginx-access.log" | wc -l)
conns=$(awk '$4 == "/disk.img" { print $1 }' "$TMP/nginx-access.log" | sort -u | wc -l)
if [ "$n" -ge 256 ] && [ "$conns" = 1 ]; then
	pass "keep-alive: the HEAD and $n Range requests on one connection (nginx's log)"
else
	fail "keep-alive" "$n Range requests on $conns connections" "$TMP/nginx-access.log"
fi

# 2. An ISO 9660 image in 2048-byte blocks, a size not a multiple of 512,
# sanboot (which a Linux process only describes), a second path.
iso=$www/media.iso
iso_blocks=$(( $(stat -c %s "$iso") / 2048 ))
run_lwpxe media '#!ipxe
dhcp
sanhook http://10.99.0.1/media.iso
sanread
sanread --start 16 --count 1
sanhook http://10.99.0.1/odd.img
sanread --drive 0x81
sanread --drive 0x81 --start 1953 --count 1
sanboot --drive 0x82 http://10.99.0.1:81/disk.img http://10.99.0.1/disk.img
echo lwpxe-done' --net tap0
out=$TMP/media.out
[ "$status" = 0 ] && pass "media: exit status 0" || fail "media: exit status $status" "" "$out"
expect "iso: 2048-byte blocks" "$out" \
	"Registered SAN drive 0x80: http://10.99.0.1/media.iso, read-only ($iso_blocks blocks of 2048 bytes)"
expect "iso: whole image, SHA-256 as the file's" "$out" "sha256 $(sha "$iso")"
expect "iso: block 16, the primary volume descriptor" "$out" "sha256 $(part_sha "$iso" 32768 2048)"
[ "$(tail -c +32770 "$iso" | head -c 5)" = CD001 ] && pass "iso: block 16 is an ISO 9660 volume descriptor" ||
	fail "iso: xorriso's image" "no CD001 at block 16" "$out"
expect "odd size: 1000037 bytes are 1954 blocks" "$out" \
	"Registered SAN drive 0x81: http://10.99.0.1/odd.img, read-only (1954 blocks of 512 bytes)"
expect "odd size: whole disk = the file and zeros to the block boundary" "$out" \
	"sha256 $(part_sha "$www/odd.img" 0 1000448)"
expect "odd size: last block, 101 bytes and 411 zeros" "$out" \
	"sha256 $(part_sha "$www/odd.img" 999936 512)"
strip "$out" | grep -qxF "media.ipxe:9: http://10.99.0.1:81/disk.img: connection refused" &&
	pass "multipath: the refusing first path named" ||
	fail "multipath: the refusing first path" "no line naming it" "$out"
expect "multipath: the second path opened" "$out" \
	"Registered SAN drive 0x82: http://10.99.0.1/disk.img, read-only (65536 blocks of 512 bytes)"
grep -q '^sanboot: drive 0x82 described' "$out" && pass "sanboot: an HTTP disk" ||
	fail "sanboot" "no 'sanboot: drive 0x82 described' line" "$out"
expect "media: script ran to the end" "$out" "lwpxe-done"

# 3. HTTPS.
run_lwpxe tls '#!ipxe
dhcp
sanhook https://10.99.0.1/disk.img
sanread
sanread --start 4096 --count 300' --net tap0 --trust "$PKI/ca.pem"
out=$TMP/tls.out
[ "$status" = 0 ] && pass "https: exit status 0" || fail "https: exit status $status" "" "$out"
expect "https: whole disk, SHA-256 as the file's" "$out" "sha256 $(sha "$img")"
expect "https: blocks 4096+300" "$out" "sha256 $(part_sha "$img" $((4096 * 512)) 153600)"
conns=$(awk '$4 == "/disk.img" { print $1 }' "$TMP/nginx-tls.log" | sort -u | wc -l)
[ "$conns" = 1 ] && pass "https: one TLS connection for every read" ||
	fail "https: keep-alive" "$conns connections" "$TMP/nginx-tls.log"

# 4. Refusals: one line each.
run_lwpxe bad '#!ipxe
dhcp
sanhook http://10.99.0.1/missing.img || echo lwpxe-404-refused
sanhook http://10.99.0.1:8081/disk.img || echo lwpxe-norange-refused
sanhook http://10.99.0.1:81/disk.img || echo lwpxe-closed-refused
echo lwpxe-done' --net tap0
out=$TMP/bad.out
refused "404: one line" "$out" "bad.ipxe:3: http://10.99.0.1/missing.img: 404 Not Found"
refused "server ignoring Range (python http.server): one line" "$out" \
	"bad.ipxe:4: http://10.99.0.1:8081/disk.img: the server does not support Range requests (200 to a Range request)"
refused "no server: one line" "$out" "bad.ipxe:5: http://10.99.0.1:81/disk.img: connection refused"
grep -q '^Registered' "$out" && fail "refusals" "a drive was registered" "$out" ||
	pass "refusals: nothing registered"
expect "refusals: script ran to the end" "$out" "lwpxe-done"

# 5. nginx stopped mid-read (slow/ is rate-limited): reconnects bounded
# by san-retries, then one line naming the URI and the cause; no hang.
t0=$(date +%s)
(
	run_lwpxe stop '#!ipxe
dhcp
set san-retries 2
sanhook http://10.99.0.1/slow/stop.img
sanread || echo lwpxe-stop-refused
echo lwpxe-done' --net tap0
	echo "$status" > "$TMP/stop.status"
) &
reader=$!
deadline=$(( $(date +%s) + 30 ))
until [ "$(grep -c ' /slow/stop.img 206$' "$TMP/nginx-access.log")" -ge 3 ] ||
	[ "$(date +%s)" -ge "$deadline" ]; do
	sleep 0.1
done
kill -TERM "$(cat "$TMP/nginx.pid")"
wait "$reader" || true
t1=$(date +%s)
out=$TMP/stop.out
st=$(cat "$TMP/stop.status" 2>/dev/null || echo none)
if [ "$st" = 0 ] && [ $((t1 - t0)) -lt 45 ]; then
	pass "stopped server: lwpxe finished (no hang)"
else
	fail "stopped server" "status $st after $((t1 - t0)) s" "$out"
fi
expect "stopped server: reconnect 2 of 2 (san-retries)" "$out" \
	"http://10.99.0.1/slow/stop.img: connection refused; reconnecting (2/2)"
if grep -q '^http://10\.99\.0\.1/slow/stop\.img: read of [0-9]* blocks at [0-9]* failed: connection refused$' "$out" &&
	strip "$out" | grep -A1 '^stop.ipxe:5: sanread: drive 0x80 (http://10.99.0.1/slow/stop.img): read failed at block [0-9]*: ' |
	tail -1 | grep -qx lwpxe-stop-refused; then
	pass "stopped server: one line naming the URI and the cause"
else
	fail "stopped server" "no failure line" "$out"
fi
grep -q 'reconnecting (3/' "$out" && fail "stopped server" "more reconnects than san-retries" "$out" ||
	pass "stopped server: no more than san-retries reconnects"

host_summary
