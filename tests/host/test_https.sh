#!/bin/sh
# HTTPS host tests: bin-x86_64-linux/lwpxe --trust ca.pem on a TAP
# interface fetches from nginx (Debian's nginx-light) over TLS, with
# certificates from a CA that openssl makes at run time: a 256 MiB file's
# SHA-256 and keep-alive reuse seen in nginx's log.
. "$(dirname "$0")/lib.sh"

ns_setup
www=$TMP/www
pki=$TMP/pki
mkdir -p "$www/files" "$pki"
head -c 268435456 /dev/urandom > "$www/files/big.bin"
head -c 100000 /dev/urandom > "$www/files/small.bin"
sha() {
	sha256sum "$www/$1" | cut -d' ' -f1
}

# mkcert NAME CN ISSUER KEYALG [SAN [FAKETIME]]: NAME.key and NAME.pem
# signed by ISSUER (self-signed CA if ISSUER is -), with subjectAltName
# SAN, 30 days from now (or from FAKETIME).
mkcert() {
	[ -f "$pki/p384.param" ] || openssl ecparam -name secp384r1 -out "$pki/p384.param"
	openssl req -new -newkey "$4" -nodes -keyout "$pki/$1.key" \
		-subj "/CN=$2" -out "$pki/$1.csr" 2>/dev/null
	if [ "$3" = - ]; then
		printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n' > "$pki/$1.ext"
		ca="-signkey $pki/$1.key"
	else
		printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=%s\n' \
			"${5:-IP:10.99.0.1}" > "$pki/$1.ext"
		ca="-CA $pki/$3.pem -CAkey $pki/$3.key -CAcreateserial"
	fi
	${6:+faketime "$6"} openssl x509 -req -days 30 -in "$pki/$1.csr" $ca \
		-extfile "$pki/$1.ext" -out "$pki/$1.pem" 2>/dev/null
}
mkcert ca "lwpxe TLS test CA" - rsa:2048
mkcert server "10.99.0.1" ca rsa:2048

start_nginx "$www" "" "
	log_format tls '\$server_port \$connection \$connection_requests \$uri \$status \$ssl_protocol \$ssl_cipher';
	server {
		listen 10.99.0.1:443 ssl;
		root $www;
		access_log $TMP/nginx-tls.log tls;
		ssl_certificate $pki/server.pem;
		ssl_certificate_key $pki/server.key;
	}"
start_dnsmasq

run_lwpxe get '#!ipxe
dhcp
imgfetch https://10.99.0.1/files/big.bin
imgfetch https://10.99.0.1/files/small.bin
sha256sum big.bin small.bin
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

host_summary
