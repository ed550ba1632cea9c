#!/bin/sh
# Trust store and signed image host tests: openssl makes a CA, a signer, an
# expired signer and a rogue CA with its own signer at run time; lwpxe
# --trust ca.pem fetches images and detached CMS signatures (openssl cms
# -sign -binary -noattr) from dnsmasq's TFTP server and checks them with
# imgverify: good, image changed, missing signature, untrusted signer,
# expired signer, wrong --signer, and malformed signature files
# (truncated, garbage, not signed data).  Then imgtrust --permanent: an
# unsigned chain is refused, a verified script runs.  certstat lists
# Debian's roots (ISRG Root X1) and the test CA.
. "$(dirname "$0")/lib.sh"

ns_setup
root=$TMP/tftp
PKI=$TMP/pki
pki=$PKI
mkdir -p "$root" "$pki"

# sign IMG SIGNER OUT: a detached DER CMS signature of IMG by SIGNER.
sign() {
	openssl cms -sign -binary -noattr -outform DER -in "$1" \
		-signer "$pki/$2.pem" -inkey "$pki/$2.key" -out "$3"
}

mkcert ca "lwpxe test CA" - rsa:2048
mkcert signer "lwpxe test signer" ca rsa:2048
mkcert old "lwpxe expired signer" ca rsa:2048 "" "2021-01-01 00:00:00" 30
mkcert rogue "lwpxe rogue CA" - rsa:2048
mkcert rogue_signer "lwpxe rogue signer" rogue rsa:2048

opaque_file "$root/img.bin" 200000
sign "$root/img.bin" signer "$root/img.bin.sig"
cp "$root/img.bin" "$root/changed.bin"
printf 'X' | dd of="$root/changed.bin" bs=1 seek=1000 conv=notrunc 2>/dev/null
cp "$root/img.bin.sig" "$root/changed.bin.sig"
sign "$root/img.bin" rogue_signer "$root/rogue.sig"
sign "$root/img.bin" old "$root/old.sig"
head -c "$(($(wc -c < "$root/img.bin.sig") / 2))" "$root/img.bin.sig" > "$root/half.sig"
head -c 40 "$root/img.bin.sig" > "$root/head.sig"
head -c 1000 /dev/urandom > "$root/garbage.sig"
openssl cms -data_create -binary -outform DER -in "$root/img.bin" -out "$root/data.sig"
printf '#!ipxe\necho lwpxe-signed-script-ran\n' > "$root/signed.ipxe"
sign "$root/signed.ipxe" signer "$root/signed.ipxe.sig"
printf '#!ipxe\necho lwpxe-unsigned-script-ran\n' > "$root/unsigned.ipxe"
chmod 755 "$TMP" "$root"
chmod 644 "$root"/*
start_dnsmasq --enable-tftp --tftp-root="$root"

# check NAME LINE: pass if the verify run printed LINE (after "verify.ipxe:N: ").
check() {
	if sed "s|^$TMP/verify.ipxe:[0-9]*: ||" "$TMP/verify.out" | grep -qxF -- "$2"; then
		pass "$1"
	else
		fail "$1" "no line '$2'" "$TMP/verify.out"
	fi
}

run_lwpxe verify '#!ipxe
dhcp
imgfetch tftp://10.99.0.1/img.bin
imgfetch tftp://10.99.0.1/changed.bin
imgverify img.bin tftp://10.99.0.1/img.bin.sig && echo lwpxe-good-verified
imgstat img.bin
imgverify --signer "lwpxe test signer" img.bin tftp://10.99.0.1/img.bin.sig && echo lwpxe-signer-ok
imgverify changed.bin tftp://10.99.0.1/changed.bin.sig || echo lwpxe-changed-refused
imgstat changed.bin
imgverify img.bin tftp://10.99.0.1/missing.sig || echo lwpxe-missing-refused
imgverify img.bin tftp://10.99.0.1/rogue.sig || echo lwpxe-rogue-refused
imgverify img.bin tftp://10.99.0.1/old.sig || echo lwpxe-old-refused
imgverify --signer someone img.bin tftp://10.99.0.1/img.bin.sig || echo lwpxe-signer-refused
imgverify img.bin tftp://10.99.0.1/half.sig || echo lwpxe-half-refused
imgverify img.bin tftp://10.99.0.1/head.sig || echo lwpxe-head-refused
imgverify img.bin tftp://10.99.0.1/garbage.sig || echo lwpxe-garbage-refused
imgverify img.bin tftp://10.99.0.1/data.sig || echo lwpxe-data-refused
echo lwpxe-done' --net tap0 --trust "$pki/ca.pem"

expect "imgverify: a good signature" "$TMP/verify.out" "lwpxe-good-verified"
expect "imgstat: the image is marked verified" "$TMP/verify.out" \
	"img.bin: 200000 bytes [unknown format] [verified]"
expect "imgverify --signer: the signer's common name" "$TMP/verify.out" "lwpxe-signer-ok"
check "imgverify: image changed" "imgverify: changed.bin: bad signature (digest mismatch)"
expect "imgstat: a changed image is not verified" "$TMP/verify.out" \
	"changed.bin: 200000 bytes [unknown format]"
check "imgverify: missing signature" "imgverify: tftp://10.99.0.1/missing.sig: file not found"
check "imgverify: untrusted signer names the issuer" \
	"imgverify: img.bin: signer certificate lwpxe rogue signer not trusted (issuer lwpxe rogue CA is not in the trust store)"
old_end=$(date -u -d "$(openssl x509 -enddate -noout -in "$pki/old.pem" | cut -d= -f2)" +%Y-%m-%d)
check "imgverify: expired signer names the date" \
	"imgverify: img.bin: signer certificate lwpxe expired signer expired on $old_end"
check "imgverify: wrong --signer" "imgverify: img.bin: wrong signer: lwpxe test signer (not someone)"
check "imgverify: truncated signature (half)" "imgverify: half.sig: malformed signature file: not DER CMS/PKCS#7"
check "imgverify: truncated signature (40 bytes)" "imgverify: head.sig: malformed signature file: not DER CMS/PKCS#7"
check "imgverify: garbage signature" "imgverify: garbage.sig: malformed signature file: not DER CMS/PKCS#7"
check "imgverify: not signed data" "imgverify: data.sig: malformed signature file: not CMS signed data"
for w in changed missing rogue old signer half head garbage data; do
	grep -qx "lwpxe-$w-refused" "$TMP/verify.out" ||
		fail "imgverify $w: fails (the || branch ran)" "no lwpxe-$w-refused" "$TMP/verify.out"
done
expect "imgverify: the script ran to the end" "$TMP/verify.out" "lwpxe-done"

# imgtrust --permanent: only verified images start, for good.
run_lwpxe imgtrust '#!ipxe
dhcp
imgfetch tftp://10.99.0.1/signed.ipxe
imgverify signed.ipxe tftp://10.99.0.1/signed.ipxe.sig
imgtrust --permanent
imgexec signed.ipxe
chain tftp://10.99.0.1/unsigned.ipxe || echo lwpxe-unsigned-refused
imgtrust --allow || echo lwpxe-allow-refused
chain tftp://10.99.0.1/unsigned.ipxe || echo lwpxe-still-refused' --net tap0 --trust "$pki/ca.pem"
out=$TMP/imgtrust.out
expect "imgtrust: a verified script runs" "$out" "lwpxe-signed-script-ran"
if sed "s|^$TMP/||" "$out" | grep -A1 -xF 'imgtrust.ipxe:7: chain: unsigned.ipxe: refused: not verified (imgtrust is in force)' |
	tail -1 | grep -qx lwpxe-unsigned-refused; then
	pass "imgtrust: an unsigned chain is refused with one line"
else
	fail "imgtrust: unsigned chain refused" "no 'chain: unsigned.ipxe: refused' line" "$out"
fi
expect "imgtrust --allow after --permanent fails" "$out" "lwpxe-allow-refused"
expect "imgtrust --permanent stays in force" "$out" "lwpxe-still-refused"
grep -q lwpxe-unsigned-script-ran "$out" &&
	fail "imgtrust: the unsigned script never ran" "it ran" "$out" ||
	pass "imgtrust: the unsigned script never ran"

# certstat: Debian's roots by default, the test CA added by --trust.
run_lwpxe certstat '#!ipxe
certstat'
grep -q '^ISRG Root X1  sha256:96bcec06264976f3  until 2035-06-04$' "$TMP/certstat.out" &&
	pass "certstat: the default store holds ISRG Root X1" ||
	fail "certstat: ISRG Root X1" "no line" "$TMP/certstat.out"
n=$(ls /usr/share/ca-certificates/mozilla/*.crt | wc -l)
expect "certstat: every Debian root parsed" "$TMP/certstat.out" "$n trusted roots"
run_lwpxe certstat_ca '#!ipxe
certstat' --trust "$pki/ca.pem"
fp=$(openssl x509 -in "$pki/ca.pem" -outform DER | sha256sum | cut -c1-16)
ca_end=$(date -u -d "$(openssl x509 -enddate -noout -in "$pki/ca.pem" | cut -d= -f2)" +%Y-%m-%d)
expect "certstat: --trust adds the test CA" "$TMP/certstat_ca.out" "lwpxe test CA  sha256:$fp  until $ca_end"
expect "certstat: one root more" "$TMP/certstat_ca.out" "$((n + 1)) trusted roots"

# --trust with a file that holds no certificate: one line, exit 1.
run_lwpxe badtrust '#!ipxe' --trust "$root/garbage.sig"
[ "$status" = 1 ] && grep -qxF "lwpxe: --trust $root/garbage.sig: no certificate in it" "$TMP/badtrust.out" &&
	pass "--trust: a file without certificates is one line" ||
	fail "--trust without certificates" "status $status" "$TMP/badtrust.out"

host_summary
