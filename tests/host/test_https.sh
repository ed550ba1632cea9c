#!/bin/sh
# HTTPS host tests: bin-x86_64-linux/lwpxe --trust ca.pem on a TAP
# interface fetches from nginx (Debian's nginx-light) over TLS, with
# certificates from a CA that openssl makes at run time: a 256 MiB file's
# SHA-256, keep-alive reuse, a TLS 1.2-only and a TLS 1.3-only server
# (the version in nginx's log), an http:// -> https:// redirect, a client
# certificate (--cert/--key) nginx verifies; refused with one line each:
# a wrong name, an expired certificate, one from a CA not trusted, a
# self-signed one, no common cipher suite, and (tls_peer.py) a server
# that says nothing or closes during the handshake.
. "$(dirname "$0")/lib.sh"

ns_setup
www=$TMP/www
PKI=$TMP/pki
pki=$PKI
mkdir -p "$www/files" "$pki"
head -c 268435456 /dev/urandom > "$www/files/big.bin"
head -c 100000 /dev/urandom > "$www/files/small.bin"
sha() {
	sha256sum "$www/$1" | cut -d' ' -f1
}

mkcert ca "lwpxe TLS test CA" - rsa:2048
mkcert server "10.99.0.1" ca rsa:2048
openssl ecparam -name secp384r1 -out "$pki/p384.param"
mkcert server13 "10.99.0.1" ca ec:"$pki/p384.param"
mkcert wrong "wrong.test" ca rsa:2048 "DNS:other.test,IP:10.99.0.2"
mkcert old "10.99.0.1" ca rsa:2048 "" "2021-01-01 00:00:00" 30
mkcert rogue "lwpxe Rogue CA" - rsa:2048
mkcert stranger "10.99.0.1" rogue rsa:2048
mkcert self "10.99.0.1" - rsa:2048
mkcert client "lwpxe client" ca rsa:2048 "DNS:client.example"

# tls_server PORT CERT [DIRECTIVES]: an nginx server block on PORT with CERT
tls_server() {
	printf '\tserver {\n\t\tlisten 10.99.0.1:%s ssl;\n\t\troot %s;\n\t\taccess_log %s tls;\n\t\tssl_certificate %s;\n\t\tssl_certificate_key %s;\n\t\t%s\n\t}\n' \
		"$1" "$www" "$TMP/nginx-tls.log" "$pki/$2.pem" "$pki/$2.key" "${3:-}"
}
start_nginx "$www" "location = /tohttps { return 301 https://10.99.0.1/files/small.bin; }" "
	log_format tls '\$server_port \$connection \$connection_requests \$uri \$status \$ssl_protocol \$ssl_cipher \$ssl_client_verify';
$(tls_server 443 server)
$(tls_server 8412 server "ssl_protocols TLSv1.2; ssl_ciphers ECDHE-RSA-CHACHA20-POLY1305;")
$(tls_server 8413 server13 "ssl_protocols TLSv1.3;")
$(tls_server 8414 server "ssl_protocols TLSv1.2; ssl_ciphers ECDHE-RSA-AES256-GCM-SHA384;")
$(tls_server 8420 wrong)
$(tls_server 8421 old)
$(tls_server 8422 stranger)
$(tls_server 8423 self)
$(tls_server 8424 server "ssl_protocols TLSv1.2; ssl_ciphers AES128-SHA;")
$(tls_server 8425 server "ssl_verify_client on; ssl_client_certificate $pki/ca.pem;")"
PEER_PORT=8430
start_responder tls_peer.py "$PEER_PORT" peer
start_dnsmasq

run_lwpxe get '#!ipxe
dhcp
imgfetch https://10.99.0.1/files/big.bin
imgfetch https://10.99.0.1/files/small.bin
sha256sum big.bin small.bin
imgfree
imgfetch --name v12.bin https://10.99.0.1:8412/files/small.bin
imgfetch --name v13.bin https://10.99.0.1:8413/files/small.bin
imgfetch --name v256.bin https://10.99.0.1:8414/files/small.bin
imgfetch --name v13b.bin https://10.99.0.1:8413/files/big.bin
imgfetch --name redir.bin http://10.99.0.1/tohttps
sha256sum v12.bin v13.bin v256.bin v13b.bin redir.bin
echo lwpxe-done' --net tap0 --trust "$pki/ca.pem"
out=$TMP/get.out
[ "$status" = 0 ] && pass "get: exit status 0" || fail "get: exit status $status" "" "$out"
expect "256 MiB file over HTTPS: SHA-256 as on the server" "$out" "$(sha files/big.bin)  big.bin"
expect "small file over HTTPS: SHA-256 as on the server" "$out" "$(sha files/small.bin)  small.bin"
# big.bin and small.bin were asked for on one TLS connection
conn=$(awk '$4 == "/files/big.bin" { print $2 }' "$TMP/nginx-tls.log" | head -1)
if awk -v c="$conn" '$2 == c && $3 == 2 && $4 == "/files/small.bin"' "$TMP/nginx-tls.log" | grep -q .; then
	pass "keep-alive over TLS: the second fetch reused the connection (nginx's log)"
else
	fail "keep-alive over TLS" "not one connection in nginx's log" "$TMP/nginx-tls.log"
fi
expect "TLS 1.2-only server (ECDHE-RSA, ChaCha20-Poly1305)" "$out" "$(sha files/small.bin)  v12.bin"
expect "TLS 1.3-only server (ECDSA P-384 certificate)" "$out" "$(sha files/small.bin)  v13.bin"
expect "TLS 1.2 server with AES-256-GCM only" "$out" "$(sha files/small.bin)  v256.bin"
expect "TLS 1.3: 256 MiB on the kept connection" "$out" "$(sha files/big.bin)  v13b.bin"
[ "$(awk '$1 == 8413 { print $2, $3 }' "$TMP/nginx-tls.log" | tr '\n' ' ')" = "$(awk '$1 == 8413 { print $2; exit }' "$TMP/nginx-tls.log") 1 $(awk '$1 == 8413 { print $2; exit }' "$TMP/nginx-tls.log") 2 " ] &&
	pass "keep-alive over TLS 1.3 (nginx's log)" ||
	fail "keep-alive over TLS 1.3" "not one connection for port 8413" "$TMP/nginx-tls.log"
expect "http:// -> https:// redirect followed" "$out" "$(sha files/small.bin)  redir.bin"
# version: the server's own record of each connection
tls_log() {
	awk -v p="$1" -v u="$2" '$1 == p && $4 == u { print $6, $7, $8 }' "$TMP/nginx-tls.log"
}
[ "$(tls_log 8412 /files/small.bin)" = "TLSv1.2 ECDHE-RSA-CHACHA20-POLY1305 NONE" ] &&
	pass "nginx saw TLS 1.2 with ChaCha20-Poly1305 on its 1.2-only server" ||
	fail "TLS 1.2" "nginx's log has no TLSv1.2 ChaCha20 line for port 8412" "$TMP/nginx-tls.log"
tls_log 8413 /files/small.bin | grep -q '^TLSv1.3 TLS_' &&
	pass "nginx saw TLS 1.3 on its 1.3-only server" ||
	fail "TLS 1.3" "nginx's log has no TLSv1.3 line for port 8413" "$TMP/nginx-tls.log"

run_lwpxe bad '#!ipxe
dhcp
imgfetch https://10.99.0.1:8420/files/small.bin || echo lwpxe-wrong-refused
imgfetch https://10.99.0.1:8421/files/small.bin || echo lwpxe-old-refused
imgfetch https://10.99.0.1:8422/files/small.bin || echo lwpxe-stranger-refused
imgfetch https://10.99.0.1:8423/files/small.bin || echo lwpxe-self-refused
imgfetch https://10.99.0.1:8424/files/small.bin || echo lwpxe-cipher-refused
imgfetch https://10.99.0.1:8430/files/small.bin || echo lwpxe-silent-refused
imgfetch https://10.99.0.1:8431/files/small.bin || echo lwpxe-close-refused
imgfetch https://10.99.0.1:8425/files/small.bin || echo lwpxe-nocert-refused
imgstat small.bin || echo lwpxe-no-images
echo lwpxe-done' --net tap0 --trust "$pki/ca.pem"
out=$TMP/bad.out
# bad_line N PORT WHY: line N says "imgfetch: URI: WHY", the || branch follows
bad_line() {
	if strip "$out" | grep -A1 -xF "bad.ipxe:$1: imgfetch: https://10.99.0.1:$2/files/small.bin: $3" |
		tail -1 | grep -q '^lwpxe-.*-refused$'; then
		pass "refused: $3"
	else
		fail "refused" "no 'imgfetch: https://10.99.0.1:$2/files/small.bin: $3' line" "$out"
	fi
}
expired=$(date -u -d "$(openssl x509 -enddate -noout -in "$pki/old.pem" | cut -d= -f2)" +%Y-%m-%d)
bad_line 3 8420 "name mismatch: 10.99.0.1 is not in the certificate's names (wrong.test, other.test, 10.99.0.2)"
bad_line 4 8421 "certificate 10.99.0.1 expired on $expired"
bad_line 5 8422 "certificate 10.99.0.1 not trusted (issuer lwpxe Rogue CA is not in the trust store)"
bad_line 6 8423 "certificate 10.99.0.1 not trusted (issuer 10.99.0.1 is not in the trust store)"
bad_line 7 8424 "no common cipher suite/version (server sent alert handshake_failure)"
bad_line 8 8430 "no TLS answer from the server (timed out after 10 s)"
bad_line 9 8431 "the server closed the connection during the TLS handshake"
bad_line 10 8425 "400 Bad Request"
expect "refusals: nothing registered" "$out" "lwpxe-no-images"
expect "refusals: the script ran to the end" "$out" "lwpxe-done"

run_lwpxe cert '#!ipxe
dhcp
imgfetch https://10.99.0.1:8425/files/small.bin
sha256sum small.bin' --net tap0 --trust "$pki/ca.pem" --cert "$pki/client.pem" --key "$pki/client.key"
out=$TMP/cert.out
expect "client certificate (--cert/--key) accepted" "$out" "$(sha files/small.bin)  small.bin"
[ "$(tls_log 8425 /files/small.bin | awk '$3 == "SUCCESS"' | wc -l)" = 1 ] &&
	pass "nginx verified the client certificate once" ||
	fail "client certificate" "nginx's log has no one SUCCESS line for port 8425" "$TMP/nginx-tls.log"

host_summary
