# shellcheck shell=sh
# Certificates for the HTTPS tests (host and QEMU), made with openssl at
# run time; sourced by tests/host/lib.sh, tests/qemu/mk-qemu-pki.sh and
# tests/fuzz/mktls.sh, after tests/fakeclock.sh.  Callers set $PKI, the
# folder the files go into.

# mkcert NAME CN ISSUER KEYALG [SAN [FROM DAYS]]: $PKI/NAME.key and NAME.pem
# signed by ISSUER (a self-signed CA if ISSUER is -) with subjectAltName SAN
# (default IP:10.99.0.1), valid for DAYS days from the date FROM (default
# 2020-01-01, for 100 years); KEYALG as openssl req -newkey takes it.  The
# dates are absolute, so the tests hold whatever the clock says (within
# those years), also when the suite runs under faketime, which openssl
# sees and lwpxe's system calls do not.  FROM is UTC.
mkcert() {
	openssl req -new -newkey "$4" -nodes -keyout "$PKI/$1.key" \
		-subj "/CN=$2" -out "$PKI/$1.csr" 2>/dev/null
	if [ "$3" = - ]; then
		printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n' > "$PKI/$1.ext"
		ca="-signkey $PKI/$1.key"
	else
		printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=%s\n' \
			"${5:-IP:10.99.0.1}" > "$PKI/$1.ext"
		ca="-CA $PKI/$3.pem -CAkey $PKI/$3.key -CAcreateserial"
	fi
	# shellcheck disable=SC2086  # $ca is several arguments
	fake_clock "@${6:-2020-01-01 00:00:00}" TZ=UTC openssl x509 -req -days "${7:-36500}" \
		-in "$PKI/$1.csr" $ca -extfile "$PKI/$1.ext" -out "$PKI/$1.pem" 2>/dev/null
}
