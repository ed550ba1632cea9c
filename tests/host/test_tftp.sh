#!/bin/sh
# TFTP and image host tests: bin-x86_64-linux/lwpxe on a TAP interface in a
# network namespace fetches files from dnsmasq's TFTP server with
# imgfetch/kernel, by URI and by a name relative to next-server; checks
# sizes and SHA-256 (imgstat, sha256sum), a script run by chain, and one
# line each for a missing file, a silent server, an unsupported scheme and
# an image the platform cannot start.  Then the options: 16 MiB through
# dnsmasq and tftpd-hpa in blocks larger than 1024 bytes (datagrams counted
# on tap0), through dnsmasq --tftp-no-blocksize in 512-byte ones, and
# through tftp_server.py for windowsize, a server that ignores options,
# ERROR 8, a lost and a duplicated block, DATA from a third address and
# port, datagrams too short for an opcode and a number, and a wrong tsize;
# 64 MiB figures with and without the options.
. "$(dirname "$0")/lib.sh"

ns_setup
root=$TMP/tftp
mkdir -p "$root"
opaque_file "$root/small.bin" 100000       # ends in a short block
opaque_file "$root/exact.bin" 10240       # 20 full blocks, then an empty one
opaque_file "$root/big.bin" 4194304
head -c 1048576 /dev/urandom > "$root/1m.bin"
head -c 16777216 /dev/urandom > "$root/16m.bin"
head -c 67108864 /dev/urandom > "$root/64m.bin"
printf '#!ipxe\necho chained-script-ran ${net0/ip}\nimgstat big.bin\n' > "$root/boot.ipxe"
# dnsmasq reads the files as nobody
chmod 755 "$TMP" "$root"
chmod 644 "$root"/*
start_dnsmasq --enable-tftp --tftp-root="$root" --dhcp-boot=small.bin,,10.99.0.1


sha() {
	sha256sum "$root/$1" | cut -d' ' -f1
}

# Frames sent to lwpxe on tap0 so far.
tx_frames() {
	in_ns cat /sys/class/net/tap0/statistics/tx_packets
}

# fetch_one NAME URI FILE: fetch URI in a run of its own and check it is
# FILE (its SHA-256); sets $frames (sent to lwpxe meanwhile) and $rate
# (MiB/s, from lwpxe's "ok, N bytes in T s (R MB/s)" line).
fetch_one() {
	fo_before=$(tx_frames)
	run_lwpxe "$1" "#!ipxe
dhcp
imgfetch $2
sha256sum ${2##*/}" --net tap0
	frames=$(( $(tx_frames) - fo_before ))
	expect "$1: $3 through $2, SHA-256 as on the server" "$TMP/$1.out" \
		"$(sha "$3")  ${2##*/}"
	rate=$(sed -n "s|^$2: ok, \([0-9]*\) bytes in \([0-9.]*\) s ([0-9]* MB/s)\$|\1 \2|p" "$TMP/$1.out" |
		awk '$2 > 0 { printf "%.1f", $1 / 1048576 / $2 }')
}

# frames_between NAME LOW HIGH: pass if LOW <= $frames < HIGH.
frames_between() {
	if [ "$frames" -ge "$2" ] && [ "$frames" -lt "$3" ]; then
		pass "$1 ($frames frames)"
	else
		fail "$1" "$frames frames sent to lwpxe, expected $2 to $(( $3 - 1 ))"
	fi
}

run_lwpxe fetch '#!ipxe
dhcp
imgfetch tftp://10.99.0.1/small.bin
imgfetch exact.bin
kernel tftp://10.99.0.1/big.bin console=ttyS0 quiet
imgstat
sha256sum small.bin exact.bin big.bin
imgfetch tftp://10.99.0.1/missing.bin || echo lwpxe-missing-refused ${errno}
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
grep -q '^tftp://10\.99\.0\.1/exact\.bin: ok, 10240 bytes in [0-9.]* s ([0-9]* MB/s)$' "$out" &&
	pass "relative name resolved against next-server" ||
	fail "relative name" "no 'tftp://10.99.0.1/exact.bin: ok, 10240 bytes in' line" "$out"
expect_branch "missing file: one line, then the || branch, \${errno} iPXE's TFTP ENOENT" "$out" \
	'fetch.ipxe:8: imgfetch: tftp://10.99.0.1/missing.bin: file not found' 'lwpxe-missing-refused 0x2d12603b'
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
expect_branch "boot of an unknown format: one line" "$out" 'fetch.ipxe:13: boot: big.bin: not an image linux can start (it starts: script, zlib, gzip)' lwpxe-boot-refused
expect "script ran to the end" "$out" "lwpxe-done"
t=$(sed -n 's|^tftp://10.99.0.1/big.bin: ok, 4194304 bytes in \([0-9.]*\) s (.*)$|\1|p' "$out")
echo "FIGURE tftp: 4 MiB over TAP in ${t:-?} s (dnsmasq, blksize 1468)"

# A server that never answers: one line after the retries.
run_lwpxe silent '#!ipxe
dhcp
imgfetch tftp://10.99.0.1:6969/small.bin || echo silent-failed ${errno}' --net tap0
expect_branch "silent server: one line after 5 requests, \${errno} iPXE's TFTP ETIMEDOUT" "$TMP/silent.out" \
	'silent.ipxe:3: imgfetch: tftp://10.99.0.1:6969/small.bin: no answer from 10.99.0.1 after 5 requests (Connection timed out)' \
	'silent-failed 0x4c126035'

# No interface up: no route.
run_lwpxe noroute '#!ipxe
imgfetch tftp://10.99.0.1/small.bin' --net tap0
if [ "$status" != 0 ] && strip "$TMP/noroute.out" | grep -qxF 'noroute.ipxe:2: imgfetch: tftp://10.99.0.1/small.bin: Network is unreachable'; then
	pass "no interface up: one line"
else
	fail "no interface up" "status $status" "$TMP/noroute.out"
fi

# --- Options (RFC 2347-2349, 7440) ------------------------------------------

# dnsmasq takes blksize and tsize: 1468-byte blocks on a 1500-byte MTU, so
# 16 MiB is 11,429 DATA frames (32,768 at 512 bytes; some slack for ARP).
fetch_one dnsmasq16 tftp://10.99.0.1/16m.bin 16m.bin
frames_between "dnsmasq: blocks larger than 1024 bytes" 11429 16384
fetch_one dnsmasq64 tftp://10.99.0.1/64m.bin 64m.bin
rate_blksize=$rate

# tftpd-hpa, in the foreground on a port of its own, chrooted to the files.
in_ns in.tftpd -L -a 10.99.0.1:7069 -s "$root" > "$TMP/tftpd.log" 2>&1 &
host_pids="$host_pids $!"
for _ in $(seq 600); do
	in_ns ss -lun | grep -q '10\.99\.0\.1:7069' && break
	sleep 0.1
done
fetch_one tftpd16 tftp://10.99.0.1:7069/16m.bin 16m.bin
frames_between "tftpd-hpa: blocks larger than 1024 bytes" 11429 16384

# A server that ignores blksize (it still answers tsize): 512-byte blocks.
stop_dnsmasq
rm -f "$TMP/dnsmasq.log"
start_dnsmasq --enable-tftp --tftp-root="$root" --tftp-no-blocksize
fetch_one noblksize16 tftp://10.99.0.1/16m.bin 16m.bin
frames_between "dnsmasq --tftp-no-blocksize: 512-byte blocks" 32768 33000
fetch_one noblksize64 tftp://10.99.0.1/64m.bin 64m.bin
rate_plain=$rate

# tftp_server.py on 10.99.0.1:6970, intruding from 10.99.0.2 too.
in_ns ip addr add 10.99.0.2/24 dev tap0
in_ns python3 "$(dirname "$0")/tftp_server.py" --addr 10.99.0.1 --port 6970 \
	--root "$root" --log "$TMP/pytftp.log" --third 10.99.0.2 &
host_pids="$host_pids $!"
wait_for_line "$TMP/pytftp.log" "^listening" || fail "tftp_server.py started" "no 'listening' line"
py=tftp://10.99.0.1:6970
run_lwpxe pyopts "#!ipxe
dhcp
imgfetch $py/win-16m.bin
imgfetch $py/plain-1m.bin
imgfetch $py/err8-1m.bin
imgfetch $py/lose-1m.bin
imgfetch $py/dup-1m.bin
imgfetch $py/stranger-1m.bin
sha256sum win-16m.bin plain-1m.bin err8-1m.bin lose-1m.bin dup-1m.bin stranger-1m.bin
imgfetch $py/lie-1m.bin || echo lwpxe-lie-refused
echo lwpxe-done" --net tap0
out=$TMP/pyopts.out
log=$TMP/pytftp.log
expect "windowsize: 16 MiB, SHA-256 as on the server" "$out" "$(sha 16m.bin)  win-16m.bin"
expect "windowsize: asked blksize 1468, tsize 0, windowsize 8" "$log" \
	"RRQ win-16m.bin blksize=1468 tsize=0 windowsize=8"
expect "windowsize: agreed and acknowledged" "$log" "done win-16m.bin ok"
for b in plain err8 lose dup stranger; do
	expect "$b: SHA-256 as on the server" "$out" "$(sha 1m.bin)  $b-1m.bin"
	expect "$b: the server saw the last ACK" "$log" "done $b-1m.bin ok"
done
expect "server ignoring options: it was asked for them" "$log" \
	"RRQ plain-1m.bin blksize=1468 tsize=0 windowsize=8"
grep -qx 'OACK .*' "$log" && ! grep -A1 -x 'RRQ plain-1m.bin .*' "$log" | grep -q '^OACK' &&
	pass "server ignoring options: plain transfer (DATA 1 answered the request)" ||
	fail "server ignoring options" "an OACK for plain-1m.bin" "$log"
grep -A2 -x 'RRQ err8-1m.bin blksize=1468 tsize=0 windowsize=8' "$log" | tail -2 |
	tr '\n' '|' | grep -qx 'ERROR 8 to options|RRQ err8-1m.bin |' &&
	pass "ERROR 8: the request repeated without options" ||
	fail "ERROR 8" "no 'RRQ err8-1m.bin' without options after ERROR 8" "$log"
expect "lost block: the server dropped block 5" "$log" "lost block 5"
expect "lost block: lwpxe re-ACKed block 4, the server resent from 5" "$log" "resend from block 5"
expect "duplicate block sent" "$log" "sent block 7 twice"
for who in 10.99.0.1 10.99.0.2; do
	grep -q "^stranger $who:[0-9]* sent DATA 10$" "$log" &&
		grep -q "^stranger $who:[0-9]* got ERROR 5$" "$log" &&
		pass "DATA and ERROR from a stranger ($who, another port): ERROR 5 back, file intact" ||
		fail "DATA from a stranger ($who)" "no 'sent DATA 10' and 'got ERROR 5'" "$log"
done
expect "datagrams of 0 to 3 bytes from the server's port: ignored, file intact" "$log" \
	"sent datagrams of 0 to 3 bytes"
expect_branch "wrong tsize: one line" "$out" "pyopts.ipxe:10: imgfetch: $py/lie-1m.bin: got 1048576 bytes, the server announced 1048577 (tsize)" lwpxe-lie-refused
expect "options script ran to the end" "$out" "lwpxe-done"
fetch_one win64 $py/win-64m.bin 64m.bin
echo "FIGURE tftp: 64 MiB over TAP: ${rate_plain:-?} MiB/s in 512-byte blocks (dnsmasq --tftp-no-blocksize), ${rate_blksize:-?} MiB/s with blksize 1468 (dnsmasq), ${rate:-?} MiB/s with blksize 1468 + windowsize 8 (tftp_server.py)"

host_summary
