#!/bin/sh
# HTTP host tests: bin-x86_64-linux/lwpxe on a TAP interface fetches from
# nginx (Debian's nginx-light) and from tests/host/http_odd.py (responses
# nginx cannot give) in a network namespace: a 256 MiB file's SHA-256,
# redirects, keep-alive reuse seen in nginx's log, Basic and Digest
# authentication, one line each for a 404, a stall, a truncated body, a
# malformed head and a redirect loop, relative names in a fetched script.
. "$(dirname "$0")/lib.sh"

ns_setup
www=$TMP/www
mkdir -p "$www/files" "$www/secret" "$www/scripts"
head -c 268435456 /dev/urandom > "$www/files/big.bin"
head -c 100000 /dev/urandom > "$www/files/small.bin"
head -c 70000 /dev/urandom > "$www/secret/key.bin"
opaque_file "$www/scripts/rel.bin" 3000
printf '#!ipxe\necho script-over-http-ran\nimgfetch rel.bin\nimgstat rel.bin\n' > "$www/scripts/boot.ipxe"
printf 'lwpxe:%s\n' "$(openssl passwd -apr1 'basic pass')" > "$TMP/htpasswd"
sha() {
	sha256sum "$www/$1" | cut -d' ' -f1
}


start_nginx "$www" "
		location /secret/ {
			auth_basic lwpxe;
			auth_basic_user_file $TMP/htpasswd;
		}
		location = /abs { return 302 http://10.99.0.1/files/small.bin; }
		location = /rel { absolute_redirect off; return 301 files/small.bin; }"
ODD_PORT=8080
start_responder http_odd.py "$ODD_PORT" odd
start_dnsmasq

run_lwpxe get '#!ipxe
dhcp
imgfetch http://10.99.0.1/files/big.bin
imgfetch http://10.99.0.1/files/small.bin
sha256sum big.bin small.bin
imgfree
imgfetch --name abs.bin http://10.99.0.1/abs
imgfetch --name rel.bin http://10.99.0.1/rel
sha256sum abs.bin rel.bin
imgfetch http://10.99.0.1/files/missing.bin || echo lwpxe-404-refused
imgstat missing.bin || echo lwpxe-nothing-registered
imgfetch http://10.99.0.1:8080/chunked
sha256sum chunked
chain http://10.99.0.1/scripts/boot.ipxe
echo lwpxe-done' --net tap0
out=$TMP/get.out
[ "$status" = 0 ] && pass "get: exit status 0" || fail "get: exit status $status" "" "$out"
expect "256 MiB file: SHA-256 as on the server" "$out" "$(sha files/big.bin)  big.bin"
expect "small file: SHA-256 as on the server" "$out" "$(sha files/small.bin)  small.bin"
expect "absolute redirect (302) followed" "$out" "$(sha files/small.bin)  abs.bin"
expect "relative redirect (301) followed" "$out" "$(sha files/small.bin)  rel.bin"
expect_branch "404: one line, then the || branch" "$out" 'get.ipxe:10: imgfetch: http://10.99.0.1/files/missing.bin: 404 Not Found' lwpxe-404-refused
expect "404: nothing registered" "$out" "lwpxe-nothing-registered"
chunked_sha=$(sed -n 's/^chunked-sha256 //p' "$TMP/odd.log")
expect "chunked body with odd sizes, extensions and a trailer" "$out" "$chunked_sha  chunked"
expect "script fetched over HTTP runs" "$out" "script-over-http-ran"
expect "relative name in a fetched script resolved against its URI" "$out" \
	"rel.bin: 3000 bytes [unknown format]"
grep -q ' GET /scripts/rel.bin 200$' "$TMP/nginx-access.log" &&
	pass "nginx saw /scripts/rel.bin" || fail "relative name" "not in nginx's log" "$TMP/nginx-access.log"
# big.bin and small.bin were asked for on one connection, one after the other
conn=$(awk '$4 == "/files/big.bin" { print $1 }' "$TMP/nginx-access.log" | head -1)
if awk -v c="$conn" '$1 == c && $2 == 2 && $4 == "/files/small.bin"' "$TMP/nginx-access.log" | grep -q .; then
	pass "keep-alive: the second fetch reused the connection (nginx's log)"
else
	fail "keep-alive" "small.bin not request 2 of connection $conn" "$TMP/nginx-access.log"
fi
expect "script ran to the end" "$out" "lwpxe-done"

# Authentication: Basic from nginx (userinfo, then the settings), Digest
# (MD5 and SHA-256, qop=auth) from http_odd.py; a 401 without credentials.
run_lwpxe auth '#!ipxe
dhcp
imgfetch --name nocred.bin http://10.99.0.1/secret/key.bin || echo lwpxe-401-refused
imgfetch --name uri.bin http://lwpxe:basic%20pass@10.99.0.1/secret/key.bin
set username lwpxe
set password basic pass
imgfetch --name set.bin http://10.99.0.1/secret/key.bin
set username digestuser
set password digest pass
imgfetch --name md5 http://10.99.0.1:8080/digest-md5
imgfetch --name sha http://10.99.0.1:8080/digest-sha256
sha256sum uri.bin set.bin md5 sha
echo lwpxe-done' --net tap0
out=$TMP/auth.out
expect_branch "401 without credentials: one line" "$out" 'auth.ipxe:3: imgfetch: http://10.99.0.1/secret/key.bin: 401 Unauthorized' lwpxe-401-refused
expect "Basic with the URI's userinfo" "$out" "$(sha secret/key.bin)  uri.bin"
expect "Basic with the username/password settings" "$out" "$(sha secret/key.bin)  set.bin"
expect "Digest MD5 (qop=auth)" "$out" "$(printf 'digest-ok MD5\n' | sha256sum | cut -d' ' -f1)  md5"
expect "Digest SHA-256 (qop=auth)" "$out" "$(printf 'digest-ok SHA-256\n' | sha256sum | cut -d' ' -f1)  sha"

# Ranged reads (Range requests over one kept connection) and sizes (HEAD).
run_lwpxe range '#!ipxe
dhcp
httprange http://10.99.0.1/files/big.bin 0 512
httprange http://10.99.0.1/files/big.bin 268435455 1
httprange http://10.99.0.1/files/big.bin 123456789 1048576
httprange http://10.99.0.1/rel 99000 1000
httprange http://10.99.0.1:8080/chunked 0 10 || echo lwpxe-norange-refused
echo lwpxe-done' --net tap0
out=$TMP/range.out
# range_sha OFFSET LENGTH: SHA-256 of that range of big.bin
range_sha() {
	tail -c +$(($1 + 1)) "$www/files/big.bin" | head -c "$2" | sha256sum | cut -d' ' -f1
}
expect "range: the first sector" "$out" \
	"http://10.99.0.1/files/big.bin: 268435456 bytes; bytes 0-511 sha256 $(range_sha 0 512)"
expect "range: the last byte" "$out" \
	"http://10.99.0.1/files/big.bin: 268435456 bytes; bytes 268435455-268435455 sha256 $(range_sha 268435455 1)"
expect "range: 1 MiB in the middle" "$out" \
	"http://10.99.0.1/files/big.bin: 268435456 bytes; bytes 123456789-124505364 sha256 $(range_sha 123456789 1048576)"
expect "range: through a redirect" "$out" \
	"http://10.99.0.1/rel: 100000 bytes; bytes 99000-99999 sha256 $(tail -c 1000 "$www/files/small.bin" | sha256sum | cut -d' ' -f1)"
n=$(awk '$3 == "GET" && $4 == "/files/big.bin" && $5 == 206 { print $1 }' "$TMP/nginx-access.log" | sort -u | wc -l)
[ "$n" = 1 ] && pass "range: three reads on one connection" || fail "range: connections" "$n connections for the ranges" "$TMP/nginx-access.log"
expect_branch "range: a server without sizes, one line" "$out" 'range.ipxe:7: httprange: http://10.99.0.1:8080/chunked: server gives no size (no Content-Length)' lwpxe-norange-refused

# POST of parameter lists (params/param, a URI ending in ##params): the
# form and header the server saw; its 303 answer is fetched with GET.
run_lwpxe post '#!ipxe
dhcp
params
param mac ${net0/mac}
param --header X-Lwpxe header-value
param text "a b&c=d/e"
params --name other
param --params other k v
chain http://10.99.0.1:8080/submit##params
imgfetch --name other.bin http://10.99.0.1:8080/other##params=other || echo lwpxe-other-posted
imgfetch http://10.99.0.1:8080/x##params=none || echo lwpxe-none-refused
params --delete
imgfetch http://10.99.0.1:8080/x##params || echo lwpxe-deleted-refused
echo lwpxe-done' --net tap0
out=$TMP/post.out
mac=$(grep -o 'net0 [0-9a-f:]*' "$out" | head -1 | cut -d' ' -f2)
expect "POST: the form the server saw" "$TMP/odd.log" \
	"post /submit application/x-www-form-urlencoded mac=$(echo "$mac" | sed 's/:/%3A/g')&text=a%20b%26c%3Dd%2Fe"
expect "POST: a --header parameter as a request header" "$TMP/odd.log" "post-header X-Lwpxe: header-value"
expect "POST: the 303 answer fetched with GET and run" "$out" "posted-answer-ran"
expect "POST: a named list" "$TMP/odd.log" "post /other application/x-www-form-urlencoded k=v"
expect_branch "POST: a missing list, one line" "$out" 'post.ipxe:11: imgfetch: http://10.99.0.1:8080/x##params=none: no parameter list "none"' lwpxe-none-refused
expect "POST: params --delete" "$out" "lwpxe-deleted-refused"

# Failures: one line each, and no hang.
run_lwpxe bad '#!ipxe
dhcp
imgfetch http://10.99.0.1:8080/stall || echo lwpxe-stall-refused
imgfetch http://10.99.0.1:8080/short || echo lwpxe-short-refused
imgfetch http://10.99.0.1:8080/badheader || echo lwpxe-badheader-refused
imgfetch http://10.99.0.1:8080/badstatus || echo lwpxe-badstatus-refused
imgfetch http://10.99.0.1:8080/loop || echo lwpxe-loop-refused
imgfetch http://10.99.0.1:81/x || echo lwpxe-refused-refused
imgstat stall || imgstat short || echo lwpxe-no-images
imgfetch http://10.99.0.1:8080/resume && sha256sum resume
echo lwpxe-done' --net tap0
out=$TMP/bad.out
# bad_line N URI WHY: line N says "imgfetch: URI: WHY", the || branch follows
bad_line() {
	if strip "$out" | grep -A1 -xF "bad.ipxe:$1: imgfetch: $2: $3" | tail -1 |
		grep -q '^lwpxe-.*-refused$'; then
		pass "failure line: $3"
	else
		fail "failure line" "no 'imgfetch: $2: $3' line" "$out"
	fi
}
bad_line 3 http://10.99.0.1:8080/stall "no data for 10 s after 1000 bytes (Connection timed out)"
bad_line 4 http://10.99.0.1:8080/short "truncated: 1234 of 5000 bytes"
bad_line 5 http://10.99.0.1:8080/badheader "malformed header line"
bad_line 6 http://10.99.0.1:8080/badstatus "malformed status line"
bad_line 7 http://10.99.0.1:8080/loop "more than 5 redirects (a loop?)"
bad_line 8 http://10.99.0.1:81/x "connection refused"
expect "failures: nothing registered" "$out" "lwpxe-no-images"
# /resume: cut at 100,000 bytes, its first Range request unanswered, the
# second answered: each attempt one line, then the whole file
resumed="http://10.99.0.1:8080/resume: no data for 10 s after"
expect "resume: the cut said, the rest asked for" "$out" \
	"$resumed 100000 bytes (Connection timed out); asking for the rest from byte 100000 (1/5)"
expect "resume: an unanswered Range request asked again from the same byte" "$out" \
	"$resumed 0 bytes (Connection timed out); asking for the rest from byte 100000 (2/5)"
expect "resume: the whole file, SHA-256 as the server's" "$out" \
	"$(python3 -c 'import hashlib; print(hashlib.sha256(bytes(i % 251 for i in range(300000))).hexdigest())')  resume"
expect "failures: the script ran to the end" "$out" "lwpxe-done"

host_summary
