#!/bin/sh
# Sign the EFI program IN with the "snakeoil" test key of Debian's ovmf
# package (its OVMF_VARS_4M.snakeoil.fd holds the key in PK, KEK and db,
# so OVMF with Secure Boot on starts what it signs) into OUT.  The key is
# shipped encrypted with the passphrase "snakeoil" (README.Debian of
# ovmf); sbsign reads it decrypted from a scratch file.
#
# usage: tests/qemu/sign-snakeoil.sh IN OUT
set -eu

in=$1
out=$2
dir=/usr/share/ovmf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

openssl pkey -in "$dir/PkKek-1-snakeoil.key" -passin pass:snakeoil \
	-out "$tmp/key.pem"
sbsign --key "$tmp/key.pem" --cert "$dir/PkKek-1-snakeoil.pem" \
	--output "$tmp/signed.efi" "$in" 2> "$tmp/err" ||
	{ cat "$tmp/err" >&2; exit 1; }
sbverify --cert "$dir/PkKek-1-snakeoil.pem" "$tmp/signed.efi" > /dev/null 2>&1 ||
	{ echo "sign-snakeoil: $out: the signature does not verify" >&2; exit 1; }
mv "$tmp/signed.efi" "$out"
