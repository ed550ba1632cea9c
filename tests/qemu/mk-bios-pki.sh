#!/bin/sh
# The certificates of the BIOS HTTPS test (tests/qemu/test_bios_bzimage.sh),
# into OUTDIR: a test CA (ca.pem, which the test image is built to trust:
# scripts/trust.py) and nginx's certificate for 10.0.2.2, the host as QEMU's
# user network shows it to the guest (server.pem, server.key).
#
# usage: tests/qemu/mk-bios-pki.sh OUTDIR
set -eu

out=$1
mkdir -p "$(dirname "$out")"
PKI=$(mktemp -d "${out%/}.XXXXXX")
trap 'rm -rf "$PKI"' EXIT INT TERM
# shellcheck source=tests/mkcert.sh
. "$(dirname "$0")/../mkcert.sh"

mkcert ca "lwpxe BIOS test CA" - rsa:2048
mkcert server "10.0.2.2" ca rsa:2048 "IP:10.0.2.2"
rm -rf "$out"
mkdir -p "$out"
cp "$PKI/ca.pem" "$PKI/server.pem" "$PKI/server.key" "$out/"
